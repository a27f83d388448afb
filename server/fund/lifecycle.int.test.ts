import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { buildBoard, buildOrganisation, buildTwoRegionWorld, buildUser } from '../db/factories.ts'
import { buildBudgetLine, buildCalendarEvent, buildFundGrant, buildReport, SAMPLE_PDF } from './factories.ts'
import { loadActor } from '../auth/actor.ts'
import { AppError } from '../lib/errors.ts'
import { FsStorage } from '../storage/index.ts'
import { toAmsterdam } from '../lib/time.ts'
import { addGrantDocument, readGrantDocument } from './documents.ts'
import { settlement } from './settlement.ts'
import { settlementCsv, settlementPdf, settlementXlsx } from './settlement-export.ts'
import { formatCents } from './money.ts'
import { callerFor, db, expectDbRefusal, expectTrpcError } from '../test/helpers.ts'
import { SUPPRESSED } from '../transitions/suppression.ts'

type World = Awaited<ReturnType<typeof buildTwoRegionWorld>>
let w: World
let coord2: { id: string }
let otherBoard: { id: string; name: string }
let otherReporter: { id: string }
let storageDir: string
let storage: FsStorage

const actor = async (userId: string) => (await loadActor(db, userId))!
const appErrorKey = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  )
  const cause = (err as { cause?: unknown })?.cause ?? err
  expect(cause).toBeInstanceOf(AppError)
  return (cause as AppError).key
}

/** A grant of region A with two lines in 2019 (board A: € 10.000, other board: € 5.000) and € 200.000 a year. */
async function grantWithLines(name: string) {
  const grant = await buildFundGrant(db, { regionId: w.a.region.id, penvoerderId: w.a.mbo.id, fundName: `${name} ${Date.now()} ${Math.random()}`, coFinancingPercent: 50 })
  const l1 = await buildBudgetLine(db, { grantId: grant.id, year: 2019, boardIds: [w.a.board.id], activity: 'Open dagen', amountCents: 1_000_000 })
  const l2 = await buildBudgetLine(db, { grantId: grant.id, year: 2019, boardIds: [otherBoard.id], activity: 'Netwerkweken', amountCents: 500_000 })
  return { grant, l1, l2 }
}

const move = (grantId: string, from: string, to: string, fromAmount: number, toAmount: number, baseVersion = 1) => ({
  grantId,
  baseVersion,
  reason: 'Open dagen kosten minder, netwerkweken meer',
  ops: [
    { op: 'amount' as const, lineId: from, amountCents: fromAmount },
    { op: 'amount' as const, lineId: to, amountCents: toAmount },
  ],
})

beforeAll(async () => {
  storageDir = await mkdtemp(path.join(tmpdir(), 'fund-lifecycle-'))
  storage = new FsStorage(storageDir)
  w = await buildTwoRegionWorld(db)
  coord2 = await buildUser(db, { roles: [{ role: 'REGION_COORDINATOR', regionId: w.a.region.id }] })
  otherBoard = await buildBoard(db)
  await buildOrganisation(db, { regionIds: [w.a.region.id], boardId: otherBoard.id })
  otherReporter = await buildUser(db, { roles: [{ role: 'BOARD_REPORTER', boardId: otherBoard.id }] })
})

afterAll(async () => {
  await rm(storageDir, { recursive: true, force: true })
})

