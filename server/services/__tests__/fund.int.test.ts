import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { parse } from 'csv-parse/sync'
import type { ZodError } from 'zod'
import { issueMessage, translator } from '../../i18n/translate.ts'
import { buildBoard, buildOrganisation, buildTwoRegionWorld, buildUser } from '../../db/factories.ts'
import { buildBudgetLine, buildFundGrant, buildReport, SAMPLE_PDF } from '../../fund/factories.ts'
import { accountabilityCsv, accountabilityXlsx } from '../../fund/export.ts'
import { loadActor } from '../../auth/actor.ts'
import { AppError } from '../../errors.ts'
import { FsStorage } from '../../storage/index.ts'
import { addEvidence, MAX_EVIDENCE_BYTES, readEvidence } from '../fund-evidence.ts'
import { accountability } from '../fund-dashboard.ts'
import { callerFor, db, expectTrpcError } from '../../test/helpers.ts'

type World = Awaited<ReturnType<typeof buildTwoRegionWorld>>
let w: World
let storageDir: string
let storage: FsStorage
let grantA: { id: string }
let grantB: { id: string }
let lineA2019: { id: string }
let lineA2020: { id: string }
let lineOtherBoard: { id: string }
let otherBoard: { id: string }

const actor = async (userId: string) => (await loadActor(db, userId))!
const reportInput = (budgetLineId: string, over: Record<string, unknown> = {}) => ({
  budgetLineId,
  amountCents: 12_345,
  coFinancedCents: 2_000,
  spentOn: '2019-03-14',
  description: 'Open dag in Enschede',
  category: 'ACTIVITIES' as const,
  ...over,
})

/** The message a user sees for a failed call (what the tRPC error formatter renders from the AppError key). */
function shown(err: { cause?: unknown }, locale: 'nl' | 'en' = 'nl'): string {
  const cause = err.cause as AppError
  expect(cause).toBeInstanceOf(AppError)
  const tr = translator(locale)
  expect(tr.has(cause.key)).toBe(true)
  return tr(cause.key, cause.params)
}

