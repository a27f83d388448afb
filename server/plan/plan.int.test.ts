import { beforeAll, describe, expect, it } from 'vitest'
import { buildOrganisation, buildTwoRegionWorld, buildUser } from '../db/factories.ts'
import { buildBudgetLine, buildCalendarEvent, buildFundGrant, buildReport } from '../fund/factories.ts'
import { fromAmsterdam } from '../lib/time.ts'
import { loadActor } from '../auth/actor.ts'
import { report as transitionReport } from '../transitions/datasets.ts'
import { callerFor, db, expectTrpcError } from '../test/helpers.ts'
import type { Change } from './diff.ts'
import { AppError } from '../lib/errors.ts'

type World = Awaited<ReturnType<typeof buildTwoRegionWorld>>
let w: World
let planId: string
let goalId: string
const THEME = 'plantheme-studiekeuze'

async function caller(userId: string) {
  return callerFor(userId)
}

/**
 * A programme and slot of the region's mbo in school year 2019/20, with confirmed bookings of the region's school made
 * by its staff (the bookings the plan counts), and one public booking that only names the school (never counted).
 */
async function bookings(mboId: string, schoolId: string, spec: { level: 'HAVO' | 'VWO'; n: number; present: number }[]) {
  const staff = await buildUser(db, { roles: [{ role: 'ORG_STAFF', organisationId: schoolId }] })
  const programme = await db.slotProgramme.create({ data: { organisationId: mboId, name: 'Verpleegkunde', sector: 'MBO', level: 'MBO_4', code: String(20000 + Math.floor(Math.random() * 79999)) } })
  const startsAt = fromAmsterdam('2019-11-12', '09:00')
  const slot = await db.slot.create({
    data: { programmeId: programme.id, organisationId: mboId, startsAt, endsAt: new Date(startsAt.getTime() + 4 * 3_600_000), location: 'Hengelo', capacity: 100, bookingOpensAt: fromAmsterdam('2019-09-01'), bookingClosesAt: startsAt, audienceLevels: ['HAVO', 'VWO'] },
  })
  for (const s of spec)
    for (let i = 0; i < s.n; i++)
      await db.slotBooking.create({ data: { slotId: slot.id, organisationId: mboId, programmeId: programme.id, schoolId, level: s.level, year: 4, status: 'CONFIRMED', attendance: i < s.present ? 'PRESENT' : null, bookedById: staff.id } })
  await db.slotBooking.create({ data: { slotId: slot.id, organisationId: mboId, programmeId: programme.id, schoolId, level: 'HAVO', year: 4, status: 'CONFIRMED', attendance: 'PRESENT' } })
  // A cancelled booking never counts.
  await db.slotBooking.create({ data: { slotId: slot.id, organisationId: mboId, programmeId: programme.id, schoolId, level: 'HAVO', year: 4, status: 'CANCELLED' } })
  return programme
}

/** A transition dataset of an organisation shared with the region: HAVO pupils into mbo in cohort 2019. */
async function sharedDataset(organisationId: string, regionId: string, started: number, switched: number) {
  const ds = await db.transitionDataset.create({ data: { organisationId, source: 'OWN', description: 'Doorstroom', sharing: 'REGION', regionId } })
  const org = await db.organisation.findUniqueOrThrow({ where: { id: organisationId } })
  await db.transitionRow.create({
    data: { datasetId: ds.id, cohortYear: 2019, originBrin: org.brin, originVestiging: '00', originTrack: 'HAVO', destinationSector: 'MBO', started, enrolledAfterYear1: started - switched - 2, switched, droppedOut: 2, diplomaNominal: 0 },
  })
}

beforeAll(async () => {
  w = await buildTwoRegionWorld(db)
  const c = await caller(w.a.coordinator.id)
  const plan = await c.plan.create({ regionId: w.a.region.id, title: 'Ambitieagenda LOB 2019–2022', startYear: 2019, endYear: 2022 })
  planId = plan.id
  const goal = await c.plan.createGoal({ planId, themeId: THEME, title: 'Minder switch na de overstap', description: 'Betere studiekeuze', organisationIds: [w.a.school.id, w.a.mbo.id] })
  goalId = goal.id
})