describe('fund lifecycle: budget changes with four eyes', () => {
  it('moves € 5.000 between lines: the proposer cannot approve, a second coordinator can; a new version with its diff; approved reports keep their line version', async () => {
    const { grant, l1, l2 } = await grantWithLines('Vier ogen')
    const approvedBefore = await buildReport(db, { budgetLineId: l1.id, boardId: w.a.board.id, year: 2019, amountCents: 100_000, status: 'SUBMITTED' })
    const c1 = await callerFor(w.a.coordinator.id)
    const c2 = await callerFor(coord2.id)
    const approvedReport = await c1.fund.approveReport({ id: approvedBefore.id, version: approvedBefore.version })
    expect(approvedReport.approvedLineVersionId).not.toBeNull()

    const change = await c1.fund.proposeChange(move(grant.id, l1.id, l2.id, 500_000, 1_000_000))
    expect(change.status).toBe('PROPOSED')
    // Four eyes: not the proposer; not a board reporter; not another region's coordinator.
    const own = await expectTrpcError(c1.fund.approveChange({ id: change.id, version: change.version }), 'FORBIDDEN')
    expect((own.cause as AppError).key).toBe('fund.errors.fourEyes')
    await expectTrpcError((await callerFor(w.a.boardReporter.id)).fund.approveChange({ id: change.id, version: change.version }), 'FORBIDDEN')
    await expectTrpcError((await callerFor(w.b.coordinator.id)).fund.approveChange({ id: change.id, version: change.version }), 'FORBIDDEN')
    // Nothing changed yet.
    expect((await db.fundBudgetLine.findUniqueOrThrow({ where: { id: l1.id } })).amountCents).toBe(1_000_000)

    const approved = await c2.fund.approveChange({ id: change.id, version: change.version })
    expect(approved).toMatchObject({ status: 'APPROVED', resultVersion: 2, decidedById: coord2.id })
    expect(approved.diff).toEqual([
      { kind: 'line', lineId: l1.id, year: 2019, activity: 'Open dagen', field: 'amountCents', before: 1_000_000, after: 500_000 },
      { kind: 'line', lineId: l2.id, year: 2019, activity: 'Netwerkweken', field: 'amountCents', before: 500_000, after: 1_000_000 },
    ])
    const lines = await db.fundBudgetLine.findMany({ where: { grantId: grant.id }, orderBy: { activity: 'asc' } })
    expect(lines.map((l) => [l.activity, l.amountCents, l.version])).toEqual([
      ['Netwerkweken', 1_000_000, 2],
      ['Open dagen', 500_000, 2],
    ])
    const dash = await c1.fund.dashboard({ grantId: grant.id })
    expect(dash.budgetVersion).toBe(2)
    expect(dash.totals.budgetedCents).toBe(1_500_000)
    // The report approved before the change still points at version 1 of its line (€ 10.000).
    const report = await db.fundReport.findUniqueOrThrow({ where: { id: approvedBefore.id }, include: { approvedLineVersion: true } })
    expect(report.approvedLineVersion).toMatchObject({ version: 1, amountCents: 1_000_000, budgetVersion: 1 })
    expect((await db.fundLineVersion.findUniqueOrThrow({ where: { budgetLineId_version: { budgetLineId: l1.id, version: 2 } } })).amountCents).toBe(500_000)

    const history = await c1.fund.budgetHistory({ grantId: grant.id })
    expect(history.budgetVersion).toBe(2)
    expect(history.changes).toHaveLength(1)
    expect(history.changes[0]).toMatchObject({ status: 'APPROVED', baseVersion: 1, resultVersion: 2, reason: 'Open dagen kosten minder, netwerkweken meer' })
    // A board sees the approved versions' entries of its own lines only, without names or reasons.
    const boardHistory = await (await callerFor(w.a.boardReporter.id)).fund.budgetHistory({ grantId: grant.id })
    expect(boardHistory.changes[0]!.diff.map((d) => d.lineId)).toEqual([l1.id])
    expect(boardHistory.changes[0]!.reason).toBeNull()

    const log = await db.auditLog.findMany({ where: { entityId: change.id }, orderBy: { id: 'asc' } })
    expect(log.map((l) => l.action)).toEqual(['fund.budget.propose', 'fund.budget.approve'])
    expect(log[1]!.before).toMatchObject({ status: 'PROPOSED' })
    expect(log[1]!.after).toMatchObject({ status: 'APPROVED', resultVersion: 2 })

    // From now on lines are added through changes only.
    await expectTrpcError(c1.fund.createBudgetLine({ grantId: grant.id, year: 2019, activity: 'Nieuw', category: 'ACTIVITIES', amountCents: 1, boardIds: [w.a.board.id] }), 'CONFLICT')
  })

  it('refuses over-allocation (service and database trigger), closed years, stale versions and a second approval', async () => {
    const { grant, l1, l2 } = await grantWithLines('Grenzen')
    const c1 = await callerFor(w.a.coordinator.id)
    const c2 = await callerFor(coord2.id)
    // € 200.000 allocation in 2019: raising a line to € 196.000 exceeds it (€ 5.000 on the other line).
    expect(await appErrorKey(c1.fund.proposeChange({ grantId: grant.id, baseVersion: 1, reason: 'Te veel', ops: [{ op: 'amount', lineId: l1.id, amountCents: 19_600_000 }] }))).toBe('fund.errors.overAllocation')
    // The database refuses it too, at commit, whatever writes it.
    await expectDbRefusal(db.fundBudgetLine.update({ where: { id: l1.id }, data: { amountCents: 19_600_000 } }), '23514', 'exceeds the allocation')
    await expectDbRefusal(db.fundAllocation.update({ where: { grantId_year: { grantId: grant.id, year: 2019 } }, data: { amountCents: 1_000 } }), '23514', 'exceeds the allocation')
    // Moving allocation between years keeps the total; changing the total is refused.
    expect(await appErrorKey(c1.fund.proposeChange({ grantId: grant.id, baseVersion: 1, reason: 'Meer geld', ops: [{ op: 'allocation', year: 2019, amountCents: 30_000_000 }] }))).toBe('fund.errors.allocationTotalChanged')
    // A line cannot go below what was already submitted or approved on it.
    await buildReport(db, { budgetLineId: l1.id, boardId: w.a.board.id, year: 2019, amountCents: 800_000, status: 'APPROVED' })
    expect(await appErrorKey(c1.fund.proposeChange(move(grant.id, l1.id, l2.id, 700_000, 800_000)))).toBe('fund.errors.belowSpent')
    // Closed year.
    await c1.fund.closeYear({ grantId: grant.id, year: 2020 })
    const l2020 = { op: 'add' as const, year: 2020, activity: 'Extra', category: 'ACTIVITIES' as const, amountCents: 100, boardIds: [w.a.board.id] }
    expect(await appErrorKey(c1.fund.proposeChange({ grantId: grant.id, baseVersion: 1, reason: 'Nieuwe regel', ops: [l2020] }))).toBe('fund.errors.yearClosed')

    // Two proposals on version 1: the first approved wins, the second is stale (optimistic lock), a second approval conflicts.
    const a = await c1.fund.proposeChange(move(grant.id, l1.id, l2.id, 900_000, 600_000))
    const b = await c1.fund.proposeChange({ grantId: grant.id, baseVersion: 1, reason: 'Nieuwe regel in 2021', ops: [{ ...l2020, year: 2021 }] })
    await c2.fund.approveChange({ id: a.id, version: a.version })
    await expectTrpcError(c2.fund.approveChange({ id: a.id, version: a.version }), 'CONFLICT')
    expect(await appErrorKey(c2.fund.approveChange({ id: b.id, version: b.version }))).toBe('fund.errors.budgetChanged')
    expect(await appErrorKey(c1.fund.proposeChange(move(grant.id, l1.id, l2.id, 850_000, 650_000, 1)))).toBe('fund.errors.budgetChanged')
    const rejected = await c2.fund.rejectChange({ id: b.id, version: b.version, reason: 'Verouderd voorstel' })
    expect(rejected).toMatchObject({ status: 'REJECTED', rejectReason: 'Verouderd voorstel' })
    expect((await db.fundGrant.findUniqueOrThrow({ where: { id: grant.id } })).budgetVersion).toBe(2)
  })

  it('two approvals of proposals on the same version at the same time: exactly one applies, the other gets the same answer as a later approval', async () => {
    const c1 = await callerFor(w.a.coordinator.id)
    const [c2, admin] = [await callerFor(coord2.id), await callerFor(w.admin.id)]
    for (let i = 0; i < 4; i++) {
      const { grant, l1, l2 } = await grantWithLines('Gelijktijdig')
      const a = await c1.fund.proposeChange(move(grant.id, l1.id, l2.id, 900_000, 600_000))
      const b = await c1.fund.proposeChange(move(grant.id, l1.id, l2.id, 800_000, 700_000))
      const [ra, rb] = await Promise.allSettled([c2.fund.approveChange({ id: a.id, version: a.version }), admin.fund.approveChange({ id: b.id, version: b.version })])
      expect([ra.status, rb.status].sort()).toEqual(['fulfilled', 'rejected'])
      const lost = (ra.status === 'rejected' ? ra : rb) as PromiseRejectedResult
      expect((lost.reason as { code: string }).code).toBe('CONFLICT')
      // Not a clash of the rows both tried to write (e.g. the same line version): the budget moved on.
      expect(await appErrorKey(Promise.reject(lost.reason))).toBe('fund.errors.budgetChanged')
      const g = await db.fundGrant.findUniqueOrThrow({ where: { id: grant.id } })
      expect(g.budgetVersion).toBe(2)
      const lines = await db.fundBudgetLine.findMany({ where: { grantId: grant.id } })
      expect(lines.reduce((x, l) => x + l.amountCents, 0)).toBe(1_500_000)
      expect(await db.fundBudgetChange.count({ where: { grantId: grant.id, status: 'APPROVED' } })).toBe(1)
      // The replaced line versions belong to budget version 1, the new ones to 2.
      const versions = await db.fundLineVersion.findMany({ where: { budgetLineId: { in: [l1.id, l2.id] } }, orderBy: [{ budgetLineId: 'asc' }, { version: 'asc' }] })
      expect(versions.map((v) => [v.version, v.budgetVersion])).toEqual([
        [1, 1],
        [2, 2],
        [1, 1],
        [2, 2],
      ])
    }
  })

  it('moves allocation between years and adds a line in one change (the trigger checks every written row)', async () => {
    const { grant, l1 } = await grantWithLines('Tussen jaren')
    const c2 = await callerFor(coord2.id)
    const change = await (await callerFor(w.a.coordinator.id)).fund.proposeChange({
      grantId: grant.id,
      baseVersion: 1,
      reason: 'Geld van 2019 naar 2018 voor een extra regel',
      ops: [
        { op: 'add', year: 2018, activity: 'Inhaalslag', category: 'PERSONNEL', amountCents: 30_000_000, boardIds: [w.a.board.id] },
        { op: 'allocation', year: 2019, amountCents: 1_000_000 },
        { op: 'allocation', year: 2018, amountCents: 39_000_000 },
        { op: 'amount', lineId: l1.id, amountCents: 500_000 },
      ],
    })
    const approved = await c2.fund.approveChange({ id: change.id, version: change.version })
    expect(approved.diff).toHaveLength(4)
    const dash = await c2.fund.dashboard({ grantId: grant.id })
    expect(dash.byYear.filter((y) => y.year <= 2019).map((y) => [y.year, y.allocationCents, y.budgetedCents])).toEqual([
      [2018, 39_000_000, 30_000_000],
      [2019, 1_000_000, 1_000_000],
    ])
    expect(dash.totals.allocationCents).toBe(80_000_000)
  })

  it('four eyes can be switched off by a platform admin only; then the proposer may approve', async () => {
    const { grant, l1, l2 } = await grantWithLines('Configureerbaar')
    const c1 = await callerFor(w.a.coordinator.id)
    expect(await appErrorKey(c1.fund.setFourEyes({ grantId: grant.id, fourEyes: false }))).toBe('fund.errors.fourEyesAdminOnly')
    await (await callerFor(w.admin.id)).fund.setFourEyes({ grantId: grant.id, fourEyes: false })
    const change = await c1.fund.proposeChange(move(grant.id, l1.id, l2.id, 400_000, 1_100_000))
    expect((await c1.fund.approveChange({ id: change.id, version: change.version })).status).toBe('APPROVED')
    // An admin may approve another coordinator's change (four eyes on again).
    await c1.fund.setFourEyes({ grantId: grant.id, fourEyes: true })
    const next = await c1.fund.proposeChange({ grantId: grant.id, baseVersion: 2, reason: 'Regel sluiten', ops: [{ op: 'close', lineId: l2.id }] })
    await expectTrpcError(c1.fund.approveChange({ id: next.id, version: next.version }), 'FORBIDDEN')
    expect((await (await callerFor(w.admin.id)).fund.approveChange({ id: next.id, version: next.version })).resultVersion).toBe(3)
    expect((await db.fundBudgetLine.findUniqueOrThrow({ where: { id: l2.id } })).closedAt).not.toBeNull()
    // A closed line takes no new reports.
    await expectTrpcError(
      (await callerFor(otherReporter.id)).fund.createReport({ budgetLineId: l2.id, amountCents: 100, coFinancedCents: 0, spentOn: '2019-05-01', description: 'Na sluiting', category: 'ACTIVITIES' }),
      'CONFLICT',
    )
  })
})

