/**
 * MONITOR indicators of the regional plan: figures from the schools' LOB self-assessment, through the monitor
 * domain's protected distribution (closed round, nothing below 3 schools, nothing when sharing would expose the
 * rest, no school named) — and "serves goals" from the other side of the links, scoped to readable plans.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { ZodError } from 'zod'
import { issueMessage } from '../i18n/translate.ts'
import { buildOrganisation, buildTwoRegionWorld } from '../db/factories.ts'
import { buildAssessment, ensureFramework } from '../monitor/factories.ts'
import { loadActor } from '../auth/actor.ts'
import { regionCriterionFigures } from '../monitor/region.ts'
import { AppError } from '../lib/errors.ts'
import { callerFor, db, expectTrpcError } from '../test/helpers.ts'

type World = Awaited<ReturnType<typeof buildTwoRegionWorld>>
let w: World
let planId: string
let goalId: string
let code: string
let medianId: string
let shareId: string
let schoolsA: { id: string }[]
const THEME = 'plantheme-studiekeuze'

/** Submitted assessments: criterion `code` gets the given score per school, every other criterion 2. */
async function assess(schools: { id: string }[], schoolYear: number, scores: number[]) {
  const out = []
  for (const [i, s] of schools.entries()) out.push(await buildAssessment(db, { organisationId: s.id, schoolYear, score: (c) => (c === code ? scores[i]! : 2) }))
  return out
}

beforeAll(async () => {
  w = await buildTwoRegionWorld(db)
  code = (await ensureFramework(db)).sections[0]!.criteria[0]!.code
  // Region A: its own vo school and three more. Region B: three schools that all score 1 (never in A's figures).
  schoolsA = [w.a.school, ...(await Promise.all([0, 1, 2].map(() => buildOrganisation(db, { regionIds: [w.a.region.id], sector: 'VO' }))))]
  const schoolsB = [w.b.school, ...(await Promise.all([0, 1].map(() => buildOrganisation(db, { regionIds: [w.b.region.id], sector: 'VO' }))))]
  // 2019/20: four schools of A (1, 3, 3, 4), round closed → median 3, 75 % at level 3+.
  await assess(schoolsA, 2019, [1, 3, 3, 4])
  // 2020/21: two schools of A submitted, round closed → fewer than 3: suppressed.
  await assess(schoolsA.slice(0, 2), 2020, [4, 4])
  // 2021/22: three submitted but the round is not closed → no data yet.
  await assess(schoolsA.slice(0, 3), 2021, [4, 4, 4])
  await assess(schoolsB, 2019, [1, 1, 1])
  const coordA = await callerFor(w.a.coordinator.id)
  const coordB = await callerFor(w.b.coordinator.id)
  await coordA.monitor.closeRound({ regionId: w.a.region.id, schoolYear: 2019 })
  await coordA.monitor.closeRound({ regionId: w.a.region.id, schoolYear: 2020 })
  await coordB.monitor.closeRound({ regionId: w.b.region.id, schoolYear: 2019 })

  const plan = await coordA.plan.create({ regionId: w.a.region.id, title: 'Ambitieagenda LOB met monitor', startYear: 2019, endYear: 2021 })
  planId = plan.id
  goalId = (await coordA.plan.createGoal({ planId, themeId: THEME, title: 'LOB staat in het beleid van elke school' })).id
  medianId = (await coordA.plan.createIndicator({ goalId, name: 'Mediaan beleid', kind: 'MONITOR', monitorMetric: 'MEDIAN', criterion: code, direction: 'HIGHER' })).id
  shareId = (await coordA.plan.createIndicator({ goalId, name: 'Scholen op niveau 3+', kind: 'MONITOR', monitorMetric: 'SHARE_3_PLUS', criterion: code, direction: 'HIGHER', baselineYear: 2018, baselineValue: 50 })).id
  await coordA.plan.setTarget({ indicatorId: medianId, year: 2019, value: 2.5 })
  await coordA.plan.setTarget({ indicatorId: shareId, year: 2019, value: 80 })
})

