/**
 * A plan version's content (what the region agreed on) and the difference between two versions. Pure functions:
 * the snapshot is built in server/plan/versions.ts; the diff is what the plan page shows per version.
 */
export type SnapshotIndicator = {
  id: string
  name: string
  kind: string
  config: Record<string, unknown>
  direction: string
  baselineYear: number | null
  baselineValue: number | null
  sourceNote: string | null
  targets: Record<string, number>
}
export type SnapshotGoal = {
  id: string
  theme: string
  title: string
  description: string
  status: string
  organisations: string[]
  indicators: SnapshotIndicator[]
  /** The latest Act decision carried into the plan. */
  decision: { year: number; decision: string; note: string } | null
}
export type SnapshotAgreement = { id: string; party: string; commitment: string; owner: string; dueDate: string; status: string }
export type PlanSnapshot = { title: string; startYear: number; endYear: number; goals: SnapshotGoal[]; agreements: SnapshotAgreement[] }

export type Change = {
  entity: 'plan' | 'goal' | 'indicator' | 'agreement'
  /** What the change is about, for people: the goal's title, "goal › indicator", the agreement's commitment. */
  label: string
  kind: 'added' | 'removed' | 'changed'
  field?: string
  before?: unknown
  after?: unknown
}

/**
 * Equal as JSON values, whatever the order of object keys: a snapshot read back from the database (jsonb) has its keys
 * in PostgreSQL's order (`note, year, decision`), a fresh one in ours (`year, decision, note`). Array order counts; a
 * key holding `undefined` counts as absent (as in JSON).
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]))
  }
  const x = a as Record<string, unknown>
  const y = b as Record<string, unknown>
  const keys = (o: Record<string, unknown>) => Object.keys(o).filter((k) => o[k] !== undefined)
  const kx = keys(x)
  return kx.length === keys(y).length && kx.every((k) => Object.hasOwn(y, k) && sameJson(x[k], y[k]))
}

function fieldChanges<T extends Record<string, unknown>>(entity: Change['entity'], label: string, a: T, b: T, fields: readonly (keyof T & string)[]): Change[] {
  return fields.filter((f) => !sameJson(a[f], b[f])).map((field) => ({ entity, label, kind: 'changed' as const, field, before: a[field] ?? null, after: b[field] ?? null }))
}

function byId<T extends { id: string }>(list: readonly T[]): Map<string, T> {
  return new Map(list.map((x) => [x.id, x]))
}

/**
 * A stored version's changes without the "changes" that changed nothing (before equal to after): versions written
 * before the diff compared keys order-independently list every goal's carried-in decision as changed.
 */
export function realChanges(changes: readonly Change[]): Change[] {
  return changes.filter((c) => c.kind !== 'changed' || !sameJson(c.before ?? null, c.after ?? null))
}

/** The changes from `before` to `after` (null before: everything is new). Goals, indicators and agreements are matched by id. */
export function diffSnapshots(before: PlanSnapshot | null, after: PlanSnapshot): Change[] {
  const empty: PlanSnapshot = { title: after.title, startYear: after.startYear, endYear: after.endYear, goals: [], agreements: [] }
  const a = before ?? empty
  const out: Change[] = fieldChanges('plan', after.title, a, after, ['title', 'startYear', 'endYear'])
  const oldGoals = byId(a.goals)
  const newGoals = byId(after.goals)
  for (const g of after.goals) {
    const old = oldGoals.get(g.id)
    if (!old) {
      out.push({ entity: 'goal', label: g.title, kind: 'added', after: g.title })
      for (const i of g.indicators) out.push({ entity: 'indicator', label: `${g.title} › ${i.name}`, kind: 'added', after: i.name })
      continue
    }
    out.push(...fieldChanges('goal', g.title, old, g, ['theme', 'title', 'description', 'status', 'organisations', 'decision']))
    const oldInd = byId(old.indicators)
    for (const i of g.indicators) {
      const o = oldInd.get(i.id)
      const label = `${g.title} › ${i.name}`
      if (!o) out.push({ entity: 'indicator', label, kind: 'added', after: i.name })
      else out.push(...fieldChanges('indicator', label, o, i, ['name', 'kind', 'config', 'direction', 'baselineYear', 'baselineValue', 'sourceNote', 'targets']))
    }
    const newInd = byId(g.indicators)
    for (const o of old.indicators) if (!newInd.has(o.id)) out.push({ entity: 'indicator', label: `${g.title} › ${o.name}`, kind: 'removed', before: o.name })
  }
  for (const g of a.goals) if (!newGoals.has(g.id)) out.push({ entity: 'goal', label: g.title, kind: 'removed', before: g.title })
  const oldAgr = byId(a.agreements)
  const newAgr = byId(after.agreements)
  for (const x of after.agreements) {
    const o = oldAgr.get(x.id)
    if (!o) out.push({ entity: 'agreement', label: x.commitment, kind: 'added', after: x.commitment })
    else out.push(...fieldChanges('agreement', x.commitment, o, x, ['party', 'commitment', 'owner', 'dueDate', 'status']))
  }
  for (const o of a.agreements) if (!newAgr.has(o.id)) out.push({ entity: 'agreement', label: o.commitment, kind: 'removed', before: o.commitment })
  return out
}