describe('fund lifecycle: payments', () => {
  it('records advances and payments after approval; each board sees only its own; the dashboard shows paid per year and board', async () => {
    const { grant, l1, l2 } = await grantWithLines('Betalingen')
    const approved = await buildReport(db, { budgetLineId: l1.id, boardId: w.a.board.id, year: 2019, amountCents: 300_000, status: 'APPROVED' })
    const draft = await buildReport(db, { budgetLineId: l1.id, boardId: w.a.board.id, year: 2019, amountCents: 1_000 })
    const c = await callerFor(w.a.coordinator.id)
    const today = toAmsterdam(new Date()).date
    const advance = await c.fund.createPayment({ grantId: grant.id, boardId: otherBoard.id, kind: 'ADVANCE', paidOn: today, amountCents: 250_000, reference: 'VS-2019-01', budgetLineId: l2.id })
    expect(advance).toMatchObject({ year: 2019, budgetLineId: l2.id })
    await c.fund.createPayment({ grantId: grant.id, boardId: w.a.board.id, kind: 'AFTER_APPROVAL', paidOn: today, amountCents: 200_000, reference: 'BET-1', reportId: approved.id })
    expect(await appErrorKey(c.fund.createPayment({ grantId: grant.id, boardId: w.a.board.id, kind: 'AFTER_APPROVAL', paidOn: today, amountCents: 100_001, reference: 'BET-2', reportId: approved.id }))).toBe('fund.errors.overpaid')
    expect(await appErrorKey(c.fund.createPayment({ grantId: grant.id, boardId: w.a.board.id, kind: 'AFTER_APPROVAL', paidOn: today, amountCents: 1, reference: 'BET-3', reportId: draft.id }))).toBe('fund.errors.reportNotApproved')
    expect(await appErrorKey(c.fund.createPayment({ grantId: grant.id, boardId: w.a.board.id, kind: 'ADVANCE', paidOn: today, amountCents: 1, reference: 'X', budgetLineId: l2.id }))).toBe('fund.errors.lineNotOfBoard')
    expect(await appErrorKey(c.fund.createPayment({ grantId: grant.id, boardId: w.b.board.id, kind: 'ADVANCE', paidOn: '2019-01-01', amountCents: 1, reference: 'X' }))).toBe('fund.errors.boardNotInRegion')
    await expectTrpcError(c.fund.createPayment({ grantId: grant.id, boardId: w.a.board.id, kind: 'ADVANCE', paidOn: today, amountCents: 0, reference: 'X' }), 'BAD_REQUEST')
    // Only coordinators of the region record payments.
    await expectTrpcError((await callerFor(w.a.boardReporter.id)).fund.createPayment({ grantId: grant.id, boardId: w.a.board.id, kind: 'ADVANCE', paidOn: today, amountCents: 1, reference: 'X' }), 'FORBIDDEN')
    await expectTrpcError((await callerFor(w.b.coordinator.id)).fund.createPayment({ grantId: grant.id, boardId: w.a.board.id, kind: 'ADVANCE', paidOn: today, amountCents: 1, reference: 'X' }), 'FORBIDDEN')

    // Tenant isolation: each board its own payments, another region nothing.
    expect((await c.fund.payments({ grantId: grant.id })).items.map((p) => p.amountCents).sort()).toEqual([200_000, 250_000])
    expect((await (await callerFor(w.a.boardReporter.id)).fund.payments({ grantId: grant.id })).items.map((p) => [p.boardId, p.amountCents])).toEqual([[w.a.board.id, 200_000]])
    expect((await (await callerFor(otherReporter.id)).fund.payments({ grantId: grant.id })).items.map((p) => [p.boardId, p.amountCents])).toEqual([[otherBoard.id, 250_000]])
    await expectTrpcError((await callerFor(w.b.coordinator.id)).fund.payments({ grantId: grant.id }), 'FORBIDDEN')
    await expectTrpcError((await callerFor(w.b.boardReporter.id)).fund.payments({ grantId: grant.id }), 'FORBIDDEN')

    const dash = await c.fund.dashboard({ grantId: grant.id })
    expect(dash.totals).toMatchObject({ paidCents: 450_000, approvedCents: 300_000, outstandingCents: -150_000 })
    expect(dash.byYear.find((y) => y.year === 2019)).toMatchObject({ allocationCents: 20_000_000, budgetedCents: 1_500_000, approvedCents: 300_000, paidCents: 450_000 })
    expect(dash.byBoard.find((b) => b.id === w.a.board.id)).toMatchObject({ approvedCents: 300_000, paidCents: 200_000, outstandingCents: 100_000 })
    const boardDash = await (await callerFor(w.a.boardReporter.id)).fund.dashboard({ grantId: grant.id })
    expect(boardDash.byBoard.map((b) => [b.id, b.paidCents, b.outstandingCents])).toEqual([[w.a.board.id, 200_000, 100_000]])
    expect(boardDash.totals.paidCents).toBe(200_000)
    expect((await db.auditLog.findMany({ where: { entityId: advance.id } })).map((l) => l.action)).toEqual(['fund.payment.create'])
  })
})

