import { createHash, randomBytes } from 'node:crypto'

/** An unguessable link token of a booking or registration (256 random bits, base64url) and the hash that is stored instead of it. */
export function newBookingToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url')
  return { token, hash: hashBookingToken(token) }
}

export function hashBookingToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}
