/**
 * Disclosure control of everything a non-owner may obtain about transition figures (pure, no I/O).
 *
 * One jointly protected table set per subject (a region, or one dataset shown to a partner): for every cohort year
 * the cross table track × destination of `started` with its margins, and per track the four indicator counts behind
 * the percentages. Every figure of every response — each cohort year's flow, the indicators and trend of all years,
 * the region average next to a dataset, the CSV export and the chart data — is a view of this one set, computed the
 * same way whatever is asked, so no combination of requests shows more than the set itself.
 *
 * As statistical offices do it (CBS / NCO practice), a value is sensitive when
 *  - it is at most `threshold` (primary suppression, shown as "≤5"), or, for aggregates over several organisations,
 *  - fewer than `minContributors` organisations contribute to it (threshold rule), or
 *  - one organisation contributes more than `dominance` of it (dominance rule), or
 *  - what the others contribute besides the largest contributor is at most `threshold` (the largest contributor
 *    would learn the others' small count by subtracting its own — the padding attack);
 * those three are shown as "—". Then secondary suppression hides further values ("x") so that no sensitive value
 * follows from the totals, and an audit plays the attacker — an outsider, and every contributing organisation that
 * subtracts its own figures — with interval reasoning (bounds tightening over every total) and linear algebra
 * (elimination over the totals), and what those leave open with an exact search over whole numbers. Whatever a value would still give away is hidden too, until nothing does.
 * Percentages are only shown on a visible base and when their count and its complement are not sensitive.
 */
import type { Destination, OriginTrack } from './schema.ts'
import { DESTINATIONS, ORIGIN_TRACKS } from './schema.ts'
import { HIDDEN, PROTECTED, SUPPRESSED, percent, type DisclosureConfig, type Masked } from './suppression.ts'

export type DisclosureRules = DisclosureConfig & {
  /** A value over several organisations needs at least this many contributing organisations. */
  minContributors: number
  /** Share (0–1) above which one contributor dominates a value. */
  dominance: number
}

export const defaultRules: DisclosureRules = { threshold: 5, minPercent: 5, maxPercent: 95, minContributors: 3, dominance: 0.85 }

export const COUNT_KEYS = ['started', 'enrolledAfterYear1', 'switched', 'droppedOut', 'diplomaNominal'] as const
export type Counts = Record<(typeof COUNT_KEYS)[number], number>
type PctKey = Exclude<(typeof COUNT_KEYS)[number], 'started'>
const PCT_KEYS: readonly PctKey[] = ['enrolledAfterYear1', 'switched', 'droppedOut', 'diplomaNominal']

/** The figures one organisation contributes to one cell (cohort × track × destination). */
export type Contribution = { organisationId: string; cohortYear: number; track: OriginTrack; destination: Destination; counts: Counts }

export type FlowTable<V> = {
  cells: { row: OriginTrack; col: Destination; value: V }[]
  rowTotals: { key: OriginTrack; value: V }[]
  colTotals: { key: Destination; value: V }[]
  total: V
}
export type Indicator<V> = {
  cohortYear: number
  track: OriginTrack
  started: V
  enrolledPct: V | null
  switchedPct: V | null
  droppedOutPct: V | null
  diplomaPct: V | null
}
/** The whole table set of a subject: every year's flow and every year's indicators. */
export type TableSet<V> = { cohorts: number[]; flows: Map<number, FlowTable<V>>; indicators: Indicator<V>[] }

/** How a subject is protected: raw (its owner), one organisation shown to a partner, or an aggregate over organisations. */
export type Protection = { kind: 'raw' } | { kind: 'single'; rules: DisclosureRules } | { kind: 'aggregate'; rules: DisclosureRules }

/** Contributions per organisation (only the non-zero ones count as contributors). */
type PerOrg = Map<string, number>

const add = (m: PerOrg, org: string, v: number) => m.set(org, (m.get(org) ?? 0) + v)
const sum = (m: PerOrg) => [...m.values()].reduce((a, b) => a + b, 0)

