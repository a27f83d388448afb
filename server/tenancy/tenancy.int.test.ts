import { beforeAll, describe, expect, it } from 'vitest'
import { buildTwoRegionWorld } from '../db/factories.ts'
import { callerFor, db, expectDbRefusal, expectTrpcError } from '../test/helpers.ts'

type World = Awaited<ReturnType<typeof buildTwoRegionWorld>>
let w: World

beforeAll(async () => {
  w = await buildTwoRegionWorld(db)
})

describe('cross-tenant denial', () => {
  it('anonymous callers get UNAUTHORIZED on protected procedures', async () => {
    const anon = await callerFor(null)
    await expectTrpcError(anon.organisation.list({}), 'UNAUTHORIZED')
    await expectTrpcError(anon.me.get(), 'UNAUTHORIZED')
  })

  it('a coordinator of region A cannot read, edit or list region B', async () => {
    const c = await callerFor(w.a.coordinator.id)
    await expectTrpcError(c.organisation.get({ id: w.b.school.id }), 'FORBIDDEN')
    await expectTrpcError(c.organisation.list({ regionId: w.b.region.id }), 'FORBIDDEN')
    await expectTrpcError(
      c.organisation.update({ id: w.b.school.id, name: 'Overgenomen', brin: w.b.school.brin, sector: 'VO', city: 'Zwolle', locations: [] }),
      'FORBIDDEN',
    )
    await expectTrpcError(c.organisation.setRegion({ organisationId: w.b.school.id, regionId: w.b.region.id, member: false }), 'FORBIDDEN')
    await expectTrpcError(c.member.list({ regionId: w.b.region.id }), 'FORBIDDEN')
    await expectTrpcError(c.member.invite({ email: 'x@example.test', role: 'ORG_STAFF', organisationId: w.b.school.id }), 'FORBIDDEN')
    const own = await c.organisation.list({ regionId: w.a.region.id })
    expect(own.map((o) => o.id).sort()).toEqual([w.a.school.id, w.a.mbo.id, w.a.hbo.id].sort())
  })

  it('organisation staff see their own organisation, not another region’s', async () => {
    const s = await callerFor(w.a.staff.id)
    const mine = await s.organisation.list({})
    expect(mine.map((o) => o.id)).toEqual([w.a.school.id])
    await expectTrpcError(s.organisation.get({ id: w.b.school.id }), 'FORBIDDEN')
    await expectTrpcError(s.organisation.list({ regionId: w.b.region.id }), 'FORBIDDEN')
    await expectTrpcError(
      s.organisation.update({ id: w.a.school.id, name: 'Nieuwe naam', brin: w.a.school.brin, sector: 'VO', city: 'Zwolle', locations: [] }),
      'FORBIDDEN',
    )
    await expectTrpcError(s.member.invite({ email: 'y@example.test', role: 'ORG_STAFF', organisationId: w.a.school.id }), 'FORBIDDEN')
    await expectTrpcError(s.audit.list({}), 'FORBIDDEN')
  })

  it('institution publishers and board reporters are confined to their tenant', async () => {
    const p = await callerFor(w.a.publisher.id)
    await expectTrpcError(p.organisation.get({ id: w.b.mbo.id }), 'FORBIDDEN')
    await expectTrpcError(p.board.list(), 'FORBIDDEN')
    const r = await callerFor(w.a.boardReporter.id)
    const boards = await r.board.list()
    expect(boards.map((b) => b.id)).toEqual([w.a.board.id])
    await expectTrpcError(r.organisation.get({ id: w.b.school.id }), 'FORBIDDEN')
    await expectTrpcError(r.region.create({ name: 'Regio X', slug: 'regio-x', province: 'Utrecht' }), 'FORBIDDEN')
  })

  it('only platform admins manage regions and boards', async () => {
    const c = await callerFor(w.a.coordinator.id)
    await expectTrpcError(c.region.update({ id: w.a.region.id, name: 'Hernoemd', slug: w.a.region.slug, province: 'Utrecht' }), 'FORBIDDEN')
    await expectTrpcError(c.board.create({ name: 'Stichting X', number: '12345' }), 'FORBIDDEN')
  })
})

