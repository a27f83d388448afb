/**
 * Sign-in (Auth.js / next-auth v5), database sessions:
 *  - e-mail magic link sent over SMTP with nodemailer,
 *  - generic OpenID Connect, configured by environment: SURFconext (ho) and Kennisnet Entree Federatie (vo/mbo).
 * Only known users and addresses with an open invitation may sign in. Open invitations become roles on sign-in.
 * Demo one-click sign-in is a separate route that exists only in demo builds (server/auth/demo.ts).
 */
import NextAuth, { type NextAuthConfig } from 'next-auth'
import Nodemailer from 'next-auth/providers/nodemailer'
import type { OIDCConfig } from 'next-auth/providers'
import { PrismaAdapter } from '@auth/prisma-adapter'
import { db } from '../db/client.ts'
import { env } from '../env.ts'
import { acceptInvitations, mayStartSignIn } from './invitations.ts'
import { sendMail } from '../mail/mailer.ts'
import { translator } from '../i18n/translate.ts'
import { defaultLocale } from '../i18n/config.ts'

type OidcProfile = { sub: string; email?: string; name?: string; given_name?: string; family_name?: string }

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
    // so an OIDC sign-in is linked to the existing user with that address.
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
  session: { strategy: 'database', maxAge: 8 * 60 * 60, updateAge: 15 * 60 },
  secret: env.AUTH_SECRET,
  trustHost: true,
  pages: { signIn: '/signin', verifyRequest: '/signin/check-email', error: '/signin' },
  providers: [
    Nodemailer({
      server: env.SMTP_URL ?? { streamTransport: true },
      from: env.EMAIL_FROM,
      maxAge: 30 * 60,
      async sendVerificationRequest({ identifier, url }) {
        const t = translator(defaultLocale, 'mail.signIn')
        await sendMail({ to: identifier, subject: t('subject'), text: t('body', { url }), html: `<p>${t('intro')}</p><p><a href="${url}">${t('button')}</a></p><p>${t('ignore')}</p>` })
      },
    }),
    ...oidcProviders,
  ],
  callbacks: {
    async signIn({ user }) {
      return !!user.email && (await mayStartSignIn(db, user.email))
    },
    session({ session, user }) {
      return { ...session, user: { ...session.user, id: user.id } }
    },
  },
  events: {
    async signIn({ user }) {
      if (user.id && user.email) await acceptInvitations(db, user.id, user.email)
    },
  },
}

export const { handlers, auth, signIn, signOut } = NextAuth(authConfig)
