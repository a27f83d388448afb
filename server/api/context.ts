import { cookies } from 'next/headers'
import { auth } from '../auth/config.ts'
import { loadActor } from '../auth/actor.ts'
import { db } from '../db/client.ts'
import { LOCALE_COOKIE, pickLocale } from '../i18n/config.ts'
import { clientIp } from '../lib/client-ip.ts'
import { env } from '../env.ts'
import type { Context } from './trpc.ts'

/** Context of a tRPC request: the actor comes from the verified database session, never from the client. */
export async function createContext(opts: { headers: Headers }): Promise<Context> {
  const session = await auth()
  const actor = session?.user?.id ? await loadActor(db, session.user.id) : null
  const cookieStore = await cookies()
  const locale = pickLocale(cookieStore.get(LOCALE_COOKIE)?.value)
  // Never the client's own X-Forwarded-For: the socket peer, or the right-most hop before TRUSTED_PROXIES.
  const ip = clientIp(opts.headers, env.TRUSTED_PROXIES)
  return { db, actor, locale, ip }
}
