/**
 * Issue #11 item 1: a regional coordinator must never widen their own reach without the consent of the tenant
 * concerned. Each attack step of the report (and the same pattern elsewhere in tenancy) is FORBIDDEN; the
 * consented path (request → the organisation's side accepts) still works, audited.
 */
import { describe, expect, it } from 'vitest'
import { buildOrganisation, buildTwoRegionWorld, buildUser, freeBrin } from '../db/factories.ts'
import type { ZodError } from 'zod'
import { issueMessage } from '../i18n/translate.ts'
import { callerFor, db, expectTrpcError } from '../test/helpers.ts'

const world = () => buildTwoRegionWorld(db)
const isMember = async (organisationId: string, regionId: string) =>
  !!(await db.organisationRegion.findUnique({ where: { organisationId_regionId: { organisationId, regionId } } }))

describe('tenant takeover by a regional coordinator', () => {
  it('step 1: a coordinator cannot add a school of another region to their own region (setRegion)', async () => {
    const w = await world()
    const c = await callerFor(w.a.coordinator.id)
    await expectTrpcError(c.organisation.setRegion({ organisationId: w.b.school.id, regionId: w.a.region.id, member: true }), 'FORBIDDEN')
    expect(await isMember(w.b.school.id, w.a.region.id)).toBe(false)
  })

  it('step 2: after that, inviting their own address as ORG_STAFF of the school is FORBIDDEN (full chain)', async () => {
    const w = await world()
    const c = await callerFor(w.a.coordinator.id)
    await c.organisation.setRegion({ organisationId: w.b.school.id, regionId: w.a.region.id, member: true }).catch(() => null)
    await expectTrpcError(c.member.invite({ email: w.a.coordinator.email, role: 'ORG_STAFF', organisationId: w.b.school.id }), 'FORBIDDEN')
    expect(await db.roleMembership.count({ where: { userId: w.a.coordinator.id, organisationId: w.b.school.id } })).toBe(0)
    // and so the school's private transition data stays out of reach
    const staff = await callerFor(w.b.staff.id)
    const ds = await staff.transitions.create({ organisationId: w.b.school.id, source: 'NCO', description: 'privé' })
    expect((await (await callerFor(w.a.coordinator.id)).transitions.list()).map((d) => d.id)).not.toContain(ds.id)
  })

  it('a coordinator cannot hand themselves a role, even in their own region', async () => {
    const w = await world()
    const c = await callerFor(w.a.coordinator.id)
    await expectTrpcError(c.member.invite({ email: w.a.coordinator.email, role: 'ORG_STAFF', organisationId: w.a.school.id }), 'FORBIDDEN')
    await expectTrpcError(c.member.invite({ email: w.a.coordinator.email.toUpperCase(), role: 'INSTITUTION_PUBLISHER', organisationId: w.a.mbo.id }), 'FORBIDDEN')
    expect(await db.roleMembership.count({ where: { userId: w.a.coordinator.id } })).toBe(1)
  })

  it('variant: a coordinator cannot move their school onto a board of another region (organisation.update)', async () => {
    const w = await world()
    const c = await callerFor(w.a.coordinator.id)
    await expectTrpcError(
      c.organisation.update({ id: w.a.mbo.id, name: w.a.mbo.name, brin: w.a.mbo.brin, sector: 'MBO', city: 'Utrecht', boardId: w.b.board.id, locations: [] }),
      'FORBIDDEN',
    )
    expect((await db.organisation.findUniqueOrThrow({ where: { id: w.a.mbo.id } })).boardId).toBeNull()
    // unchanged board: an ordinary edit still works
    await c.organisation.update({ id: w.a.school.id, name: 'Nieuwe naam', brin: w.a.school.brin, sector: 'VO', city: 'Utrecht', boardId: w.a.board.id, locations: [] })
  })

  it('variant: nor create an organisation in their region on another region’s board', async () => {
    const w = await world()
    const c = await callerFor(w.a.coordinator.id)
    await expectTrpcError(
      c.organisation.create({ name: 'Nieuw College', brin: await freeBrin(db), sector: 'VO', city: 'Utrecht', boardId: w.b.board.id, regionIds: [w.a.region.id], locations: [] }),
      'FORBIDDEN',
    )
    expect(await db.organisation.count({ where: { boardId: w.b.board.id } })).toBe(1)
  })

  it('variant: a board reporter can only be invited (or revoked) by someone covering every region of the board', async () => {
    const w = await world()
    // Board B also runs a school in region A (set up directly, as an admin could have): it spans A and B.
    await buildOrganisation(db, { regionIds: [w.a.region.id], boardId: w.b.board.id })
    const c = await callerFor(w.a.coordinator.id)
    await expectTrpcError(c.member.invite({ email: `reporter-${Date.now()}@example.test`, role: 'BOARD_REPORTER', boardId: w.b.board.id }), 'FORBIDDEN')
    const reporterB = await db.roleMembership.findFirstOrThrow({ where: { userId: w.b.boardReporter.id } })
    await expectTrpcError(c.member.revoke({ membershipId: reporterB.id }), 'FORBIDDEN')
    // fund reports of region B stay out of reach of region A's coordinator
    expect(await db.roleMembership.count({ where: { boardId: w.b.board.id } })).toBe(1)
    // the admin may; a coordinator of the board's only region still may for their own board
    await (await callerFor(w.admin.id)).member.invite({ email: `reporter2-${Date.now()}@example.test`, role: 'BOARD_REPORTER', boardId: w.b.board.id })
    await c.member.invite({ email: `reporter3-${Date.now()}@example.test`, role: 'BOARD_REPORTER', boardId: w.a.board.id })
  })

  it('nobody revokes their own role: a coordinator keeps theirs (a colleague or the admin may revoke it)', async () => {
    const w = await world()
    const own = await db.roleMembership.findFirstOrThrow({ where: { userId: w.a.coordinator.id } })
    await expectTrpcError((await callerFor(w.a.coordinator.id)).member.revoke({ membershipId: own.id }), 'BAD_REQUEST')
    expect(await db.roleMembership.count({ where: { id: own.id } })).toBe(1)
    expect(await db.auditLog.count({ where: { action: 'membership.revoke', entityId: own.id } })).toBe(0)
    await (await callerFor(w.admin.id)).member.revoke({ membershipId: own.id })
    expect(await db.roleMembership.count({ where: { id: own.id } })).toBe(0)
  })

  it('a coordinator cannot invite for, or revoke in, a region they do not coordinate', async () => {
    const w = await world()
    const c = await callerFor(w.a.coordinator.id)
    await expectTrpcError(c.member.invite({ email: `coord-${Date.now()}@example.test`, role: 'REGION_COORDINATOR', regionId: w.b.region.id }), 'FORBIDDEN')
    const coordB = await db.roleMembership.findFirstOrThrow({ where: { userId: w.b.coordinator.id } })
    await expectTrpcError(c.member.revoke({ membershipId: coordB.id }), 'FORBIDDEN')
    await expectTrpcError(c.organisation.setRegion({ organisationId: w.b.school.id, regionId: w.b.region.id, member: false }), 'FORBIDDEN')
  })
})