/** Why a value may not be shown: 'small' (≤ threshold), 'protected' (contributors/dominance), or null. */
export function sensitivity(perOrg: PerOrg, rules: DisclosureRules, aggregate: boolean): 'small' | 'protected' | null {
  const total = sum(perOrg)
  if (total <= rules.threshold) return 'small'
  if (!aggregate) return null
  const values = [...perOrg.values()].filter((v) => v > 0)
  const largest = Math.max(0, ...values)
  if (values.length < rules.minContributors || largest > rules.dominance * total || total - largest <= rules.threshold) return 'protected'
  return null
}

/** `total` = sum of `parts`, as indexes into one year's values. */
type Relation = { total: number; parts: number[] }

/** One year's flow as indexed values: cells, then row totals, column totals and the grand total. */
type YearTable = {
  cells: { row: OriginTrack; col: Destination }[]
  rows: OriginTrack[]
  cols: Destination[]
  perOrg: PerOrg[]
  relations: Relation[]
}

function yearTable(contribs: readonly Contribution[]): YearTable {
  const cellKeys = new Map<string, number>()
  const cells: YearTable['cells'] = []
  const perOrg: PerOrg[] = []
  const sorted = [...contribs].sort((a, b) => ORIGIN_TRACKS.indexOf(a.track) - ORIGIN_TRACKS.indexOf(b.track) || DESTINATIONS.indexOf(a.destination) - DESTINATIONS.indexOf(b.destination))
  for (const c of sorted) {
    const k = `${c.track}|${c.destination}`
    let i = cellKeys.get(k)
    if (i === undefined) {
      i = cells.length
      cellKeys.set(k, i)
      cells.push({ row: c.track, col: c.destination })
      perOrg.push(new Map())
    }
    add(perOrg[i]!, c.organisationId, c.counts.started)
  }
  const rows = ORIGIN_TRACKS.filter((t) => cells.some((c) => c.row === t))
  const cols = DESTINATIONS.filter((d) => cells.some((c) => c.col === d))
  const n = cells.length
  const rowIdx = (t: OriginTrack) => n + rows.indexOf(t)
  const colIdx = (d: Destination) => n + rows.length + cols.indexOf(d)
  const grand = n + rows.length + cols.length
  const margins: PerOrg[] = [...rows, ...cols].map(() => new Map())
  const grandOrg: PerOrg = new Map()
  cells.forEach((c, i) => {
    for (const [org, v] of perOrg[i]!) {
      add(margins[rowIdx(c.row) - n]!, org, v)
      add(margins[colIdx(c.col) - n]!, org, v)
      add(grandOrg, org, v)
    }
  })
  const relations: Relation[] = [
    ...rows.map((t) => ({ total: rowIdx(t), parts: cells.flatMap((c, i) => (c.row === t ? [i] : [])) })),
    ...cols.map((d) => ({ total: colIdx(d), parts: cells.flatMap((c, i) => (c.col === d ? [i] : [])) })),
    { total: grand, parts: rows.map(rowIdx) },
    { total: grand, parts: cols.map(colIdx) },
  ]
  return { cells, rows, cols, perOrg: [...perOrg, ...margins, grandOrg], relations }
}

/** What a viewer learns about a hidden value from its marker: "≤5" bounds it above, "—" and "x" below. */
function markerBounds(value: number, sens: 'small' | 'protected' | null, threshold: number): [number, number] {
  return sens === 'small' ? [0, threshold] : [Math.min(value, threshold + 1), Infinity]
}

/**
 * The attacker: given the published values (hidden ones only bounded by their marker) and, for a contributor, its
 * own contributions subtracted, which hidden values are determined exactly? Interval propagation over every total
 * and Gauss–Jordan elimination over the totals' equations (and interval reasoning over the reduced equations, with
 * whole numbers), alternated until none learns more.
 */
