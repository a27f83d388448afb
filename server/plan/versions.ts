/**
 * Versions: once a plan is adopted, every change to what it says (goals, indicators, targets, agreements, Act
 * decisions carried in) creates a new version with its reason, the full content as a snapshot and the diff with the
 * version before — in the same transaction as the change. Boards endorse a version.
 */
import type { Db, DbTx } from '../db/client.ts'
import type { Actor } from '../auth/policy.ts'
import { audit } from '../db/audit.ts'
import { invalid } from '../lib/errors.ts'
import { loadManagedPlan, type PlanRef } from './access.ts'
import { diffSnapshots, type PlanSnapshot } from './diff.ts'

export async function snapshotOf(tx: DbTx, planId: string): Promise<PlanSnapshot> {
  const plan = await tx.plan.findUniqueOrThrow({
    where: { id: planId },
    select: {
      title: true,
      startYear: true,
      endYear: true,
      goals: {
        orderBy: [{ position: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
        select: {
          id: true,
          title: true,
          description: true,
          status: true,
          theme: { select: { key: true } },
          organisations: { select: { organisation: { select: { name: true } } } },
          indicators: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], include: { targets: { orderBy: { year: 'asc' } } } },
          evaluations: { where: { appliedInVersion: { not: null } }, select: { decision: true, decisionNote: true, evaluationRef: { select: { year: true } } } },
        },
      },
      agreements: { orderBy: [{ dueDate: 'asc' }, { id: 'asc' }] },
    },
  })
  return {
    title: plan.title,
    startYear: plan.startYear,
    endYear: plan.endYear,
    goals: plan.goals.map((g) => {
      const last = g.evaluations.filter((e) => e.decision).sort((x, y) => y.evaluationRef.year - x.evaluationRef.year)[0]
      return {
        id: g.id,
        theme: g.theme.key,
        title: g.title,
        description: g.description,
        status: g.status,
        organisations: g.organisations.map((o) => o.organisation.name).sort(),
        indicators: g.indicators.map((i) => ({
          id: i.id,
          name: i.name,
          kind: i.kind,
          config: (i.config ?? {}) as Record<string, unknown>,
          direction: i.direction,
          baselineYear: i.baselineYear,
          baselineValue: i.baselineValue,
          sourceNote: i.sourceNote,
          targets: Object.fromEntries(i.targets.map((t) => [String(t.year), t.value])),
        })),
        decision: last ? { year: last.evaluationRef.year, decision: last.decision!, note: last.decisionNote } : null,
      }
    }),
    agreements: plan.agreements.map((x) => ({ id: x.id, party: x.party, commitment: x.commitment, owner: x.owner, dueDate: x.dueDate.toISOString().slice(0, 10), status: x.status })),
  }
}

async function latestSnapshot(tx: DbTx, planId: string): Promise<PlanSnapshot | null> {
  const v = await tx.planVersion.findFirst({ where: { planId }, orderBy: { number: 'desc' }, select: { snapshot: true } })
  return (v?.snapshot as PlanSnapshot | undefined) ?? null
}

/** Writes the next version when the content differs from the latest one. Returns its number, or null when nothing changed. */
async function writeVersion(tx: DbTx, actor: Actor, plan: PlanRef, reason: string): Promise<number | null> {
  const snapshot = await snapshotOf(tx, plan.id)
  const diff = diffSnapshots(await latestSnapshot(tx, plan.id), snapshot)
  if (plan.version > 0 && diff.length === 0) return null
  const number = plan.version + 1
  const version = await tx.planVersion.create({ data: { planId: plan.id, number, reason, snapshot: snapshot as never, diff: diff as never, createdById: actor.userId } })
  await tx.plan.update({ where: { id: plan.id }, data: { version: number, ...(number === 1 ? { adoptedAt: new Date() } : {}) } })
  await audit(tx, actor, { action: 'plan.version', entityType: 'PlanVersion', entityId: version.id, regionId: plan.regionId, after: { number, reason, changes: diff.length } })
  return number
}

/**
 * Runs a change of a plan the actor manages in one transaction; after adoption the change needs a reason and
 * becomes a new version. `fn` does the change and writes its own audit entry.
 */
export async function changePlan<T>(db: Db, actor: Actor, planId: string, reason: string | undefined, fn: (tx: DbTx, plan: PlanRef) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    const plan = await loadManagedPlan(tx, actor, planId)
    if (plan.version > 0 && !reason?.trim()) throw invalid('plan.errors.reasonRequired')
    const result = await fn(tx, plan)
    if (plan.version > 0) await writeVersion(tx, actor, plan, reason!.trim())
    return result
  })
}

/** Adopts the plan: version 1 (or, when already adopted, a new version if anything changed since). */
export async function adopt(db: Db, actor: Actor, input: { planId: string; reason?: string }) {
  return db.$transaction(async (tx) => {
    const plan = await loadManagedPlan(tx, actor, input.planId)
    const reason = input.reason?.trim() || (plan.version === 0 ? 'Vastgesteld' : '')
    if (!reason) throw invalid('plan.errors.reasonRequired')
    return { version: await writeVersion(tx, actor, plan, reason) }
  })
}

export { writeVersion }