function cells(view: Awaited<ReturnType<Awaited<ReturnType<typeof callerFor>>['plan']['get']>>, indicatorId: string) {
  const ind = view.goals.flatMap((g) => g.indicators).find((i) => i.id === indicatorId)!
  return ind.cells.map((c) => ({ year: c.year, actual: c.actual, suppressed: c.suppressed, status: c.status }))
}

describe('plan: MONITOR indicators from the self-assessment', () => {
  it('computes the median and the share at level 3+ per school year; suppressed below 3 schools; no data while the round is open', async () => {
    const view = await (await callerFor(w.a.coordinator.id)).plan.get({ planId })
    expect(cells(view, medianId)).toEqual([
      { year: 2019, actual: 3, suppressed: false, status: 'ON_TRACK' },
      { year: 2020, actual: null, suppressed: true, status: 'NO_DATA' },
      { year: 2021, actual: null, suppressed: false, status: 'NO_DATA' },
    ])
    expect(cells(view, shareId)).toEqual([
      { year: 2019, actual: 75, suppressed: false, status: 'BEHIND' },
      { year: 2020, actual: null, suppressed: true, status: 'NO_DATA' },
      { year: 2021, actual: null, suppressed: false, status: 'NO_DATA' },
    ])
    expect(view.goals[0]!.statusByYear).toEqual([
      { year: 2019, status: 'BEHIND' },
      { year: 2020, status: 'NO_DATA' },
      { year: 2021, status: 'NO_DATA' },
    ])
  })

  it('the year’s evaluation shows the same actuals next to baseline and target', async () => {
    const coordA = await callerFor(w.a.coordinator.id)
    await coordA.plan.openEvaluation({ planId, year: 2019 })
    const ev = await coordA.plan.evaluation({ planId, year: 2019 })
    const inds = ev.goals[0]!.indicators.map((i) => ({ id: i.id, kind: i.kind, config: i.config, actual: i.actual, target: i.target, status: i.status, baselineValue: i.baselineValue }))
    expect(inds).toEqual([
      { id: medianId, kind: 'MONITOR', config: { metric: 'MEDIAN', criterion: code }, actual: 3, target: 2.5, status: 'ON_TRACK', baselineValue: null },
      { id: shareId, kind: 'MONITOR', config: { metric: 'SHARE_3_PLUS', criterion: code }, actual: 75, target: 80, status: 'BEHIND', baselineValue: 50 },
    ])
  })

  it('the region’s board reporter and school staff see the same protected figures; no school and no count below 3 reaches them', async () => {
    for (const userId of [w.a.boardReporter.id, w.a.staff.id]) {
      const view = await (await callerFor(userId)).plan.get({ planId })
      expect(cells(view, medianId).map((c) => [c.actual, c.suppressed])).toEqual([
        [3, false],
        [null, true],
        [null, false],
      ])
      // Nothing of the 2020 round (two schools, both 4) is in the answer.
      const text = JSON.stringify(view)
      for (const s of schoolsA.slice(1)) expect(text).not.toContain(s.id)
    }
  })

  it('a round where sharing would expose the rest (2 of 4 share) is suppressed in the plan too', async () => {
    const a2019 = await db.monitorAssessment.findMany({ where: { schoolYear: 2019, organisationId: { in: schoolsA.map((s) => s.id) } }, orderBy: { organisationId: 'asc' }, select: { id: true } })
    expect(a2019).toHaveLength(4)
    await db.monitorAssessment.updateMany({ where: { id: { in: a2019.slice(0, 2).map((a) => a.id) } }, data: { sharedWithRegion: true } })
    try {
      const view = await (await callerFor(w.a.coordinator.id)).plan.get({ planId })
      expect(cells(view, medianId)[0]).toEqual({ year: 2019, actual: null, suppressed: true, status: 'NO_DATA' })
      expect(cells(view, shareId)[0]).toEqual({ year: 2019, actual: null, suppressed: true, status: 'NO_DATA' })
    } finally {
      await db.monitorAssessment.updateMany({ where: { id: { in: a2019.map((a) => a.id) } }, data: { sharedWithRegion: false } })
    }
  })

  it('tenant isolation: region B’s figures never enter A’s plan; B’s users get FORBIDDEN for A’s figures', async () => {
    // B's closed 2019 round (all 1) is shown to B, and A's median stays 3.
    const figuresB = await regionCriterionFigures(db, (await loadActor(db, w.b.coordinator.id))!, { regionId: w.b.region.id, schoolYears: [2019] })
    const b2019 = figuresB.get(2019)!
    expect(b2019.status).toBe('shown')
    expect(b2019.status === 'shown' && b2019.criteria.find((c) => c.code === code)).toMatchObject({ n: 3, counts: [3, 0, 0, 0], median: 1 })
    for (const userId of [w.b.coordinator.id, w.b.boardReporter.id, w.b.staff.id]) {
      await expect(regionCriterionFigures(db, (await loadActor(db, userId))!, { regionId: w.a.region.id, schoolYears: [2019] })).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expectTrpcError((await callerFor(userId)).plan.get({ planId }), 'FORBIDDEN')
    }
    // B's coordinator cannot put a MONITOR indicator on A's goal either.
    await expectTrpcError((await callerFor(w.b.coordinator.id)).plan.createIndicator({ goalId, name: 'Inbraak', kind: 'MONITOR', monitorMetric: 'MEDIAN', criterion: code }), 'FORBIDDEN')
  })

  it('refuses an unknown criterion and an incomplete configuration with a translated message', async () => {
    const c = await callerFor(w.a.coordinator.id)
    const unknown = await expectTrpcError(c.plan.createIndicator({ goalId, name: 'Onbekend', kind: 'MONITOR', monitorMetric: 'MEDIAN', criterion: 'bestaat-niet' }), 'BAD_REQUEST')
    expect((unknown.cause as AppError).key).toBe('plan.errors.unknownCriterion')
    const incomplete = await expectTrpcError(c.plan.createIndicator({ goalId, name: 'Zonder criterium', kind: 'MONITOR', monitorMetric: 'MEDIAN' }), 'BAD_REQUEST')
    expect((incomplete.cause as ZodError).issues.map((i) => [i.path.join('.'), issueMessage(i, 'nl'), issueMessage(i, 'en')])).toEqual([['criterion', 'Kies een monitorcijfer en een criterium.', 'Choose a monitor figure and a criterion.']])
    expect(await db.planIndicator.count({ where: { goalId } })).toBe(2)
  })
})

