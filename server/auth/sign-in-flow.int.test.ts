/**
 * Sign-in through Auth.js's own route handlers and callbacks, against the real database:
 *  - the magic link: its token is valid 30 minutes, works once, and a link used after its expiry is refused;
 *  - the session it creates lasts 8 hours: read later than that it gives no actor (and the session row is deleted);
 *  - OpenID Connect (SURFconext and Kennisnet Entree alike) refuses an address that is neither a user nor invited;
 *  - the Entree provider is built from its ENTREE_* environment variables.
 * The environment is set before server/env.ts is read (vi.hoisted) and restored afterwards (forks run several files).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

const saved = vi.hoisted(() => {
  const set = {
    AUTH_SECRET: 'sign-in-flow-test-secret-0123456789abcdef',
    AUTH_URL: 'http://localhost:3999',
    SURFCONEXT_ISSUER: 'https://connect.test.surfconext.nl',
    SURFCONEXT_CLIENT_ID: 'overstap-surf',
    SURFCONEXT_CLIENT_SECRET: 'surf-secret',
    SURFCONEXT_EMAIL_DOMAINS: 'example.test',
    ENTREE_ISSUER: 'https://connect.test.entree.kennisnet.nl',
    ENTREE_CLIENT_ID: 'overstap-entree',
    ENTREE_CLIENT_SECRET: 'entree-secret',
    ENTREE_EMAIL_DOMAINS: 'example.test,school.example',
    // Outside a request the client IP is 'unknown' for every sign-in: a high per-IP limit keeps reruns green.
    SIGNIN_MAIL_LIMIT_PER_IP: '100000',
  }
  const before = Object.fromEntries(Object.keys(set).map((k) => [k, process.env[k]]))
  Object.assign(process.env, set)
  return before
})

import { randomBytes, createHash } from 'node:crypto'
import { NextRequest } from 'next/server'
import type { Account, Profile, User } from 'next-auth'
import { db, pool } from '../db/client.ts'
import { buildOrganisation, buildRegion, buildUser, uniq } from '../db/factories.ts'
import { createContext } from '../api/context.ts'
import { handleTrpc } from '../api/trpc-handler.ts'
import { authConfig, handlers, oidcProviders } from './config.ts'
import { actorForSession, SESSION_MAX_AGE } from './session.ts'
import { logger } from '../lib/logger.ts'

afterAll(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
})

const ORIGIN = 'http://localhost:3999'
const MINUTE = 60_000
let user: Awaited<ReturnType<typeof buildUser>>

beforeAll(async () => {
  const region = await buildRegion(db)
  const org = await buildOrganisation(db, { regionIds: [region.id] })
  user = await buildUser(db, { email: `magic-${uniq()}@example.test`, roles: [{ role: 'ORG_STAFF', organisationId: org.id }] })
})

/** A magic-link token as Auth.js stores it (SHA-256 of token + secret), expiring at `expires`. */
async function magicLink(email: string, expires: Date) {
  const token = randomBytes(32).toString('hex')
  const hash = createHash('sha256').update(`${token}${process.env.AUTH_SECRET}`).digest('hex')
  await db.verificationToken.create({ data: { identifier: email, token: hash, expires } })
  return `${ORIGIN}/api/auth/callback/nodemailer?${new URLSearchParams({ callbackUrl: `${ORIGIN}/dashboard`, token, email })}`
}

/** Opens a URL through Auth.js's route handler; the redirect and the session cookie it sets. */
async function open(url: string) {
  const res = await handlers.GET(new NextRequest(url))
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('authjs.session-token='))
  return { status: res.status, location: res.headers.get('location'), session: cookie?.split(';')[0]!.split('=')[1] }
}

const REFUSED = `${ORIGIN}/signin?error=Verification`

