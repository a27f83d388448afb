/**
 * Notifications end to end inside the server: each kind reaches exactly its recipients (in-app and, per preference,
 * as an outbox mail in the recipient's language with RFC 8058 unsubscribe headers), preferences, the daily digest,
 * one-click unsubscribe, and the inbox. Every count is scoped to this file's own users.
 */
import { describe, expect, it } from 'vitest'
import { buildUser, uniq } from '../db/factories.ts'
import { buildBudgetLine, buildFundGrant, buildReport } from '../fund/factories.ts'
import { callerFor, db, expectTrpcError } from '../test/helpers.ts'
import { twoRegionWorldBeforeAll } from '../test/world.ts'
import { nextWeekday } from '../calendar/test-dates.ts'
import type { CreateEventInput } from '../calendar/schema.ts'
import { schoolEventInput } from '../calendar/test-world.ts'
import { mailKey } from './notify.ts'
import { sendDigests } from './digest.ts'
import { notifyAcceptedInvitations } from './invitations.ts'
import { sendDeadlineReminders } from './deadlines.ts'
import { readUnsubscribeToken, unsubscribeToken } from './unsubscribe-token.ts'
import { toAmsterdam } from '../lib/time.ts'

const w = twoRegionWorldBeforeAll()

const eventInput = (over: Partial<CreateEventInput> = {}) =>
  schoolEventInput(w, { title: `Open avond ${uniq()}`, startDate: nextWeekday(4, 28), startTime: '19:00', endTime: '21:00' }, over)

const notificationsOf = (userId: string, kind?: string) => db.notification.findMany({ where: { userId, ...(kind ? { kind } : {}) }, orderBy: { createdAt: 'asc' } })
const mailOf = (userId: string, key: string) => db.mailOutbox.findUnique({ where: { key: mailKey(userId, key) } })

async function proposedEvent(over: Partial<CreateEventInput> = {}) {
  const staff = await callerFor(w.a.staff.id)
  const { ids } = await staff.calendar.create(eventInput(over))
  await staff.calendar.propose({ id: ids[0]! })
  return ids[0]!
}

describe('calendar notifications', () => {
  it('a proposal notifies the region’s coordinators only (not the proposer, not another region), with a mail in their language', async () => {
    await db.user.update({ where: { id: w.a.coordinator.id }, data: { locale: 'en' } })
    const id = await proposedEvent({ title: 'Proposed evening' })
    const [n, ...rest] = await notificationsOf(w.a.coordinator.id, 'calendar.proposed')
    expect(rest).toHaveLength(0)
    expect(n).toMatchObject({ link: `/agenda/${id}`, readAt: null, digestPending: false, params: { title: 'Proposed evening' } })
    expect(await notificationsOf(w.b.coordinator.id, 'calendar.proposed')).toHaveLength(0)
    expect(await notificationsOf(w.a.staff.id, 'calendar.proposed')).toHaveLength(0)

    const mail = await mailOf(w.a.coordinator.id, n!.key)
    expect(mail).toMatchObject({ to: w.a.coordinator.email, subject: 'Proposal to review: Proposed evening', sentAt: null })
    expect(mail!.text).toContain(`/agenda/${id}`)
    expect(mail!.html).toContain('Proposed evening')
    const headers = mail!.headers as Record<string, string>
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click')
    const token = decodeURIComponent(/token=([^>]+)>/.exec(headers['List-Unsubscribe']!)![1]!)
    expect(readUnsubscribeToken(token)).toEqual({ userId: w.a.coordinator.id, kind: 'calendar.proposed' })
    await db.user.update({ where: { id: w.a.coordinator.id }, data: { locale: null } })
  })

  it('publishing and rejecting (with the reason) notify the organisers’ staff in Dutch', async () => {
    const coord = await callerFor(w.a.coordinator.id)
    const published = await proposedEvent({ title: 'Gepubliceerde avond' })
    await coord.calendar.publish({ id: published, regionId: w.a.region.id })
    const rejected = await proposedEvent({ title: 'Afgewezen avond' })
    await coord.calendar.reject({ id: rejected, regionId: w.a.region.id, reason: 'Valt in de toetsweek' })

    const pub = (await notificationsOf(w.a.staff.id, 'calendar.published')).filter((n) => n.link === `/agenda/${published}`)
    expect(pub).toHaveLength(1)
    expect((await mailOf(w.a.staff.id, pub[0]!.key))!.subject).toBe(`Gepubliceerd in ${w.a.region.name}: Gepubliceerde avond`)
    const rej = (await notificationsOf(w.a.staff.id, 'calendar.rejected')).filter((n) => n.link === `/agenda/${rejected}`)
    expect(rej).toHaveLength(1)
    expect((await mailOf(w.a.staff.id, rej[0]!.key))!.text).toContain('Reden: Valt in de toetsweek')
    // The coordinator who decided is not told about their own decision.
    expect(await notificationsOf(w.a.coordinator.id, 'calendar.published')).toHaveLength(0)
  })

  it('moving a published event and cancelling it notify the organisers’ staff (not whoever did it)', async () => {
    const coord = await callerFor(w.a.coordinator.id)
    const id = await proposedEvent({ title: 'Verplaatste avond' })
    await coord.calendar.publish({ id, regionId: w.a.region.id })
    const later = nextWeekday(4, 35)
    await coord.calendar.update({ id, ...eventInput({ title: 'Verplaatste avond', startDate: later, endDate: later }) })
    const moved = (await notificationsOf(w.a.staff.id, 'calendar.moved')).filter((n) => n.link === `/agenda/${id}`)
    expect(moved).toHaveLength(1)
    expect((await mailOf(w.a.staff.id, moved[0]!.key))!.text).toMatch(/verplaatst naar \w+dag \d+ \w+ \d{4}, 19:00/)

    await (await callerFor(w.a.staff.id)).calendar.cancel({ id })
    expect((await notificationsOf(w.a.staff.id, 'calendar.cancelled')).filter((n) => n.link === `/agenda/${id}`)).toHaveLength(0)
    // A colleague at the same school hears of it.
    const colleague = await buildUser(db, { roles: [{ role: 'ORG_STAFF', organisationId: w.a.school.id }] })
    const id2 = await proposedEvent({ title: 'Tweede avond' })
    await (await callerFor(w.a.staff.id)).calendar.cancel({ id: id2 })
    expect((await notificationsOf(colleague.id, 'calendar.cancelled')).map((n) => n.link)).toEqual([`/agenda/${id2}`])
  })

  it('a rolled-back change notifies nobody', async () => {
    const before = await db.notification.count({ where: { userId: w.a.coordinator.id } })
    const staff = await callerFor(w.a.staff.id)
    const { ids } = await staff.calendar.create(eventInput())
    await staff.calendar.propose({ id: ids[0]! })
    // Proposing again is refused (not a draft any more): nothing new is written.
    await expectTrpcError(staff.calendar.propose({ id: ids[0]! }), 'BAD_REQUEST')
    expect(await db.notification.count({ where: { userId: w.a.coordinator.id } })).toBe(before + 1)
  })
})

