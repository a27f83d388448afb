import { beforeAll, describe, expect, it } from 'vitest'
import { buildOrganisation, buildRegion, buildTwoRegionWorld, buildUser } from '../db/factories.ts'
import { loadActor } from '../auth/actor.ts'
import { callerFor, db, expectTrpcError } from '../test/helpers.ts'
import { buildAssessment, ensureFramework } from './factories.ts'
import { regionCriterionScores } from './region.ts'

type World = Awaited<ReturnType<typeof buildTwoRegionWorld>>
let w: World
let fw: Awaited<ReturnType<typeof ensureFramework>>
const actor = async (userId: string) => (await loadActor(db, userId))!
const criteria = () => fw.sections.flatMap((s) => s.criteria)

beforeAll(async () => {
  w = await buildTwoRegionWorld(db)
  fw = await ensureFramework(db)
})

describe('monitor: a school fills in its self-assessment', () => {
  it('draft → scores → submit → comparison with last year; audited; reopen', async () => {
    await buildAssessment(db, { organisationId: w.a.school.id, schoolYear: 2019, score: (_c, i) => (i % 2 ? 2 : 3) })
    const staff = await callerFor(w.a.staff.id)
    const started = await staff.monitor.start({ organisationId: w.a.school.id, schoolYear: 2020 })
    await expectTrpcError(staff.monitor.start({ organisationId: w.a.school.id, schoolYear: 2020 }), 'CONFLICT')

    // Submitting with criteria unscored is refused.
    const partial = await staff.monitor.saveScores({ assessmentId: started.id, version: started.version, scores: [{ criterionId: criteria()[0]!.id, score: 4, evidence: 'Beleidsplan 2020' }] })
    await expectTrpcError(staff.monitor.submit({ assessmentId: started.id, version: partial.version }), 'CONFLICT')
    // A stale version is a conflict, nothing overwritten.
    await expectTrpcError(staff.monitor.saveScores({ assessmentId: started.id, version: started.version, scores: [{ criterionId: criteria()[0]!.id, score: 1 }] }), 'CONFLICT')
    // Out-of-range score: 400 with a field issue.
    await expectTrpcError(staff.monitor.saveScores({ assessmentId: started.id, version: partial.version, scores: [{ criterionId: criteria()[0]!.id, score: 5 }] }), 'BAD_REQUEST')

    const all = await staff.monitor.saveScores({ assessmentId: started.id, version: partial.version, scores: criteria().map((c) => ({ criterionId: c.id, score: 3, evidence: `Bewijs ${c.code}` })) })
    const submitted = await staff.monitor.submit({ assessmentId: started.id, version: all.version })
    expect(submitted.status).toBe('SUBMITTED')
    // Submitted: no more score changes until reopened.
    await expectTrpcError(staff.monitor.saveScores({ assessmentId: started.id, version: submitted.version, scores: [{ criterionId: criteria()[0]!.id, score: 1 }] }), 'CONFLICT')

    const view = await staff.monitor.assessment({ organisationId: w.a.school.id, schoolYear: 2020 })
    expect(view.assessment?.status).toBe('SUBMITTED')
    expect(view.previous?.schoolYear).toBe(2019)
    const rows = view.comparison!
    expect(rows).toHaveLength(criteria().length)
    expect(rows[0]).toMatchObject({ code: criteria()[0]!.code, current: 3, previous: 3, delta: 0 })
    expect(rows[1]).toMatchObject({ code: criteria()[1]!.code, current: 3, previous: 2, delta: 1 })

    const entries = await db.auditLog.findMany({ where: { entityId: started.id }, orderBy: { id: 'asc' } })
    expect(entries.map((e) => e.action)).toEqual(['monitor.assessment.start', 'monitor.assessment.saveScores', 'monitor.assessment.saveScores', 'monitor.assessment.submit'])

    const reopened = await staff.monitor.reopen({ assessmentId: started.id, version: submitted.version })
    expect(reopened.status).toBe('DRAFT')

    // Action points: the school's own PDCA, audited.
    const point = await staff.monitor.addAction({ assessmentId: started.id, action: 'Leerlijn LOB klas 1–3 uitschrijven', ownerName: 'S. Bakker', dueOn: '2021-03-01', criterionId: criteria()[2]!.id })
    await staff.monitor.updateAction({ id: point.id, action: point.action, ownerName: point.ownerName, dueOn: '2021-03-01', criterionId: point.criterionId, done: true })
    const again = await staff.monitor.assessment({ organisationId: w.a.school.id, schoolYear: 2020 })
    expect(again.assessment!.actions).toMatchObject([{ action: 'Leerlijn LOB klas 1–3 uitschrijven', done: true }])
    expect(await db.auditLog.count({ where: { entityId: point.id } })).toBe(2)
    await expectTrpcError(staff.monitor.addAction({ assessmentId: started.id, action: 'x', ownerName: '' }), 'BAD_REQUEST')
  })
})

