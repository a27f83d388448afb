/**
 * The notification kinds of grant years and bookings on a pupil's behalf: a year closed / reopened (the reporters of
 * the boards with lines that year and the other coordinators), the boards that have not reported after the deadline
 * (the region's coordinators, once per grant year; also on the coordinator's home), and a decaan's booking for a
 * pupil (the school's other decanen) — each to exactly its recipients, with the recipients' preferences honoured.
 * Every count is scoped to this file's own users and grants.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { buildBoard, buildOrganisation, buildTwoRegionWorld, buildUser, uniq } from '../db/factories.ts'
import { buildBudgetLine, buildFundGrant, buildReport } from '../fund/factories.ts'
import { callerFor, db } from '../test/helpers.ts'
import { toAmsterdam } from '../lib/time.ts'
import { mailKey } from './notify.ts'
import { notifyLateBoards } from './deadlines.ts'
import { lateBoards } from './late-boards.ts'

type World = Awaited<ReturnType<typeof buildTwoRegionWorld>>
let w: World
const YEAR = new Date().getFullYear()
const HOUR = 3_600_000

beforeAll(async () => {
  w = await buildTwoRegionWorld(db)
})

const notificationsOf = (userId: string, kind: string) => db.notification.findMany({ where: { userId, kind }, orderBy: { createdAt: 'asc' } })
const mailOf = (userId: string, key: string) => db.mailOutbox.findUnique({ where: { key: mailKey(userId, key) } })

describe('grant year closed and reopened', () => {
  it('tells the reporters of the boards with lines that year and the other coordinators, not who did it; “off” keeps it in-app only', async () => {
    const grant = await buildFundGrant(db, { regionId: w.a.region.id, penvoerderId: w.a.mbo.id, fundName: `Fonds ${uniq()}`, allocations: { [YEAR - 1]: 10_000_000, [YEAR]: 10_000_000 } })
    await buildBudgetLine(db, { grantId: grant.id, year: YEAR - 1, boardIds: [w.a.board.id] })
    // A board with a line in another year only, and its reporter: not concerned by this year.
    const otherBoard = await buildBoard(db)
    await buildBudgetLine(db, { grantId: grant.id, year: YEAR, boardIds: [otherBoard.id] })
    const otherReporter = await buildUser(db, { roles: [{ role: 'BOARD_REPORTER', boardId: otherBoard.id }] })
    const colleague = await buildUser(db, { roles: [{ role: 'REGION_COORDINATOR', regionId: w.a.region.id }] })
    await (await callerFor(colleague.id)).notifications.setPreference({ kind: 'fund.yearClosed', mode: 'OFF' })

    await (await callerFor(w.a.coordinator.id)).fund.closeYear({ grantId: grant.id, year: YEAR - 1 })
    const reporterGot = await notificationsOf(w.a.boardReporter.id, 'fund.yearClosed')
    expect(reporterGot.filter((n) => n.link === `/fonds/${grant.id}`).map((n) => n.params)).toEqual([{ fund: grant.fundName, year: YEAR - 1 }])
    const mail = await mailOf(w.a.boardReporter.id, reporterGot.at(-1)!.key)
    expect(mail!.subject).toBe(`Jaar ${YEAR - 1} afgesloten: ${grant.fundName}`)
    const [colleagueGot] = await notificationsOf(colleague.id, 'fund.yearClosed')
    expect(colleagueGot).toMatchObject({ link: `/fonds/${grant.id}`, digestPending: false })
    expect(await mailOf(colleague.id, colleagueGot!.key)).toBeNull() // preference "off": in-app only
    expect(await notificationsOf(w.a.coordinator.id, 'fund.yearClosed')).toHaveLength(0)
    expect(await notificationsOf(otherReporter.id, 'fund.yearClosed')).toHaveLength(0)
    expect(await notificationsOf(w.b.coordinator.id, 'fund.yearClosed')).toHaveLength(0)
    expect(await notificationsOf(w.b.boardReporter.id, 'fund.yearClosed')).toHaveLength(0)

    await (await callerFor(colleague.id)).fund.reopenYear({ grantId: grant.id, year: YEAR - 1, reason: 'Correctie van een factuur' })
    const reopened = (await notificationsOf(w.a.boardReporter.id, 'fund.yearReopened')).filter((n) => n.link === `/fonds/${grant.id}`)
    expect(reopened.map((n) => n.params)).toEqual([{ fund: grant.fundName, year: YEAR - 1, reason: 'Correctie van een factuur' }])
    expect((await mailOf(w.a.boardReporter.id, reopened[0]!.key))!.text).toContain('Reden: Correctie van een factuur')
    // Now the first coordinator hears of it (the colleague reopened it, and is not told).
    expect((await notificationsOf(w.a.coordinator.id, 'fund.yearReopened')).map((n) => n.link)).toEqual([`/fonds/${grant.id}`])
    expect(await notificationsOf(colleague.id, 'fund.yearReopened')).toHaveLength(0)
  })
})

describe('boards that have not reported after the deadline', () => {
  const today = Date.parse(`${toAmsterdam(new Date()).date}T00:00:00Z`)
  const day = (n: number) => new Date(today + n * 86_400_000)

  it('the coordinators get the list once per grant year; boards that reported are not on it; the home block shows them', async () => {
    const reported = await buildBoard(db, { name: `Bestuur Gerapporteerd ${uniq()}` })
    const late = await buildBoard(db, { name: `Bestuur Laat ${uniq()}` })
    const grant = await buildFundGrant(db, { regionId: w.a.region.id, penvoerderId: w.a.mbo.id, fundName: `Fonds ${uniq()}`, allocations: { [YEAR - 1]: 10_000_000 } })
    const line = await buildBudgetLine(db, { grantId: grant.id, year: YEAR - 1, boardIds: [reported.id, late.id] })
    await buildReport(db, { budgetLineId: line.id, boardId: reported.id, year: YEAR - 1, amountCents: 10_000, status: 'APPROVED' })
    await buildReport(db, { budgetLineId: line.id, boardId: late.id, year: YEAR - 1, amountCents: 10_000, status: 'DRAFT' }) // a draft is not a report
    const alloc = await db.fundAllocation.update({ where: { grantId_year: { grantId: grant.id, year: YEAR - 1 } }, data: { reportDeadline: day(-1) } })
    // A grant of the same region where every board reported: nothing to tell.
    const done = await buildFundGrant(db, { regionId: w.a.region.id, penvoerderId: w.a.mbo.id, fundName: `Fonds ${uniq()}`, allocations: { [YEAR - 1]: 10_000_000 } })
    const doneLine = await buildBudgetLine(db, { grantId: done.id, year: YEAR - 1, boardIds: [reported.id] })
    await buildReport(db, { budgetLineId: doneLine.id, boardId: reported.id, year: YEAR - 1, amountCents: 10_000, status: 'APPROVED' })
    await db.fundAllocation.update({ where: { grantId_year: { grantId: done.id, year: YEAR - 1 } }, data: { reportDeadline: day(-1) } })

    const scope = { grantIds: [grant.id, done.id] }
    // On the deadline day itself nothing goes yet.
    expect(await notifyLateBoards(db, { now: new Date(today + 12 * HOUR - 86_400_000), scope })).toBe(0)
    const coordinators = await db.roleMembership.count({ where: { role: 'REGION_COORDINATOR', regionId: w.a.region.id } })
    expect(await notifyLateBoards(db, { scope })).toBe(coordinators)
    const before = await db.notification.count({ where: { kind: 'fund.deadlinePassed', link: `/fonds/${grant.id}` } })
    expect(before).toBe(coordinators)
    await notifyLateBoards(db, { scope }) // a rerun, and the next days' runs: nothing new
    await notifyLateBoards(db, { now: new Date(Date.now() + 2 * 86_400_000), scope })
    expect(await db.notification.count({ where: { kind: 'fund.deadlinePassed', link: `/fonds/${grant.id}` } })).toBe(coordinators)
    const got = (await notificationsOf(w.a.coordinator.id, 'fund.deadlinePassed')).filter((n) => n.link === `/fonds/${grant.id}` || n.link === `/fonds/${done.id}`)
    expect(got.map((n) => [n.key, n.params])).toEqual([
      [`fund.deadlinePassed:${alloc.id}:${day(-1).toISOString().slice(0, 10)}`, { fund: grant.fundName, year: YEAR - 1, deadlineOn: day(-1).toISOString().slice(0, 10), count: 1, boards: late.name }],
    ])
    const mail = await mailOf(w.a.coordinator.id, got[0]!.key)
    expect(mail!.subject).toBe(`1 bestuur heeft niet gerapporteerd: ${grant.fundName} ${YEAR - 1}`)
    expect(mail!.text).toContain(`Nog niet gerapporteerd: ${late.name}.`)
    expect(await notificationsOf(w.b.coordinator.id, 'fund.deadlinePassed')).toHaveLength(0)

    const home = await (await callerFor(w.a.coordinator.id)).home.overview()
    const block = home.sections.find((s) => s.role === 'REGION_COORDINATOR')!.blocks.find((b) => b.key === 'coordinator.late')!
    expect(block.items.filter((i) => i.link === `/fonds/${grant.id}` || i.link === `/fonds/${done.id}`).map((i) => i.title)).toEqual([`${late.name} — ${grant.fundName} ${YEAR - 1}`])
    const other = await (await callerFor(w.b.coordinator.id)).home.overview()
    expect(other.sections.find((s) => s.role === 'REGION_COORDINATOR')!.blocks.find((b) => b.key === 'coordinator.late')!.items.filter((i) => i.link === `/fonds/${grant.id}`)).toEqual([])

    // Once the year is closed, it is no longer listed.
    await (await callerFor(w.a.coordinator.id)).fund.closeYear({ grantId: grant.id, year: YEAR - 1 })
    const after = await (await callerFor(w.a.coordinator.id)).home.overview()
    expect(after.sections.find((s) => s.role === 'REGION_COORDINATOR')!.blocks.find((b) => b.key === 'coordinator.late')!.items.filter((i) => i.link === `/fonds/${grant.id}`)).toEqual([])
  })
})

describe('lateBoards (the deadline notification and the home block)', () => {
  const today = Date.parse(`${toAmsterdam(new Date()).date}T00:00:00Z`)
  const day = (n: number) => new Date(today + n * 86_400_000)

  it('lists each not-reporting board of the year once, in deadline, fund, year, board order (allocation last); other years, closed grants and reports on another line of the year are not late', async () => {
    const fundName = `Fonds ${uniq()}`
    const [a, b, c] = [await buildBoard(db, { name: `A ${uniq()}` }), await buildBoard(db, { name: `B ${uniq()}` }), await buildBoard(db, { name: `C ${uniq()}` })]
    // The same fund name, year and deadline in both regions: the allocation decides the order between them.
    const grants = [
      await buildFundGrant(db, { regionId: w.a.region.id, penvoerderId: w.a.mbo.id, fundName, allocations: { [YEAR - 1]: 10_000_000, [YEAR]: 10_000_000 } }),
      await buildFundGrant(db, { regionId: w.b.region.id, penvoerderId: w.b.mbo.id, fundName, allocations: { [YEAR - 1]: 10_000_000 } }),
    ]
    const allocs = []
    for (const g of grants) {
      // Board a on two lines of the year (listed once), b on one, c reported on the second line only (not late).
      const l1 = await buildBudgetLine(db, { grantId: g.id, year: YEAR - 1, boardIds: [a.id, b.id, c.id] })
      const l2 = await buildBudgetLine(db, { grantId: g.id, year: YEAR - 1, boardIds: [a.id, c.id] })
      await buildReport(db, { budgetLineId: l2.id, boardId: c.id, year: YEAR - 1, amountCents: 10_000, status: 'SUBMITTED' })
      await buildReport(db, { budgetLineId: l1.id, boardId: a.id, year: YEAR - 1, amountCents: 10_000, status: 'REJECTED' }) // not a report
      allocs.push(await db.fundAllocation.update({ where: { grantId_year: { grantId: g.id, year: YEAR - 1 } }, data: { reportDeadline: day(-3) } }))
    }
    // The same grant's other year, deadline passed too, only board c: late there, listed after (later deadline).
    await buildBudgetLine(db, { grantId: grants[0]!.id, year: YEAR, boardIds: [c.id] })
    const current = await db.fundAllocation.update({ where: { grantId_year: { grantId: grants[0]!.id, year: YEAR } }, data: { reportDeadline: day(-1) } })
    // A closed grant of region a with a late board: left out.
    const closed = await buildFundGrant(db, { regionId: w.a.region.id, penvoerderId: w.a.mbo.id, fundName: `Fonds ${uniq()}`, allocations: { [YEAR - 1]: 10_000_000 } })
    await buildBudgetLine(db, { grantId: closed.id, year: YEAR - 1, boardIds: [a.id] })
    const closedAlloc = await db.fundAllocation.update({ where: { grantId_year: { grantId: closed.id, year: YEAR - 1 } }, data: { reportDeadline: day(-3) } })
    await db.fundGrant.update({ where: { id: closed.id }, data: { closedAt: new Date() } })

    const ids = [...allocs.map((x) => x.id), current.id, closedAlloc.id]
    const rows = await lateBoards(db, { allocationIds: ids, before: day(0) })
    const [first, second] = [...allocs].sort((x, y) => (x.id < y.id ? -1 : 1))
    expect(rows.map((r) => [r.allocationId, r.boardId])).toEqual([
      ...[a, b].flatMap((board) => [[first!.id, board.id], [second!.id, board.id]]),
      [current.id, c.id],
    ])
    expect(rows[0]).toMatchObject({ fundName, year: YEAR - 1, board: a.name, reportDeadline: day(-3) })
    // Per region, and before a day: the home block's filters.
    expect((await lateBoards(db, { allocationIds: ids, regionIds: [w.b.region.id] })).map((r) => [r.allocationId, r.boardId])).toEqual([
      [allocs[1]!.id, a.id],
      [allocs[1]!.id, b.id],
    ])
    expect((await lateBoards(db, { allocationIds: ids, before: day(-2) })).map((r) => r.allocationId)).not.toContain(current.id)
    expect(await lateBoards(db, { allocationIds: ids, limit: 1 })).toHaveLength(1)
  })
})

describe('booking made on a pupil’s behalf', () => {
  async function slot(capacity: number) {
    const programme = await db.slotProgramme.create({ data: { organisationId: w.a.mbo.id, name: `Zorg ${uniq()}`, sector: 'MBO', level: 'MBO_4', code: String(10_000 + Math.floor(Math.random() * 89_999)) } })
    const startsAt = new Date(Date.now() + 10 * 24 * HOUR)
    return db.slot.create({
      data: { programmeId: programme.id, organisationId: w.a.mbo.id, startsAt, endsAt: new Date(startsAt.getTime() + 3 * HOUR), location: 'Hal 2', capacity, bookingOpensAt: new Date(Date.now() - HOUR), bookingClosesAt: startsAt, audienceLevels: ['HAVO'] },
      include: { programme: true },
    })
  }
  const pupil = (slotId: string, schoolId: string) => ({ slotId, name: 'Sam de Vries', email: `sam-${uniq()}@leerling.example.test`, schoolId, level: 'HAVO' as const, year: 4, answers: {} })

  it('tells the school’s other decanen (per their preference), not the decaan who booked nor another school; a waiting-list place says so', async () => {
    const colleague = await buildUser(db, { name: 'Collega Decaan', roles: [{ role: 'ORG_STAFF', organisationId: w.a.school.id }] })
    const digestColleague = await buildUser(db, { roles: [{ role: 'ORG_STAFF', organisationId: w.a.school.id }] })
    await (await callerFor(digestColleague.id)).notifications.setPreference({ kind: 'slots.bookedOnBehalf', mode: 'DIGEST' })
    const otherSchool = await buildOrganisation(db, { regionIds: [w.a.region.id], sector: 'VO' })
    const otherStaff = await buildUser(db, { roles: [{ role: 'ORG_STAFF', organisationId: otherSchool.id }] })
    const s = await slot(1)
    const decaan = await callerFor(w.a.staff.id)
    expect((await decaan.slots.bookForPupil(pupil(s.id, w.a.school.id))).status).toBe('CONFIRMED')
    expect((await decaan.slots.bookForPupil(pupil(s.id, w.a.school.id))).status).toBe('WAITLISTED')

    const got = await notificationsOf(colleague.id, 'slots.bookedOnBehalf')
    expect(got.map((n) => [n.link, (n.params as Record<string, unknown>).status])).toEqual([
      ['/proefstuderen/school', 'CONFIRMED'],
      ['/proefstuderen/school', 'WAITLISTED'],
    ])
    expect(got[0]!.params).toEqual({ programme: s.programme.name, institution: w.a.mbo.name, startsAt: s.startsAt.toISOString(), status: 'CONFIRMED', by: w.a.staff.name })
    // No pupil data in the notification or its mail.
    expect(JSON.stringify(got.map((n) => n.params))).not.toContain('Sam')
    const first = await mailOf(colleague.id, got[0]!.key)
    expect(first!.subject).toBe(`Leerling aangemeld: ${s.programme.name}`)
    expect(first!.text).not.toContain('Sam')
    expect((await mailOf(colleague.id, got[1]!.key))!.subject).toBe(`Leerling op de wachtlijst: ${s.programme.name}`)
    // The digest colleague: in-app, waiting for the digest, no immediate mail.
    const digest = await notificationsOf(digestColleague.id, 'slots.bookedOnBehalf')
    expect(digest.map((n) => n.digestPending)).toEqual([true, true])
    expect(await mailOf(digestColleague.id, digest[0]!.key)).toBeNull()
    expect(await notificationsOf(w.a.staff.id, 'slots.bookedOnBehalf')).toHaveLength(0)
    expect(await notificationsOf(otherStaff.id, 'slots.bookedOnBehalf')).toHaveLength(0)
    expect(await notificationsOf(w.b.staff.id, 'slots.bookedOnBehalf')).toHaveLength(0)

    // A pupil's own booking tells nobody.
    await (await callerFor(null)).slots.book(pupil((await slot(5)).id, w.a.school.id))
    expect(await notificationsOf(colleague.id, 'slots.bookedOnBehalf')).toHaveLength(2)
  })
})
