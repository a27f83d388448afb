/**
 * The plan's content: plans, goals (grouped by theme), indicators with baseline and targets, mutual agreements,
 * and the themes (data, managed by platform admins). Every write is audited; after adoption writes go through
 * `changePlan` and become versions (server/plan/versions.ts).
 */
import type { z } from 'zod'
import type { Db, DbTx } from '../db/client.ts'
import { audit } from '../db/audit.ts'
import { authorize, type Actor } from '../auth/policy.ts'
import { invalid, notFound } from '../lib/errors.ts'
import { assertManage, loadGoal, loadPlan, planTenant, readablePlansWhere } from './access.ts'
import { changePlan } from './versions.ts'
import { criterionCatalogue, criterionExists } from '../monitor/framework.ts'
import type { ZAgreementInput, ZAgreementStatusInput, ZCreatePlanInput, ZGoalInput, ZIndicatorInput, ZManualValueInput, ZTargetInput, ZThemeInput, ZUpdateGoalInput } from './schema.ts'

export async function listThemes(db: Db) {
  return db.planTheme.findMany({ where: { active: true }, orderBy: [{ position: 'asc' }, { key: 'asc' }] })
}

export async function upsertTheme(db: Db, actor: Actor, input: z.infer<typeof ZThemeInput>) {
  authorize(actor, 'plan.themes', {})
  return db.$transaction(async (tx) => {
    const before = await tx.planTheme.findUnique({ where: { key: input.key } })
    const theme = await tx.planTheme.upsert({ where: { key: input.key }, create: input, update: { nameNl: input.nameNl, nameEn: input.nameEn, position: input.position } })
    await audit(tx, actor, { action: before ? 'plan.theme.update' : 'plan.theme.create', entityType: 'PlanTheme', entityId: theme.id, before, after: theme })
    return theme
  })
}

export async function listPlans(db: Db, actor: Actor) {
  return db.plan.findMany({ where: readablePlansWhere(actor), select: { id: true, title: true, startYear: true, endYear: true, version: true, region: { select: { id: true, name: true } } }, orderBy: [{ startYear: 'desc' }, { title: 'asc' }] })
}

export async function createPlan(db: Db, actor: Actor, input: z.infer<typeof ZCreatePlanInput>) {
  authorize(actor, 'plan.manage', planTenant(input))
  return db.$transaction(async (tx) => {
    if (!(await tx.region.findUnique({ where: { id: input.regionId }, select: { id: true } }))) throw notFound()
    const plan = await tx.plan.create({ data: input })
    await audit(tx, actor, { action: 'plan.create', entityType: 'Plan', entityId: plan.id, regionId: plan.regionId, after: plan })
    return plan
  })
}

/** Organisations of the plan's region, for "responsible organisations" (ids not in the region are refused). */
async function assertRegionOrganisations(tx: DbTx, regionId: string, ids: string[]) {
  if (!ids.length) return
  const n = await tx.organisationRegion.count({ where: { regionId, organisationId: { in: ids } } })
  if (n !== new Set(ids).size) throw invalid('plan.errors.organisationNotInRegion')
}

async function assertTheme(tx: DbTx, themeId: string) {
  if (!(await tx.planTheme.findUnique({ where: { id: themeId }, select: { id: true } }))) throw invalid('plan.errors.unknownTheme')
}

export async function createGoal(db: Db, actor: Actor, input: z.infer<typeof ZGoalInput>) {
  return changePlan(db, actor, input.planId, input.reason, async (tx, plan) => {
    await assertTheme(tx, input.themeId)
    await assertRegionOrganisations(tx, plan.regionId, input.organisationIds)
    const position = await tx.planGoal.count({ where: { planId: plan.id } })
    const goal = await tx.planGoal.create({
      data: { planId: plan.id, themeId: input.themeId, title: input.title, description: input.description, position, organisations: { create: [...new Set(input.organisationIds)].map((organisationId) => ({ organisationId })) } },
    })
    await audit(tx, actor, { action: 'plan.goal.create', entityType: 'PlanGoal', entityId: goal.id, regionId: plan.regionId, after: { ...goal, organisationIds: input.organisationIds } })
    return goal
  })
}

export async function updateGoal(db: Db, actor: Actor, input: z.infer<typeof ZUpdateGoalInput>) {
  const goal = await loadGoal(db, actor, input.goalId, true)
  return changePlan(db, actor, goal.planId, input.reason, async (tx, plan) => {
    await assertTheme(tx, input.themeId)
    await assertRegionOrganisations(tx, plan.regionId, input.organisationIds)
    const before = await tx.planGoal.findUniqueOrThrow({ where: { id: goal.id }, include: { organisations: true } })
    await tx.planGoalOrganisation.deleteMany({ where: { goalId: goal.id } })
    const after = await tx.planGoal.update({
      where: { id: goal.id },
      data: { themeId: input.themeId, title: input.title, description: input.description, organisations: { create: [...new Set(input.organisationIds)].map((organisationId) => ({ organisationId })) } },
    })
    await audit(tx, actor, { action: 'plan.goal.update', entityType: 'PlanGoal', entityId: goal.id, regionId: plan.regionId, before, after: { ...after, organisationIds: input.organisationIds } })
    return after
  })
}