describe('changes and the audit log', () => {
  it('a coordinator edits an organisation in their region; the change is audited with before and after', async () => {
    const c = await callerFor(w.a.coordinator.id)
    const updated = await c.organisation.update({
      id: w.a.hbo.id,
      name: 'Hogeschool Utrecht Oost',
      brin: w.a.hbo.brin,
      sector: 'HBO',
      city: 'Utrecht',
      locations: [{ vestiging: '00', name: 'Hoofdgebouw', city: 'Utrecht' }, { vestiging: '01', name: 'Campus Oost', city: 'Utrecht', postcode: '3584 CS' }],
    })
    expect(updated.locations.map((l) => l.vestiging).sort()).toEqual(['00', '01'])
    const entry = await db.auditLog.findFirst({ where: { entityId: w.a.hbo.id, action: 'organisation.update' }, orderBy: { id: 'desc' } })
    expect(entry?.actorId).toBe(w.a.coordinator.id)
    expect((entry?.before as { name: string }).name).toBe(w.a.hbo.name)
    expect((entry?.after as { name: string }).name).toBe('Hogeschool Utrecht Oost')
  })

  it('the audit log refuses updates, deletes and TRUNCATE (the append-only trigger, not any error)', async () => {
    // this test's own entry (inserting is allowed), so it depends on no other test or file
    const entry = await db.auditLog.create({ data: { actorId: w.a.coordinator.id, action: 'organisation.update', entityType: 'Organisation', entityId: w.a.hbo.id, organisationId: w.a.hbo.id } })
    const refused = (op: string) => `AuditLog is append-only (${op} refused)`
    await expectDbRefusal(db.auditLog.update({ where: { id: entry.id }, data: { action: 'tampered' } }), '42501', refused('UPDATE'))
    await expectDbRefusal(db.auditLog.delete({ where: { id: entry.id } }), '42501', refused('DELETE'))
    await expectDbRefusal(db.$executeRaw`UPDATE "AuditLog" SET "action" = 'tampered' WHERE "id" = ${entry.id}`, '42501', refused('UPDATE'))
    await expectDbRefusal(db.$executeRaw`DELETE FROM "AuditLog" WHERE "id" = ${entry.id}`, '42501', refused('DELETE'))
    // TRUNCATE inside a transaction that always rolls back: if the trigger were gone, the other test files'
    // audit rows (same database) must not disappear with it.
    const rollback = new Error('rollback')
    await expectDbRefusal(
      db.$transaction(async (tx) => {
        await tx.$executeRaw`TRUNCATE "AuditLog"`
        throw rollback
      }),
      '42501',
      refused('TRUNCATE'),
    )
    expect((await db.auditLog.findUniqueOrThrow({ where: { id: entry.id } })).action).toBe(entry.action)
  })

  it('bad input is a translated BAD_REQUEST and writes nothing', async () => {
    const c = await callerFor(w.a.coordinator.id, 'nl')
    // counted in this test's own region only: other files create organisations in parallel on the same database
    const inRegionA = { regions: { some: { regionId: w.a.region.id } } }
    const before = await db.organisation.count({ where: inRegionA })
    const err = await expectTrpcError(
      c.organisation.create({ name: 'Nieuwe school', brin: '1234', sector: 'VO', city: 'Utrecht', regionIds: [w.a.region.id], locations: [] }),
      'BAD_REQUEST',
    )
    expect(err.cause?.name).toBe('ZodError')
    expect(await db.organisation.count({ where: inRegionA })).toBe(before)
    expect(await db.organisation.count({ where: { name: 'Nieuwe school' } })).toBe(0)
  })

  it('a failed change leaves nothing half-written (duplicate vestiging rolls back the organisation)', async () => {
    const c = await callerFor(w.a.coordinator.id)
    const inRegionA = { regions: { some: { regionId: w.a.region.id } } }
    const before = await db.organisation.count({ where: inRegionA })
    await expectTrpcError(
      c.organisation.create({
        name: 'Dubbel College',
        brin: w.a.school.brin, // already taken → unique violation after the first insert
        sector: 'VO',
        city: 'Utrecht',
        regionIds: [w.a.region.id],
        locations: [],
      }),
      'CONFLICT',
    )
    expect(await db.organisation.count({ where: inRegionA })).toBe(before)
    expect(await db.organisation.count({ where: { name: 'Dubbel College' } })).toBe(0)
    expect(await db.auditLog.count({ where: { action: 'organisation.create', after: { path: ['name'], equals: 'Dubbel College' } } })).toBe(0)
  })
})

