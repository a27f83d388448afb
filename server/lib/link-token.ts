import { createHash, randomBytes } from 'node:crypto'

/**
 * An unguessable link token (256 random bits, base64url) and the hash that is stored instead of it: the links of
 * bookings and registrations (server/booking/token.ts) and the further links a reminder issues for a booking.
 */
export function newLinkToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url')
  return { token, hash: hashLinkToken(token) }
}

export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}