describe('plan: tenant isolation and permissions', () => {
  it('another region’s coordinator, reporter and staff get FORBIDDEN on every read and write', async () => {
    const coordB = await caller(w.b.coordinator.id)
    await expectTrpcError(coordB.plan.get({ planId }), 'FORBIDDEN')
    await expectTrpcError(coordB.plan.createGoal({ planId, themeId: THEME, title: 'Inbraak' }), 'FORBIDDEN')
    await expectTrpcError(coordB.plan.evaluation({ planId, year: 2019 }), 'FORBIDDEN')
    await expectTrpcError(coordB.plan.openEvaluation({ planId, year: 2019 }), 'FORBIDDEN')
    await expectTrpcError(coordB.plan.setLinks({ goalId, kind: 'event', ids: [] }), 'FORBIDDEN')
    expect((await coordB.plan.list()).map((p) => p.id)).not.toContain(planId)
    await expectTrpcError((await caller(w.b.boardReporter.id)).plan.get({ planId }), 'FORBIDDEN')
    await expectTrpcError((await caller(w.b.staff.id)).plan.get({ planId }), 'FORBIDDEN')
    // Region A's own reporter and staff read it, but do not write it.
    const staffA = await caller(w.a.staff.id)
    expect((await staffA.plan.get({ planId })).title).toBe('Ambitieagenda LOB 2019–2022')
    await expectTrpcError(staffA.plan.createGoal({ planId, themeId: THEME, title: 'Eigen doel' }), 'FORBIDDEN')
    await expectTrpcError((await caller(w.a.boardReporter.id)).plan.createGoal({ planId, themeId: THEME, title: 'Eigen doel' }), 'FORBIDDEN')
  })

  it('links only the region’s own activities', async () => {
    const c = await caller(w.a.coordinator.id)
    const evB = await buildCalendarEvent(db, { title: 'Open dag B', startsAt: fromAmsterdam('2019-10-01', '10:00'), regionIds: [w.b.region.id], organiserId: w.b.mbo.id })
    await expectTrpcError(c.plan.setLinks({ goalId, kind: 'event', ids: [evB.id] }), 'BAD_REQUEST')
    const orgB = await expectTrpcError(c.plan.createGoal({ planId, themeId: THEME, title: 'Met organisatie van B', organisationIds: [w.b.school.id] }), 'BAD_REQUEST')
    expect((orgB.cause as AppError).key).toBe('plan.errors.organisationNotInRegion')
  })
})

describe('plan: versions and endorsement', () => {
  it('after adoption a change needs a reason and becomes a new version with its diff; boards of the region endorse', async () => {
    const c = await caller(w.a.coordinator.id)
    expect((await c.plan.adopt({ planId })).version).toBe(1)
    await expectTrpcError(c.plan.createAgreement({ planId, party: 'VO', commitment: 'Elke school plant twee meeloopdagen in klas 4', owner: 'Decanen vo', dueDate: '2020-06-30' }), 'BAD_REQUEST')
    await c.plan.createAgreement({ planId, party: 'VO', commitment: 'Elke school plant twee meeloopdagen in klas 4', owner: 'Decanen vo', dueDate: '2020-06-30', reason: 'Afspraak uit het netwerkoverleg' })
    const view = await c.plan.get({ planId })
    expect(view.version).toBe(2)
    expect(view.versions[0]!.reason).toBe('Afspraak uit het netwerkoverleg')
    expect(view.versions[0]!.diff).toEqual([{ entity: 'agreement', label: 'Elke school plant twee meeloopdagen in klas 4', kind: 'added', after: 'Elke school plant twee meeloopdagen in klas 4' }] satisfies Change[])
    const audits = await db.auditLog.findMany({ where: { regionId: w.a.region.id, action: { startsWith: 'plan.' } }, select: { action: true } })
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['plan.create', 'plan.goal.create', 'plan.version', 'plan.agreement.create']))

    const reporter = await caller(w.a.boardReporter.id)
    await expectTrpcError(reporter.plan.endorse({ versionId: view.versions[1]!.id, decision: 'AGREE' }), 'BAD_REQUEST') // not the latest version
    await reporter.plan.endorse({ versionId: view.versions[0]!.id, decision: 'OBJECT', comment: 'Te weinig aandacht voor vmbo' })
    await expectTrpcError((await caller(w.b.boardReporter.id)).plan.endorse({ versionId: view.versions[0]!.id, decision: 'AGREE' }), 'FORBIDDEN')
    const after = await c.plan.get({ planId })
    expect(after.versions[0]!.endorsements.map((e) => [e.board.id, e.decision, e.comment])).toEqual([[w.a.board.id, 'OBJECT', 'Te weinig aandacht voor vmbo']])
  })
})

