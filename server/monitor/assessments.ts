/**
 * A school's self-assessment per school year: DRAFT (editable) → SUBMITTED (read-only; the school may reopen it),
 * scores 1–4 with an evidence note per criterion, the school's own action points (its PDCA), a comparison with
 * the previous school year, and a revocable choice to show it to the region's coordinators by name.
 */
import type { Db, DbTx } from '../db/client.ts'
import { audit } from '../db/audit.ts'
import { actionScope, authorize, type Actor, type Tenant } from '../auth/policy.ts'
import { conflict, forbidden, notFound } from '../lib/errors.ts'
import { activeFramework, frameworkInclude } from './framework.ts'
import type { AddActionInput, SaveScoresInput, UpdateActionInput } from './schema.ts'

export const orgTenant = (org: { id: string; regions: { regionId: string }[] }): Tenant => ({ organisationId: org.id, regionIds: org.regions.map((r) => r.regionId) })

async function loadOrganisation(db: DbTx, organisationId: string) {
  const org = await db.organisation.findUnique({ where: { id: organisationId }, select: { id: true, name: true, sector: true, regions: { select: { regionId: true } } } })
  if (!org) throw notFound()
  return org
}

/** Loads an assessment and checks the actor is staff of its school: another school's assessment is FORBIDDEN. */
async function loadOwnAssessment(db: DbTx, actor: Actor, assessmentId: string) {
  const a = await db.monitorAssessment.findUnique({ where: { id: assessmentId }, include: { organisation: { select: { id: true, regions: { select: { regionId: true } } } } } })
  if (!a) throw notFound()
  authorize(actor, 'monitor.fill', orgTenant(a.organisation))
  return a
}

function checkVersion(a: { version: number }, version: number) {
  if (a.version !== version) throw conflict('monitor.errors.staleVersion')
}

/** The schools the actor fills the monitor for, with their assessments per year. */
export async function overview(db: Db, actor: Actor) {
  const scope = actionScope(actor, 'monitor.fill')
  const organisations = await db.organisation.findMany({
    where: { id: { in: scope.organisationIds } },
    select: { id: true, name: true, monitorAssessments: { select: { id: true, schoolYear: true, status: true, submittedAt: true, sharedWithRegion: true }, orderBy: { schoolYear: 'desc' } } },
    orderBy: { name: 'asc' },
  })
  const fw = await activeFramework(db)
  return { organisations, activeFramework: fw ? { id: fw.id, version: fw.version, nameNl: fw.nameNl, nameEn: fw.nameEn } : null }
}

type Row = { code: string; score: number | null }
export type ComparisonRow = { criterionId: string; code: string; current: number | null; previous: number | null; delta: number | null }

/** Per criterion of the current assessment: its score, last year's score on the same criterion code, the change. */
export function compareScores(criteria: { id: string; code: string }[], current: Row[], previous: Row[] | null): ComparisonRow[] {
  const cur = new Map(current.map((r) => [r.code, r.score]))
  const prev = new Map((previous ?? []).map((r) => [r.code, r.score]))
  return criteria.map((c) => {
    const a = cur.get(c.code) ?? null
    const b = prev.get(c.code) ?? null
    return { criterionId: c.id, code: c.code, current: a, previous: b, delta: a !== null && b !== null ? a - b : null }
  })
}

async function scoresOf(db: DbTx, assessmentId: string) {
  const rows = await db.monitorScore.findMany({ where: { assessmentId }, include: { criterion: { select: { code: true } } } })
  return rows.map((r) => ({ criterionId: r.criterionId, code: r.criterion.code, score: r.score, evidence: r.evidence }))
}

/**
 * One school's assessment of a school year (null when not started) with its framework, scores, action points and
 * the comparison with the previous school year. Only the school's own staff.
 */
export async function getAssessment(db: Db, actor: Actor, input: { organisationId: string; schoolYear: number }) {
  const org = await loadOrganisation(db, input.organisationId)
  authorize(actor, 'monitor.fill', orgTenant(org))
  const [assessment, previous] = await Promise.all([
    db.monitorAssessment.findUnique({
      where: { organisationId_schoolYear: { organisationId: org.id, schoolYear: input.schoolYear } },
      include: { framework: { include: frameworkInclude }, actions: { orderBy: [{ done: 'asc' }, { dueOn: 'asc' }, { createdAt: 'asc' }] } },
    }),
    db.monitorAssessment.findUnique({ where: { organisationId_schoolYear: { organisationId: org.id, schoolYear: input.schoolYear - 1 } }, select: { id: true, status: true, schoolYear: true } }),
  ])
  const framework = assessment?.framework ?? (await activeFramework(db))
  if (!assessment) return { organisation: org, schoolYear: input.schoolYear, assessment: null, framework, previous, comparison: null }
  const criteria = assessment.framework.sections.flatMap((s) => s.criteria)
  const scores = await scoresOf(db, assessment.id)
  const previousScores = previous ? await scoresOf(db, previous.id) : null
  return {
    organisation: org,
    schoolYear: input.schoolYear,
    assessment: { ...assessment, framework: undefined, scores },
    framework: assessment.framework,
    previous,
    comparison: previous ? compareScores(criteria, scores, previousScores) : null,
  }
}