describe('fund lifecycle: results reporting and deadlines', () => {
  it('a board reports results linked to two events, submits, the coordinator approves; others are refused; small counts are suppressed', async () => {
    const { grant, l1 } = await grantWithLines('Resultaten')
    const e1 = await buildCalendarEvent(db, { title: 'Open dag 1', startsAt: new Date(Date.UTC(2019, 2, 16, 9)), regionIds: [w.a.region.id], organiserId: w.a.mbo.id })
    const e2 = await buildCalendarEvent(db, { title: 'Open dag 2', startsAt: new Date(Date.UTC(2019, 9, 12, 9)), regionIds: [w.a.region.id], organiserId: w.a.mbo.id })
    const otherRegionEvent = await buildCalendarEvent(db, { title: 'Elders', startsAt: new Date(Date.UTC(2019, 3, 1, 9)), regionIds: [w.b.region.id], organiserId: w.b.mbo.id })
    const r = await callerFor(w.a.boardReporter.id)
    const c = await callerFor(w.a.coordinator.id)
    const input = { budgetLineId: l1.id, pupilsReached: 4, narrative: '', obstacles: 'Weinig vervoer', eventIds: [e1.id, e2.id], programmeIds: [], goals: [] }
    expect(await appErrorKey(r.fund.createResult({ ...input, eventIds: [otherRegionEvent.id] }))).toBe('fund.errors.eventNotInRegion')
    await expectTrpcError((await callerFor(otherReporter.id)).fund.createResult(input), 'FORBIDDEN')
    const draft = await r.fund.createResult(input)
    expect(await appErrorKey(r.fund.submitResult({ id: draft.id, version: draft.version }))).toBe('fund.errors.narrativeRequired')
    const updated = await r.fund.updateResult({ ...input, id: draft.id, version: draft.version, narrative: 'Twee open dagen gehouden voor havo 4.' })
    const submitted = await r.fund.submitResult({ id: draft.id, version: updated.version })
    expect(submitted.status).toBe('SUBMITTED')
    await expectTrpcError(r.fund.approveResult({ id: draft.id, version: submitted.version }), 'FORBIDDEN')
    await expectTrpcError((await callerFor(w.b.coordinator.id)).fund.result({ id: draft.id }), 'FORBIDDEN')
    await expectTrpcError((await callerFor(otherReporter.id)).fund.result({ id: draft.id }), 'FORBIDDEN')
    const approved = await c.fund.approveResult({ id: draft.id, version: submitted.version })
    expect(approved.status).toBe('APPROVED')
    // The owner sees the small count; the coordinator sees it suppressed.
    expect((await r.fund.result({ id: draft.id })).pupilsReached).toBe(4)
    const seen = await c.fund.result({ id: draft.id })
    expect(seen.pupilsReached).toBe(SUPPRESSED)
    expect(seen.events.map((e) => e.title)).toEqual(['Open dag 1', 'Open dag 2'])
    expect((await c.fund.results({ grantId: grant.id })).items.map((x) => [x.boardId, x.status, x.eventCount])).toEqual([[w.a.board.id, 'APPROVED', 2]])
    expect(await (await callerFor(otherReporter.id)).fund.results({ grantId: grant.id })).toEqual({ items: [], nextCursor: null, total: 0 })
    expect((await db.auditLog.findMany({ where: { entityId: draft.id }, orderBy: { id: 'asc' } })).map((l) => l.action)).toEqual(['fund.result.create', 'fund.result.update', 'fund.result.submit', 'fund.result.approve'])
  })

  it('a passed deadline flags the lines whose results are not submitted, per board', async () => {
    const { grant, l1, l2 } = await grantWithLines('Termijn')
    const c = await callerFor(w.a.coordinator.id)
    const yesterday = toAmsterdam(new Date(Date.now() - 86_400_000)).date
    expect(await c.fund.overdue({ grantId: grant.id })).toEqual([])
    await c.fund.setDeadline({ grantId: grant.id, year: 2019, deadline: yesterday })
    expect((await c.fund.overdue({ grantId: grant.id })).map((o) => [o.lineId, o.boardId, o.deadline])).toEqual([
      [l2.id, otherBoard.id, yesterday],
      [l1.id, w.a.board.id, yesterday],
    ])
    const r = await callerFor(w.a.boardReporter.id)
    expect((await r.fund.overdue({ grantId: grant.id })).map((o) => o.lineId)).toEqual([l1.id])
    const res = await r.fund.createResult({ budgetLineId: l1.id, pupilsReached: 120, narrative: 'Gedaan', obstacles: '', eventIds: [], programmeIds: [], goals: [] })
    await r.fund.submitResult({ id: res.id, version: res.version })
    expect(await r.fund.overdue({ grantId: grant.id })).toEqual([])
    expect((await c.fund.overdue({ grantId: grant.id })).map((o) => o.lineId)).toEqual([l2.id])
    const dash = await c.fund.dashboard({ grantId: grant.id })
    expect(dash.byYear.find((y) => y.year === 2019)!.reportDeadline?.toISOString().slice(0, 10)).toBe(yesterday)
  })
})