describe('plan: computed indicators', () => {
  it('fund: integer cents of approved (and reported) reports on the goal’s linked budget lines of that year', async () => {
    const c = await caller(w.a.coordinator.id)
    const grant = await buildFundGrant(db, { regionId: w.a.region.id, penvoerderId: w.a.mbo.id, fundName: `Plan-fonds ${Date.now()}` })
    const line = await buildBudgetLine(db, { grantId: grant.id, year: 2019, boardIds: [w.a.board.id], amountCents: 500_000 })
    const other = await buildBudgetLine(db, { grantId: grant.id, year: 2019, boardIds: [w.a.board.id], amountCents: 100_000 })
    await buildReport(db, { budgetLineId: line.id, boardId: w.a.board.id, year: 2019, amountCents: 12_345, status: 'APPROVED' })
    await buildReport(db, { budgetLineId: line.id, boardId: w.a.board.id, year: 2019, amountCents: 1_000, status: 'SUBMITTED' })
    await buildReport(db, { budgetLineId: other.id, boardId: w.a.board.id, year: 2019, amountCents: 99_999, status: 'APPROVED' }) // not linked
    await c.plan.setLinks({ goalId, kind: 'budgetLine', ids: [line.id] })
    const approved = await c.plan.createIndicator({ goalId, name: 'Besteed', kind: 'FUND', fundMetric: 'APPROVED', reason: 'Fondsindicator' })
    const reported = await c.plan.createIndicator({ goalId, name: 'Gerapporteerd', kind: 'FUND', fundMetric: 'REPORTED', reason: 'Fondsindicator' })
    await c.plan.setTarget({ indicatorId: approved.id, year: 2019, value: 10_000, reason: 'Streefwaarde' })
    const ev = await c.plan.evaluation({ planId, year: 2019 })
    const inds = ev.goals.find((g) => g.id === goalId)!.indicators
    expect(inds.find((i) => i.id === approved.id)).toMatchObject({ actual: 12_345, target: 10_000, status: 'ON_TRACK' })
    expect(inds.find((i) => i.id === reported.id)).toMatchObject({ actual: 13_345, status: 'NO_DATA' })
    // A year without linked lines is "no data", not 0.
    expect((await c.plan.evaluation({ planId, year: 2020 })).goals.find((g) => g.id === goalId)!.indicators.find((i) => i.id === approved.id)).toMatchObject({ actual: null, status: 'NO_DATA' })
    const view = await c.plan.get({ planId })
    expect(view.goals.find((g) => g.id === goalId)!.money).toEqual({ budgetedCents: 500_000, approvedCents: 12_345 })
  })

  it('activity: region, levels and schools masked as one table — ≤ 5 suppressed, and what would give one back', async () => {
    const c = await caller(w.a.coordinator.id)
    await db.participationReachConsent.create({ data: { schoolId: w.a.school.id } })
    await bookings(w.a.mbo.id, w.a.school.id, [
      { level: 'HAVO', n: 8, present: 7 },
      { level: 'VWO', n: 3, present: 3 },
    ])
    await buildCalendarEvent(db, { title: 'Open dag', startsAt: fromAmsterdam('2019-10-05', '10:00'), regionIds: [w.a.region.id], organiserId: w.a.mbo.id, type: 'OPEN_DAG' })
    await buildCalendarEvent(db, { title: 'Afgelast', startsAt: fromAmsterdam('2019-10-06', '10:00'), regionIds: [w.a.region.id], organiserId: w.a.mbo.id, status: 'CANCELLED' })
    const mk = (name: string, activityMetric: string, level?: string) => c.plan.createIndicator({ goalId, name, kind: 'ACTIVITY', activityMetric: activityMetric as never, level: level as never, reason: 'Activiteit' })
    const booked = await mk('Geboekt', 'BOOKED')
    const attended = await mk('Aanwezig', 'ATTENDED')
    const havo = await mk('Geboekt havo', 'BOOKED', 'HAVO')
    const vwo = await mk('Geboekt vwo', 'BOOKED', 'VWO')
    const events = await mk('Activiteiten', 'EVENTS')
    const reached = await mk('Scholen', 'SCHOOLS_REACHED')
    const ev = await c.plan.evaluation({ planId, year: 2019 })
    const by = (id: string) => ev.goals.find((g) => g.id === goalId)!.indicators.find((i) => i.id === id)!
    expect(by(booked.id)).toMatchObject({ actual: 11, suppressed: false })
    // 11 booked − 10 attended = 1 no-show, so attended is hidden; 11 − 8 havo = 3 in the other levels, so havo is too.
    expect(by(attended.id)).toMatchObject({ actual: null, suppressed: true })
    expect(by(havo.id)).toMatchObject({ actual: null, suppressed: true })
    expect(by(vwo.id)).toMatchObject({ actual: null, suppressed: true, status: 'NO_DATA' })
    expect(by(events.id)).toMatchObject({ actual: 1 })
    expect(by(reached.id)).toMatchObject({ actual: 1 })
    expect(ev.reach.find((r) => r.id === w.a.school.id)).toMatchObject({ bookings: 11 })
    // Nothing of region A reaches region B's figures, and a small school count is never sent.
    const small = await buildOrganisation(db, { regionIds: [w.a.region.id], sector: 'VO' })
    await db.participationReachConsent.create({ data: { schoolId: small.id } })
    await bookings(w.a.mbo.id, small.id, [{ level: 'HAVO', n: 2, present: 0 }])
    const again = await c.plan.evaluation({ planId, year: 2019 })
    expect(again.reach.find((r) => r.id === small.id)).toEqual({ id: small.id, name: small.name, bookings: null })
    expect(JSON.stringify(again.reach)).not.toContain('"bookings":2')
    // 13 − 11 would give the small school's 2: the larger school is hidden too, and so is the number of schools reached.
    expect(again.reach.find((r) => r.id === w.a.school.id)).toMatchObject({ bookings: null })
    const byAgain = (id: string) => again.goals.find((g) => g.id === goalId)!.indicators.find((i) => i.id === id)!
    expect(byAgain(booked.id)).toMatchObject({ actual: 13 })
    expect(byAgain(reached.id)).toMatchObject({ actual: null, suppressed: true })
  })

  it('transitions: through the transitions domain’s region report — suppressed with too few contributors, its number otherwise', async () => {
    const c = await caller(w.a.coordinator.id)
    const ind = await c.plan.createIndicator({ goalId, name: 'Switch havo → mbo', kind: 'TRANSITIONS', transitionMetric: 'switchedPct', track: 'HAVO', direction: 'LOWER', reason: 'Doorstroom' })
    await sharedDataset(w.a.mbo.id, w.a.region.id, 120, 30)
    const one = (await c.plan.evaluation({ planId, year: 2019 })).goals.find((g) => g.id === goalId)!.indicators.find((i) => i.id === ind.id)!
    expect(one).toMatchObject({ actual: null, suppressed: true, status: 'NO_DATA' })

    const more = [await buildOrganisation(db, { regionIds: [w.a.region.id], sector: 'MBO' }), await buildOrganisation(db, { regionIds: [w.a.region.id], sector: 'MBO' })]
    await sharedDataset(more[0]!.id, w.a.region.id, 110, 20)
    await sharedDataset(more[1]!.id, w.a.region.id, 100, 25)
    await c.plan.setTarget({ indicatorId: ind.id, year: 2019, value: 30, reason: 'Streefwaarde' })
    const three = (await c.plan.evaluation({ planId, year: 2019 })).goals.find((g) => g.id === goalId)!.indicators.find((i) => i.id === ind.id)!
    const coordinator = (await loadActor(db, w.a.coordinator.id))!
    const regionReport = await transitionReport(db, coordinator, { regionId: w.a.region.id })
    const expected = regionReport.indicators.find((r) => r.cohortYear === 2019 && r.track === 'HAVO')!.switchedPct
    expect(typeof expected).toBe('number')
    expect(three).toMatchObject({ actual: expected, suppressed: false, target: 30, status: 'ON_TRACK' })
    // Region B's coordinator cannot reach these figures through a plan of region A.
    await expectTrpcError((await caller(w.b.coordinator.id)).plan.evaluation({ planId, year: 2019 }), 'FORBIDDEN')
  })
})

