/**
 * Check and Act. The coordinator opens a school year's evaluation; indicator actuals are computed for that year next
 * to baseline and target (server/plan/indicators.ts); the coordinator writes an evaluation and a decision per goal;
 * schools add their contribution. Applying the decisions carries them into the next plan version (one transaction).
 */
import type { z } from 'zod'
import type { Db, DbTx } from '../db/client.ts'
import { audit } from '../db/audit.ts'
import { forbidden, invalid, notFound } from '../lib/errors.ts'
import { truncateText } from '../lib/text.ts'
import type { Actor } from '../auth/policy.ts'
import { assertRead, contributingOrganisations, loadManagedPlan, loadPlan, mayManage } from './access.ts'
import { readEvaluationContent } from './content.ts'
import { computeActuals, reachPerSchool } from './indicators.ts'
import { statusOf, targetFor } from './status.ts'
import { writeVersion } from './versions.ts'
import type { ZApplyDecisionsInput, ZContributionInput, ZGoalEvaluationInput } from './schema.ts'

function assertYear(plan: { startYear: number; endYear: number }, year: number) {
  if (year < plan.startYear || year > plan.endYear) throw invalid('plan.errors.yearOutsidePlan', { start: plan.startYear, end: plan.endYear })
}

export async function openEvaluation(db: Db, actor: Actor, input: { planId: string; year: number }) {
  return db.$transaction(async (tx) => {
    const plan = await loadManagedPlan(tx, actor, input.planId)
    assertYear(plan, input.year)
    const existing = await tx.planEvaluation.findUnique({ where: { planId_year: { planId: plan.id, year: input.year } } })
    if (existing) return existing
    const evaluation = await tx.planEvaluation.create({ data: { planId: plan.id, year: input.year, openedById: actor.userId } })
    await audit(tx, actor, { action: 'plan.evaluation.open', entityType: 'PlanEvaluation', entityId: evaluation.id, regionId: plan.regionId, after: evaluation })
    return evaluation
  })
}

async function loadEvaluation(db: DbTx, planId: string, year: number) {
  const ev = await db.planEvaluation.findUnique({ where: { planId_year: { planId, year } }, select: { id: true, year: true } })
  if (!ev) throw notFound('plan.errors.evaluationNotOpen')
  return ev
}

/** The year's evaluation: per goal its indicators (baseline, target, actual, status), evaluation, decision and contributions. */
export async function getEvaluation(db: Db, actor: Actor, input: { planId: string; year: number }) {
  const plan = await readEvaluationContent(db, input.planId, input.year)
  if (!plan) throw notFound()
  assertRead(actor, plan)
  assertYear(plan, input.year)
  const goals = plan.goals
  const indicators = goals.flatMap((g) => g.indicators)
  const [actuals, contributing, reach] = await Promise.all([
    computeActuals(db, actor, plan, indicators, [input.year]),
    contributingOrganisations(db, actor, plan.regionId),
    reachPerSchool(db, plan.regionId, input.year),
  ])
  return {
    plan: { id: plan.id, title: plan.title, version: plan.version, startYear: plan.startYear, endYear: plan.endYear },
    year: input.year,
    opened: !!plan.evaluation,
    canManage: mayManage(actor, plan),
    contributingOrganisations: contributing,
    // The schools that consented to being shown apart; `reachOtherSchools` others count in the region's figures only.
    reach: reach.schools,
    reachOtherSchools: reach.otherSchools,
    goals: goals.map((g) => {
      const ge = g.evaluation
      return {
        id: g.id,
        title: g.title,
        status: g.status,
        theme: { nameNl: g.theme.nameNl, nameEn: g.theme.nameEn },
        indicators: g.indicators.map((i) => {
          const a = actuals.get(i.id)!.get(input.year)!
          const target = targetFor(i.targets, input.year)
          return { id: i.id, name: i.name, kind: i.kind, config: i.config as Record<string, string>, direction: i.direction, baselineYear: i.baselineYear, baselineValue: i.baselineValue, target, actual: a.value, suppressed: a.suppressed, status: statusOf(a.value, target, i.direction) }
        }),
        evaluation: ge?.evaluation ?? '',
        decision: ge?.decision ?? null,
        decisionNote: ge?.decisionNote ?? '',
        appliedInVersion: ge?.appliedInVersion ?? null,
        contributions: g.contributions,
      }
    }),
  }
}
export type EvaluationView = Awaited<ReturnType<typeof getEvaluation>>