describe('fund notifications', () => {
  const YEAR = new Date().getFullYear()

  async function report(status: 'DRAFT' | 'SUBMITTED') {
    const grant = await buildFundGrant(db, { regionId: w.a.region.id, penvoerderId: w.a.mbo.id, fundName: `Fonds ${uniq()}`, allocations: { [YEAR]: 10_000_000 } })
    const line = await buildBudgetLine(db, { grantId: grant.id, year: YEAR, boardIds: [w.a.board.id], activity: `Loopbaanweek ${uniq()}` })
    const r = await buildReport(db, { budgetLineId: line.id, boardId: w.a.board.id, year: YEAR, amountCents: 100_000, status })
    return { grant, line, report: r }
  }

  it('a submitted report notifies the region’s coordinators; approval and rejection (with reason) the board’s reporters', async () => {
    const { grant, line, report: draft } = await report('DRAFT')
    await db.fundEvidence.create({ data: { reportId: draft.id, storageKey: `test/${uniq()}`, filename: 'bon.pdf', contentType: 'application/pdf', sizeBytes: 10, sha256: 'x' } })
    await (await callerFor(w.a.boardReporter.id)).fund.submitReport({ id: draft.id, version: draft.version })
    const submitted = await notificationsOf(w.a.coordinator.id, 'fund.reportSubmitted')
    expect(submitted.filter((n) => n.link === `/fonds/${grant.id}/rapportages/${draft.id}`)).toHaveLength(1)
    expect(await notificationsOf(w.b.coordinator.id, 'fund.reportSubmitted')).toHaveLength(0)

    const coord = await callerFor(w.a.coordinator.id)
    await coord.fund.approveReport({ id: draft.id, version: draft.version + 1 })
    const approved = (await notificationsOf(w.a.boardReporter.id, 'fund.reportApproved')).filter((n) => n.link.endsWith(draft.id))
    expect(approved).toHaveLength(1)
    expect(approved[0]!.params).toEqual({ activity: line.activity })

    const { report: other } = await report('SUBMITTED')
    await coord.fund.rejectReport({ id: other.id, version: other.version, reason: 'Factuur ontbreekt' })
    const rejected = (await notificationsOf(w.a.boardReporter.id, 'fund.reportRejected')).filter((n) => n.link.endsWith(other.id))
    expect(rejected).toHaveLength(1)
    expect((await mailOf(w.a.boardReporter.id, rejected[0]!.key))!.text).toContain('Reden: Factuur ontbreekt')
    expect(await notificationsOf(w.b.boardReporter.id, 'fund.reportRejected')).toHaveLength(0)
  })
})