describe('plan: Check and Act', () => {
  it('evaluation with decisions and contributions; decisions carried into the next version in one go', async () => {
    const c = await caller(w.a.coordinator.id)
    const second = await c.plan.createGoal({ planId, themeId: 'plantheme-ouders', title: 'Ouderavonden in elke school', reason: 'Nieuw doel' })
    await expectTrpcError(c.plan.saveGoalEvaluation({ planId, year: 2020, goalId, evaluation: 'x' }), 'NOT_FOUND')
    await c.plan.openEvaluation({ planId, year: 2020 })
    await c.plan.saveGoalEvaluation({ planId, year: 2020, goalId, evaluation: 'Switch daalt', decision: 'NEW_GOAL', decisionNote: 'Switch-gesprekken in mbo-jaar 1' })
    await c.plan.saveGoalEvaluation({ planId, year: 2020, goalId: second.id, evaluation: 'Geen bereik', decision: 'STOP' })
    const staffA = await caller(w.a.staff.id)
    await staffA.plan.addContribution({ planId, year: 2020, goalId, text: 'Wij hielden 3 voorlichtingsavonden' })
    await expectTrpcError((await caller(w.b.staff.id)).plan.addContribution({ planId, year: 2020, goalId, text: 'Inbraak' }), 'FORBIDDEN')
    const before = (await c.plan.get({ planId })).version
    const applied = await c.plan.applyDecisions({ planId, year: 2020 })
    expect(applied).toEqual({ version: before + 1, applied: 2 })
    const view = await c.plan.get({ planId })
    expect(view.goals.find((g) => g.id === second.id)!.status).toBe('STOPPED')
    expect(view.goals.map((g) => g.title)).toContain('Switch-gesprekken in mbo-jaar 1')
    expect(view.versions[0]!.diff.map((d) => `${d.entity}:${d.kind}:${d.field ?? ''}`)).toEqual(expect.arrayContaining(['goal:added:', 'goal:changed:status', 'goal:changed:decision']))
    await expectTrpcError(c.plan.applyDecisions({ planId, year: 2020 }), 'BAD_REQUEST') // nothing new
    // The next version lists only what changed: the carried-in decisions, read back from jsonb with their keys in
    // PostgreSQL's order, are no "change" (each goal's "Besluit: X → X" was).
    const agreement = view.agreements[0]!
    await c.plan.setAgreementStatus({ agreementId: agreement.id, status: 'IN_PROGRESS', reason: 'Gestart' })
    const onlyStatus = [{ entity: 'agreement', label: agreement.commitment, kind: 'changed', field: 'status', before: agreement.status, after: 'IN_PROGRESS' }] satisfies Change[]
    const stored = await db.planVersion.findFirstOrThrow({ where: { planId }, orderBy: { number: 'desc' }, select: { diff: true } })
    expect(stored.diff).toEqual(onlyStatus)
    expect((await c.plan.get({ planId })).versions[0]!.diff).toEqual(onlyStatus)
    await expectTrpcError(c.plan.saveGoalEvaluation({ planId, year: 2020, goalId: second.id, decision: 'CONTINUE' }), 'BAD_REQUEST') // applied
    const ev = await c.plan.evaluation({ planId, year: 2020 })
    expect(ev.goals.find((g) => g.id === goalId)!.contributions.map((x) => x.text)).toEqual(['Wij hielden 3 voorlichtingsavonden'])
  })

  it('a coordinator cannot endorse, and a reporter of a board outside the region is FORBIDDEN', async () => {
    const plan = await (await caller(w.a.coordinator.id)).plan.get({ planId })
    const outsider = await buildUser(db, { roles: [{ role: 'BOARD_REPORTER', boardId: w.b.board.id }] })
    await expectTrpcError((await caller(outsider.id)).plan.endorse({ versionId: plan.versions[0]!.id, decision: 'AGREE' }), 'FORBIDDEN')
    await expectTrpcError((await caller(w.a.coordinator.id)).plan.endorse({ versionId: plan.versions[0]!.id, decision: 'AGREE' }), 'FORBIDDEN')
  })
})