describe('magic link', () => {
  it('a sign-in request stores a token valid for 30 minutes (hashed, never the link itself)', async () => {
    const csrfRes = await handlers.GET(new NextRequest(`${ORIGIN}/api/auth/csrf`))
    const { csrfToken } = (await csrfRes.json()) as { csrfToken: string }
    const csrfCookie = csrfRes.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
    const before = Date.now()
    const res = await handlers.POST(
      new NextRequest(`${ORIGIN}/api/auth/signin/nodemailer`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
        body: new URLSearchParams({ email: user.email, csrfToken, callbackUrl: `${ORIGIN}/dashboard` }),
      }),
    )
    expect(res.status).toBe(302)
    // The same "check your e-mail" answer as for an unknown address (Auth.js's verify-request, then /signin/check-email).
    expect(res.headers.get('location')).toBe(`${ORIGIN}/api/auth/verify-request?provider=nodemailer&type=email`)
    const rows = await db.verificationToken.findMany({ where: { identifier: user.email } })
    expect(rows).toHaveLength(1)
    expect(rows[0]!.token).toMatch(/^[0-9a-f]{64}$/)
    expect(rows[0]!.expires.getTime()).toBeGreaterThanOrEqual(before + 30 * MINUTE)
    expect(rows[0]!.expires.getTime()).toBeLessThanOrEqual(Date.now() + 30 * MINUTE)
    await db.verificationToken.deleteMany({ where: { identifier: user.email } })
  })

  it('works once: the second use of the same link is refused', async () => {
    const link = await magicLink(user.email, new Date(Date.now() + 30 * MINUTE))
    const first = await open(link)
    expect(first).toMatchObject({ status: 302, location: `${ORIGIN}/dashboard` })
    expect((await actorForSession(pool, first.session))!.userId).toBe(user.id)
    const second = await open(link)
    expect(second).toEqual({ status: 302, location: REFUSED, session: undefined })
  })

  it('signing in with one link ends the others still out for the address (several sign-in mails asked)', async () => {
    const other = await buildUser(db, { email: `magic-other-${uniq()}@example.test`, roles: [] })
    const valid = new Date(Date.now() + 30 * MINUTE)
    const [older, newest] = [await magicLink(user.email, valid), await magicLink(user.email, valid)]
    const othersLink = await magicLink(other.email, valid)
    expect((await open(newest)).location).toBe(`${ORIGIN}/dashboard`)
    expect(await open(older)).toEqual({ status: 302, location: REFUSED, session: undefined })
    expect(await db.verificationToken.count({ where: { identifier: user.email } })).toBe(0)
    // Another address's link is untouched.
    expect((await open(othersLink)).location).toBe(`${ORIGIN}/dashboard`)
  })

  it('a link used after its 30 minutes is refused and gives no session', async () => {
    const sessions = await db.session.count({ where: { userId: user.id } })
    const link = await magicLink(user.email, new Date(Date.now() - 1000)) // asked for 30 min + 1 s ago
    expect(await open(link)).toEqual({ status: 302, location: REFUSED, session: undefined })
    expect(await db.session.count({ where: { userId: user.id } })).toBe(sessions)
    expect(await db.verificationToken.count({ where: { identifier: user.email } })).toBe(0)
  })

  it('a link for an address that is neither a user nor invited gives no account and no session', async () => {
    const email = `nobody-${uniq()}@example.test`
    const res = await open(await magicLink(email, new Date(Date.now() + 30 * MINUTE)))
    expect(res.session).toBeUndefined()
    expect(res.location).toMatch(/^http:\/\/localhost:3999\/signin\?error=AccessDenied/)
    expect(await db.user.count({ where: { email } })).toBe(0)
  })
})

describe('session lifetime: 8 hours', () => {
  it('the session a magic link creates expires 8 hours later; read after that it gives no actor, a 401, and is deleted', async () => {
    const signedInAt = Date.now()
    const { session } = await open(await magicLink(user.email, new Date(Date.now() + 30 * MINUTE)))
    const row = await db.session.findUniqueOrThrow({ where: { sessionToken: session! } })
    expect(row.expires.getTime()).toBeGreaterThanOrEqual(signedInAt + SESSION_MAX_AGE * 1000)
    expect(row.expires.getTime()).toBeLessThanOrEqual(Date.now() + SESSION_MAX_AGE * 1000)
    expect(SESSION_MAX_AGE).toBe(8 * 60 * 60)

    expect((await actorForSession(pool, session, new Date(row.expires.getTime() - MINUTE)))!.userId).toBe(user.id) // 7 h 59 min: still signed in
    // The renewal above moved the expiry; a reader 8 h + 1 s after that finds it expired.
    const renewed = (await db.session.findUniqueOrThrow({ where: { sessionToken: session! } })).expires.getTime()
    expect(await actorForSession(pool, session, new Date(renewed + 1000))).toBeNull()
    expect(await db.session.count({ where: { sessionToken: session! } })).toBe(0)

    // Through the tRPC handler: a session past its expiry is a 401 (no actor), not the user's data.
    const { session: old } = await open(await magicLink(user.email, new Date(Date.now() + 30 * MINUTE)))
    await db.session.update({ where: { sessionToken: old! }, data: { expires: new Date(Date.now() - 1000) } })
    const req = new Request('http://localhost/api/trpc/me.get', { headers: { cookie: `authjs.session-token=${old}` } })
    expect((await handleTrpc(req, () => createContext({ headers: req.headers }))).status).toBe(401)
  })
})

describe('OpenID Connect: SURFconext and Kennisnet Entree', () => {
  it('the Entree provider is built from ENTREE_ISSUER, ENTREE_CLIENT_ID and ENTREE_CLIENT_SECRET', () => {
    expect(oidcProviders.map((p) => p.id)).toEqual(['surfconext', 'entree'])
    const entree = oidcProviders.find((p) => p.id === 'entree')!
    expect(entree).toMatchObject({
      name: 'Kennisnet Entree',
      type: 'oidc',
      issuer: 'https://connect.test.entree.kennisnet.nl',
      clientId: 'overstap-entree',
      clientSecret: 'entree-secret',
      checks: ['pkce', 'state', 'nonce'],
      authorization: { params: { scope: 'openid email profile' } },
    })
    expect(entree.profile!({ sub: 'e-1', email: 'J.Jansen@School.Example', given_name: 'Jan', family_name: 'Jansen' }, {} as never)).toEqual({ id: 'e-1', email: 'j.jansen@school.example', name: 'Jan Jansen' })
  })

  const signIn = (provider: string, email: string) =>
    authConfig.callbacks!.signIn!({
      user: { email } as User,
      account: { type: 'oidc', provider, providerAccountId: `sub-${uniq()}` } as Account,
      profile: { email, email_verified: true } as Profile,
    })

  it.each(['surfconext', 'entree'])('%s: an unknown address (no user, no open invitation) is refused; a known user of an allowed domain may sign in', async (provider) => {
    const warn = vi.spyOn(logger, 'warn').mockImplementation(() => {})
    try {
      expect(await signIn(provider, `unknown-${uniq()}@example.test`)).toBe(false)
      expect(await signIn(provider, user.email)).toBe(true)
      expect(await signIn(provider, `unknown-${uniq()}@elsewhere.example`)).toBe(false)
    } finally {
      warn.mockRestore()
    }
  })
})