describe('monitor: tenant isolation', () => {
  it("another school's staff and another region's coordinator are FORBIDDEN", async () => {
    const own = await buildAssessment(db, { organisationId: w.a.school.id, schoolYear: 2015, score: 2, status: 'DRAFT' })
    const otherStaff = await callerFor(w.b.staff.id)
    await expectTrpcError(otherStaff.monitor.assessment({ organisationId: w.a.school.id, schoolYear: 2015 }), 'FORBIDDEN')
    await expectTrpcError(otherStaff.monitor.start({ organisationId: w.a.school.id, schoolYear: 2016 }), 'FORBIDDEN')
    await expectTrpcError(otherStaff.monitor.saveScores({ assessmentId: own.id, version: own.version, scores: [] }), 'FORBIDDEN')
    await expectTrpcError(otherStaff.monitor.setSharing({ assessmentId: own.id, shared: true }), 'FORBIDDEN')
    await expectTrpcError(otherStaff.monitor.addAction({ assessmentId: own.id, action: 'Overnemen', ownerName: 'Iemand' }), 'FORBIDDEN')
    // Staff of an institution in the same region: not this school's staff either.
    const sameRegion = await buildUser(db, { roles: [{ role: 'ORG_STAFF', organisationId: w.a.mbo.id }] })
    await expectTrpcError((await callerFor(sameRegion.id)).monitor.assessment({ organisationId: w.a.school.id, schoolYear: 2015 }), 'FORBIDDEN')
    // A coordinator cannot read a school's assessment directly, nor another region's figures.
    await expectTrpcError((await callerFor(w.a.coordinator.id)).monitor.assessment({ organisationId: w.a.school.id, schoolYear: 2015 }), 'FORBIDDEN')
    await expectTrpcError((await callerFor(w.b.coordinator.id)).monitor.region({ regionId: w.a.region.id, schoolYear: 2015 }), 'FORBIDDEN')
    await expectTrpcError((await callerFor(w.b.coordinator.id)).monitor.closeRound({ regionId: w.a.region.id, schoolYear: 2015 }), 'FORBIDDEN')
    await expect(regionCriterionScores(db, await actor(w.b.coordinator.id), { regionId: w.a.region.id, schoolYear: 2015 })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    // Staff hold no region reads; the framework is the platform admin's.
    await expectTrpcError((await callerFor(w.a.staff.id)).monitor.region({ regionId: w.a.region.id, schoolYear: 2015 }), 'FORBIDDEN')
    await expectTrpcError((await callerFor(w.a.coordinator.id)).monitor.newVersion({ frameworkId: fw.id }), 'FORBIDDEN')
  })
})

/** A region of its own with `n` schools that submitted for `year` (scores given per school). */
async function regionWith(scores: number[], year: number) {
  const region = await buildRegion(db)
  const coordinator = await buildUser(db, { roles: [{ role: 'REGION_COORDINATOR', regionId: region.id }] })
  const schools = []
  for (const s of scores) {
    const school = await buildOrganisation(db, { regionIds: [region.id], sector: 'VO' })
    const staff = await buildUser(db, { roles: [{ role: 'ORG_STAFF', organisationId: school.id }] })
    const a = await buildAssessment(db, { organisationId: school.id, schoolYear: year, score: s })
    schools.push({ school, staff, assessment: a })
  }
  return { region, coordinator, schools }
}

describe('monitor: the region sees a protected distribution', () => {
  it('nothing with fewer than 3 schools; frozen when the round closes; no differencing by a later submission', async () => {
    const r = await regionWith([1, 4], 2020)
    const coord = await callerFor(r.coordinator.id)
    const open = await coord.monitor.region({ regionId: r.region.id, schoolYear: 2020 })
    expect(open.scores).toMatchObject({ status: 'open', submittedCount: null })
    await coord.monitor.closeRound({ regionId: r.region.id, schoolYear: 2020 })
    const few = await coord.monitor.region({ regionId: r.region.id, schoolYear: 2020 })
    expect(few.scores).toMatchObject({ status: 'suppressed', reason: 'fewSchools' })
    expect(JSON.stringify(few)).not.toContain(r.schools[0]!.school.name)
    await expectTrpcError(coord.monitor.closeRound({ regionId: r.region.id, schoolYear: 2020 }), 'CONFLICT')
    // A third school submitting later does not change the closed round (no with/without comparison possible).
    const late = await buildOrganisation(db, { regionIds: [r.region.id], sector: 'VO' })
    await buildAssessment(db, { organisationId: late.id, schoolYear: 2020, score: 2 })
    expect((await coord.monitor.region({ regionId: r.region.id, schoolYear: 2020 })).scores).toMatchObject({ status: 'suppressed', reason: 'fewSchools' })
  })

  it('with 3 or more schools: counts per level and the median per criterion, schools only as a count', async () => {
    const r = await regionWith([1, 3, 3, 4], 2021)
    // A draft does not count.
    const drafting = await buildOrganisation(db, { regionIds: [r.region.id], sector: 'VO' })
    await buildAssessment(db, { organisationId: drafting.id, schoolYear: 2021, score: 1, status: 'DRAFT' })
    const coord = await callerFor(r.coordinator.id)
    expect((await coord.monitor.region({ regionId: r.region.id, schoolYear: 2021 })).scores).toMatchObject({ status: 'open', submittedCount: 4 })
    expect(await coord.monitor.closeRound({ regionId: r.region.id, schoolYear: 2021 })).toMatchObject({ schools: 4 })
    const view = await coord.monitor.region({ regionId: r.region.id, schoolYear: 2021 })
    expect(view.scores.status).toBe('shown')
    if (view.scores.status !== 'shown') return
    expect(view.scores.schoolCount).toBe(4)
    expect(view.scores.criteria).toHaveLength(criteria().length)
    expect(view.scores.criteria[0]).toMatchObject({ code: criteria()[0]!.code, n: 4, counts: [1, 0, 2, 1], median: 3, mean: 2.75 })
    expect(view.shared).toEqual([])
    const text = JSON.stringify(view)
    for (const s of r.schools) expect(text).not.toContain(s.school.id)
    // The export for the regional plan returns the same protected figures.
    const exported = await regionCriterionScores(db, await actor(r.coordinator.id), { regionId: r.region.id, schoolYear: 2021 })
    expect(exported).toEqual(view.scores)
    // Closing is audited without naming schools.
    const entry = await db.auditLog.findFirst({ where: { action: 'monitor.round.close', regionId: r.region.id } })
    expect(entry?.after).toEqual({ schoolYear: 2021, schools: 4 })
  })

  it('sharing on shows the school by name; off hides it again; sharing that would expose the rest suppresses the distribution', async () => {
    const r = await regionWith([2, 3, 3, 4, 4], 2022)
    const coord = await callerFor(r.coordinator.id)
    await coord.monitor.closeRound({ regionId: r.region.id, schoolYear: 2022 })
    const first = r.schools[0]!
    const staff = await callerFor(first.staff.id)
    await staff.monitor.setSharing({ assessmentId: first.assessment.id, shared: true })
    let view = await coord.monitor.region({ regionId: r.region.id, schoolYear: 2022 })
    expect(view.shared).toHaveLength(1)
    expect(view.shared[0]!.organisation.name).toBe(first.school.name)
    expect(view.shared[0]!.scores[criteria()[0]!.code]).toBe(2)
    expect(view.scores.status).toBe('shown') // 4 contributors still hidden

    // Two more share: only 2 contributors remain hidden, which the distribution minus the shared ones would reveal.
    for (const s of r.schools.slice(1, 3)) await (await callerFor(s.staff.id)).monitor.setSharing({ assessmentId: s.assessment.id, shared: true })
    view = await coord.monitor.region({ regionId: r.region.id, schoolYear: 2022 })
    expect(view.shared).toHaveLength(3)
    expect(view.scores).toMatchObject({ status: 'suppressed', reason: 'sharing' })

    // Revoking: the schools are no longer shown, and the distribution returns.
    for (const s of r.schools.slice(0, 3)) await (await callerFor(s.staff.id)).monitor.setSharing({ assessmentId: s.assessment.id, shared: false })
    view = await coord.monitor.region({ regionId: r.region.id, schoolYear: 2022 })
    expect(view.shared).toEqual([])
    expect(view.scores.status).toBe('shown')
    expect(await db.auditLog.count({ where: { action: 'monitor.assessment.share', entityId: first.assessment.id } })).toBe(2)
  })
})

describe('monitor: framework versions', () => {
  it('a version in use is not edited; a new version is, and activating it retires the old one', async () => {
    const admin = await callerFor(w.admin.id)
    // The active framework is used by assessments above.
    const c0 = criteria()[0]!
    const fields = { nameNl: 'Nieuw', nameEn: 'New', levelsNl: ['een', 'twee', 'drie', 'vier'], levelsEn: ['one', 'two', 'three', 'four'] }
    await expectTrpcError(admin.monitor.updateCriterion({ criterionId: c0.id, ...fields }), 'CONFLICT')
    const next = await admin.monitor.newVersion({ frameworkId: fw.id })
    const draft = await admin.monitor.framework({ frameworkId: next.id })
    expect(draft.editable).toBe(true)
    const copy = draft.sections[0]!.criteria[0]!
    expect(copy.code).toBe(c0.code)
    await admin.monitor.updateCriterion({ criterionId: copy.id, ...fields })
    await expectTrpcError(admin.monitor.updateCriterion({ criterionId: copy.id, ...fields, levelsNl: ['een'] }), 'BAD_REQUEST')
    await admin.monitor.activate({ frameworkId: next.id })
    const list = await admin.monitor.frameworks()
    expect(list.find((f) => f.id === fw.id)?.retiredAt).not.toBeNull()
    // The old version is unchanged; existing assessments keep it.
    expect((await db.monitorCriterion.findUnique({ where: { id: c0.id } }))?.nameNl).toBe(c0.nameNl)
    expect(await db.auditLog.count({ where: { entityId: copy.id, action: 'monitor.criterion.update' } })).toBe(1)
  })
})
