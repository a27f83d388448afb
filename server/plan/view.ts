/**
 * Reads: the plan page (content, versions with diffs and endorsements, links) and its dashboard (goals × years with
 * status, indicator trends, money and activities per goal). Indicator figures come from server/plan/indicators.ts.
 */
import { Prisma } from '../db/generated/client.ts'
import { rawRows, type Db } from '../db/client.ts'
import type { Actor } from '../auth/policy.ts'
import { notFound } from '../lib/errors.ts'
import { assertRead, contributingOrganisations, endorsingBoards, mayManage } from './access.ts'
import { readContent } from './content.ts'
import { computeActuals } from './indicators.ts'
import { goalStatus, statusOf, targetFor, type IndicatorStatus } from './status.ts'
import { realChanges, type Change } from './diff.ts'

export const yearsOf = (plan: { startYear: number; endYear: number }) => Array.from({ length: plan.endYear - plan.startYear + 1 }, (_, i) => plan.startYear + i)

/** Approved cents per budget line linked to a goal of the plan (lines without approved reports are absent). */
async function approvedPerLine(db: Db, planId: string): Promise<Map<string, number>> {
  const rows = await rawRows<{ id: string; cents: string | number }>(
    db,
    Prisma.sql`SELECT r."budgetLineId" AS id, sum(r."amountCents") AS cents FROM "FundReport" r
                WHERE r.status = 'APPROVED' AND r."budgetLineId" IN (SELECT gl."budgetLineId" FROM "PlanGoalBudgetLine" gl JOIN "PlanGoal" g ON g.id = gl."goalId" WHERE g."planId" = ${planId})
                GROUP BY r."budgetLineId"`,
  )
  return new Map(rows.map((r) => [r.id, Number(r.cents)]))
}

export type IndicatorCell = { year: number; actual: number | null; suppressed: boolean; target: number | null; status: IndicatorStatus }

/** The whole plan as the actor may see it, with per indicator and year: actual, target and status. */
export async function getPlan(db: Db, actor: Actor, planId: string) {
  const plan = await readContent(db, planId)
  if (!plan) throw notFound()
  assertRead(actor, plan)
  const years = yearsOf(plan)
  const indicators = plan.goals.flatMap((g) => g.indicators.map((i) => ({ ...i, goalId: g.id })))
  // The figures, the approved cents per linked line and the actor's boards and organisations at once.
  const [actuals, approvedByLine, endorsing, contributing] = await Promise.all([
    computeActuals(db, actor, plan, indicators, years),
    approvedPerLine(db, planId),
    endorsingBoards(db, actor, plan.regionId),
    contributingOrganisations(db, actor, plan.regionId),
  ])
  const goals = plan.goals.map((g) => {
    const inds = g.indicators.map((i) => {
      const cells: IndicatorCell[] = years.map((year) => {
        const a = actuals.get(i.id)!.get(year)!
        const target = targetFor(i.targets, year)
        return { year, actual: a.value, suppressed: a.suppressed, target, status: statusOf(a.value, target, i.direction) }
      })
      return { id: i.id, name: i.name, kind: i.kind, config: i.config as Record<string, string>, direction: i.direction, baselineYear: i.baselineYear, baselineValue: i.baselineValue, sourceNote: i.sourceNote, targets: i.targets, manualValues: i.manualValues, cells }
    })
    const lines = g.budgetLines.map((l) => ({ ...l.budgetLine, approvedCents: approvedByLine.get(l.budgetLine.id) ?? 0 }))
    return {
      id: g.id,
      title: g.title,
      description: g.description,
      status: g.status,
      theme: { id: g.theme.id, key: g.theme.key, nameNl: g.theme.nameNl, nameEn: g.theme.nameEn, position: g.theme.position },
      organisations: g.organisations.map((o) => o.organisation),
      indicators: inds,
      statusByYear: years.map((year) => ({ year, status: goalStatus(inds.map((i) => i.cells.find((c) => c.year === year)!.status)) })),
      events: g.events.map((e) => e.event).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()),
      programmes: g.programmes.map((p) => p.programme),
      budgetLines: lines,
      money: { budgetedCents: lines.reduce((s, l) => s + l.amountCents, 0), approvedCents: lines.reduce((s, l) => s + l.approvedCents, 0) },
    }
  })
  return {
    id: plan.id,
    title: plan.title,
    region: plan.region,
    startYear: plan.startYear,
    endYear: plan.endYear,
    version: plan.version,
    adoptedAt: plan.adoptedAt,
    years,
    goals,
    agreements: plan.agreements,
    versions: plan.versions.map((v) => ({ ...v, diff: realChanges(v.diff as unknown as Change[]) })),
    evaluationYears: plan.evaluations.map((e) => e.year),
    canManage: mayManage(actor, plan),
    endorsingBoards: endorsing,
    contributingOrganisations: contributing,
  }
}
export type PlanView = Awaited<ReturnType<typeof getPlan>>