describe('invitations', () => {
  it('a coordinator invites a new decaan; signing in turns the invitation into the role', async () => {
    const c = await callerFor(w.a.coordinator.id)
    const email = `decaan-${Date.now()}@example.test`
    const res = await c.member.invite({ email, role: 'ORG_STAFF', organisationId: w.a.school.id })
    expect(res.existingUser).toBe(false)
    const { acceptInvitations } = await import('../auth/invitations.ts')
    const user = await db.user.create({ data: { email } })
    expect(await acceptInvitations(db, user.id, email)).toBe(1)
    const roles = await db.roleMembership.findMany({ where: { userId: user.id } })
    expect(roles).toMatchObject([{ role: 'ORG_STAFF', organisationId: w.a.school.id }])
    const listed = await c.member.list({ regionId: w.a.region.id, limit: 100 })
    expect(listed.items.some((m) => m.userId === user.id)).toBe(true)
  })

  it('a coordinator cannot invite a platform admin, nor a publisher for a vo school', async () => {
    const c = await callerFor(w.a.coordinator.id)
    await expectTrpcError(c.member.invite({ email: 'admin2@example.test', role: 'PLATFORM_ADMIN' }), 'FORBIDDEN')
    await expectTrpcError(c.member.invite({ email: 'pub@example.test', role: 'INSTITUTION_PUBLISHER', organisationId: w.a.school.id }), 'BAD_REQUEST')
    await expectTrpcError(c.member.invite({ email: 'pub@example.test', role: 'ORG_STAFF' }), 'BAD_REQUEST')
  })
})

describe('scoped queries with no granting role match nothing', () => {
  it('an empty scope stays empty when nested in AND/OR (Prisma treats a nested `OR: []` as true)', async () => {
    const { loadActor } = await import('../auth/actor.ts')
    const { scopeWhere } = await import('../auth/policy.ts')
    const staff = (await loadActor(db, w.a.staff.id))!
    const none = scopeWhere(staff, 'region.manage', { region: (ids) => ({ id: { in: ids } }) })
    expect(await db.region.count({ where: { id: { in: [w.a.region.id, w.b.region.id] } } })).toBe(2)
    expect(await db.region.count({ where: none })).toBe(0)
    expect(await db.region.count({ where: { AND: [none, { name: { not: '' } }] } })).toBe(0)
    expect(await db.region.count({ where: { OR: [none, { id: 'none' }] } })).toBe(0)
  })

  it('a coordinator (may read transitions, manages none) does not see a school’s private dataset in the list', async () => {
    const school = await callerFor(w.a.staff.id)
    const ds = await school.transitions.create({ organisationId: w.a.school.id, source: 'NCO', description: 'privé' })
    expect((await school.transitions.list()).map((d) => d.id)).toContain(ds.id)
    expect((await (await callerFor(w.a.coordinator.id)).transitions.list()).map((d) => d.id)).not.toContain(ds.id)
    expect((await (await callerFor(w.b.coordinator.id)).transitions.list()).map((d) => d.id)).not.toContain(ds.id)
  })
})