function indicatorConfig(input: z.infer<typeof ZIndicatorInput>): Record<string, string> {
  switch (input.kind) {
    case 'TRANSITIONS':
      return { metric: input.transitionMetric!, track: input.track! }
    case 'ACTIVITY':
      return { metric: input.activityMetric!, ...(input.level ? { level: input.level } : {}), ...(input.eventType ? { eventType: input.eventType } : {}) }
    case 'FUND':
      return { metric: input.fundMetric! }
    case 'MONITOR':
      return { metric: input.monitorMetric!, criterion: input.criterion! }
    case 'MANUAL':
      return {}
  }
}

/** The monitor criteria a MONITOR indicator can measure (the active framework's; codes are stable across versions). */
export async function monitorCriteria(db: Db) {
  return criterionCatalogue(db)
}

export async function createIndicator(db: Db, actor: Actor, input: z.infer<typeof ZIndicatorInput>) {
  const goal = await loadGoal(db, actor, input.goalId, true)
  if (input.kind === 'MONITOR' && !(await criterionExists(db, input.criterion!))) throw invalid('plan.errors.unknownCriterion')
  return changePlan(db, actor, goal.planId, input.reason, async (tx, plan) => {
    const indicator = await tx.planIndicator.create({
      data: {
        goalId: goal.id,
        name: input.name,
        kind: input.kind,
        direction: input.direction,
        config: indicatorConfig(input),
        baselineYear: input.baselineYear ?? null,
        baselineValue: input.baselineValue ?? null,
        sourceNote: input.sourceNote?.trim() || null,
      },
    })
    await audit(tx, actor, { action: 'plan.indicator.create', entityType: 'PlanIndicator', entityId: indicator.id, regionId: plan.regionId, after: indicator })
    return indicator
  })
}

async function loadIndicator(db: DbTx, actor: Actor, indicatorId: string) {
  const ind = await db.planIndicator.findUnique({ where: { id: indicatorId }, select: { id: true, kind: true, goal: { select: { planId: true, plan: { select: { regionId: true, startYear: true, endYear: true } } } } } })
  if (!ind) throw notFound()
  assertManage(actor, ind.goal.plan)
  return ind
}

/** Sets (or with no value clears) the target of an indicator for one year of the plan's period. */
export async function setTarget(db: Db, actor: Actor, input: z.infer<typeof ZTargetInput>) {
  const ind = await loadIndicator(db, actor, input.indicatorId)
  const { startYear, endYear } = ind.goal.plan
  if (input.year < startYear || input.year > endYear) throw invalid('plan.errors.yearOutsidePlan', { start: startYear, end: endYear })
  return changePlan(db, actor, ind.goal.planId, input.reason, async (tx, plan) => {
    const key = { indicatorId_year: { indicatorId: ind.id, year: input.year } }
    const before = await tx.planTarget.findUnique({ where: key })
    const after =
      input.value === undefined
        ? (before && (await tx.planTarget.delete({ where: key })), null)
        : await tx.planTarget.upsert({ where: key, create: { indicatorId: ind.id, year: input.year, value: input.value }, update: { value: input.value } })
    await audit(tx, actor, { action: 'plan.target.set', entityType: 'PlanIndicator', entityId: ind.id, regionId: plan.regionId, before, after })
    return after
  })
}

/** The value of a MANUAL indicator in one year, with its source (Check data, not plan content: no new version). */
export async function setManualValue(db: Db, actor: Actor, input: z.infer<typeof ZManualValueInput>) {
  const ind = await loadIndicator(db, actor, input.indicatorId)
  if (ind.kind !== 'MANUAL') throw invalid('plan.errors.notManual')
  return db.$transaction(async (tx) => {
    const key = { indicatorId_year: { indicatorId: ind.id, year: input.year } }
    const before = await tx.planManualValue.findUnique({ where: key })
    const after = await tx.planManualValue.upsert({ where: key, create: input, update: { value: input.value, sourceNote: input.sourceNote } })
    await audit(tx, actor, { action: 'plan.manualValue.set', entityType: 'PlanIndicator', entityId: ind.id, regionId: ind.goal.plan.regionId, before, after })
    return after
  })
}

export async function createAgreement(db: Db, actor: Actor, input: z.infer<typeof ZAgreementInput>) {
  return changePlan(db, actor, input.planId, input.reason, async (tx, plan) => {
    const agreement = await tx.planAgreement.create({ data: { planId: plan.id, party: input.party, commitment: input.commitment, owner: input.owner, dueDate: new Date(`${input.dueDate}T00:00:00Z`) } })
    await audit(tx, actor, { action: 'plan.agreement.create', entityType: 'PlanAgreement', entityId: agreement.id, regionId: plan.regionId, after: agreement })
    return agreement
  })
}

export async function setAgreementStatus(db: Db, actor: Actor, input: z.infer<typeof ZAgreementStatusInput>) {
  const agreement = await db.planAgreement.findUnique({ where: { id: input.agreementId }, select: { planId: true } })
  if (!agreement) throw notFound()
  return changePlan(db, actor, agreement.planId, input.reason, async (tx, plan) => {
    const before = await tx.planAgreement.findUniqueOrThrow({ where: { id: input.agreementId } })
    const after = await tx.planAgreement.update({ where: { id: input.agreementId }, data: { status: input.status } })
    await audit(tx, actor, { action: 'plan.agreement.status', entityType: 'PlanAgreement', entityId: after.id, regionId: plan.regionId, before, after })
    return after
  })
}

export { loadPlan }