/** Starts the school year's assessment on the active framework version. */
export async function startAssessment(db: Db, actor: Actor, input: { organisationId: string; schoolYear: number }) {
  const org = await loadOrganisation(db, input.organisationId)
  authorize(actor, 'monitor.fill', orgTenant(org))
  return db.$transaction(async (tx) => {
    const fw = await activeFramework(tx)
    if (!fw) throw conflict('monitor.errors.noFramework')
    const existing = await tx.monitorAssessment.findUnique({ where: { organisationId_schoolYear: { organisationId: org.id, schoolYear: input.schoolYear } }, select: { id: true } })
    if (existing) throw conflict('monitor.errors.alreadyStarted')
    const a = await tx.monitorAssessment.create({ data: { organisationId: org.id, schoolYear: input.schoolYear, frameworkId: fw.id } })
    await audit(tx, actor, { action: 'monitor.assessment.start', entityType: 'MonitorAssessment', entityId: a.id, organisationId: org.id, after: { schoolYear: a.schoolYear, frameworkVersion: fw.version } })
    return a
  })
}

/** Saves scores and evidence notes of a DRAFT (a null score clears the criterion). Bumps the version. */
export async function saveScores(db: Db, actor: Actor, input: SaveScoresInput) {
  return db.$transaction(async (tx) => {
    const a = await loadOwnAssessment(tx, actor, input.assessmentId)
    checkVersion(a, input.version)
    if (a.status !== 'DRAFT') throw conflict('monitor.errors.notDraft')
    const criteria = await tx.monitorCriterion.findMany({ where: { frameworkId: a.frameworkId }, select: { id: true, code: true } })
    const codeOf = new Map(criteria.map((c) => [c.id, c.code]))
    if (input.scores.some((s) => !codeOf.has(s.criterionId))) throw forbidden()
    const before = new Map((await tx.monitorScore.findMany({ where: { assessmentId: a.id } })).map((s) => [s.criterionId, s]))
    const changes: Record<string, { before: unknown; after: unknown }> = {}
    for (const s of input.scores) {
      const old = before.get(s.criterionId)
      const evidence = s.evidence?.length ? s.evidence : null
      if (s.score === null) {
        if (old) await tx.monitorScore.delete({ where: { assessmentId_criterionId: { assessmentId: a.id, criterionId: s.criterionId } } })
      } else {
        await tx.monitorScore.upsert({
          where: { assessmentId_criterionId: { assessmentId: a.id, criterionId: s.criterionId } },
          create: { assessmentId: a.id, criterionId: s.criterionId, score: s.score, evidence },
          update: { score: s.score, evidence },
        })
      }
      const after = s.score === null ? null : { score: s.score, evidence }
      const was = old ? { score: old.score, evidence: old.evidence } : null
      if (JSON.stringify(was) !== JSON.stringify(after)) changes[codeOf.get(s.criterionId)!] = { before: was, after }
    }
    const updated = await tx.monitorAssessment.update({ where: { id: a.id, version: a.version }, data: { version: { increment: 1 } } })
    await audit(tx, actor, { action: 'monitor.assessment.saveScores', entityType: 'MonitorAssessment', entityId: a.id, organisationId: a.organisationId, after: changes })
    return { id: updated.id, version: updated.version }
  })
}

/** DRAFT → SUBMITTED; every criterion of the framework must have a score. */
export async function submitAssessment(db: Db, actor: Actor, input: { assessmentId: string; version: number }) {
  return db.$transaction(async (tx) => {
    const a = await loadOwnAssessment(tx, actor, input.assessmentId)
    checkVersion(a, input.version)
    if (a.status !== 'DRAFT') throw conflict('monitor.errors.notDraft')
    const [criteria, scored] = await Promise.all([tx.monitorCriterion.count({ where: { frameworkId: a.frameworkId } }), tx.monitorScore.count({ where: { assessmentId: a.id } })])
    if (scored < criteria) throw conflict('monitor.errors.incomplete', { missing: criteria - scored })
    const updated = await tx.monitorAssessment.update({ where: { id: a.id, version: a.version }, data: { status: 'SUBMITTED', submittedAt: new Date(), version: { increment: 1 } } })
    await audit(tx, actor, { action: 'monitor.assessment.submit', entityType: 'MonitorAssessment', entityId: a.id, organisationId: a.organisationId, before: { status: a.status }, after: { status: updated.status } })
    return { id: updated.id, version: updated.version, status: updated.status }
  })
}

