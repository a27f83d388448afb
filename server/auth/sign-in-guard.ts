/**
 * Checks at sign-in (server/auth/config.ts):
 *  - magic-link mails are rate-limited per address and per client IP, for known and unknown addresses alike, so
 *    that neither the limit nor the answer tells whether an address is known;
 *  - an OpenID Connect sign-in needs a verified e-mail address within the provider's configured domains, and is
 *    never linked automatically to an existing platform admin's or regional coordinator's account.
 */
import type { Db } from '../db/client.ts'
import { env } from '../env.ts'
import { consumeAll, type RateLimit } from '../lib/rate-limit.ts'

const HOUR = 60 * 60

export const signInMailLimits = {
  address: { name: 'signin-mail-address', points: env.SIGNIN_MAIL_LIMIT_PER_ADDRESS, durationSeconds: HOUR },
  ip: { name: 'signin-mail-ip', points: env.SIGNIN_MAIL_LIMIT_PER_IP, durationSeconds: HOUR },
} satisfies Record<string, RateLimit>

/** Consumes one sign-in mail of the address and of the client IP; RATE_LIMITED (429) when either is used up. */
export async function limitSignInMail(email: string, ip: string): Promise<void> {
  await consumeAll([
    [signInMailLimits.address, email.trim().toLowerCase()],
    [signInMailLimits.ip, ip],
  ])
}

/** Roles whose accounts an identity provider may never take over by asserting their e-mail address. */
const NEVER_AUTO_LINKED = new Set(['PLATFORM_ADMIN', 'REGION_COORDINATOR'])

export type OidcSignIn = { provider: string; providerAccountId: string; email: string | null | undefined; emailVerified: unknown; allowedDomains: string[] }

/** Why an OpenID Connect sign-in is refused (for the server log, without the address), or null when it may go on. */
export async function oidcRefusal(db: Db, s: OidcSignIn): Promise<string | null> {
  if (!s.email) return 'no e-mail address'
  if (s.emailVerified !== true && s.emailVerified !== 'true') return 'e-mail address not verified (email_verified)'
  const domain = s.email.toLowerCase().split('@').pop() ?? ''
  if (!s.allowedDomains.includes(domain)) return `e-mail domain ${domain} not allowed for ${s.provider}`
  const linked = await db.account.findUnique({ where: { provider_providerAccountId: { provider: s.provider, providerAccountId: s.providerAccountId } }, select: { userId: true } })
  if (linked) return null // linked before: the account, not the asserted address, identifies the user
  const user = await db.user.findUnique({ where: { email: s.email.toLowerCase() }, select: { roles: { select: { role: true } } } })
  if (user?.roles.some((r) => NEVER_AUTO_LINKED.has(r.role))) return 'existing admin or coordinator account: never linked automatically'
  return null
}
