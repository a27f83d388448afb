/**
 * Sign-in (Auth.js / next-auth v5), database sessions:
 *  - e-mail magic link sent over SMTP with nodemailer,
 *  - generic OpenID Connect, configured by environment: SURFconext (ho) and Kennisnet Entree Federatie (vo/mbo).
 * Only known users and addresses with an open invitation may sign in. Open invitations become roles on sign-in.
 * The e-mail form answers the same for every address ("check your e-mail"; no mail to unknown ones) and is
 * rate-limited per address and IP; OIDC needs a verified address of the provider's domains and never takes over an
 * admin's or coordinator's account (server/auth/sign-in-guard.ts). AUTH_URL is required in production (server/env.ts),
 * so links never take their host from request headers.
 * Demo one-click sign-in is a separate route that exists only in demo builds (server/auth/demo.ts).
 */
import NextAuth, { type NextAuthConfig } from 'next-auth'
import Nodemailer from 'next-auth/providers/nodemailer'
import type { OIDCConfig } from 'next-auth/providers'
import { PrismaAdapter } from '@auth/prisma-adapter'
import { headers } from 'next/headers'
import { db } from '../db/client.ts'
import { env } from '../env.ts'
import { acceptInvitations, mayStartSignIn } from './invitations.ts'
import { limitSignInMail, oidcRefusal } from './sign-in-guard.ts'
import { SESSION_MAX_AGE, SESSION_UPDATE_AGE } from './session.ts'
import { clientIp } from '../lib/client-ip.ts'
import { AppError } from '../lib/errors.ts'
import { sendMail } from '../mail/mailer.ts'
import { translator } from '../i18n/translate.ts'
import { defaultLocale } from '../i18n/config.ts'
import { logger } from '../lib/logger.ts'

type OidcProfile = { sub: string; email?: string; email_verified?: boolean | string; name?: string; given_name?: string; family_name?: string }

const oidcDomains: Record<string, string[]> = { surfconext: env.SURFCONEXT_EMAIL_DOMAINS, entree: env.ENTREE_EMAIL_DOMAINS }

/** Where Auth.js sends the browser after a sign-in mail was sent: the "check your e-mail" page. */
const CHECK_EMAIL = '/api/auth/verify-request?provider=nodemailer&type=email'

async function requestIp(): Promise<string> {
  try {
    return clientIp(await headers(), env.TRUSTED_PROXIES)
  } catch {
    return 'unknown' // outside a request
  }
}

function oidcProvider(id: string, name: string, prefix: 'SURFCONEXT' | 'ENTREE'): OIDCConfig<OidcProfile> | null {
  const issuer = env[`${prefix}_ISSUER`]
  if (!issuer) return null
  return {
    id,
    name,
    type: 'oidc',
    issuer,
    clientId: env[`${prefix}_CLIENT_ID`],
    clientSecret: env[`${prefix}_CLIENT_SECRET`],
    authorization: { params: { scope: 'openid email profile' } },
    checks: ['pkce', 'state', 'nonce'],
    // The federations assert the institution's e-mail address; users are pre-registered or invited by address,
    // so an OIDC sign-in is linked to the existing user with that address — only after the checks of the signIn
    // callback (verified address, the provider's domains, never an admin's or coordinator's account).
    allowDangerousEmailAccountLinking: true,
    profile: (p) => ({
      id: p.sub,
      email: p.email?.toLowerCase(),
      name: p.name ?? ([p.given_name, p.family_name].filter(Boolean).join(' ') || null),
    }),
  }
}

export const oidcProviders = [oidcProvider('surfconext', 'SURFconext', 'SURFCONEXT'), oidcProvider('entree', 'Kennisnet Entree', 'ENTREE')].filter(
  (p): p is OIDCConfig<OidcProfile> => p !== null,
)

export const authConfig: NextAuthConfig = {
  adapter: PrismaAdapter(db as never),
  // The same lifetime and renewal rule as the fast read of the session on every request (server/auth/session.ts).
  session: { strategy: 'database', maxAge: SESSION_MAX_AGE, updateAge: SESSION_UPDATE_AGE },
  secret: env.AUTH_SECRET,
  // AUTH_URL, required in production, fixes the host of every link; trustHost only matters without it (dev, tests).
  trustHost: true,
  // Secure (and __Secure-/__Host-prefixed) cookies whenever the public URL is https, also behind a TLS-terminating proxy.
  useSecureCookies: env.AUTH_URL?.startsWith('https://') ?? false,
  pages: { signIn: '/signin', verifyRequest: '/signin/check-email', error: '/signin' },
  providers: [
    Nodemailer({
      server: env.SMTP_URL ?? { streamTransport: true },
      from: env.EMAIL_FROM,
      maxAge: 30 * 60,
      async sendVerificationRequest({ identifier, url }) {
        const t = translator(defaultLocale, 'mail.signIn')
        // Not awaited: the answer must not wait for SMTP, or its timing would tell a known address from an unknown one.
        sendMail({ to: identifier, subject: t('subject'), text: t('body', { url }), html: `<p>${t('intro')}</p><p><a href="${url}">${t('button')}</a></p><p>${t('ignore')}</p>` }).catch((err: Error) =>
          logger.error({ err }, 'auth: sign-in mail not sent'),
        )
      },
    }),
    ...oidcProviders,
  ],
  callbacks: {
    async signIn({ user, account, profile, email }) {
      if (!user.email || !account) return false
      if (account.type === 'email' && email?.verificationRequest) {
        try {
          await limitSignInMail(user.email, await requestIp())
        } catch (err) {
          if (err instanceof AppError && err.code === 'RATE_LIMITED') return '/signin?error=RateLimited'
          throw err
        }
        // An unknown address gets the same answer as a known one, only no mail.
        return (await mayStartSignIn(db, user.email)) || CHECK_EMAIL
      }
      if (account.type === 'oidc') {
        const refusal = await oidcRefusal(db, { provider: account.provider, providerAccountId: account.providerAccountId, email: user.email, emailVerified: profile?.email_verified, allowedDomains: oidcDomains[account.provider] ?? [] })
        if (refusal) {
          logger.warn({ provider: account.provider, refusal }, 'auth: sign-in refused')
          return false
        }
      }
      return mayStartSignIn(db, user.email)
    },
    session({ session, user }) {
      return { ...session, user: { ...session.user, id: user.id } }
    },
  },
  events: {
    async signIn({ user }) {
      if (!user.id || !user.email) return
      // Signing in (by link or federation) ends the other sign-in links still out for the address: several mails
      // asked, one used — the others no longer sign anyone in (Auth.js deletes only the token it used).
      await db.verificationToken.deleteMany({ where: { identifier: { equals: user.email, mode: 'insensitive' } } })
      await acceptInvitations(db, user.id, user.email)
    },
  },
}

export const { handlers, auth, signIn, signOut } = NextAuth(authConfig)