describe('joining a region with consent', () => {
  it('a coordinator requests; only the organisation’s side decides; accepting lets the school join, audited', async () => {
    const w = await world()
    const ca = await callerFor(w.a.coordinator.id)
    const res = await ca.organisation.requestRegion({ regionId: w.a.region.id, brin: w.b.school.brin })
    expect(res.status).toBe('pending')
    expect(await isMember(w.b.school.id, w.a.region.id)).toBe(false)
    // asking again does not pile up requests
    expect((await ca.organisation.requestRegion({ regionId: w.a.region.id, organisationId: w.b.school.id })).requestId).toBe(res.requestId)
    const requestId = res.requestId!
    // the requester sees it waiting; cannot decide it themselves; nor can staff of another school
    const mine = await ca.organisation.regionRequests({})
    expect(mine.find((r) => r.id === requestId)).toMatchObject({ canDecide: false, organisation: { id: w.b.school.id } })
    await expectTrpcError(ca.organisation.decideRegionRequest({ requestId, accept: true }), 'FORBIDDEN')
    await expectTrpcError((await callerFor(w.a.staff.id)).organisation.decideRegionRequest({ requestId, accept: true }), 'FORBIDDEN')
    await expectTrpcError((await callerFor(w.b.boardReporter.id)).organisation.decideRegionRequest({ requestId, accept: true }), 'FORBIDDEN')
    // a coordinator of another region cannot ask on behalf of region A
    await expectTrpcError((await callerFor(w.b.coordinator.id)).organisation.requestRegion({ regionId: w.a.region.id, organisationId: w.b.mbo.id }), 'FORBIDDEN')

    const staffB = await callerFor(w.b.staff.id)
    const theirs = await staffB.organisation.regionRequests({ organisationId: w.b.school.id })
    expect(theirs).toMatchObject([{ id: requestId, canDecide: true, region: { id: w.a.region.id } }])
    expect(await staffB.organisation.decideRegionRequest({ requestId, accept: true })).toEqual({ status: 'ACCEPTED' })
    expect(await isMember(w.b.school.id, w.a.region.id)).toBe(true)
    await expectTrpcError(staffB.organisation.decideRegionRequest({ requestId, accept: false }), 'CONFLICT')
    const actions = await db.auditLog.findMany({ where: { OR: [{ entityId: requestId }, { entityId: `${w.b.school.id}:${w.a.region.id}` }] }, orderBy: { id: 'asc' } })
    expect(actions.map((a) => [a.action, a.actorId])).toEqual([
      ['regionJoinRequest.create', w.a.coordinator.id],
      ['regionJoinRequest.accept', w.b.staff.id],
      ['organisation.joinRegion', w.b.staff.id],
    ])
    // with consent given, the coordinator now covers the school and may invite its staff
    await ca.member.invite({ email: `decaan-${Date.now()}@example.test`, role: 'ORG_STAFF', organisationId: w.b.school.id })
  })

  it('a coordinator of a region the organisation already belongs to may decline; the school stays out', async () => {
    const w = await world()
    const { requestId } = await (await callerFor(w.a.coordinator.id)).organisation.requestRegion({ regionId: w.a.region.id, organisationId: w.b.hbo.id })
    expect(await (await callerFor(w.b.coordinator.id)).organisation.decideRegionRequest({ requestId: requestId!, accept: false })).toEqual({ status: 'DECLINED' })
    expect(await isMember(w.b.hbo.id, w.a.region.id)).toBe(false)
    expect(await db.auditLog.count({ where: { entityId: requestId!, action: 'regionJoinRequest.decline', actorId: w.b.coordinator.id } })).toBe(1)
  })

  it('who may consent for the organisation adds it directly: a coordinator of both regions, a platform admin', async () => {
    const w = await world()
    const both = await buildUser(db, { roles: [{ role: 'REGION_COORDINATOR', regionId: w.a.region.id }, { role: 'REGION_COORDINATOR', regionId: w.b.region.id }] })
    const cb = await callerFor(both.id)
    expect((await cb.organisation.requestRegion({ regionId: w.a.region.id, organisationId: w.b.school.id })).status).toBe('joined')
    await cb.organisation.setRegion({ organisationId: w.b.mbo.id, regionId: w.a.region.id, member: true })
    expect(await isMember(w.b.mbo.id, w.a.region.id)).toBe(true)
    await (await callerFor(w.admin.id)).organisation.setRegion({ organisationId: w.b.hbo.id, regionId: w.a.region.id, member: true })
    expect(await isMember(w.b.hbo.id, w.a.region.id)).toBe(true)
  })

  it('an organisation a coordinator creates starts in their own region without a request', async () => {
    const w = await world()
    const c = await callerFor(w.a.coordinator.id)
    const org = await c.organisation.create({ name: 'Nieuw Lyceum', brin: await freeBrin(db), sector: 'VO', city: 'Utrecht', boardId: w.a.board.id, regionIds: [w.a.region.id], locations: [] })
    expect(await isMember(org.id, w.a.region.id)).toBe(true)
    await expectTrpcError(c.organisation.create({ name: 'Ander Lyceum', brin: await freeBrin(db), sector: 'VO', city: 'Utrecht', regionIds: [w.b.region.id], locations: [] }), 'FORBIDDEN')
  })
})

