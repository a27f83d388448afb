import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { parse } from 'csv-parse/sync'
import type { ZodError } from 'zod'
import { issueMessage, translator } from '../i18n/translate.ts'
import { buildBoard, buildOrganisation, buildTwoRegionWorld, buildUser } from '../db/factories.ts'
import { buildBudgetLine, buildCalendarEvent, buildFundGrant, buildReport, SAMPLE_PDF } from './factories.ts'
import { fromAmsterdam } from '../lib/time.ts'
import { accountabilityCsv, accountabilityXlsx } from './export.ts'
import { loadActor } from '../auth/actor.ts'
import { AppError } from '../lib/errors.ts'
import { FsStorage } from '../storage/index.ts'
import { addEvidence, MAX_EVIDENCE_BYTES, readEvidence, removeEvidence } from './evidence.ts'
import { accountability } from './dashboard.ts'
import { eventFunding, submitReport } from './grants.ts'
import { callerFor, db, expectDbRefusal, expectTrpcError } from '../test/helpers.ts'

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

describe('fund: evidence changes and status changes of a report run one after another', () => {
  const settled = (results: PromiseSettledResult<unknown>[]) => results.map((x) => (x.status === 'fulfilled' ? 'ok' : ((x.reason as AppError).key ?? String(x.reason))))
  const storedFiles = async (reportId: string) => readdir(path.join(storageDir, 'fund', reportId)).catch(() => [] as string[])

  it('removing the only evidence while submitting: never a submitted report without evidence, the file follows its row', async () => {
    const reporter = await actor(w.a.boardReporter.id)
    for (let i = 0; i < 8; i++) {
      const draft = await (await callerFor(w.a.boardReporter.id)).fund.createReport(reportInput(lineA2019.id))
      const ev = await addEvidence(db, reporter, storage, { reportId: draft.id, filename: 'factuur.pdf', bytes: SAMPLE_PDF })
      const results = await Promise.allSettled([removeEvidence(db, reporter, storage, ev.id), submitReport(db, reporter, { id: draft.id, version: draft.version })])
      const report = await db.fundReport.findUniqueOrThrow({ where: { id: draft.id } })
      const evidence = await db.fundEvidence.count({ where: { reportId: draft.id } })
      // Exactly one of the two happened, and the other was refused with its own reason.
      expect([['ok', 'fund.errors.evidenceRequired'], ['fund.errors.notEditable', 'ok']]).toContainEqual(settled(results))
      if (report.status === 'SUBMITTED') expect([evidence, report.version]).toEqual([1, 2])
      else expect([report.status, evidence, report.version]).toEqual(['DRAFT', 0, 1])
      // The stored file is there exactly when its row is.
      expect(await storedFiles(draft.id)).toHaveLength(evidence)
    }
  })

  it('adding evidence while submitting: the upload lands before the submission or is refused (and its file removed)', async () => {
    const reporter = await actor(w.a.boardReporter.id)
    for (let i = 0; i < 8; i++) {
      const draft = await (await callerFor(w.a.boardReporter.id)).fund.createReport(reportInput(lineA2019.id))
      await addEvidence(db, reporter, storage, { reportId: draft.id, filename: 'factuur.pdf', bytes: SAMPLE_PDF })
      const results = await Promise.allSettled([
        submitReport(db, reporter, { id: draft.id, version: draft.version }),
        addEvidence(db, reporter, storage, { reportId: draft.id, filename: 'bon.pdf', bytes: SAMPLE_PDF }),
      ])
      const [submitted, added] = settled(results)
      expect(submitted).toBe('ok')
      expect(['ok', 'fund.errors.notEditable']).toContain(added)
      const rows = await db.fundEvidence.findMany({ where: { reportId: draft.id } })
      expect(rows).toHaveLength(added === 'ok' ? 2 : 1)
      expect(await storedFiles(draft.id)).toHaveLength(rows.length)
      if (added === 'ok') {
        // Written while the report was still a draft: the upload's audit entry comes before the submission's.
        const bon = rows.find((r) => r.filename === 'bon.pdf')!
        const [upload, submission] = await Promise.all([
          db.auditLog.findFirstOrThrow({ where: { entityId: bon.id, action: 'fund.evidence.add' } }),
          db.auditLog.findFirstOrThrow({ where: { entityId: draft.id, action: 'fund.report.submit' } }),
        ])
        expect(upload.id).toBeLessThan(submission.id)
      }
    }
  })
})

