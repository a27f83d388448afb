import { describe, expect, it, beforeAll } from 'vitest'
import { db } from '../test/helpers.ts'
import { buildTwoRegionWorld, buildUser } from '../db/factories.ts'
import { env } from '../env.ts'
import { AppError } from '../lib/errors.ts'
import { limitSignInMail, oidcRefusal } from './sign-in-guard.ts'

const uniq = () => `${Date.now()}-${Math.floor(Math.random() * 1e9)}`
const ip = () => `192.0.2.${Math.floor(Math.random() * 250)}-${uniq()}`

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p
    return 'OK'
  } catch (err) {
    if (err instanceof AppError) return err.code
    throw err
  }
}

describe('sign-in mail limits (PostgreSQL store)', () => {
  it('per address, whichever IP asks', async () => {
    const email = `limit-${uniq()}@example.test`
    for (let i = 0; i < env.SIGNIN_MAIL_LIMIT_PER_ADDRESS; i++) expect(await code(limitSignInMail(email, ip()))).toBe('OK')
    expect(await code(limitSignInMail(email.toUpperCase(), ip()))).toBe('RATE_LIMITED')
    expect(await code(limitSignInMail(`other-${uniq()}@example.test`, ip()))).toBe('OK')
  })

  it('per client IP, whichever addresses it asks for', async () => {
    const from = ip()
    for (let i = 0; i < env.SIGNIN_MAIL_LIMIT_PER_IP; i++) expect(await code(limitSignInMail(`a${i}-${uniq()}@example.test`, from))).toBe('OK')
    expect(await code(limitSignInMail(`next-${uniq()}@example.test`, from))).toBe('RATE_LIMITED')
    expect(await code(limitSignInMail(`next-${uniq()}@example.test`, ip()))).toBe('OK')
  })
})

describe('OpenID Connect sign-in checks', () => {
  let w: Awaited<ReturnType<typeof buildTwoRegionWorld>>
  beforeAll(async () => {
    w = await buildTwoRegionWorld(db)
  })
  const signIn = (email: string | null, over: Partial<Parameters<typeof oidcRefusal>[1]> = {}) =>
    oidcRefusal(db, { provider: 'surfconext', providerAccountId: `sub-${uniq()}`, email, emailVerified: true, allowedDomains: ['example.test'], ...over })

  it('a verified address of an allowed domain may sign in and be linked', async () => {
    expect(await signIn(w.a.publisher.email)).toBeNull()
    expect(await signIn(w.a.staff.email, { emailVerified: 'true' })).toBeNull()
    expect(await signIn(`new-${uniq()}@example.test`)).toBeNull()
  })

  it('refuses an unverified address and other domains', async () => {
    expect(await signIn(w.a.publisher.email, { emailVerified: false })).toMatch(/not verified/)
    expect(await signIn(w.a.publisher.email, { emailVerified: undefined })).toMatch(/not verified/)
    expect(await signIn(w.a.publisher.email, { allowedDomains: ['saxion.nl'] })).toMatch(/domain example.test not allowed/)
    expect(await signIn(`x-${uniq()}@sub.example.test`)).toMatch(/not allowed/)
    expect(await signIn(null)).toMatch(/no e-mail/)
  })

  it('never links an existing platform admin or coordinator automatically, but keeps an existing link', async () => {
    expect(await signIn(w.admin.email)).toMatch(/never linked automatically/)
    expect(await signIn(w.a.coordinator.email)).toMatch(/never linked automatically/)
    const coordinator = await buildUser(db, { email: `coord-${uniq()}@example.test`, roles: [{ role: 'REGION_COORDINATOR', regionId: w.b.region.id }] })
    const sub = `linked-${uniq()}`
    await db.account.create({ data: { userId: coordinator.id, type: 'oidc', provider: 'surfconext', providerAccountId: sub } })
    expect(await signIn(coordinator.email, { providerAccountId: sub })).toBeNull()
    expect(await signIn(coordinator.email, { providerAccountId: sub, emailVerified: false })).toMatch(/not verified/)
  })
})