describe('reporting deadline reminders', () => {
  it('14 and 3 days before, the reporters of boards with lines that year are told once per distance; others not', async () => {
    const year = new Date().getFullYear()
    const now = new Date()
    const day = (n: number) => new Date(Date.parse(`${toAmsterdam(now).date}T00:00:00Z`) + n * 86_400_000)
    const grant = await buildFundGrant(db, { regionId: w.a.region.id, penvoerderId: w.a.mbo.id, fundName: `Fonds ${uniq()}`, allocations: { [year]: 1_000_000 } })
    await buildBudgetLine(db, { grantId: grant.id, year, boardIds: [w.a.board.id], amountCents: 500_000 })
    const alloc = await db.fundAllocation.update({ where: { grantId_year: { grantId: grant.id, year } }, data: { reportDeadline: day(14) } })
    const keyOf = (d: number) => `fund.deadline:${alloc.id}:${day(14).toISOString().slice(0, 10)}:${d}`

    await sendDeadlineReminders(db, { now })
    await sendDeadlineReminders(db, { now })
    expect((await notificationsOf(w.a.boardReporter.id, 'fund.deadline')).map((n) => n.key)).toEqual([keyOf(14)])
    expect(await notificationsOf(w.b.boardReporter.id, 'fund.deadline')).toHaveLength(0)
    const mail = await mailOf(w.a.boardReporter.id, keyOf(14))
    expect(mail!.subject).toBe(`Nog 14 dagen: rapportage ${grant.fundName} ${year}`)
    expect(mail!.text).toContain(`De rapportagedeadline voor ${grant.fundName}, jaar ${year}, is `)

    // Eleven days later: the 3-day reminder.
    await sendDeadlineReminders(db, { now: new Date(now.getTime() + 11 * 86_400_000) })
    expect((await notificationsOf(w.a.boardReporter.id, 'fund.deadline')).map((n) => n.key).sort()).toEqual([keyOf(14), keyOf(3)].sort())
  })
})

describe('invitation accepted', () => {
  it('the inviter hears once, however often the job runs', async () => {
    const inviter = await buildUser(db, { roles: [{ role: 'REGION_COORDINATOR', regionId: w.a.region.id }] })
    const inv = await db.invitation.create({
      data: { role: 'ORG_STAFF', organisationId: w.a.school.id, invitedById: inviter.id, expiresAt: new Date(Date.now() + 86_400_000), acceptedAt: new Date(), email: null },
    })
    await notifyAcceptedInvitations(db)
    await notifyAcceptedInvitations(db)
    const got = await notificationsOf(inviter.id, 'tenancy.invitationAccepted')
    expect(got).toHaveLength(1)
    expect(got[0]!.key).toBe(`tenancy.invitationAccepted:${inv.id}`)
    expect((await mailOf(inviter.id, got[0]!.key))!.subject).toBe(`Uitnodiging geaccepteerd: Decaan / LOB-coördinator bij ${w.a.school.name}`)
  })
})

