import { afterEach, describe, expect, it } from 'vitest'
import { db } from '../test/helpers.ts'
import { buildUser, uniq } from '../db/factories.ts'
import { createDemoSession, DEMO_EMAIL_DOMAIN, listDemoUsers } from './demo-session.ts'

/**
 * The demo session (one-click sign-in of `npm run demo` builds). In a production build isDemoBuild() is inlined as
 * false (e2e/auth.spec.ts proves that with OVERSTAP_DEMO_BUILD=1 set at run time); here the variable is read at run
 * time, so these tests switch it on to check what the demo build itself allows: only demo users.
 */
const saved = process.env.OVERSTAP_DEMO_BUILD
afterEach(() => {
  if (saved === undefined) delete process.env.OVERSTAP_DEMO_BUILD
  else process.env.OVERSTAP_DEMO_BUILD = saved
})

const sessionsOf = (userId: string) => db.session.count({ where: { userId } })

describe('demo session', () => {
  it('in a demo build: a demo user gets an 8-hour session; a non-demo user, a look-alike address and an unknown id get nothing', async () => {
    process.env.OVERSTAP_DEMO_BUILD = '1'
    const demo = await buildUser(db, { email: `demo-${uniq()}@${DEMO_EMAIL_DOMAIN}`, roles: [] })
    const real = await buildUser(db, { email: `coordinator-${uniq()}@example.test`, roles: [] })
    // the demo domain inside the local part or as a sub-domain's prefix is not the demo domain
    const lookAlike = await buildUser(db, { email: `${DEMO_EMAIL_DOMAIN}-${uniq()}@example.test`, roles: [] })
    const evil = await buildUser(db, { email: `x-${uniq()}@${DEMO_EMAIL_DOMAIN}.evil.test`, roles: [] })

    const before = Date.now()
    const session = await createDemoSession(db, demo.id)
    expect(session).not.toBeNull()
    expect(session!.userId).toBe(demo.id)
    expect(session!.sessionToken).toMatch(/^[0-9a-f]{64}$/)
    const hours = (session!.expires.getTime() - before) / 3_600_000
    expect(hours).toBeGreaterThanOrEqual(7.99)
    expect(hours).toBeLessThanOrEqual(8.01)
    expect(await sessionsOf(demo.id)).toBe(1)

    for (const u of [real, lookAlike, evil]) {
      expect(await createDemoSession(db, u.id), u.email).toBeNull()
      expect(await sessionsOf(u.id), u.email).toBe(0)
    }
    expect(await createDemoSession(db, `unknown-${uniq()}`)).toBeNull()

    const listed = (await listDemoUsers(db)).map((u) => u.id)
    expect(listed).toContain(demo.id)
    for (const u of [real, lookAlike, evil]) expect(listed).not.toContain(u.id)
  })

  it('outside a demo build: no session, not even for a demo user, and no demo users listed', async () => {
    delete process.env.OVERSTAP_DEMO_BUILD
    const demo = await buildUser(db, { email: `demo-${uniq()}@${DEMO_EMAIL_DOMAIN}`, roles: [] })
    expect(await createDemoSession(db, demo.id)).toBeNull()
    expect(await sessionsOf(demo.id)).toBe(0)
    expect(await listDemoUsers(db)).toEqual([])
    process.env.OVERSTAP_DEMO_BUILD = '0'
    expect(await createDemoSession(db, demo.id)).toBeNull()
    expect(await sessionsOf(demo.id)).toBe(0)
  })
})