describe('plan: serves goals (the other side of the links)', () => {
  it('shows an item’s goals to readers of the plan only', async () => {
    const coordA = await callerFor(w.a.coordinator.id)
    const programme = await db.slotProgramme.create({ data: { organisationId: w.a.mbo.id, name: 'Zorg en welzijn', sector: 'MBO', level: 'MBO_4', code: String(20000 + Math.floor(Math.random() * 79999)) } })
    await coordA.plan.setLinks({ goalId, kind: 'programme', ids: [programme.id] })
    const expected = [{ id: goalId, title: 'LOB staat in het beleid van elke school', planId, plan: { title: 'Ambitieagenda LOB met monitor' } }]
    for (const userId of [w.a.coordinator.id, w.a.boardReporter.id, w.a.staff.id, w.a.publisher.id]) expect(await (await callerFor(userId)).plan.servedGoals({ kind: 'programme', id: programme.id })).toEqual(expected)
    for (const userId of [w.b.coordinator.id, w.b.boardReporter.id, w.b.staff.id]) expect(await (await callerFor(userId)).plan.servedGoals({ kind: 'programme', id: programme.id })).toEqual([])
    // The same goal does not serve an unlinked kind with that id.
    expect(await coordA.plan.servedGoals({ kind: 'budgetLine', id: programme.id })).toEqual([])
  })
})