export function determined(values: readonly number[], hidden: readonly boolean[], bounds: readonly [number, number][], relations: readonly Relation[]): boolean[] {
  const lo = values.map((v, i) => (hidden[i] ? bounds[i]![0] : v))
  const hi = values.map((v, i) => (hidden[i] ? bounds[i]![1] : v))
  const known = hidden.map((h) => !h)
  for (let round = 0; round < 50; round++) {
    let changed = false
    // interval reasoning: a total lies between the sums of its parts' bounds, a part between total − the others
    for (let pass = 0; pass < 100; pass++) {
      let tightened = false
      for (const rel of relations) {
        const sLo = rel.parts.reduce((s, p) => s + lo[p]!, 0)
        const sHi = rel.parts.reduce((s, p) => s + hi[p]!, 0)
        const tighten = (i: number, l: number, h: number) => {
          if (l > lo[i]!) {
            lo[i] = l
            tightened = true
          }
          if (h < hi[i]!) {
            hi[i] = h
            tightened = true
          }
        }
        tighten(rel.total, sLo, sHi)
        for (const p of rel.parts) tighten(p, lo[rel.total]! - (sHi - hi[p]!), hi[rel.total]! - (sLo - lo[p]!))
      }
      if (!tightened) break
    }
    values.forEach((_, i) => {
      if (!known[i] && lo[i] === hi[i]) {
        known[i] = true
        changed = true
      }
    })
    // linear reasoning: eliminate over the equations of the still unknown values
    const unknown = values.flatMap((_, i) => (known[i] ? [] : [i]))
    const col = new Map(unknown.map((v, j) => [v, j]))
    const m = relations.map((rel) => {
      const row = new Array<number>(unknown.length + 1).fill(0)
      const term = (i: number, sign: number) => (known[i] ? (row[unknown.length]! -= sign * lo[i]!) : (row[col.get(i)!]! += sign))
      term(rel.total, 1)
      for (const p of rel.parts) term(p, -1)
      return row
    })
    let r = 0
    for (let c = 0; c < unknown.length && r < m.length; c++) {
      const pivot = m.findIndex((row, k) => k >= r && Math.abs(row[c]!) > 1e-9)
      if (pivot < 0) continue
      ;[m[r], m[pivot]] = [m[pivot]!, m[r]!]
      const pr = m[r]!
      const pv = pr[c]!
      for (let k = 0; k <= unknown.length; k++) pr[k]! /= pv
      for (const row of m) if (row !== pr && Math.abs(row[c]!) > 1e-9) for (let k = unknown.length, f = row[c]!; k >= 0; k--) row[k]! -= f * pr[k]!
      r += 1
    }
    for (const row of m.slice(0, r)) {
      const nz = unknown.flatMap((_, j) => (Math.abs(row[j]!) > 1e-9 ? [j] : []))
      if (nz.length !== 1) continue
      const i = unknown[nz[0]!]!
      const v = Math.round(row[unknown.length]! / row[nz[0]!]!)
      lo[i] = v
      hi[i] = v
      known[i] = true
      changed = true
    }
    // bounds through the reduced equations: in Σ c·x = rhs each unknown lies within (rhs − the others' bounds) / its
    // coefficient, and every value is a whole number. This finds what an equation and the markers' bounds give
    // together, which neither reasoning above finds alone: from x + y = 6 (two totals subtracted) with x ≥ 0 and a
    // "—" marker's y ≥ 6, y = 6 (found by the property test's exhaustive attacker).
    for (const row of m.slice(0, r)) {
      const nz = unknown.flatMap((_, j) => (Math.abs(row[j]!) > 1e-9 ? [j] : []))
      if (nz.length < 2) continue
      for (const k of nz) {
        let sLo = row[unknown.length]!
        let sHi = sLo
        for (const j of nz) {
          if (j === k) continue
          const c = row[j]!
          const x = unknown[j]!
          // lower bounds are finite (≥ 0), upper ones may be Infinity: no ∞ − ∞ below
          sLo -= c > 0 ? c * hi[x]! : c * lo[x]!
          sHi -= c > 0 ? c * lo[x]! : c * hi[x]!
        }
        const ck = row[k]!
        const i = unknown[k]!
        const l = Math.ceil((ck > 0 ? sLo / ck : sHi / ck) - 1e-6)
        const h = Math.floor((ck > 0 ? sHi / ck : sLo / ck) + 1e-6)
        if (l > lo[i]!) {
          lo[i] = l
          changed = true
        }
        if (h < hi[i]!) {
          hi[i] = h
          changed = true
        }
      }
    }
    if (!changed) break
  }
  return hidden.map((h, i) => h && known[i]!)
}