describe('fund lifecycle: settlement, closing and the grant decision', () => {
  it('settles per board and region with totals equal to the dashboard, exports them safely, and closes the grant read-only', async () => {
    const { grant, l1, l2 } = await grantWithLines('Afrekening')
    // A line shared by two boards: € 0,03 split as 2 + 1 cents.
    const shared = await buildBudgetLine(db, { grantId: grant.id, year: 2020, boardIds: [w.a.board.id, otherBoard.id], activity: 'Gedeeld', amountCents: 3 })
    await db.board.update({ where: { id: otherBoard.id }, data: { name: `=HYPERLINK("http://x") ${otherBoard.id}` } })
    await buildReport(db, { budgetLineId: l1.id, boardId: w.a.board.id, year: 2019, amountCents: 400_001, coFinancedCents: 200_000, status: 'APPROVED' })
    await buildReport(db, { budgetLineId: l2.id, boardId: otherBoard.id, year: 2019, amountCents: 99_999, coFinancedCents: 10, status: 'APPROVED' })
    await buildReport(db, { budgetLineId: shared.id, boardId: otherBoard.id, year: 2020, amountCents: 7, status: 'REJECTED' })
    const c = await callerFor(w.a.coordinator.id)
    const today = toAmsterdam(new Date()).date
    await c.fund.createPayment({ grantId: grant.id, boardId: w.a.board.id, kind: 'ADVANCE', paidOn: today, amountCents: 450_000, reference: 'VS-1', budgetLineId: l1.id })

    const s = await c.fund.settlement({ grantId: grant.id })
    const dash = await c.fund.dashboard({ grantId: grant.id })
    expect(s.region).toMatchObject({ allocationCents: dash.totals.allocationCents, budgetedCents: dash.totals.budgetedCents, approvedCents: dash.totals.approvedCents, coFinancedCents: dash.totals.coFinancedCents, paidCents: dash.totals.paidCents })
    expect(s.region).toMatchObject({ allocationCents: 80_000_000, budgetedCents: 1_500_003, approvedCents: 500_000, paidCents: 450_000, balanceCents: 50_000, unspentCents: 79_500_000, requiredCoFinancingCents: 40_000_000, coFinancingMet: false })
    const a = s.byBoard.find((b) => b.id === w.a.board.id)!
    const o = s.byBoard.find((b) => b.id === otherBoard.id)!
    const [first, second] = [w.a.board.id, otherBoard.id].sort()
    expect(a).toMatchObject({ budgetedCents: 1_000_000 + (first === w.a.board.id ? 2 : 1), approvedCents: 400_001, coFinancedCents: 200_000, paidCents: 450_000, balanceCents: -49_999 })
    expect(o).toMatchObject({ budgetedCents: 500_000 + (second === otherBoard.id ? 1 : 2), approvedCents: 99_999, paidCents: 0, balanceCents: 99_999 })
    expect(s.byBoard.reduce((x, b) => x + b.budgetedCents, 0)).toBe(s.region.budgetedCents)
    expect(s.byYear.reduce((x, y) => x + y.approvedCents, 0)).toBe(s.region.approvedCents)

    // A board sees its own settlement only; another region nothing.
    const own = await (await callerFor(w.a.boardReporter.id)).fund.settlement({ grantId: grant.id })
    expect(own.byBoard.map((b) => b.id)).toEqual([w.a.board.id])
    expect(own.region.approvedCents).toBe(400_001)
    await expectTrpcError((await callerFor(w.b.coordinator.id)).fund.settlement({ grantId: grant.id }), 'FORBIDDEN')

    // CSV: formula-safe names, exact cents; XLSX: the name is text; PDF: the region total as on the dashboard.
    const csv = parse(settlementCsv(s, 'nl'), { delimiter: ';', bom: true }) as string[][]
    const otherRow = csv.find((row) => row[0]!.includes(otherBoard.id))!
    expect(otherRow[0]!.startsWith("'=")).toBe(true)
    expect(csv.at(-1)!.slice(0, 4)).toEqual(['Totaal regio', '', '80000000', '500000'])
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await settlementXlsx(s, 'nl')) as never)
    const cell = wb.worksheets[0]!.getColumn(1).values.find((v) => typeof v === 'string' && v.includes(otherBoard.id))
    expect(typeof cell).toBe('string')
    const pdf = (await settlementPdf(s, 'nl')).toString('latin1')
    expect(pdf.startsWith('%PDF-')).toBe(true)
    expect(pdfText(pdf)).toContain(`Goedgekeurde besteding: ${formatCents(dash.totals.approvedCents, 'nl')}`.replace(/\u00a0/g, ' '))
    // A name outside WinAnsi (the PDF's built-in Helvetica) prints as its look-alike, not as two garbage bytes per character.
    const named = { ...s, byBoard: s.byBoard.map((b, i) => (i ? b : { ...b, name: 'Stichting Yıldız → Łódź' })) }
    expect(pdfText((await settlementPdf(named, 'nl')).toString('latin1'))).toContain('Stichting Yildiz -> Lódz')

    // Closing: not while something waits for a decision; afterwards read-only, also in the database.
    const pending = await buildReport(db, { budgetLineId: l1.id, boardId: w.a.board.id, year: 2019, amountCents: 5, status: 'SUBMITTED' })
    expect(await appErrorKey(c.fund.closeGrant({ grantId: grant.id }))).toBe('fund.errors.pendingReports')
    await c.fund.rejectReport({ id: pending.id, version: pending.version, reason: 'Niet nodig' })
    await expectTrpcError((await callerFor(w.a.boardReporter.id)).fund.closeGrant({ grantId: grant.id }), 'FORBIDDEN')
    const closed = await c.fund.closeGrant({ grantId: grant.id })
    expect(closed.closedAt).not.toBeNull()
    expect(await db.fundClosedYear.count({ where: { grantId: grant.id } })).toBe(4)
    expect(await appErrorKey(c.fund.createPayment({ grantId: grant.id, boardId: w.a.board.id, kind: 'ADVANCE', paidOn: today, amountCents: 1, reference: 'X' }))).toBe('fund.errors.grantClosed')
    expect(await appErrorKey(c.fund.proposeChange(move(grant.id, l1.id, l2.id, 900_000, 600_000)))).toBe('fund.errors.grantClosed')
    expect(await appErrorKey(c.fund.setDeadline({ grantId: grant.id, year: 2019, deadline: today }))).toBe('fund.errors.grantClosed')
    await expectDbRefusal(db.fundPayment.create({ data: { grantId: grant.id, boardId: w.a.board.id, year: 2019, kind: 'ADVANCE', paidOn: new Date(), amountCents: 1, reference: 'direct' } }), '23514', 'is closed')
    await expectDbRefusal(db.fundBudgetLine.update({ where: { id: l1.id }, data: { amountCents: 1 } }), '23514', 'is closed')
    // Reading still works and gives the same figures.
    expect((await c.fund.settlement({ grantId: grant.id })).region.approvedCents).toBe(500_000)
    expect((await c.fund.grant({ grantId: grant.id })).can).toMatchObject({ manage: false, approve: false, report: false })
  })

  it('attaches the grant decision (PDF only) through the evidence storage; readable by the region, not by another region', async () => {
    const { grant } = await grantWithLines('Beschikking')
    const coordinator = await actor(w.a.coordinator.id)
    await expect(addGrantDocument(db, coordinator, storage, { grantId: grant.id, filename: 'b.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1]) })).rejects.toMatchObject({ key: 'fund.errors.decisionPdf' })
    await expect(addGrantDocument(db, await actor(w.a.boardReporter.id), storage, { grantId: grant.id, filename: 'b.pdf', bytes: SAMPLE_PDF })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    const doc = await addGrantDocument(db, coordinator, storage, { grantId: grant.id, filename: '../beschikking 2018.pdf', bytes: SAMPLE_PDF })
    expect(doc.filename).toBe('beschikking 2018.pdf')
    const read = await readGrantDocument(db, await actor(w.a.boardReporter.id), storage, doc.id)
    expect(Buffer.from(read.bytes).equals(SAMPLE_PDF)).toBe(true)
    await expect(readGrantDocument(db, await actor(w.b.coordinator.id), storage, doc.id)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    expect((await (await callerFor(w.a.coordinator.id)).fund.grant({ grantId: grant.id })).documents.map((d) => d.filename)).toEqual(['beschikking 2018.pdf'])
    expect((await db.auditLog.findMany({ where: { entityId: doc.id } })).map((l) => l.action)).toEqual(['fund.document.add'])
  })

  it('settlement of a board reporter counts only its boards (settlement() as a service)', async () => {
    const { grant } = await grantWithLines('Service')
    const s = await settlement(db, await actor(otherReporter.id), grant.id)
    expect(s.scope).toBe('board')
    expect(s.byBoard.map((b) => [b.id, b.budgetedCents])).toEqual([[otherBoard.id, 500_000]])
  })
})

/** The text of an uncompressed pdfkit PDF: the hex strings of its TJ operators, decoded as WinAnsi. */
function pdfText(pdf: string): string {
  const out: string[] = []
  for (const m of pdf.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
    const hex = [...m[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]).join('')
    out.push(Buffer.from(hex, 'hex').toString('latin1').replace(/\x80/g, '€').replace(/\xa0/g, ' '))
  }
  return out.join('\n')
}

describe('fund lifecycle: the penvoerder’s staff (fund.pay)', () => {
  it('record payments and see all of the grant’s payments, without any other fund power; other organisations and regions are refused', async () => {
    const { grant, l1, l2 } = await grantWithLines('Penvoerder') // penvoerder: region A's mbo
    const approved = await buildReport(db, { budgetLineId: l1.id, boardId: w.a.board.id, year: 2019, amountCents: 300_000, status: 'APPROVED' })
    const penStaff = await buildUser(db, { roles: [{ role: 'ORG_STAFF', organisationId: w.a.mbo.id }] })
    const p = await callerFor(penStaff.id)
    const today = toAmsterdam(new Date()).date

    expect(await p.fund.grantHeader({ grantId: grant.id })).toMatchObject({ id: grant.id, access: { read: false, region: false, pay: true } })
    const payable = await p.fund.payGrants() // every grant of this file has region A's mbo as penvoerder
    expect(payable.map((g) => g.id)).toContain(grant.id)
    expect(new Set(payable.map((g) => g.penvoerderId))).toEqual(new Set([w.a.mbo.id]))
    const desk = await p.fund.paymentDesk({ grantId: grant.id })
    expect(desk.boards.map((b) => b.id).sort()).toEqual([w.a.board.id, otherBoard.id].sort())
    expect(desk.reports.map((r) => [r.id, r.openCents])).toEqual([[approved.id, 300_000]])
    const paid = await p.fund.createPayment({ grantId: grant.id, boardId: w.a.board.id, kind: 'AFTER_APPROVAL', paidOn: today, amountCents: 100_000, reference: 'PV-1', reportId: approved.id })
    await p.fund.createPayment({ grantId: grant.id, boardId: otherBoard.id, kind: 'ADVANCE', paidOn: today, amountCents: 50_000, reference: 'PV-2', budgetLineId: l2.id })
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: paid.id } })
    expect([audit.action, audit.actorId]).toEqual(['fund.payment.create', penStaff.id])

    // All of the grant's payments, a page at a time, with the totals of all.
    const first = await p.fund.paidByUs({ grantId: grant.id, limit: 1 })
    expect([first.items.length, first.total, first.totalCents, first.nextCursor === null]).toEqual([1, 2, 150_000, false])
    const second = await p.fund.paidByUs({ grantId: grant.id, limit: 1, cursor: first.nextCursor! })
    expect([second.items.length, second.nextCursor]).toEqual([1, null])
    expect([...first.items, ...second.items].map((x) => x.reference).sort()).toEqual(['PV-1', 'PV-2'])
    // The board sees its own payment of the two.
    expect((await (await callerFor(w.a.boardReporter.id)).fund.payments({ grantId: grant.id })).items.map((x) => x.reference)).toEqual(['PV-1'])

    // No coordinator or reader powers: budget, reports, results, changes, the grant itself.
    await expectTrpcError(p.fund.grant({ grantId: grant.id }), 'FORBIDDEN')
    await expectTrpcError(p.fund.payments({ grantId: grant.id }), 'FORBIDDEN')
    await expectTrpcError(p.fund.reports({ grantId: grant.id }), 'FORBIDDEN')
    await expectTrpcError(p.fund.dashboard({ grantId: grant.id }), 'FORBIDDEN')
    await expectTrpcError(p.fund.proposeChange(move(grant.id, l1.id, l2.id, 900_000, 600_000)), 'FORBIDDEN')
    await expectTrpcError(p.fund.approveReport({ id: approved.id, version: approved.version }), 'FORBIDDEN')
    await expectTrpcError(p.fund.closeGrant({ grantId: grant.id }), 'FORBIDDEN')

    // Staff of another organisation of the region, the penvoerder's publisher, and the other region's mbo staff: refused.
    const otherRegionStaff = await buildUser(db, { roles: [{ role: 'ORG_STAFF', organisationId: w.b.mbo.id }] })
    for (const userId of [w.a.staff.id, w.a.publisher.id, otherRegionStaff.id]) {
      const o = await callerFor(userId)
      await expectTrpcError(o.fund.createPayment({ grantId: grant.id, boardId: w.a.board.id, kind: 'ADVANCE', paidOn: today, amountCents: 1, reference: 'X' }), 'FORBIDDEN')
      await expectTrpcError(o.fund.paidByUs({ grantId: grant.id }), 'FORBIDDEN')
      await expectTrpcError(o.fund.paymentDesk({ grantId: grant.id }), 'FORBIDDEN')
      await expectTrpcError(o.fund.grantHeader({ grantId: grant.id }), 'FORBIDDEN')
    }
    expect((await (await callerFor(w.a.staff.id)).fund.payGrants()).map((g) => g.id)).not.toContain(grant.id)
    expect(await db.fundPayment.count({ where: { grantId: grant.id } })).toBe(2)
  })
})

