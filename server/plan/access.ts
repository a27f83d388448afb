/**
 * Who reaches a plan. A plan belongs to one region: anyone taking part in the region reads it (coordinators,
 * reporters of boards with organisations in it, staff of its organisations); its coordinators write it; reporters
 * of the region's boards endorse it; staff add their own school's contribution. Another region's plan is FORBIDDEN.
 */
import type { DbTx, Prisma } from '../db/client.ts'
import { actionScope, authorize, can, canReadRegion, holdsAction, scopeWhere, type Actor, type Tenant } from '../auth/policy.ts'
import { forbidden, notFound } from '../lib/errors.ts'
import { boardsOfRegion } from '../fund/grants.ts'

export type PlanRef = { id: string; regionId: string; version: number; title: string }

export const planTenant = (plan: { regionId: string }): Tenant => ({ regionIds: [plan.regionId] })

export async function loadPlan(db: DbTx, planId: string): Promise<PlanRef & { startYear: number; endYear: number; adoptedAt: Date | null }> {
  const plan = await db.plan.findUnique({ where: { id: planId }, select: { id: true, regionId: true, version: true, title: true, startYear: true, endYear: true, adoptedAt: true } })
  if (!plan) throw notFound()
  return plan
}

/**
 * The scoped `where` of the plans an actor may read (the same rule as `mayRead`, as a query fragment): plans of the
 * coordinator's regions, of regions where the reporter's boards run an organisation, or where the staff's
 * organisation takes part. A query filtered by it cannot return another region's plan.
 */
export function readablePlansWhere(actor: Actor): Prisma.PlanWhereInput {
  return scopeWhere<Prisma.PlanWhereInput>(actor, 'plan.read', {
    region: (ids) => ({ regionId: { in: ids } }),
    board: (ids) => ({ region: { organisations: { some: { organisation: { boardId: { in: ids } } } } } }),
    organisation: (ids) => ({ region: { organisations: { some: { organisationId: { in: ids } } } } }),
  })
}

export function mayRead(actor: Actor, plan: { regionId: string }): boolean {
  return holdsAction(actor, 'plan.read') && canReadRegion(actor, plan.regionId)
}
export function assertRead(actor: Actor, plan: { regionId: string }): void {
  if (!mayRead(actor, plan)) throw forbidden()
}
export const mayManage = (actor: Actor, plan: { regionId: string }) => can(actor, 'plan.manage', planTenant(plan))
export const assertManage = (actor: Actor, plan: { regionId: string }) => authorize(actor, 'plan.manage', planTenant(plan))

/** Loads a plan the actor may write (NOT_FOUND / FORBIDDEN otherwise). */
export async function loadManagedPlan(db: DbTx, actor: Actor, planId: string) {
  const plan = await loadPlan(db, planId)
  assertManage(actor, plan)
  return plan
}

/** Loads a goal with its plan; the actor must be allowed `manage` (true) or `read` (false) on the plan. */
export async function loadGoal(db: DbTx, actor: Actor, goalId: string, manage: boolean) {
  const goal = await db.planGoal.findUnique({ where: { id: goalId }, select: { id: true, planId: true, themeId: true, title: true, plan: { select: { id: true, regionId: true, version: true, title: true } } } })
  if (!goal) throw notFound()
  if (manage) assertManage(actor, goal.plan)
  else assertRead(actor, goal.plan)
  return goal
}

/** The region's boards the actor may endorse for (reporters of boards running an organisation in the region). */
export async function endorsingBoards(db: DbTx, actor: Actor, regionId: string) {
  const mine = actionScope(actor, 'plan.endorse').boardIds
  if (!mine.length) return []
  return (await boardsOfRegion(db, regionId)).filter((b) => mine.includes(b.id))
}

/** The region's organisations the actor may contribute for (their own school's staff). */
export async function contributingOrganisations(db: DbTx, actor: Actor, regionId: string) {
  const mine = actionScope(actor, 'plan.contribute').organisationIds
  if (!mine.length) return []
  return db.organisation.findMany({ where: { id: { in: mine }, regions: { some: { regionId } } }, select: { id: true, name: true }, orderBy: { name: 'asc' } })
}