/** Nodes one exact search may visit; a search that runs out counts the value as pinned (hidden, to be safe). */
const SEARCH_BUDGET = 20_000

/**
 * Exact check of one hidden value, for what interval and linear reasoning can miss (an equation, the markers'
 * bounds and whole numbers together): is there an assignment of whole numbers to the unknown values, within their
 * bounds and consistent with every total, in which value `target` is not `truth`? Depth-first, splitting the
 * smallest domain, bounds tightened over every total at each node. Unbounded values are capped at 3 × the largest
 * value + 20, which gives the attacker more than it knows (so errs on hiding).
 */
export function pinned(values: readonly number[], hidden: readonly boolean[], bounds: readonly [number, number][], relations: readonly Relation[], target: number): boolean {
  const cap = 3 * Math.max(0, ...values) + 20
  const lo0 = values.map((v, i) => (hidden[i] ? bounds[i]![0] : v))
  const hi0 = values.map((v, i) => (hidden[i] ? Math.min(bounds[i]![1], cap) : v))
  let budget = SEARCH_BUDGET
  const tighten = (lo: number[], hi: number[]): boolean => {
    for (let pass = 0; pass < 200; pass++) {
      let changed = false
      for (const r of relations) {
        const sLo = r.parts.reduce((s, p) => s + lo[p]!, 0)
        const sHi = r.parts.reduce((s, p) => s + hi[p]!, 0)
        const upd = (i: number, a: number, b: number) => {
          if (a > lo[i]!) {
            lo[i] = a
            changed = true
          }
          if (b < hi[i]!) {
            hi[i] = b
            changed = true
          }
        }
        upd(r.total, sLo, sHi)
        for (const p of r.parts) upd(p, lo[r.total]! - (sHi - hi[p]!), hi[r.total]! - (sLo - lo[p]!))
      }
      if (lo.some((a, i) => a > hi[i]!)) return false
      if (!changed) return true
    }
    return true
  }
  const feasible = (lo: number[], hi: number[]): boolean => {
    if (--budget < 0) throw new Error('budget')
    if (!tighten(lo, hi)) return false
    const open = lo.flatMap((a, i) => (a !== hi[i] ? [i] : []))
    if (!open.length) return true
    const i = open.reduce((a, b) => (hi[b]! - lo[b]! < hi[a]! - lo[a]! ? b : a))
    const mid = Math.floor((lo[i]! + hi[i]!) / 2)
    return feasible([...lo], hi.map((b, j) => (j === i ? mid : b))) || feasible(lo.map((a, j) => (j === i ? mid + 1 : a)), [...hi])
  }
  const truth = values[target]!
  try {
    for (const [l, h] of [
      [lo0[target]!, truth - 1],
      [truth + 1, hi0[target]!],
    ] as const) {
      if (l > h) continue
      if (feasible(lo0.map((a, j) => (j === target ? l : a)), hi0.map((b, j) => (j === target ? h : b)))) return false
    }
  } catch {
    return true // out of budget: treat as pinned
  }
  return true
}

/** Secondary suppression: in every total with exactly one hidden member, hide the smallest positive visible part too. */
function secondary(values: readonly number[], hidden: boolean[], relations: readonly Relation[]) {
  let changed = true
  while (changed) {
    changed = false
    for (const rel of relations) {
      const members = [rel.total, ...rel.parts]
      if (members.filter((i) => hidden[i]).length !== 1) continue
      const pool = [rel.parts.filter((i) => !hidden[i] && values[i]! > 0), rel.parts.filter((i) => !hidden[i]), members.filter((i) => !hidden[i])].find((p) => p.length) ?? []
      if (!pool.length) continue
      hidden[pool.reduce((a, b) => (values[b]! < values[a]! ? b : a))] = true
      changed = true
    }
  }
}