describe('preferences, digest and unsubscribe', () => {
  it('“off” keeps the in-app notification and sends no mail; “daily digest” waits for the digest', async () => {
    const coord = await buildUser(db, { roles: [{ role: 'REGION_COORDINATOR', regionId: w.a.region.id }] })
    const me = await callerFor(coord.id)
    expect((await me.notifications.preferences()).find((p) => p.kind === 'calendar.proposed')).toEqual({ kind: 'calendar.proposed', mode: 'IMMEDIATE' })
    await me.notifications.setPreference({ kind: 'calendar.proposed', mode: 'OFF' })
    await proposedEvent()
    const [off] = await notificationsOf(coord.id, 'calendar.proposed')
    expect(off).toMatchObject({ digestPending: false, readAt: null })
    expect(await mailOf(coord.id, off!.key)).toBeNull()

    await me.notifications.setPreference({ kind: 'calendar.proposed', mode: 'DIGEST' })
    await proposedEvent({ title: 'Eerste voor het overzicht' })
    await proposedEvent({ title: 'Tweede voor het overzicht' })
    const waiting = await db.notification.findMany({ where: { userId: coord.id, digestPending: true } })
    expect(waiting).toHaveLength(2)
    for (const n of waiting) expect(await mailOf(coord.id, n.key)).toBeNull()
    expect(await db.auditLog.count({ where: { entityId: `${coord.id}:calendar.proposed`, action: 'notification.preference' } })).toBe(2)

    await sendDigests(db)
    expect(await db.notification.count({ where: { userId: coord.id, digestPending: true } })).toBe(0)
    const digests = await db.mailOutbox.findMany({ where: { key: { startsWith: `digest:${coord.id}:` } } })
    expect(digests).toHaveLength(1)
    expect(digests[0]!.subject).toBe('Overstap: 2 nieuwe meldingen')
    expect(digests[0]!.text).toContain('Tweede voor het overzicht')
    expect(digests[0]!.text).toContain('Eerste voor het overzicht')
    // A second run (a retried job) sends nothing more.
    await sendDigests(db)
    expect(await db.mailOutbox.count({ where: { key: { startsWith: `digest:${coord.id}:` } } })).toBe(1)
    // The digest has its own one-click unsubscribe: every digest kind of this user goes off.
    const headers = digests[0]!.headers as Record<string, string>
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click')
    const token = decodeURIComponent(/token=([^>]+)>/.exec(headers['List-Unsubscribe']!)![1]!)
    expect(readUnsubscribeToken(token)).toEqual({ userId: coord.id, kind: 'digest' })
    expect(await (await callerFor(null)).notifications.unsubscribe({ token })).toEqual({ kind: 'digest' })
    expect((await me.notifications.preferences()).find((p) => p.kind === 'calendar.proposed')!.mode).toBe('OFF')
  })

  it('one-click unsubscribe turns that kind off for that user only; a forged or altered token is refused', async () => {
    const reporter = await buildUser(db, { roles: [{ role: 'BOARD_REPORTER', boardId: w.a.board.id }] })
    const anonymous = await callerFor(null)
    expect(await anonymous.notifications.unsubscribe({ token: unsubscribeToken(reporter.id, 'fund.reportApproved') })).toEqual({ kind: 'fund.reportApproved' })
    const prefs = await (await callerFor(reporter.id)).notifications.preferences()
    expect(prefs.filter((p) => p.mode === 'OFF').map((p) => p.kind)).toEqual(['fund.reportApproved'])
    expect(await db.auditLog.count({ where: { entityId: `${reporter.id}:fund.reportApproved`, action: 'notification.unsubscribe', actorId: null } })).toBe(1)

    const good = unsubscribeToken(reporter.id, 'fund.reportRejected')
    const [u, k] = good.split('.')
    const otherUser = `${Buffer.from(w.a.coordinator.id).toString('base64url')}.${k}.${good.split('.')[2]}`
    for (const token of [otherUser, `${u}.${Buffer.from('calendar.proposed').toString('base64url')}.${good.split('.')[2]}`, 'abc', `${good}x`])
      await expectTrpcError(anonymous.notifications.unsubscribe({ token }), 'BAD_REQUEST')
    expect(await db.notificationPreference.count({ where: { userId: { in: [reporter.id, w.a.coordinator.id] }, kind: { in: ['fund.reportRejected', 'calendar.proposed'] }, mode: 'OFF' } })).toBe(0)
  })
})

describe('inbox', () => {
  it('lists the user’s own notifications newest first, counts unread, marks one and all read; another’s is not found', async () => {
    const coord = await buildUser(db, { roles: [{ role: 'REGION_COORDINATOR', regionId: w.a.region.id }] })
    await proposedEvent({ title: 'Eerste' })
    await proposedEvent({ title: 'Tweede' })
    const me = await callerFor(coord.id)
    expect(await me.notifications.unreadCount()).toBe(2)
    const { items, nextCursor } = await me.notifications.list({})
    expect(nextCursor).toBeNull()
    expect(items.map((i) => i.title)).toEqual(['Voorstel ter beoordeling: Tweede', 'Voorstel ter beoordeling: Eerste'])
    expect(items.every((i) => !i.read)).toBe(true)

    await expectTrpcError((await callerFor(w.a.coordinator.id)).notifications.markRead({ id: items[0]!.id }), 'NOT_FOUND')
    expect(await me.notifications.markRead({ id: items[0]!.id })).toEqual({ updated: 1 })
    expect(await me.notifications.unreadCount()).toBe(1)
    expect((await me.notifications.list({ unreadOnly: true })).items.map((i) => i.title)).toEqual(['Voorstel ter beoordeling: Eerste'])
    expect(await me.notifications.markAllRead()).toEqual({ updated: 1 })
    expect(await me.notifications.unreadCount()).toBe(0)
    await expectTrpcError((await callerFor(null)).notifications.unreadCount(), 'UNAUTHORIZED')
  })
})