async function expectAppError(promise: Promise<unknown>, code: AppError['code'], key?: string) {
  const err = await promise.then(
    () => {
      throw new Error(`expected ${code}`)
    },
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(AppError)
  expect((err as AppError).code).toBe(code)
  if (key) expect((err as AppError).key).toBe(key)
}

async function submittedReport(line = lineA2019.id, spentOn = '2019-03-14') {
  const r = await callerFor(w.a.boardReporter.id)
  const report = await r.fund.createReport(reportInput(line, { spentOn }))
  await addEvidence(db, await actor(w.a.boardReporter.id), storage, { reportId: report.id, filename: 'factuur.pdf', bytes: SAMPLE_PDF })
  return r.fund.submitReport({ id: report.id, version: report.version })
}

beforeAll(async () => {
  storageDir = await mkdtemp(path.join(tmpdir(), 'fund-evidence-'))
  storage = new FsStorage(storageDir)
  w = await buildTwoRegionWorld(db)
  grantA = await buildFundGrant(db, { regionId: w.a.region.id, penvoerderId: w.a.mbo.id, coFinancingPercent: 50 })
  grantB = await buildFundGrant(db, { regionId: w.b.region.id, penvoerderId: w.b.mbo.id })
  otherBoard = await buildBoard(db)
  await buildOrganisation(db, { regionIds: [w.a.region.id], boardId: otherBoard.id })
  const coord = await callerFor(w.a.coordinator.id)
  lineA2019 = await coord.fund.createBudgetLine({ grantId: grantA.id, year: 2019, activity: 'Gezamenlijke open dagen', category: 'ACTIVITIES', amountCents: 100_000, boardIds: [w.a.board.id] })
  lineA2020 = await coord.fund.createBudgetLine({ grantId: grantA.id, year: 2020, activity: 'LOB-netwerkweken', category: 'PERSONNEL', amountCents: 50_000, boardIds: [w.a.board.id, otherBoard.id] })
  lineOtherBoard = await coord.fund.createBudgetLine({ grantId: grantA.id, year: 2019, activity: 'Professionalisering decanen', category: 'EXTERNAL_HIRE', amountCents: 30_000, boardIds: [otherBoard.id] })
})

afterAll(async () => {
  await rm(storageDir, { recursive: true, force: true })
})

describe('fund: status workflow', () => {
  it('draft → submitted → rejected → revised → resubmitted → approved, each step audited with before and after', async () => {
    const r = await callerFor(w.a.boardReporter.id)
    const c = await callerFor(w.a.coordinator.id)
    const draft = await r.fund.createReport(reportInput(lineA2019.id))
    expect(draft.status).toBe('DRAFT')
    expect(draft.boardId).toBe(w.a.board.id)
    // No submission without evidence.
    await expectTrpcError(r.fund.submitReport({ id: draft.id, version: draft.version }), 'BAD_REQUEST')
    await addEvidence(db, await actor(w.a.boardReporter.id), storage, { reportId: draft.id, filename: 'factuur.pdf', bytes: SAMPLE_PDF })
    const submitted = await r.fund.submitReport({ id: draft.id, version: draft.version })
    expect(submitted.status).toBe('SUBMITTED')
    // The reporter cannot edit a submitted report nor decide on it.
    await expectTrpcError(r.fund.updateReport({ ...reportInput(lineA2019.id), id: draft.id, version: submitted.version }), 'CONFLICT')
    await expectTrpcError(r.fund.approveReport({ id: draft.id, version: submitted.version }), 'FORBIDDEN')
    await expectTrpcError(c.fund.rejectReport({ id: draft.id, version: submitted.version, reason: '' }), 'BAD_REQUEST')
    const rejected = await c.fund.rejectReport({ id: draft.id, version: submitted.version, reason: 'Factuur onleesbaar' })
    expect(rejected).toMatchObject({ status: 'REJECTED', rejectReason: 'Factuur onleesbaar', decidedById: w.a.coordinator.id })
    const revised = await r.fund.updateReport({ ...reportInput(lineA2019.id), id: draft.id, version: rejected.version, amountCents: 12_000, description: 'Open dag, gecorrigeerde factuur' })
    expect(revised).toMatchObject({ status: 'REJECTED', amountCents: 12_000 })
    const resubmitted = await r.fund.submitReport({ id: draft.id, version: revised.version })
    expect(resubmitted).toMatchObject({ status: 'SUBMITTED', rejectReason: 'Factuur onleesbaar' })
    const approved = await c.fund.approveReport({ id: draft.id, version: resubmitted.version })
    expect(approved).toMatchObject({ status: 'APPROVED', rejectReason: null, version: 6 })
    // Approved is immutable: no edit, no second decision, no new evidence.
    await expectTrpcError(r.fund.updateReport({ ...reportInput(lineA2019.id), id: draft.id, version: approved.version }), 'CONFLICT')
    await expectTrpcError(c.fund.rejectReport({ id: draft.id, version: approved.version, reason: 'Toch niet' }), 'CONFLICT')
    await expectAppError(addEvidence(db, await actor(w.a.boardReporter.id), storage, { reportId: draft.id, filename: 'x.pdf', bytes: SAMPLE_PDF }), 'CONFLICT', 'fund.errors.approvedImmutable')

    const log = await db.auditLog.findMany({ where: { entityId: draft.id }, orderBy: { id: 'asc' } })
    expect(log.map((l) => l.action)).toEqual(['fund.report.create', 'fund.report.submit', 'fund.report.reject', 'fund.report.update', 'fund.report.submit', 'fund.report.approve'])
    const update = log[3]!
    expect(update.actorId).toBe(w.a.boardReporter.id)
    expect(update.before).toMatchObject({ amountCents: 12_345, version: 3 })
    expect(update.after).toMatchObject({ amountCents: 12_000, version: 4 })
    expect(log[5]!.before).toMatchObject({ status: 'SUBMITTED' })
    expect(log[5]!.after).toMatchObject({ status: 'APPROVED' })
  })

  it('the tRPC error of a conflict is translated', async () => {
    const report = await submittedReport()
    const c = await callerFor(w.a.coordinator.id)
    await c.fund.approveReport({ id: report.id, version: report.version })
    const err = await expectTrpcError(c.fund.approveReport({ id: report.id, version: report.version + 1 }), 'CONFLICT')
    expect(shown(err)).toBe('Een goedgekeurde rapportage kan niet meer worden gewijzigd.')
  })
})

describe('fund: optimistic locking', () => {
  it('of two concurrent saves with the same version one wins, the other gets CONFLICT and nothing is overwritten', async () => {
    const r1 = await callerFor(w.a.boardReporter.id)
    const r2 = await callerFor(w.a.boardReporter.id, 'en')
    const draft = await r1.fund.createReport(reportInput(lineA2019.id))
    const results = await Promise.allSettled([
      r1.fund.updateReport({ ...reportInput(lineA2019.id), id: draft.id, version: draft.version, description: 'Versie van tabblad één' }),
      r2.fund.updateReport({ ...reportInput(lineA2019.id), id: draft.id, version: draft.version, description: 'Versie van tabblad twee' }),
    ])
    const ok = results.filter((x) => x.status === 'fulfilled')
    const failed = results.filter((x) => x.status === 'rejected')
    expect(ok).toHaveLength(1)
    expect(failed).toHaveLength(1)
    const err = (failed[0] as PromiseRejectedResult).reason as { code: string; cause: unknown }
    expect(err.code).toBe('CONFLICT')
    expect(shown(err, 'en')).toBe('Someone else changed this report in the meantime. Reload the page and make your change again.')
    const stored = await db.fundReport.findUniqueOrThrow({ where: { id: draft.id } })
    expect(stored.version).toBe(2)
    expect(stored.description).toBe((ok[0] as PromiseFulfilledResult<{ description: string }>).value.description)
    expect(await db.auditLog.count({ where: { entityId: draft.id, action: 'fund.report.update' } })).toBe(1)
    // A save based on the old version after the fact is refused too.
    await expectTrpcError(r1.fund.updateReport({ ...reportInput(lineA2019.id), id: draft.id, version: 1 }), 'CONFLICT')
  })
})

describe('fund: bad input writes nothing', () => {
  it('negative, fractional or oversized cents, a date outside the line year → BAD_REQUEST with translated messages', async () => {
    const r = await callerFor(w.a.boardReporter.id)
    const before = await db.fundReport.count()
    for (const bad of [{ amountCents: -100 }, { amountCents: 12.5 }, { coFinancedCents: -1 }, { coFinancedCents: 0.1 }, { amountCents: 0 }, { amountCents: 3_000_000_000 }]) {
      const err = await expectTrpcError(r.fund.createReport(reportInput(lineA2019.id, bad)), 'BAD_REQUEST')
      const issue = (err.cause as ZodError).issues[0]!
      expect(issueMessage(issue, 'nl')).toMatch(/bedrag|centen/i)
    }
    // The database refuses negative amounts too, whatever the code path (trigger).
    const some = await buildReport(db, { budgetLineId: lineA2019.id, boardId: w.a.board.id, year: 2019, amountCents: 100 })
    await expect(db.fundReport.update({ where: { id: some.id }, data: { amountCents: -100 } })).rejects.toThrow()
    await expect(db.fundBudgetLine.update({ where: { id: lineA2019.id }, data: { amountCents: -1 } })).rejects.toThrow()
    await db.fundReport.delete({ where: { id: some.id } })
    const date = await expectTrpcError(r.fund.createReport(reportInput(lineA2019.id, { spentOn: '2020-01-01' })), 'BAD_REQUEST')
    expect(shown(date)).toBe('De datum moet in 2019 liggen, het jaar van de begrotingsregel.')
    expect(await db.fundReport.count()).toBe(before)
  })

  it('a report on another board’s budget line is FORBIDDEN and not written', async () => {
    const r = await callerFor(w.a.boardReporter.id)
    const before = await db.fundReport.count()
    const err = await expectTrpcError(r.fund.createReport(reportInput(lineOtherBoard.id)), 'FORBIDDEN')
    expect(shown(err)).toBe('Deze begrotingsregel hoort niet bij jouw bestuur.')
    await expectTrpcError(r.fund.createReport({ ...reportInput(lineOtherBoard.id), boardId: otherBoard.id }), 'FORBIDDEN')
    expect(await db.fundReport.count()).toBe(before)
  })

  it('evidence of the wrong type or too large is refused; nothing is stored', async () => {
    const r = await callerFor(w.a.boardReporter.id)
    const draft = await r.fund.createReport(reportInput(lineA2019.id))
    const a = await actor(w.a.boardReporter.id)
    const filesBefore = await readdir(storageDir, { recursive: true })
    // A text file that claims to be a PDF by name.
    await expectAppError(addEvidence(db, a, storage, { reportId: draft.id, filename: 'factuur.pdf', bytes: Buffer.from('not really a pdf') }), 'VALIDATION', 'fund.errors.fileType')
    // An HTML file (a classic upload attack) and an empty file.
    await expectAppError(addEvidence(db, a, storage, { reportId: draft.id, filename: 'x.png', bytes: Buffer.from('<html><script>alert(1)</script>') }), 'VALIDATION', 'fund.errors.fileType')
    await expectAppError(addEvidence(db, a, storage, { reportId: draft.id, filename: 'x.pdf', bytes: Buffer.alloc(0) }), 'VALIDATION', 'fund.errors.fileEmpty')
    const big = Buffer.concat([SAMPLE_PDF, Buffer.alloc(MAX_EVIDENCE_BYTES)])
    await expectAppError(addEvidence(db, a, storage, { reportId: draft.id, filename: 'groot.pdf', bytes: big }), 'PAYLOAD_TOO_LARGE', 'fund.errors.fileTooLarge')
    // Another board's reporter cannot attach to this report.
    await expectAppError(addEvidence(db, await actor(w.b.boardReporter.id), storage, { reportId: draft.id, filename: 'x.pdf', bytes: SAMPLE_PDF }), 'FORBIDDEN')
    expect(await db.fundEvidence.count({ where: { reportId: draft.id } })).toBe(0)
    expect(await readdir(storageDir, { recursive: true })).toEqual(filesBefore)
    // A real PNG is accepted, its type taken from the content.
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')
    const ev = await addEvidence(db, a, storage, { reportId: draft.id, filename: '../../etc/bon.png', bytes: png })
    expect(ev).toMatchObject({ contentType: 'image/png', filename: 'bon.png', sizeBytes: png.length })
    expect((await readEvidence(db, a, storage, ev.id)).bytes.equals(png)).toBe(true)
    await expectAppError(readEvidence(db, await actor(w.b.boardReporter.id), storage, ev.id), 'FORBIDDEN')
    await expectAppError(readEvidence(db, await actor(w.b.coordinator.id), storage, ev.id), 'FORBIDDEN')
    expect((await readEvidence(db, await actor(w.a.coordinator.id), storage, ev.id)).sha256).toMatch(/^[0-9a-f]{64}$/)
  })
})

describe('fund: permissions', () => {
  it('a board reporter sees only its own board’s reports and not the region dashboard', async () => {
    const mine = await submittedReport()
    const other = await buildReport(db, { budgetLineId: lineOtherBoard.id, boardId: otherBoard.id, year: 2019, amountCents: 999, status: 'SUBMITTED' })
    const r = await callerFor(w.a.boardReporter.id)
    const list = await r.fund.reports({ grantId: grantA.id })
    expect(list.map((x) => x.id)).toContain(mine.id)
    expect(list.every((x) => x.boardId === w.a.board.id)).toBe(true)
    await expectTrpcError(r.fund.report({ id: other.id }), 'FORBIDDEN')
    await expectTrpcError(r.fund.regionDashboard({ grantId: grantA.id }), 'FORBIDDEN')
    await expectTrpcError(r.fund.accountability({ grantId: grantA.id }), 'FORBIDDEN')
    const board = await r.fund.dashboard({ grantId: grantA.id })
    expect(board.scope).toBe('board')
    expect(board.byLine.map((l) => l.id).sort()).toEqual([lineA2019.id, lineA2020.id].sort())
    expect(board.byBoard.map((b) => b.id)).toEqual([w.a.board.id])
    const grant = await r.fund.grant({ grantId: grantA.id })
    expect(grant.lines.map((l) => l.id)).not.toContain(lineOtherBoard.id)
    // Region B's reporter: FORBIDDEN for region A's grant, report and list — not an empty list.
    const rb = await callerFor(w.b.boardReporter.id)
    await expectTrpcError(rb.fund.report({ id: mine.id }), 'FORBIDDEN')
    await expectTrpcError(rb.fund.reports({ grantId: grantA.id }), 'FORBIDDEN')
    await expectTrpcError(rb.fund.grant({ grantId: grantA.id }), 'FORBIDDEN')
    expect((await rb.fund.grants()).map((g) => g.id)).toEqual([grantB.id])
  })

  it('a coordinator of region A cannot approve, reject or close region B’s; staff have no access', async () => {
    const lineB = await buildBudgetLine(db, { grantId: grantB.id, year: 2019, boardIds: [w.b.board.id] })
    const reportB = await buildReport(db, { budgetLineId: lineB.id, boardId: w.b.board.id, year: 2019, amountCents: 500, status: 'SUBMITTED' })
    const ca = await callerFor(w.a.coordinator.id)
    await expectTrpcError(ca.fund.approveReport({ id: reportB.id, version: reportB.version }), 'FORBIDDEN')
    await expectTrpcError(ca.fund.rejectReport({ id: reportB.id, version: reportB.version, reason: 'Niet van ons' }), 'FORBIDDEN')
    await expectTrpcError(ca.fund.closeYear({ grantId: grantB.id, year: 2018 }), 'FORBIDDEN')
    await expectTrpcError(ca.fund.regionDashboard({ grantId: grantB.id }), 'FORBIDDEN')
    await expectTrpcError(ca.fund.createBudgetLine({ grantId: grantB.id, year: 2019, activity: 'Overname', category: 'OVERHEAD', amountCents: 1, boardIds: [w.b.board.id] }), 'FORBIDDEN')
    expect((await db.fundReport.findUniqueOrThrow({ where: { id: reportB.id } })).status).toBe('SUBMITTED')
    const staff = await callerFor(w.a.staff.id)
    await expectTrpcError(staff.fund.grants(), 'FORBIDDEN')
    const cb = await callerFor(w.b.coordinator.id)
    expect((await cb.fund.approveReport({ id: reportB.id, version: reportB.version })).status).toBe('APPROVED')
  })
})

describe('fund: closed years', () => {
  it('a year with submitted reports cannot be closed; a closed year takes no new or changed reports', async () => {
    const grant = await buildFundGrant(db, { regionId: w.a.region.id, penvoerderId: w.a.hbo.id, fundName: `Sluittest ${Date.now()}` })
    const line = await buildBudgetLine(db, { grantId: grant.id, year: 2018, boardIds: [w.a.board.id] })
    const r = await callerFor(w.a.boardReporter.id)
    const c = await callerFor(w.a.coordinator.id)
    const draft = await r.fund.createReport(reportInput(line.id, { spentOn: '2018-05-01' }))
    const pending = await submittedReport(line.id, '2018-06-01')
    const err = await expectTrpcError(c.fund.closeYear({ grantId: grant.id, year: 2018 }), 'CONFLICT')
    expect(shown(err)).toContain('1 ingediende rapportage')
    await c.fund.approveReport({ id: pending.id, version: pending.version })
    await c.fund.closeYear({ grantId: grant.id, year: 2018 })
    await expectTrpcError(c.fund.closeYear({ grantId: grant.id, year: 2018 }), 'CONFLICT')
    const before = await db.fundReport.count()
    const closed = await expectTrpcError(r.fund.createReport(reportInput(line.id, { spentOn: '2018-07-01' })), 'CONFLICT')
    expect(shown(closed)).toBe('Het jaar 2018 is afgesloten: er kunnen geen rapportages meer worden toegevoegd of gewijzigd.')
    await expectTrpcError(r.fund.updateReport({ ...reportInput(line.id, { spentOn: '2018-05-02' }), id: draft.id, version: draft.version }), 'CONFLICT')
    await expectTrpcError(r.fund.submitReport({ id: draft.id, version: draft.version }), 'CONFLICT')
    await expectAppError(addEvidence(db, await actor(w.a.boardReporter.id), storage, { reportId: draft.id, filename: 'f.pdf', bytes: SAMPLE_PDF }), 'CONFLICT', 'fund.errors.yearClosed')
    await expectTrpcError(c.fund.createBudgetLine({ grantId: grant.id, year: 2018, activity: 'Nagekomen', category: 'MATERIALS', amountCents: 100, boardIds: [w.a.board.id] }), 'CONFLICT')
    expect(await db.fundReport.count()).toBe(before)
    expect((await db.fundReport.findUniqueOrThrow({ where: { id: draft.id } })).version).toBe(draft.version)
    const log = await db.auditLog.findFirst({ where: { action: 'fund.year.close', entityId: `${grant.id}:2018` } })
    expect(log?.actorId).toBe(w.a.coordinator.id)
  })
})

describe('fund: cents arithmetic and totals', () => {
  it('export totals = dashboard totals = the sum of approved reports, exact to the cent', async () => {
    const region = await buildFundGrant(db, { regionId: w.b.region.id, penvoerderId: w.b.hbo.id, fundName: `Somtest ${Date.now()}`, coFinancingPercent: 33, allocations: { 2018: 1_000_001, 2019: 333, 2020: 0, 2021: 10 } })
    const l1 = await buildBudgetLine(db, { grantId: region.id, year: 2018, boardIds: [w.b.board.id], amountCents: 30, category: 'MATERIALS' })
    const l2 = await buildBudgetLine(db, { grantId: region.id, year: 2019, boardIds: [w.b.board.id], amountCents: 1_000_000, category: 'PERSONNEL' })
    // 0.10 + 0.20 ≠ 0.30 in floating point; in cents it is exact.
    const approved = [10, 20, 1, 1, 1, 999_999, 1_234_567]
    for (const [i, cents] of approved.entries()) {
      const line = i % 2 ? l1 : l2
      await buildReport(db, { budgetLineId: line.id, boardId: w.b.board.id, year: line.year, amountCents: cents, coFinancedCents: cents % 7, status: 'APPROVED', day: i + 1 })
    }
    await buildReport(db, { budgetLineId: l1.id, boardId: w.b.board.id, year: 2018, amountCents: 5_000, status: 'SUBMITTED' })
    await buildReport(db, { budgetLineId: l1.id, boardId: w.b.board.id, year: 2018, amountCents: 7_000, status: 'REJECTED' })
    await buildReport(db, { budgetLineId: l2.id, boardId: w.b.board.id, year: 2019, amountCents: 9_000, status: 'DRAFT' })
    const expectedApproved = approved.reduce((a, b) => a + b, 0)
    const expectedCofin = approved.reduce((a, b) => a + (b % 7), 0)

    const c = await callerFor(w.b.coordinator.id)
    const dash = await c.fund.regionDashboard({ grantId: region.id })
    expect(dash.totals).toMatchObject({ approvedCents: expectedApproved, reportedCents: expectedApproved + 5_000, coFinancedCents: expectedCofin, allocationCents: 1_000_344, budgetedCents: 1_000_030 })
    // 33% per year, rounded half up per year: 330000.33 → 330000, 109.89 → 110, 0, 3.3 → 3
    expect(dash.totals.requiredCoFinancingCents).toBe(330_000 + 110 + 0 + 3)
    expect(dash.byYear.reduce((a, y) => a + y.approvedCents, 0)).toBe(expectedApproved)
    expect(dash.byCategory.reduce((a, y) => a + y.approvedCents, 0)).toBe(expectedApproved)
    expect(dash.byLine.reduce((a, y) => a + y.approvedCents, 0)).toBe(expectedApproved)
    expect(dash.byLine.find((l) => l.id === l1.id)?.overspent).toBe(true)
    expect(dash.byYear.find((y) => y.year === 2019)).toMatchObject({ overspent: true, overBudget: true })

    const acc = await c.fund.accountability({ grantId: region.id })
    expect(acc.total.approvedCents).toBe(expectedApproved)
    expect(acc.total.coFinancedCents).toBe(expectedCofin)
    expect(acc.rows.reduce((a, r) => a + r.approvedCents, 0)).toBe(expectedApproved)
    for (const y of acc.yearTotals) expect(y.approvedCents).toBe(dash.byYear.find((d) => d.year === y.year)!.approvedCents)

    const csv = parse(accountabilityCsv(acc, 'nl'), { delimiter: ';', bom: true, from_line: 2 }) as string[][]
    const totalLine = csv.find((r) => r[0] === 'Totaal')!
    expect(Number(totalLine[6])).toBe(expectedApproved)
    expect(totalLine[8]).toBe(`${Math.trunc(expectedApproved / 100)}.${String(expectedApproved % 100).padStart(2, '0')}`)
    expect(csv.filter((r) => /^\d{4}$/.test(r[0]!)).reduce((a, r) => a + Number(r[6]), 0)).toBe(expectedApproved)

    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await accountabilityXlsx(acc, 'nl')) as never)
    const sheet = wb.worksheets[0]!
    let xlsxTotal = -1
    sheet.eachRow((row) => {
      if (row.getCell(1).value === 'Totaal') xlsxTotal = Number(row.getCell(7).value)
    })
    expect(xlsxTotal).toBe(expectedApproved)
    // The same function the route handler uses, called as the actor: equal.
    expect((await accountability(db, await actor(w.b.coordinator.id), region.id)).total).toEqual(acc.total)
  })

  it('per-board and per-category figures of a board dashboard cover only that board', async () => {
    const extraReporter = await buildUser(db, { roles: [{ role: 'BOARD_REPORTER', boardId: otherBoard.id }] })
    const r = await callerFor(extraReporter.id)
    const dash = await r.fund.dashboard({ grantId: grantA.id })
    expect(dash.byBoard.map((b) => b.id)).toEqual([otherBoard.id])
    const own = await db.fundReport.aggregate({ _sum: { amountCents: true }, where: { boardId: otherBoard.id, status: { in: ['SUBMITTED', 'APPROVED'] }, budgetLine: { grantId: grantA.id } } })
    expect(dash.totals.reportedCents).toBe(own._sum.amountCents ?? 0)
  })
})