describe('fund lists: keyset pages with totals', () => {
  it('reports, results and budget lines come a page at a time; the totals count all; a forged cursor is a 400', async () => {
    const { grant, l1, l2 } = await grantWithLines('Paginering')
    for (const day of [1, 2, 3]) await buildReport(db, { budgetLineId: l1.id, boardId: w.a.board.id, year: 2019, amountCents: 1_000 * day, day })
    const c = await callerFor(w.a.coordinator.id)
    const p1 = await c.fund.reports({ grantId: grant.id, limit: 2 })
    expect([p1.items.map((r) => r.amountCents), p1.total, p1.totalCents]).toEqual([[3_000, 2_000], 3, 6_000])
    const p2 = await c.fund.reports({ grantId: grant.id, limit: 2, cursor: p1.nextCursor! })
    expect([p2.items.map((r) => r.amountCents), p2.nextCursor]).toEqual([[1_000], null])
    const lines = await c.fund.lines({ grantId: grant.id, limit: 1 })
    expect([lines.items.length, lines.total, lines.totalCents]).toEqual([1, 2, 1_500_000])
    const rest = await c.fund.lines({ grantId: grant.id, limit: 1, cursor: lines.nextCursor! })
    expect([...lines.items, ...rest.items].map((l) => l.id).sort()).toEqual([l1.id, l2.id].sort())
    // A board its own lines only.
    expect((await (await callerFor(w.a.boardReporter.id)).fund.lines({ grantId: grant.id })).items.map((l) => l.id)).toEqual([l1.id])
    await expectTrpcError(c.fund.reports({ grantId: grant.id, cursor: 'x;drop' }), 'BAD_REQUEST')
    await expectTrpcError(c.fund.lines({ grantId: grant.id, limit: 1000 }), 'BAD_REQUEST')
  })
})