/** Which values of one year's flow are hidden, and why. */
function protectYear(t: YearTable, rules: DisclosureRules, aggregate: boolean): { values: number[]; sens: ('small' | 'protected' | null)[]; hidden: boolean[] } {
  const values = t.perOrg.map(sum)
  const sens = t.perOrg.map((m) => sensitivity(m, rules, aggregate))
  const hidden = sens.map((s) => s !== null)
  const orgs = aggregate ? [...new Set(t.perOrg.flatMap((m) => [...m.keys()]))] : []
  for (;;) {
    secondary(values, hidden, t.relations)
    const exposed = exposedValue(t, values, sens, hidden, rules, orgs)
    if (exposed === null) return { values, sens, hidden }
    // hide the smallest visible member of a total the exposed value takes part in; nothing left there: all of it
    const around = t.relations.filter((r) => r.total === exposed || r.parts.includes(exposed)).flatMap((r) => [r.total, ...r.parts])
    const visible = around.filter((i) => !hidden[i] && values[i]! > 0)
    if (visible.length) hidden[visible.reduce((a, b) => (values[b]! < values[a]! ? b : a))] = true
    else if (hidden.some((h) => !h)) hidden.fill(true)
    else return { values, sens, hidden }
  }
}

/** The first sensitive value that the outsider or a contributing organisation (own figures subtracted) can determine. */
function exposedValue(t: YearTable, values: number[], sens: ('small' | 'protected' | null)[], hidden: boolean[], rules: DisclosureRules, orgs: string[]): number | null {
  // with nothing hidden there is nothing to find (a visible value's rest is > threshold by the dominance rule)
  if (!hidden.some((h, i) => h && sens[i] !== null)) return null
  for (const org of [null, ...orgs]) {
    const own = values.map((_, i) => (org === null ? 0 : (t.perOrg[i]!.get(org) ?? 0)))
    const rest = values.map((v, i) => v - own[i]!)
    const bounds = values.map((v, i): [number, number] => {
      const [l, h] = markerBounds(v, sens[i]!, rules.threshold)
      return [Math.max(0, l - own[i]!), h - own[i]!]
    })
    const found = determined(rest, hidden, bounds, t.relations)
    // a contributor learning that nobody else contributes (a rest of 0) learns no one's figures
    const watched = (k: number) => hidden[k]! && sens[k] !== null && (org === null || rest[k]! > 0)
    const i = found.findIndex((d, k) => d && watched(k))
    if (i >= 0) return i
    // what the fast reasoning did not pin, the exact search checks (it is rarely needed, and slower)
    const j = values.findIndex((_, k) => watched(k) && pinned(rest, hidden, bounds, t.relations, k))
    if (j >= 0) return j
  }
  return null
}

function mask(value: number, hidden: boolean, sens: 'small' | 'protected' | null): Masked {
  if (!hidden) return value
  return sens === 'small' ? SUPPRESSED : sens === 'protected' ? PROTECTED : HIDDEN
}

/** A percentage as a non-owner may see it: whole percent, clamped; suppressed on a hidden base or a sensitive count or complement. */
function protectedPercent(part: PerOrg, base: PerOrg, baseHidden: boolean, rules: DisclosureRules, aggregate: boolean): Masked | null {
  const b = sum(base)
  if (b <= 0) return null
  if (baseHidden) return SUPPRESSED
  const complement: PerOrg = new Map([...base].map(([org, v]) => [org, v - (part.get(org) ?? 0)]))
  if (sensitivity(part, rules, aggregate) || sensitivity(complement, rules, aggregate)) return SUPPRESSED
  return Math.min(rules.maxPercent, Math.max(rules.minPercent, Math.round((100 * sum(part)) / b)))
}

