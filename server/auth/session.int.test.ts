import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { db, pool } from '../db/client.ts'
import { buildBoard, buildOrganisation, buildRegion, buildUser } from '../db/factories.ts'
import { createContext } from '../api/context.ts'
import { handleTrpc } from '../api/trpc-handler.ts'
import { actorForSession, cookieValue, SESSION_MAX_AGE, SESSION_UPDATE_AGE } from './session.ts'
import { loadActor } from './actor.ts'

/**
 * The session's actor is read on every call, uncached: a revoked role or a deleted session counts on the very next
 * call (through the production path: the tRPC fetch handler with the session cookie).
 */
async function sessionFor(userId: string, expiresInMs = SESSION_MAX_AGE * 1000) {
  const sessionToken = randomBytes(32).toString('hex')
  await db.session.create({ data: { sessionToken, userId, expires: new Date(Date.now() + expiresInMs) } })
  return sessionToken
}

/** Calls a procedure like the browser does: GET /api/trpc/<path> with the session cookie. */
async function call(path: string, token: string | null, input?: unknown) {
  const url = new URL(`http://localhost/api/trpc/${path}`)
  if (input !== undefined) url.searchParams.set('input', JSON.stringify({ json: input }))
  const req = new Request(url, { headers: token ? { cookie: `NEXT_LOCALE=en; authjs.session-token=${token}` } : {} })
  const res = await handleTrpc(req, () => createContext({ headers: req.headers }))
  return { status: res.status, body: (await res.json()) as { result?: { data: { json: unknown } }; error?: { json: { message: string } } } }
}

describe('session → actor', () => {
  it('reads user, roles and the regions of a board role in one statement, like loadActor', async () => {
    const [r1, r2] = [await buildRegion(db), await buildRegion(db)]
    const board = await buildBoard(db)
    const org = await buildOrganisation(db, { boardId: board.id, regionIds: [r2.id] })
    const user = await buildUser(db, { roles: [{ role: 'REGION_COORDINATOR', regionId: r1.id }, { role: 'BOARD_REPORTER', boardId: board.id }] })
    const token = await sessionFor(user.id)
    const actor = await actorForSession(pool, token)
    expect(actor).toEqual(await loadActor(db, user.id))
    expect(actor!.regionIds).toEqual([r1.id, r2.id])
    expect(actor!.memberships).toEqual([
      { role: 'REGION_COORDINATOR', regionId: r1.id, boardId: null, organisationId: null },
      { role: 'BOARD_REPORTER', regionId: null, boardId: board.id, organisationId: null },
    ])
    expect(org.boardId).toBe(board.id)
  })

  it('a revoked role is refused on the next call, a deleted session is signed out on the next call', async () => {
    const board = await buildBoard(db)
    const user = await buildUser(db, { roles: [{ role: 'BOARD_REPORTER', boardId: board.id }] })
    const token = await sessionFor(user.id)
    const me = await call('me.get', token)
    expect(me.status).toBe(200)
    expect((me.body.result!.data.json as { roles: { role: string }[] }).roles.map((r) => r.role)).toEqual(['BOARD_REPORTER'])
    // fund.read is held: the unknown grant is the service's 404, not the permission's 403
    expect((await call('fund.dashboard', token, { grantId: 'c000000000000000000000000' })).status).toBe(404)

    await db.roleMembership.deleteMany({ where: { userId: user.id } })
    const refused = await call('fund.dashboard', token, { grantId: 'c000000000000000000000000' })
    expect(refused.status).toBe(403)
    expect(refused.body.error!.json.message).toBe('You do not have access to this.')
    expect((await call('me.get', token)).body.result!.data.json).toMatchObject({ roles: [], regionIds: [] })

    await db.session.deleteMany({ where: { sessionToken: token } })
    expect((await call('me.get', token)).status).toBe(401)
    expect((await call('notifications.unreadCount', null)).status).toBe(401)
  })

  it('a session cookie that cannot be a token (NUL, control characters, junk) is no session: 401, never a 500, nothing sent to the database', async () => {
    const user = await buildUser(db, { roles: [] })
    const token = await sessionFor(user.id)
    for (const bad of ['%00', `${token}%00`, `${token}%01`, '%ED%A0%80', 'x'.repeat(5000), `${token}'--`]) {
      const res = await call('me.get', bad)
      expect([bad.slice(0, 20), res.status]).toEqual([bad.slice(0, 20), 401])
      expect(res.body.error!.json.message).toBe('Please sign in first.')
    }
    expect(await actorForSession(pool, '\0')).toBeNull()
    expect((await call('me.get', token)).status).toBe(200)
  })

  it('an expired session is signed out and deleted; the expiry slides at most once per update interval (no write on other reads)', async () => {
    const user = await buildUser(db, { roles: [] })
    const expired = await sessionFor(user.id, -1000)
    expect(await actorForSession(pool, expired)).toBeNull()
    expect(await db.session.count({ where: { sessionToken: expired } })).toBe(0)

    const fresh = await sessionFor(user.id)
    const before = (await db.session.findUniqueOrThrow({ where: { sessionToken: fresh } })).expires
    expect((await actorForSession(pool, fresh))!.userId).toBe(user.id)
    expect((await db.session.findUniqueOrThrow({ where: { sessionToken: fresh } })).expires).toEqual(before)

    const due = await sessionFor(user.id, (SESSION_MAX_AGE - SESSION_UPDATE_AGE - 60) * 1000)
    const now = new Date()
    expect((await actorForSession(pool, due, now))!.userId).toBe(user.id)
    expect((await db.session.findUniqueOrThrow({ where: { sessionToken: due } })).expires.getTime()).toBe(now.getTime() + SESSION_MAX_AGE * 1000)
    expect(await actorForSession(pool, 'not-a-session')).toBeNull()
    expect(await actorForSession(pool, undefined)).toBeNull()
  })

  it('reads and renews the expiry in UTC whatever the process time zone (timestamp without time zone)', async () => {
    const saved = process.env.TZ
    process.env.TZ = 'Pacific/Auckland' // UTC+12/13: a local-time reading would move the expiry by half a day
    try {
      const user = await buildUser(db, { roles: [] })
      const soon = await sessionFor(user.id, 30 * 60_000)
      const now = new Date()
      expect((await actorForSession(pool, soon, now))!.userId).toBe(user.id)
      expect((await db.session.findUniqueOrThrow({ where: { sessionToken: soon } })).expires.getTime()).toBe(now.getTime() + SESSION_MAX_AGE * 1000)
      const late = await sessionFor(user.id, -30 * 60_000)
      expect(await actorForSession(pool, late)).toBeNull()
    } finally {
      if (saved === undefined) delete process.env.TZ
      else process.env.TZ = saved
    }
  })

  it('parses the cookie header', () => {
    expect(cookieValue('a=1; authjs.session-token=abc%20d; b=2', 'authjs.session-token')).toBe('abc d')
    expect(cookieValue('xauthjs.session-token=1', 'authjs.session-token')).toBeUndefined()
    expect(cookieValue(null, 'a')).toBeUndefined()
  })
})