describe('fund lifecycle: what a pending proposal would change', () => {
  it('the decider sees each proposal’s diff against today’s budget; one made on an older version is marked refused; a board sees no previews', async () => {
    const { grant, l1, l2 } = await grantWithLines('Voorvertoning')
    const c = await callerFor(w.a.coordinator.id)
    const moved = await c.fund.proposeChange(move(grant.id, l1.id, l2.id, 900_000, 600_000))
    const closing = await c.fund.proposeChange({ grantId: grant.id, baseVersion: 1, reason: 'Netwerkweken vervallen', ops: [{ op: 'close', lineId: l2.id }] })
    const before = await (await callerFor(coord2.id)).fund.budgetHistory({ grantId: grant.id })
    const preview = (id: string) => before.changes.find((x) => x.id === id)!.preview
    expect(preview(moved.id)).toEqual({
      diff: [
        { kind: 'line', lineId: l1.id, year: 2019, activity: 'Open dagen', field: 'amountCents', before: 1_000_000, after: 900_000 },
        { kind: 'line', lineId: l2.id, year: 2019, activity: 'Netwerkweken', field: 'amountCents', before: 500_000, after: 600_000 },
      ],
    })
    expect(preview(closing.id)).toEqual({ diff: [{ kind: 'line', lineId: l2.id, year: 2019, activity: 'Netwerkweken', field: 'closed', before: false, after: true }] })
    await (await callerFor(coord2.id)).fund.approveChange({ id: moved.id, version: moved.version })
    const after = await c.fund.budgetHistory({ grantId: grant.id })
    expect(after.changes.find((x) => x.id === closing.id)!.preview).toEqual({ refused: { key: 'fund.errors.budgetChanged' } })
    expect(after.changes.find((x) => x.id === moved.id)!.preview).toBeNull()
    expect((await (await callerFor(w.a.boardReporter.id)).fund.budgetHistory({ grantId: grant.id })).changes.every((x) => x.preview === null)).toBe(true)
  })
})