/** SUBMITTED → DRAFT, by the school. A region round already closed keeps its frozen counts. */
export async function reopenAssessment(db: Db, actor: Actor, input: { assessmentId: string; version: number }) {
  return db.$transaction(async (tx) => {
    const a = await loadOwnAssessment(tx, actor, input.assessmentId)
    checkVersion(a, input.version)
    if (a.status !== 'SUBMITTED') throw conflict('monitor.errors.notSubmitted')
    const updated = await tx.monitorAssessment.update({ where: { id: a.id, version: a.version }, data: { status: 'DRAFT', submittedAt: null, version: { increment: 1 } } })
    await audit(tx, actor, { action: 'monitor.assessment.reopen', entityType: 'MonitorAssessment', entityId: a.id, organisationId: a.organisationId, before: { status: a.status }, after: { status: updated.status } })
    return { id: updated.id, version: updated.version, status: updated.status }
  })
}

/** The school shows (or stops showing) this assessment by name to its region's coordinators. */
export async function setSharing(db: Db, actor: Actor, input: { assessmentId: string; shared: boolean }) {
  return db.$transaction(async (tx) => {
    const a = await loadOwnAssessment(tx, actor, input.assessmentId)
    const updated = await tx.monitorAssessment.update({ where: { id: a.id }, data: { sharedWithRegion: input.shared } })
    await audit(tx, actor, { action: 'monitor.assessment.share', entityType: 'MonitorAssessment', entityId: a.id, organisationId: a.organisationId, before: { sharedWithRegion: a.sharedWithRegion }, after: { sharedWithRegion: updated.sharedWithRegion } })
    return { id: updated.id, sharedWithRegion: updated.sharedWithRegion }
  })
}

// ---- action points (the school's own PDCA; editable in any status) ----------------------------------------

const dateOrNull = (d: string | null | undefined) => (d ? new Date(`${d}T00:00:00Z`) : null)

async function checkCriterion(tx: DbTx, frameworkId: string, criterionId: string | null | undefined) {
  if (!criterionId) return null
  const c = await tx.monitorCriterion.findFirst({ where: { id: criterionId, frameworkId }, select: { id: true } })
  if (!c) throw forbidden()
  return c.id
}

export async function addAction(db: Db, actor: Actor, input: AddActionInput) {
  return db.$transaction(async (tx) => {
    const a = await loadOwnAssessment(tx, actor, input.assessmentId)
    const criterionId = await checkCriterion(tx, a.frameworkId, input.criterionId)
    const after = await tx.monitorActionPoint.create({ data: { assessmentId: a.id, criterionId, action: input.action, ownerName: input.ownerName, dueOn: dateOrNull(input.dueOn) } })
    await audit(tx, actor, { action: 'monitor.action.add', entityType: 'MonitorActionPoint', entityId: after.id, organisationId: a.organisationId, after })
    return after
  })
}

async function loadOwnAction(tx: DbTx, actor: Actor, id: string) {
  const point = await tx.monitorActionPoint.findUnique({ where: { id } })
  if (!point) throw notFound()
  const a = await loadOwnAssessment(tx, actor, point.assessmentId)
  return { point, a }
}

export async function updateAction(db: Db, actor: Actor, input: UpdateActionInput) {
  return db.$transaction(async (tx) => {
    const { point, a } = await loadOwnAction(tx, actor, input.id)
    const criterionId = await checkCriterion(tx, a.frameworkId, input.criterionId)
    const after = await tx.monitorActionPoint.update({ where: { id: point.id }, data: { criterionId, action: input.action, ownerName: input.ownerName, dueOn: dateOrNull(input.dueOn), done: input.done } })
    await audit(tx, actor, { action: 'monitor.action.update', entityType: 'MonitorActionPoint', entityId: point.id, organisationId: a.organisationId, before: point, after })
    return after
  })
}

export async function removeAction(db: Db, actor: Actor, id: string) {
  return db.$transaction(async (tx) => {
    const { point, a } = await loadOwnAction(tx, actor, id)
    await tx.monitorActionPoint.delete({ where: { id: point.id } })
    await audit(tx, actor, { action: 'monitor.action.remove', entityType: 'MonitorActionPoint', entityId: point.id, organisationId: a.organisationId, before: point })
    return { id: point.id }
  })
}
