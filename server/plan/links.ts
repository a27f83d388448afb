/**
 * Do: calendar events, slot programmes and fund budget lines linked to the goals they serve (many to many). Only
 * the plan's region's own activities can be linked: events published in the region, programmes of its
 * institutions, budget lines of its grants. The other domains' pages ask `servedGoals` for the other side.
 */
import type { z } from 'zod'
import type { Db, DbTx, Prisma } from '../db/client.ts'
import { audit } from '../db/audit.ts'
import type { Actor } from '../auth/policy.ts'
import { invalid } from '../lib/errors.ts'
import { fromAmsterdam } from '../lib/time.ts'
import { publishedIn } from '../calendar/query.ts'
import { loadGoal, loadPlan, assertManage, readablePlansWhere } from './access.ts'
import type { ZServedGoalsInput, ZSetLinksInput } from './schema.ts'

type LinkKind = z.infer<typeof ZSetLinksInput>['kind']

/** The plan's period as instants: 1 August of the first school year up to 1 August after the last. */
export function periodBounds(plan: { startYear: number; endYear: number }) {
  return { from: fromAmsterdam(`${plan.startYear}-08-01`), to: fromAmsterdam(`${plan.endYear + 1}-08-01`) }
}

const eventsWhere = (plan: { regionId: string; startYear: number; endYear: number }): Prisma.CalendarEventWhereInput => {
  const { from, to } = periodBounds(plan)
  return { ...publishedIn(plan.regionId), startsAt: { gte: from, lt: to } }
}
const programmesWhere = (plan: { regionId: string }): Prisma.SlotProgrammeWhereInput => ({ organisation: { regions: { some: { regionId: plan.regionId } } } })
const linesWhere = (plan: { regionId: string; startYear: number; endYear: number }): Prisma.FundBudgetLineWhereInput => ({ grant: { regionId: plan.regionId }, year: { gte: plan.startYear, lte: plan.endYear + 1 } })

/** What the coordinator can link to the plan's goals. */
export async function linkable(db: Db, actor: Actor, planId: string) {
  const plan = await loadPlan(db, planId)
  assertManage(actor, plan)
  const [events, programmes, budgetLines] = await Promise.all([
    db.calendarEvent.findMany({ where: eventsWhere(plan), select: { id: true, title: true, startsAt: true, type: true }, orderBy: [{ startsAt: 'asc' }, { id: 'asc' }], take: 300 }),
    db.slotProgramme.findMany({ where: programmesWhere(plan), select: { id: true, name: true, level: true, organisation: { select: { name: true } } }, orderBy: [{ name: 'asc' }, { id: 'asc' }], take: 300 }),
    db.fundBudgetLine.findMany({ where: linesWhere(plan), select: { id: true, activity: true, year: true, amountCents: true, grant: { select: { fundName: true } } }, orderBy: [{ year: 'asc' }, { activity: 'asc' }], take: 300 }),
  ])
  return { events, programmes, budgetLines }
}

async function countLinkable(tx: DbTx, kind: LinkKind, plan: { regionId: string; startYear: number; endYear: number }, ids: string[]) {
  const where = { id: { in: ids } }
  if (kind === 'event') return tx.calendarEvent.count({ where: { ...where, ...eventsWhere(plan) } })
  if (kind === 'programme') return tx.slotProgramme.count({ where: { ...where, ...programmesWhere(plan) } })
  return tx.fundBudgetLine.count({ where: { ...where, ...linesWhere(plan) } })
}

/** Replaces the goal's links of one kind. Anything outside the plan's region (or period) is refused as a whole. */
export async function setLinks(db: Db, actor: Actor, input: z.infer<typeof ZSetLinksInput>) {
  const goal = await loadGoal(db, actor, input.goalId, true)
  const ids = [...new Set(input.ids)]
  return db.$transaction(async (tx) => {
    const plan = await loadPlan(tx, goal.planId)
    if ((await countLinkable(tx, input.kind, plan, ids)) !== ids.length) throw invalid('plan.errors.linkOutsideRegion')
    let before: string[]
    if (input.kind === 'event') {
      before = (await tx.planGoalEvent.findMany({ where: { goalId: goal.id } })).map((l) => l.eventId)
      await tx.planGoalEvent.deleteMany({ where: { goalId: goal.id } })
      await tx.planGoalEvent.createMany({ data: ids.map((eventId) => ({ goalId: goal.id, eventId })) })
    } else if (input.kind === 'programme') {
      before = (await tx.planGoalProgramme.findMany({ where: { goalId: goal.id } })).map((l) => l.programmeId)
      await tx.planGoalProgramme.deleteMany({ where: { goalId: goal.id } })
      await tx.planGoalProgramme.createMany({ data: ids.map((programmeId) => ({ goalId: goal.id, programmeId })) })
    } else {
      before = (await tx.planGoalBudgetLine.findMany({ where: { goalId: goal.id } })).map((l) => l.budgetLineId)
      await tx.planGoalBudgetLine.deleteMany({ where: { goalId: goal.id } })
      await tx.planGoalBudgetLine.createMany({ data: ids.map((budgetLineId) => ({ goalId: goal.id, budgetLineId })) })
    }
    await audit(tx, actor, { action: `plan.links.${input.kind}`, entityType: 'PlanGoal', entityId: goal.id, regionId: plan.regionId, before: { ids: before }, after: { ids } })
    return { count: ids.length }
  })
}

/** The `where` of goals linked to one event, programme or budget line (the other side of the link). */
export function linkedGoalWhere(input: z.infer<typeof ZServedGoalsInput>): Prisma.PlanGoalWhereInput {
  if (input.kind === 'event') return { events: { some: { eventId: input.id } } }
  if (input.kind === 'programme') return { programmes: { some: { programmeId: input.id } } }
  return { budgetLines: { some: { budgetLineId: input.id } } }
}

/**
 * The goals (of plans the actor may read) that an event, programme or budget line serves: the other side of the
 * link, for the other domains' pages (components/plan/serves-goals.tsx). Goals of plans the actor may not read are
 * never returned, so the item's own visibility needs no second check here.
 */
export async function servedGoals(db: Db, actor: Actor, input: z.infer<typeof ZServedGoalsInput>) {
  return db.planGoal.findMany({
    where: { AND: [linkedGoalWhere(input), { plan: readablePlansWhere(actor) }] },
    select: { id: true, title: true, planId: true, plan: { select: { title: true } } },
    orderBy: [{ title: 'asc' }, { id: 'asc' }],
    take: 50,
  })
}