describe('fund lifecycle: re-assigning a line’s boards', () => {
  it('the approved change gives the line its new boards with the diff; a board outside the region is refused', async () => {
    const { grant, l1 } = await grantWithLines('Besturen')
    const c = await callerFor(w.a.coordinator.id)
    expect(await appErrorKey(c.fund.proposeChange({ grantId: grant.id, baseVersion: 1, reason: 'Ander bestuur', ops: [{ op: 'boards', lineId: l1.id, boardIds: [w.b.board.id] }] }))).toBe('fund.errors.boardNotInRegion')
    const change = await c.fund.proposeChange({ grantId: grant.id, baseVersion: 1, reason: 'Samen met het andere bestuur', ops: [{ op: 'boards', lineId: l1.id, boardIds: [otherBoard.id, w.a.board.id] }] })
    const approved = await (await callerFor(coord2.id)).fund.approveChange({ id: change.id, version: change.version })
    expect(approved.diff).toEqual([{ kind: 'line', lineId: l1.id, year: 2019, activity: 'Open dagen', field: 'boardIds', before: [w.a.board.id], after: [w.a.board.id, otherBoard.id].sort() }])
    expect((await db.fundBudgetLineBoard.findMany({ where: { budgetLineId: l1.id } })).map((b) => b.boardId).sort()).toEqual([w.a.board.id, otherBoard.id].sort())
    // The other board now sees the line.
    expect((await (await callerFor(otherReporter.id)).fund.lines({ grantId: grant.id })).items.map((l) => l.id).sort()).toEqual([l1.id, (await db.fundBudgetLine.findFirstOrThrow({ where: { grantId: grant.id, activity: 'Netwerkweken' } })).id].sort())
  })
})