describe('fund: bad input writes nothing', () => {
  it('negative, fractional or oversized cents, a date outside the line year → BAD_REQUEST with translated messages', async () => {
    const r = await callerFor(w.a.boardReporter.id)
    const before = await db.fundReport.count({ where: { budgetLineId: lineA2019.id } })
    for (const bad of [{ amountCents: -100 }, { amountCents: 12.5 }, { coFinancedCents: -1 }, { coFinancedCents: 0.1 }, { amountCents: 0 }, { amountCents: 3_000_000_000 }]) {
      const err = await expectTrpcError(r.fund.createReport(reportInput(lineA2019.id, bad)), 'BAD_REQUEST')
      const issue = (err.cause as ZodError).issues[0]!
      expect(issueMessage(issue, 'nl')).toMatch(/bedrag|centen/i)
    }
    // The database refuses negative amounts too, whatever the code path (trigger).
    const some = await buildReport(db, { budgetLineId: lineA2019.id, boardId: w.a.board.id, year: 2019, amountCents: 100 })
    await expectDbRefusal(db.fundReport.update({ where: { id: some.id }, data: { amountCents: -100 } }), '23514', 'fund: report amounts must be positive cents')
    await expectDbRefusal(db.fundBudgetLine.update({ where: { id: lineA2019.id }, data: { amountCents: -1 } }), '23514', 'fund: negative amount on FundBudgetLine')
    await db.fundReport.delete({ where: { id: some.id } })
    const date = await expectTrpcError(r.fund.createReport(reportInput(lineA2019.id, { spentOn: '2020-01-01' })), 'BAD_REQUEST')
    expect(shown(date)).toBe('De datum moet in 2019 liggen, het jaar van de begrotingsregel.')
    expect(await db.fundReport.count({ where: { budgetLineId: lineA2019.id } })).toBe(before)
  })

  it('a report on another board’s budget line is FORBIDDEN and not written', async () => {
    const r = await callerFor(w.a.boardReporter.id)
    const before = await db.fundReport.count({ where: { budgetLineId: lineOtherBoard.id } })
    const err = await expectTrpcError(r.fund.createReport(reportInput(lineOtherBoard.id)), 'FORBIDDEN')
    expect(shown(err)).toBe('Deze begrotingsregel hoort niet bij jouw bestuur.')
    await expectTrpcError(r.fund.createReport({ ...reportInput(lineOtherBoard.id), boardId: otherBoard.id }), 'FORBIDDEN')
    expect(await db.fundReport.count({ where: { budgetLineId: lineOtherBoard.id } })).toBe(before)
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
    const list = (await r.fund.reports({ grantId: grantA.id, limit: 100 })).items
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

  it('an actor with fund.read in several scopes gets, per grant, the view the rules give (region, or its boards in that region only)', async () => {
    // Coordinator of region B and reporter of region A's board: board view of A's grant, region view of B's.
    const mixed = await buildUser(db, { roles: [{ role: 'REGION_COORDINATOR', regionId: w.b.region.id }, { role: 'BOARD_REPORTER', boardId: w.a.board.id }] })
    const m = await callerFor(mixed.id)
    const a = await m.fund.dashboard({ grantId: grantA.id })
    expect(a.scope).toBe('board')
    expect(a.byBoard.map((b) => b.id)).toEqual([w.a.board.id])
    expect(a.byLine.map((l) => l.id).sort()).toEqual([lineA2019.id, lineA2020.id].sort())
    expect(a.byYear.every((y) => y.allocationCents === 0)).toBe(true)
    expect((await m.fund.settlement({ grantId: grantA.id })).byBoard.map((b) => b.id)).toEqual([w.a.board.id])
    await expectTrpcError(m.fund.regionDashboard({ grantId: grantA.id }), 'FORBIDDEN')
    expect((await m.fund.dashboard({ grantId: grantB.id })).scope).toBe('region')
    // Reporter of a board in each region: for each grant only the board in its region counts.
    const both = await buildUser(db, { roles: [{ role: 'BOARD_REPORTER', boardId: w.a.board.id }, { role: 'BOARD_REPORTER', boardId: w.b.board.id }] })
    const r = await callerFor(both.id)
    const reporterA = await (await callerFor(w.a.boardReporter.id)).fund.dashboard({ grantId: grantA.id })
    const bothA = await r.fund.dashboard({ grantId: grantA.id })
    expect(bothA).toEqual(reporterA)
    expect((await r.fund.dashboard({ grantId: grantB.id })).byBoard.map((b) => b.id)).toEqual([w.b.board.id])
    // The reporter of a board with no organisation in region A: FORBIDDEN, not an empty dashboard or settlement.
    const lone = await buildUser(db, { roles: [{ role: 'BOARD_REPORTER', boardId: (await buildBoard(db)).id }] })
    const l = await callerFor(lone.id)
    await expectTrpcError(l.fund.dashboard({ grantId: grantA.id }), 'FORBIDDEN')
    await expectTrpcError(l.fund.settlement({ grantId: grantA.id }), 'FORBIDDEN')
    await expectTrpcError(l.fund.dashboard({ grantId: 'no-such-grant' }), 'NOT_FOUND')
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
    const before = await db.fundReport.count({ where: { budgetLineId: line.id } })
    const closed = await expectTrpcError(r.fund.createReport(reportInput(line.id, { spentOn: '2018-07-01' })), 'CONFLICT')
    expect(shown(closed)).toBe('Het jaar 2018 is afgesloten: er kunnen geen rapportages meer worden toegevoegd of gewijzigd.')
    await expectTrpcError(r.fund.updateReport({ ...reportInput(line.id, { spentOn: '2018-05-02' }), id: draft.id, version: draft.version }), 'CONFLICT')
    await expectTrpcError(r.fund.submitReport({ id: draft.id, version: draft.version }), 'CONFLICT')
    await expectAppError(addEvidence(db, await actor(w.a.boardReporter.id), storage, { reportId: draft.id, filename: 'f.pdf', bytes: SAMPLE_PDF }), 'CONFLICT', 'fund.errors.yearClosed')
    await expectTrpcError(c.fund.createBudgetLine({ grantId: grant.id, year: 2018, activity: 'Nagekomen', category: 'MATERIALS', amountCents: 100, boardIds: [w.a.board.id] }), 'CONFLICT')
    expect(await db.fundReport.count({ where: { budgetLineId: line.id } })).toBe(before)
    expect((await db.fundReport.findUniqueOrThrow({ where: { id: draft.id } })).version).toBe(draft.version)
    const log = await db.auditLog.findFirst({ where: { action: 'fund.year.close', entityId: `${grant.id}:2018` } })
    expect(log?.actorId).toBe(w.a.coordinator.id)
  })

  it('a budget line over the year’s allocation is a translated conflict, not a 500, and nothing is written', async () => {
    const c = await callerFor(w.a.coordinator.id)
    const alloc = (await db.fundAllocation.findUniqueOrThrow({ where: { grantId_year: { grantId: grantA.id, year: 2020 } } })).amountCents
    const budgeted = (await db.fundBudgetLine.aggregate({ where: { grantId: grantA.id, year: 2020 }, _sum: { amountCents: true } }))._sum.amountCents ?? 0
    const lines = await db.fundBudgetLine.count({ where: { grantId: grantA.id } })
    const err = await expectTrpcError(c.fund.createBudgetLine({ grantId: grantA.id, year: 2020, activity: 'Net te veel', category: 'ACTIVITIES', amountCents: alloc - budgeted + 1, boardIds: [w.a.board.id] }), 'CONFLICT')
    expect(shown(err)).toContain('2020')
    expect(await db.fundBudgetLine.count({ where: { grantId: grantA.id } })).toBe(lines)
    expect(await db.auditLog.count({ where: { action: 'fund.line.create', after: { path: ['activity'], equals: 'Net te veel' } } })).toBe(0)
  })

  it('the coordinator reopens a closed year with a reason (audited); reporters and other regions cannot; approved reports stay immutable', async () => {
    const grant = await buildFundGrant(db, { regionId: w.a.region.id, penvoerderId: w.a.hbo.id, fundName: `Heropentest ${Date.now()}` })
    const line = await buildBudgetLine(db, { grantId: grant.id, year: 2019, boardIds: [w.a.board.id] })
    const r = await callerFor(w.a.boardReporter.id)
    const c = await callerFor(w.a.coordinator.id)
    const approved = await submittedReport(line.id, '2019-03-01')
    const done = await c.fund.approveReport({ id: approved.id, version: approved.version })
    await expectTrpcError(c.fund.reopenYear({ grantId: grant.id, year: 2019, reason: 'Per ongeluk' }), 'CONFLICT')
    await c.fund.closeYear({ grantId: grant.id, year: 2019 })
    await expectTrpcError(r.fund.createReport(reportInput(line.id, { spentOn: '2019-04-01' })), 'CONFLICT')

    await expectTrpcError(c.fund.reopenYear({ grantId: grant.id, year: 2019, reason: '' }), 'BAD_REQUEST')
    await expectTrpcError(r.fund.reopenYear({ grantId: grant.id, year: 2019, reason: 'Ik wil nog iets toevoegen' }), 'FORBIDDEN')
    await expectTrpcError((await callerFor(w.b.coordinator.id)).fund.reopenYear({ grantId: grant.id, year: 2019, reason: 'Andere regio' }), 'FORBIDDEN')
    expect(await db.fundClosedYear.count({ where: { grantId: grant.id, year: 2019 } })).toBe(1)

    await c.fund.reopenYear({ grantId: grant.id, year: 2019, reason: 'Nagekomen factuur van de netwerkweek' })
    expect((await r.fund.createReport(reportInput(line.id, { spentOn: '2019-04-01' }))).status).toBe('DRAFT')
    await expectTrpcError(r.fund.updateReport({ ...reportInput(line.id, { spentOn: '2019-03-02' }), id: approved.id, version: done.version }), 'CONFLICT')
    const log = await db.auditLog.findFirstOrThrow({ where: { action: 'fund.year.reopen', entityId: `${grant.id}:2019` } })
    expect([log.actorId, (log.after as { reason: string }).reason]).toEqual([w.a.coordinator.id, 'Nagekomen factuur van de netwerkweek'])
    expect((log.before as { closedById: string }).closedById).toBe(w.a.coordinator.id)
  })
})

describe('fund: cents arithmetic and totals', () => {
  it('export totals = dashboard totals = the sum of approved reports, exact to the cent', async () => {
    const region = await buildFundGrant(db, { regionId: w.b.region.id, penvoerderId: w.b.hbo.id, fundName: `Somtest ${Date.now()}`, coFinancingPercent: 33, allocations: { 2018: 1_000_001, 2019: 1_000_333, 2020: 0, 2021: 10 } })
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
    expect(dash.totals).toMatchObject({ approvedCents: expectedApproved, reportedCents: expectedApproved + 5_000, coFinancedCents: expectedCofin, allocationCents: 2_000_344, budgetedCents: 1_000_030 })
    // 33% per year, rounded half up per year: 330000.33 → 330000, 330109.89 → 330110, 0, 3.3 → 3
    expect(dash.totals.requiredCoFinancingCents).toBe(330_000 + 330_110 + 0 + 3)
    expect(dash.byYear.reduce((a, y) => a + y.approvedCents, 0)).toBe(expectedApproved)
    expect(dash.byCategory.reduce((a, y) => a + y.approvedCents, 0)).toBe(expectedApproved)
    expect(dash.byLine.reduce((a, y) => a + y.approvedCents, 0)).toBe(expectedApproved)
    expect(dash.byLine.find((l) => l.id === l1.id)?.overspent).toBe(true)
    // Reported spending above the year's allocation is flagged (the budget itself cannot exceed it: trigger).
    expect(dash.byYear.find((y) => y.year === 2019)).toMatchObject({ overspent: true, overBudget: false })

    const acc = await c.fund.accountability({ grantId: region.id })
    expect(acc.total.approvedCents).toBe(expectedApproved)
    expect(acc.total.coFinancedCents).toBe(expectedCofin)
    expect(acc.rows.reduce((a, r) => a + r.approvedCents, 0)).toBe(expectedApproved)
    for (const y of acc.yearTotals) expect(y.approvedCents).toBe(dash.byYear.find((d) => d.year === y.year)!.approvedCents)

    const csv = parse(accountabilityCsv(acc, 'nl'), { delimiter: ';', bom: true, from_line: 2 }) as string[][]
    const totalLine = csv.find((r) => r[0] === 'Totaal')!
    expect(Number(totalLine[6])).toBe(expectedApproved)
    // euros with the export language's decimal separator (a Dutch spreadsheet reads "1234,56")
    expect(totalLine[8]).toBe(`${Math.trunc(expectedApproved / 100)},${String(expectedApproved % 100).padStart(2, '0')}`)
    const en = parse(accountabilityCsv(acc, 'en'), { delimiter: ';', bom: true, from_line: 2 }) as string[][]
    expect(en.find((r) => r[0] === 'Total')?.[8]).toBe(`${Math.trunc(expectedApproved / 100)}.${String(expectedApproved % 100).padStart(2, '0')}`)
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

describe('fund: budget lines linked to calendar events', () => {
  type Ev = { id: string; title: string }
  let evA: Ev, evA2: Ev, evCancelledA: Ev, evB: Ev, evDraftA: Ev, evProposedA: Ev, evRejectedInA: Ev, evLateA: Ev, evShared: Ev
  const at = (date: string, time = '10:00') => fromAmsterdam(date, time)

  beforeAll(async () => {
    const a = { regionIds: [w.a.region.id], organiserId: w.a.mbo.id }
    evA = await buildCalendarEvent(db, { ...a, title: 'Open dag mbo 2019', startsAt: at('2019-03-20') })
    evA2 = await buildCalendarEvent(db, { ...a, title: 'LOB-netwerkweek voorjaar', startsAt: at('2019-04-08'), type: 'NETWERKWEEK' })
    evCancelledA = await buildCalendarEvent(db, { ...a, title: 'Open avond (vervallen)', startsAt: at('2019-02-01', '19:00'), status: 'CANCELLED' })
    evB = await buildCalendarEvent(db, { regionIds: [w.b.region.id], organiserId: w.b.mbo.id, title: 'Open dag regio B', startsAt: at('2019-03-21') })
    evDraftA = await buildCalendarEvent(db, { ...a, title: 'Concept open dag', startsAt: at('2019-05-01'), status: 'DRAFT' })
    evProposedA = await buildCalendarEvent(db, { ...a, title: 'Voorgestelde open dag', startsAt: at('2019-05-02'), status: 'PROPOSED' })
    // Published (in region B) as a whole, but rejected by region A.
    evRejectedInA = await buildCalendarEvent(db, { regionIds: [w.b.region.id], organiserId: w.b.mbo.id, title: 'Afgewezen in A', startsAt: at('2019-05-03') })
    await db.calendarEventRegion.create({ data: { eventId: evRejectedInA.id, regionId: w.a.region.id, decision: 'REJECTED', decidedAt: new Date() } })
    evLateA = await buildCalendarEvent(db, { ...a, title: 'Open dag 2024', startsAt: at('2024-03-20') })
    evShared = await buildCalendarEvent(db, { regionIds: [w.a.region.id, w.b.region.id], organiserId: w.a.hbo.id, title: 'Studiebeurs A en B', startsAt: at('2019-10-10') })
  })

  it('a coordinator links published events of the region on creating a line and later; the grant shows them', async () => {
    const c = await callerFor(w.a.coordinator.id)
    const line = await c.fund.createBudgetLine({ grantId: grantA.id, year: 2019, activity: 'Open dagen met agenda', category: 'ACTIVITIES', amountCents: 10_000, boardIds: [w.a.board.id], eventIds: [evA.id, evA.id] })
    expect(line.events.map((e) => e.eventId)).toEqual([evA.id])
    const shownLine = async (caller: Awaited<ReturnType<typeof callerFor>>) => (await caller.fund.grant({ grantId: grantA.id })).lines.find((l) => l.id === line.id)
    expect((await shownLine(c))?.events).toEqual([{ id: evA.id, title: evA.title, startsAt: at('2019-03-20'), status: 'PUBLISHED' }])

    // The picker: published (and cancelled) events of region A within the grant's period, ordered by start.
    const pick2019 = await c.fund.linkableEvents({ grantId: grantA.id, year: 2019 })
    const ids = pick2019.map((e) => e.id)
    expect(ids).toEqual(expect.arrayContaining([evA.id, evA2.id, evCancelledA.id, evShared.id]))
    for (const bad of [evB, evDraftA, evProposedA, evRejectedInA, evLateA]) expect(ids).not.toContain(bad.id)
    expect(pick2019.map((e) => e.startsAt.getTime())).toEqual([...pick2019.map((e) => e.startsAt.getTime())].sort((x, y) => x - y))
    expect((await c.fund.linkableEvents({ grantId: grantA.id, q: 'netwerkweek' })).map((e) => e.id)).toEqual([evA2.id])
    expect(await c.fund.linkableEvents({ grantId: grantA.id, year: 2020 })).not.toEqual(expect.arrayContaining([expect.objectContaining({ id: evA.id })]))
    expect((await c.fund.linkableEvents({ grantId: grantA.id })).map((e) => e.id)).not.toContain(evLateA.id)

    // Replace the set: a cancelled event of the region may stay linked.
    const set = await c.fund.setLineEvents({ budgetLineId: line.id, eventIds: [evA2.id, evCancelledA.id, evShared.id] })
    expect(set.eventIds).toEqual([evA2.id, evCancelledA.id, evShared.id].sort())
    expect((await shownLine(c))?.events.map((e) => e.id)).toEqual([evCancelledA.id, evA2.id, evShared.id])
    const log = await db.auditLog.findFirstOrThrow({ where: { entityId: line.id, action: 'fund.line.events' } })
    expect(log).toMatchObject({ actorId: w.a.coordinator.id, regionId: w.a.region.id, before: { eventIds: [evA.id] } })
    // The board reporter of the line's board sees the linked events too.
    expect((await shownLine(await callerFor(w.a.boardReporter.id)))?.events.map((e) => e.id)).toEqual([evCancelledA.id, evA2.id, evShared.id])
    // An empty set removes all links.
    await c.fund.setLineEvents({ budgetLineId: line.id, eventIds: [] })
    expect(await db.fundBudgetLineEvent.count({ where: { budgetLineId: line.id } })).toBe(0)
  })

  it('another region’s event, a draft, a proposal or an event rejected in the region is refused with a translated error; nothing is written', async () => {
    const c = await callerFor(w.a.coordinator.id)
    await c.fund.setLineEvents({ budgetLineId: lineA2019.id, eventIds: [evA.id] })
    // Counted for this grant and this coordinator: other test files write lines and audit entries in parallel.
    const linesBefore = await db.fundBudgetLine.count({ where: { grantId: grantA.id } })
    const auditBefore = await db.auditLog.count({ where: { actorId: w.a.coordinator.id } })
    for (const bad of [evB, evDraftA, evProposedA, evRejectedInA, { id: 'no-such-event' }]) {
      const err = await expectTrpcError(c.fund.setLineEvents({ budgetLineId: lineA2019.id, eventIds: [evA2.id, bad.id] }), 'BAD_REQUEST')
      expect((err.cause as AppError).key).toBe('fund.errors.eventNotInRegion')
      expect(shown(err)).toBe('Alleen evenementen die in de agenda van de regio van deze subsidie zijn gepubliceerd, kunnen worden gekoppeld.')
      expect(shown(err, 'en')).toBe('Only events published in the calendar of this grant’s region can be linked.')
      await expectTrpcError(c.fund.createBudgetLine({ grantId: grantA.id, year: 2019, activity: 'Met fout evenement', category: 'ACTIVITIES', amountCents: 1, boardIds: [w.a.board.id], eventIds: [bad.id] }), 'BAD_REQUEST')
    }
    await expectTrpcError(c.fund.setLineEvents({ budgetLineId: lineA2019.id, eventIds: Array.from({ length: 51 }, (_, i) => `ev${i}`) }), 'BAD_REQUEST')
    expect(await db.fundBudgetLine.count({ where: { grantId: grantA.id } })).toBe(linesBefore)
    expect(await db.auditLog.count({ where: { actorId: w.a.coordinator.id } })).toBe(auditBefore)
    expect((await db.fundBudgetLineEvent.findMany({ where: { budgetLineId: lineA2019.id } })).map((l) => l.eventId)).toEqual([evA.id])
  })

  it('only the region’s coordinator changes links: a reporter and region B’s coordinator are FORBIDDEN; a closed year is a CONFLICT', async () => {
    const r = await callerFor(w.a.boardReporter.id)
    await expectTrpcError(r.fund.setLineEvents({ budgetLineId: lineA2019.id, eventIds: [evA2.id] }), 'FORBIDDEN')
    await expectTrpcError(r.fund.linkableEvents({ grantId: grantA.id }), 'FORBIDDEN')
    const cb = await callerFor(w.b.coordinator.id)
    await expectTrpcError(cb.fund.setLineEvents({ budgetLineId: lineA2019.id, eventIds: [evShared.id] }), 'FORBIDDEN')
    await expectTrpcError(cb.fund.linkableEvents({ grantId: grantA.id }), 'FORBIDDEN')
    await expectTrpcError((await callerFor(w.a.staff.id)).fund.setLineEvents({ budgetLineId: lineA2019.id, eventIds: [] }), 'FORBIDDEN')
    await expectTrpcError(cb.fund.setLineEvents({ budgetLineId: 'no-such-line', eventIds: [] }), 'NOT_FOUND')

    const grant = await buildFundGrant(db, { regionId: w.a.region.id, penvoerderId: w.a.school.id, fundName: `Koppeltest ${Date.now()}` })
    const old = await buildCalendarEvent(db, { regionIds: [w.a.region.id], organiserId: w.a.mbo.id, title: 'Open dag 2018', startsAt: at('2018-11-10') })
    const line = await buildBudgetLine(db, { grantId: grant.id, year: 2018, boardIds: [w.a.board.id] })
    const c = await callerFor(w.a.coordinator.id)
    await c.fund.setLineEvents({ budgetLineId: line.id, eventIds: [old.id] })
    await c.fund.closeYear({ grantId: grant.id, year: 2018 })
    const err = await expectTrpcError(c.fund.setLineEvents({ budgetLineId: line.id, eventIds: [] }), 'CONFLICT')
    expect(shown(err)).toContain('2018 is afgesloten')
    expect(await db.fundBudgetLineEvent.count({ where: { budgetLineId: line.id } })).toBe(1)
    expect((await db.fundBudgetLineEvent.findMany({ where: { budgetLineId: lineA2019.id } })).map((l) => l.eventId)).toEqual([evA.id])
  })

  it('the event page shows the funding lines only to fund readers of the line’s region or board', async () => {
    const c = await callerFor(w.a.coordinator.id)
    await c.fund.setLineEvents({ budgetLineId: lineA2020.id, eventIds: [evShared.id] })
    await c.fund.setLineEvents({ budgetLineId: lineOtherBoard.id, eventIds: [evShared.id] })
    const lineB = await buildBudgetLine(db, { grantId: grantB.id, year: 2019, boardIds: [w.b.board.id], activity: 'Studiebeurs regio B' })
    await (await callerFor(w.b.coordinator.id)).fund.setLineEvents({ budgetLineId: lineB.id, eventIds: [evShared.id] })

    const seen = async (userId: string) => (await (await callerFor(userId)).fund.eventFunding({ eventId: evShared.id })).map((l) => l.id).sort()
    expect(await seen(w.a.coordinator.id)).toEqual([lineA2020.id, lineOtherBoard.id].sort())
    expect(await seen(w.b.coordinator.id)).toEqual([lineB.id])
    expect(await seen(w.a.boardReporter.id)).toEqual([lineA2020.id]) // not the other board's line
    expect(await seen(w.b.boardReporter.id)).toEqual([lineB.id])
    expect(await seen(w.admin.id)).toEqual([lineA2020.id, lineOtherBoard.id, lineB.id].sort())
    // The accountability summary lists the linked events per budget line; its totals are unchanged by links.
    const acc = await c.fund.accountability({ grantId: grantA.id })
    expect(acc.lineEvents.find((l) => l.id === lineA2020.id)?.events).toEqual([{ id: evShared.id, title: evShared.title, startsAt: at('2019-10-10'), status: 'PUBLISHED' }])
    expect(acc.lineEvents.every((l) => l.events.length > 0)).toBe(true)
    const [one] = await (await callerFor(w.a.coordinator.id)).fund.eventFunding({ eventId: evShared.id })
    expect(one?.grant).toMatchObject({ id: grantA.id })
    // Without any fund access: FORBIDDEN, through tRPC and through the service.
    await expectTrpcError((await callerFor(w.a.staff.id)).fund.eventFunding({ eventId: evShared.id }), 'FORBIDDEN')
    await expect(eventFunding(db, await actor(w.a.publisher.id), evShared.id)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    // Another tenant's event (published in region A only) is FORBIDDEN for region B's coordinator and reporter, as
    // everywhere in the API — not an empty 200; an unknown id is NOT_FOUND.
    await expectTrpcError((await callerFor(w.b.coordinator.id)).fund.eventFunding({ eventId: evA.id }), 'FORBIDDEN')
    await expectTrpcError((await callerFor(w.b.boardReporter.id)).fund.eventFunding({ eventId: evA.id }), 'FORBIDDEN')
    await expectTrpcError((await callerFor(w.b.coordinator.id)).fund.eventFunding({ eventId: 'no-such-event' }), 'NOT_FOUND')
    expect(await seen(w.a.boardReporter.id)).toEqual([lineA2020.id])
    expect((await eventFunding(db, await actor(w.a.coordinator.id), evA.id)).map((l) => l.id)).toEqual([lineA2019.id])
  })
})
