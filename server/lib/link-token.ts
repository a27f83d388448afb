import { hash, randomFillSync } from 'node:crypto'

/** Random bytes for tokens, drawn from the CSPRNG in batches (as node's randomUUID does): one call per 128 tokens. */
const POOL_TOKENS = 128
const pool = Buffer.alloc(32 * POOL_TOKENS)
let next = POOL_TOKENS

/**
 * An unguessable link token (256 random bits, base64url) and the hash that is stored instead of it: the links of
 * bookings and registrations (server/booking/token.ts) and the further links a reminder issues for a booking. The
 * bytes come from a batch the CSPRNG filled (each token's 32 bytes used once): a booking rush made a call into
 * OpenSSL per token (issue 17).
 */
export function newLinkToken(): { token: string; hash: string } {
  if (next === POOL_TOKENS) {
    randomFillSync(pool)
    next = 0
  }
  const token = pool.toString('base64url', next * 32, ++next * 32)
  return { token, hash: hashLinkToken(token) }
}

export function hashLinkToken(token: string): string {
  return hash('sha256', token, 'hex')
}