/** The table set of a subject from its contributions: raw for the owner, protected for everyone else. */
export function tableSet(contribs: readonly Contribution[], protection: Protection): TableSet<Masked> {
  const cohorts = [...new Set(contribs.map((c) => c.cohortYear))].sort((a, b) => a - b)
  const flows = new Map<number, FlowTable<Masked>>()
  const indicators: Indicator<Masked>[] = []
  for (const year of cohorts) {
    const inYear = contribs.filter((c) => c.cohortYear === year)
    const t = yearTable(inYear)
    const p = protection.kind === 'raw' ? null : protectYear(t, protection.rules, protection.kind === 'aggregate')
    const values = p?.values ?? t.perOrg.map(sum)
    const show = (i: number): Masked => (p ? mask(values[i]!, p.hidden[i]!, p.sens[i]!) : values[i]!)
    const n = t.cells.length
    flows.set(year, {
      cells: t.cells.map((c, i) => ({ row: c.row, col: c.col, value: show(i) })),
      rowTotals: t.rows.map((key, j) => ({ key, value: show(n + j) })),
      colTotals: t.cols.map((key, j) => ({ key, value: show(n + t.rows.length + j) })),
      total: show(n + t.rows.length + t.cols.length),
    })
    t.rows.forEach((track, j) => {
      const base: PerOrg = new Map()
      const parts = Object.fromEntries(PCT_KEYS.map((k) => [k, new Map() as PerOrg])) as Record<PctKey, PerOrg>
      for (const c of inYear.filter((x) => x.track === track)) {
        add(base, c.organisationId, c.counts.started)
        for (const k of PCT_KEYS) add(parts[k], c.organisationId, c.counts[k])
      }
      const pct = (k: PctKey) =>
        protection.kind === 'raw' ? percent(sum(parts[k]), sum(base)) : protectedPercent(parts[k], base, p!.hidden[n + j]!, protection.rules, protection.kind === 'aggregate')
      indicators.push({ cohortYear: year, track, started: show(n + j), enrolledPct: pct('enrolledAfterYear1'), switchedPct: pct('switched'), droppedOutPct: pct('droppedOut'), diplomaPct: pct('diplomaNominal') })
    })
  }
  return { cohorts, flows, indicators }
}

/** The report body of one cohort year (the latest when not given or unknown): that year's flow, and every year's indicators. */
export function reportView(set: TableSet<Masked>, protection: Protection, cohortYear?: number) {
  const year = cohortYear !== undefined && set.cohorts.includes(cohortYear) ? cohortYear : (set.cohorts.at(-1) ?? null)
  const rules = protection.kind === 'raw' ? defaultRules : protection.rules
  const flow: FlowTable<Masked> = (year !== null ? set.flows.get(year) : undefined) ?? { cells: [], rowTotals: [], colTotals: [], total: 0 }
  return {
    masked: protection.kind !== 'raw',
    aggregate: protection.kind === 'aggregate',
    threshold: rules.threshold,
    minPercent: rules.minPercent,
    maxPercent: rules.maxPercent,
    minContributors: rules.minContributors,
    dominance: Math.round(rules.dominance * 100),
    cohorts: set.cohorts,
    cohortYear: year,
    flow,
    indicators: set.indicators,
  }
}

/**
 * The disclosure control's own code and constants, as text: part of the key under which a region's protected table
 * set is stored (server/transitions/region-tables.ts), so that a release that changes how figures are protected
 * computes every stored set anew instead of serving one protected the old way.
 */
export const disclosureCode: string = [
  ...[sensitivity, yearTable, markerBounds, determined, pinned, secondary, protectYear, exposedValue, mask, protectedPercent, tableSet, percent].map(String),
  JSON.stringify({ SEARCH_BUDGET, ORIGIN_TRACKS, DESTINATIONS, COUNT_KEYS, PCT_KEYS, SUPPRESSED, HIDDEN, PROTECTED }),
].join('\n')
