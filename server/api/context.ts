import { actorForSession, cookieValue, sessionCookieName } from '../auth/session.ts'
import { db, pool } from '../db/client.ts'
import { publicReadDb } from '../db/replica.ts'
import { READ_PRIMARY_COOKIE } from './read-primary.ts'
import { LOCALE_COOKIE, pickLocale } from '../i18n/config.ts'
import { clientIp } from '../lib/client-ip.ts'
import { env } from '../env.ts'
import type { Context } from './trpc.ts'

const SESSION_COOKIE = sessionCookieName(env.AUTH_URL?.startsWith('https://') ?? false)

/**
 * Context of a tRPC request, route handler or server render: the actor comes from the verified database session
 * (the session cookie's token, looked up with the user and roles in one statement: server/auth/session.ts), never
 * from the client. Reads only the request's headers, so the fetch handler runs the same way outside Next (bench).
 */
export async function createContext(opts: { headers: Headers }): Promise<Context> {
  const cookie = opts.headers.get('cookie')
  const actor = await actorForSession(pool, cookieValue(cookie, SESSION_COOKIE))
  const locale = pickLocale(cookieValue(cookie, LOCALE_COOKIE))
  // Never the client's own X-Forwarded-For: the socket peer, or the right-most hop before TRUSTED_PROXIES.
  const ip = clientIp(opts.headers, env.TRUSTED_PROXIES)
  // Public reads may use the read replica, unless this browser wrote moments ago (READ_PRIMARY_COOKIE).
  const readDb = cookieValue(cookie, READ_PRIMARY_COOKIE) ? db : publicReadDb()
  return { db, readDb, wrote: { value: false }, actor, locale, ip }
}