export async function saveGoalEvaluation(db: Db, actor: Actor, input: z.infer<typeof ZGoalEvaluationInput>) {
  return db.$transaction(async (tx) => {
    const plan = await loadManagedPlan(tx, actor, input.planId)
    const ev = await loadEvaluation(tx, plan.id, input.year)
    const goal = await tx.planGoal.findUnique({ where: { id: input.goalId }, select: { planId: true } })
    if (!goal || goal.planId !== plan.id) throw notFound()
    const key = { evaluationId_goalId: { evaluationId: ev.id, goalId: input.goalId } }
    const before = await tx.planGoalEvaluation.findUnique({ where: key })
    if (before?.appliedInVersion && (before.decision ?? null) !== (input.decision ?? null)) throw invalid('plan.errors.decisionApplied')
    const data = { evaluation: input.evaluation, decision: input.decision ?? null, decisionNote: input.decisionNote }
    const after = await tx.planGoalEvaluation.upsert({ where: key, create: { evaluationId: ev.id, goalId: input.goalId, ...data }, update: data })
    await audit(tx, actor, { action: 'plan.evaluation.goal', entityType: 'PlanGoal', entityId: input.goalId, regionId: plan.regionId, before, after })
    return after
  })
}

export async function addContribution(db: Db, actor: Actor, input: z.infer<typeof ZContributionInput>) {
  const plan = await loadPlan(db, input.planId)
  const orgs = await contributingOrganisations(db, actor, plan.regionId)
  const org = input.organisationId ? orgs.find((o) => o.id === input.organisationId) : orgs.length === 1 ? orgs[0] : undefined
  if (!org) throw orgs.length ? invalid('plan.errors.organisationRequired') : forbidden()
  return db.$transaction(async (tx) => {
    const ev = await loadEvaluation(tx, plan.id, input.year)
    const goal = await tx.planGoal.findUnique({ where: { id: input.goalId }, select: { planId: true } })
    if (!goal || goal.planId !== plan.id) throw notFound()
    const c = await tx.planContribution.create({ data: { evaluationId: ev.id, goalId: input.goalId, organisationId: org.id, text: input.text, authorId: actor.userId } })
    await audit(tx, actor, { action: 'plan.contribution.create', entityType: 'PlanContribution', entityId: c.id, regionId: plan.regionId, organisationId: org.id, after: c })
    return c
  })
}

/**
 * Act: carries the year's decisions into the next plan version — STOP stops the goal, NEW_GOAL adds a goal (same
 * theme, the decision's note as its title, cut to 200 on whole characters), CONTINUE and ADJUST are recorded on the
 * goal — in one transaction.
 */
export async function applyDecisions(db: Db, actor: Actor, input: z.infer<typeof ZApplyDecisionsInput>) {
  return db.$transaction(async (tx) => {
    const plan = await loadManagedPlan(tx, actor, input.planId)
    const ev = await loadEvaluation(tx, plan.id, input.year)
    const pending = await tx.planGoalEvaluation.findMany({ where: { evaluationId: ev.id, decision: { not: null }, appliedInVersion: null }, include: { goal: { select: { id: true, themeId: true, title: true } } } })
    if (!pending.length) throw invalid('plan.errors.noDecisions')
    const next = plan.version + 1
    let position = await tx.planGoal.count({ where: { planId: plan.id } })
    for (const d of pending) {
      if (d.decision === 'STOP') await tx.planGoal.update({ where: { id: d.goalId }, data: { status: 'STOPPED' } })
      if (d.decision === 'NEW_GOAL') await tx.planGoal.create({ data: { planId: plan.id, themeId: d.goal.themeId, title: truncateText(d.decisionNote, 200), position: position++ } })
      await tx.planGoalEvaluation.update({ where: { evaluationId_goalId: { evaluationId: ev.id, goalId: d.goalId } }, data: { appliedInVersion: next } })
    }
    await audit(tx, actor, { action: 'plan.decisions.apply', entityType: 'PlanEvaluation', entityId: ev.id, regionId: plan.regionId, after: { year: input.year, decisions: pending.map((d) => ({ goalId: d.goalId, decision: d.decision })) } })
    const version = await writeVersion(tx, actor, plan, `Besluiten evaluatie ${input.year}/${String((input.year + 1) % 100).padStart(2, '0')}`)
    return { version, applied: pending.length }
  })
}