describe('region requests: bad input', () => {
  it('a malformed BRIN, or neither BRIN nor organisation, is a translated BAD_REQUEST; an unknown BRIN a 404', async () => {
    const w = await world()
    const c = await callerFor(w.a.coordinator.id, 'en')
    const e1 = await expectTrpcError(c.organisation.requestRegion({ regionId: w.a.region.id, brin: '1234' }), 'BAD_REQUEST')
    expect((e1.cause as ZodError).issues.map((i) => issueMessage(i, 'en')).join()).toContain('2 digits and 2 letters')
    const e2 = await expectTrpcError(c.organisation.requestRegion({ regionId: w.a.region.id }), 'BAD_REQUEST')
    expect((e2.cause as ZodError).issues.map((i) => issueMessage(i, 'nl')).join()).toContain('BRIN-code van de organisatie')
    await expectTrpcError(c.organisation.requestRegion({ regionId: w.a.region.id, brin: await freeBrin(db) }), 'NOT_FOUND')
    await expectTrpcError(c.organisation.decideRegionRequest({ requestId: 'cnotarealid000000000000', accept: true }), 'NOT_FOUND')
  })
})

describe('invitation addresses stay out of the audit log', () => {
  it('the audit log stores the invitation by reference; the address is erased on acceptance and by the purge', async () => {
    const w = await world()
    const c = await callerFor(w.a.coordinator.id)
    const email = `nieuw-${Date.now()}@example.test`
    const { invitation } = await c.member.invite({ email, role: 'ORG_STAFF', organisationId: w.a.school.id })
    const existing = await buildUser(db)
    const second = await c.member.invite({ email: existing.email, role: 'ORG_STAFF', organisationId: w.a.mbo.id })
    const entries = await db.auditLog.findMany({ where: { entityId: { in: [invitation.id, second.invitation.id] } } })
    expect(entries.length).toBeGreaterThanOrEqual(2)
    for (const e of entries) {
      const text = JSON.stringify([e.before, e.after])
      expect(text).not.toContain(email)
      expect(text).not.toContain(existing.email)
      expect(text).not.toContain('@')
    }
    expect(entries.find((e) => e.action === 'invitation.create' && e.entityId === invitation.id)?.after).toMatchObject({ id: invitation.id, role: 'ORG_STAFF' })
    // an existing user got the role at once: no address kept on the invitation
    expect((await db.invitation.findUniqueOrThrow({ where: { id: second.invitation.id } })).email).toBeNull()
    // a new address: erased once accepted at sign-in
    const { acceptInvitations, purgeInvitationAddresses } = await import('../auth/invitations.ts')
    const user = await db.user.create({ data: { email } })
    expect(await acceptInvitations(db, user.id, email)).toBe(1)
    expect((await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).email).toBeNull()
    // an expired one: erased by the purge
    const expired = await db.invitation.create({
      data: { email: `weg-${Date.now()}@example.test`, role: 'ORG_STAFF', organisationId: w.a.school.id, invitedById: w.a.coordinator.id, expiresAt: new Date(Date.now() - 1000) },
    })
    expect(await purgeInvitationAddresses(db, new Date(), { organisationId: w.b.school.id })).toBe(0) // another school's run leaves it
    expect((await db.invitation.findUniqueOrThrow({ where: { id: expired.id } })).email).not.toBeNull()
    expect(await purgeInvitationAddresses(db, new Date(), { organisationId: w.a.school.id })).toBe(1)
    expect((await db.invitation.findUniqueOrThrow({ where: { id: expired.id } })).email).toBeNull()
  })
})
