import { env } from '../env.ts'

/**
 * Read your own writes across requests: the response to a request that wrote sets this cookie (trpc-handler.ts),
 * and for its lifetime — longer than the read replica may lag before reads leave it (server/db/replica.ts) — the
 * browser's public reads use the primary (context.ts). Not personal: its value is "1".
 */
export const READ_PRIMARY_COOKIE = 'overstap-read-primary'
export const READ_PRIMARY_SECONDS = 30

export const readPrimaryCookie = () =>
  `${READ_PRIMARY_COOKIE}=1; Path=/; Max-Age=${READ_PRIMARY_SECONDS}; HttpOnly; SameSite=Lax${env.AUTH_URL?.startsWith('https://') ? '; Secure' : ''}`
