/**
 * Property-based tests of the disclosure control: random datasets of several organisations, random sequences of
 * report requests by a non-owner (every cohort year, indicators and trend, the CSV export), and an attacker that
 * collects every number returned and searches exhaustively (integer solutions of all totals, bounds from the
 * markers) for hidden values that are pinned down. Independent of the module's own audit: exact search here,
 * interval + linear reasoning there.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildReport } from './datasets.ts'
import { reportCsvRows } from './export.ts'
import { defaultRules, type Contribution, type Counts, type Protection } from './disclosure.ts'
import type { Destination, OriginTrack } from './schema.ts'
import type { Report } from './datasets.ts'

const T = defaultRules.threshold
const TRACKS: OriginTrack[] = ['VMBO_GT', 'HAVO', 'VWO']
const DESTS: Destination[] = ['MBO', 'HBO', 'WO']
const PCT = [
  ['enrolledPct', 'enrolledAfterYear1'],
  ['switchedPct', 'switched'],
  ['droppedOutPct', 'droppedOut'],
  ['diplomaPct', 'diplomaNominal'],
] as const

type Shown = number | 'small' | 'hidden' | null
/** Everything the attacker has read, keyed by "year|row|col" (row/col '*' for totals) and "year|track|pct-key". */
type Knowledge = { counts: Map<string, Shown[]>; pcts: Map<string, number[]> }

const parseCount = (s: string | number): Shown => (typeof s === 'number' ? s : s === `≤${T}` ? 'small' : s === 'x' || s === '—' ? 'hidden' : /^\d+$/.test(s) ? Number(s) : null)
function note(k: Knowledge, key: string, v: Shown) {
  k.counts.set(key, [...(k.counts.get(key) ?? []), v])
}

/** Reads one response the way an attacker would: JSON flow and indicators, and the CSV rows of the same request. */
function ingest(k: Knowledge, r: ReturnType<typeof buildReport>) {
  const y = r.cohortYear
  for (const c of r.flow.cells) note(k, `${y}|${c.row}|${c.col}`, parseCount(c.value))
  for (const c of r.flow.rowTotals) note(k, `${y}|${c.key}|*`, parseCount(c.value))
  for (const c of r.flow.colTotals) note(k, `${y}|*|${c.key}`, parseCount(c.value))
  if (r.flow.cells.length) note(k, `${y}|*|*`, parseCount(r.flow.total))
  for (const i of r.indicators) {
    note(k, `${i.cohortYear}|${i.track}|*`, parseCount(i.started))
    for (const [p] of PCT) if (typeof i[p] === 'number') k.pcts.set(`${i.cohortYear}|${i.track}|${p}`, [...(k.pcts.get(`${i.cohortYear}|${i.track}|${p}`) ?? []), i[p]])
  }
  // the CSV export of the same request: its numbers must be the same ones
  const t = ((key: string) => key.split('.').pop()!) as Parameters<typeof reportCsvRows>[1]
  const rows = reportCsvRows({ ...r, subject: { kind: 'region', name: 'r' }, region: null } as unknown as Report, t)
  const flowRows = rows.slice(2, 2 + r.flow.cells.length)
  for (const [track, dest, v] of flowRows) note(k, `${y}|${track}|${dest}`, parseCount(v!))
  for (const row of rows.slice(4 + r.flow.cells.length)) note(k, `${row[0]}|${row[1]}|*`, parseCount(row[2]!))
}

type Var = { key: string; perOrg: Map<string, number>; value: number }

/** The true table of one year (cells and margins) with each organisation's part. */
function yearVars(contribs: Contribution[], year: number) {
  const vars = new Map<string, Var>()
  const get = (key: string) => vars.get(key) ?? vars.set(key, { key, perOrg: new Map(), value: 0 }).get(key)!
  for (const c of contribs.filter((x) => x.cohortYear === year))
    for (const key of [`${year}|${c.track}|${c.destination}`, `${year}|${c.track}|*`, `${year}|*|${c.destination}`, `${year}|*|*`]) {
      const v = get(key)
      v.value += c.counts.started
      v.perOrg.set(c.organisationId, (v.perOrg.get(c.organisationId) ?? 0) + c.counts.started)
    }
  const keys = [...vars.keys()]
  const rel: { total: string; parts: string[] }[] = []
  const rows = new Set(keys.map((k) => k.split('|')[1]!).filter((r) => r !== '*'))
  const cols = new Set(keys.map((k) => k.split('|')[2]!).filter((c) => c !== '*'))
  for (const r of rows) rel.push({ total: `${year}|${r}|*`, parts: keys.filter((k) => k.split('|')[1] === r && !k.endsWith('|*')) })
  for (const c of cols) rel.push({ total: `${year}|*|${c}`, parts: keys.filter((k) => k.split('|')[2] === c && k.split('|')[1] !== '*') })
  rel.push({ total: `${year}|*|*`, parts: [...rows].map((r) => `${year}|${r}|*`) })
  rel.push({ total: `${year}|*|*`, parts: [...cols].map((c) => `${year}|*|${c}`) })
  return { vars: [...vars.values()], rel }
}

/** What must stay hidden from an outsider: small values and, over several organisations, too few contributors or one dominating. */
function mustHide(perOrg: Map<string, number>, aggregate: boolean): boolean {
  const vals = [...perOrg.values()]
  const total = vals.reduce((a, b) => a + b, 0)
  if (total <= T) return true
  if (!aggregate) return false
  return vals.filter((v) => v > 0).length < defaultRules.minContributors || Math.max(...vals) > defaultRules.dominance * total
}

/**
 * Exhaustive search: is there an integer assignment of the unknown values, consistent with every total and every
 * bound, in which `target` differs from `truth`? Depth-first over the smallest domain, bounds tightened at each step.
 */
function canDiffer(names: string[], lo0: number[], hi0: number[], rel: { total: number; parts: number[] }[], target: number, truth: number): boolean {
  for (const [l, h] of [
    [lo0[target]!, truth - 1],
    [truth + 1, hi0[target]!],
  ] as const) {
    if (l > h) continue
    const lo = [...lo0]
    const hi = [...hi0]
    lo[target] = l
    hi[target] = h
    let budget = 20000
    const tighten = (lo: number[], hi: number[]): boolean => {
      for (let pass = 0; pass < 200; pass++) {
        let changed = false
        for (const r of rel) {
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
    const search = (lo: number[], hi: number[]): boolean => {
      if (--budget < 0) throw new Error(`search budget exhausted (${names.join(',')})`)
      if (!tighten(lo, hi)) return false
      const open = lo.flatMap((a, i) => (a !== hi[i] ? [i] : []))
      if (!open.length) return true
      // split the smallest domain in halves: exact, and far fewer nodes than trying every value
      const i = open.reduce((a, b) => (hi[b]! - lo[b]! < hi[a]! - lo[a]! ? b : a))
      const mid = Math.floor((lo[i]! + hi[i]!) / 2)
      return search([...lo], hi.map((b, j) => (j === i ? mid : b))) || search(lo.map((a, j) => (j === i ? mid + 1 : a)), [...hi])
    }
    if (search(lo, hi)) return true
  }
  return false
}

/** Every hidden value the attacker (an outsider, or an organisation subtracting its own figures) pins down. */
function attack(contribs: Contribution[], k: Knowledge, aggregate: boolean): string[] {
  const found: string[] = []
  const orgs = [...new Set(contribs.map((c) => c.organisationId))]
  for (const year of new Set(contribs.map((c) => c.cohortYear))) {
    const { vars, rel } = yearVars(contribs, year)
    const idx = new Map(vars.map((v, i) => [v.key, i]))
    const relIdx = rel.map((r) => ({ total: idx.get(r.total)!, parts: r.parts.map((p) => idx.get(p)!) }))
    const cap = 3 * vars.reduce((m, v) => Math.max(m, v.value), 0) + 20
    for (const attacker of aggregate ? [null, ...orgs] : [null]) {
      const own = vars.map((v) => (attacker ? (v.perOrg.get(attacker) ?? 0) : 0))
      const lo: number[] = []
      const hi: number[] = []
      vars.forEach((v, i) => {
        const seen = k.counts.get(v.key) ?? []
        const num = seen.find((s): s is number => typeof s === 'number')
        let [l, h] = num !== undefined ? [num, num] : seen.includes('small') ? [0, T] : seen.includes('hidden') ? [T + 1, cap] : [0, cap]
        l = Math.max(0, l - own[i]!)
        h -= own[i]!
        lo.push(l)
        hi.push(h)
      })
      vars.forEach((v, i) => {
        const rest = v.value - own[i]!
        const sensitive = attacker === null ? mustHide(v.perOrg, aggregate) : rest > 0 && (rest <= T || mustHide(v.perOrg, aggregate))
        if (!sensitive) return
        if (!canDiffer(vars.map((x) => x.key), lo, hi, relIdx, i, rest)) found.push(`${attacker ?? 'outsider'}: ${v.key} = ${rest}`)
      })
    }
    // percentages: a shown percentage of a shown base bounds its count; it must never pin down a sensitive one
    for (const track of TRACKS) {
      const base = (k.counts.get(`${year}|${track}|*`) ?? []).find((s): s is number => typeof s === 'number')
      for (const [p, field] of PCT) {
        const shown = k.pcts.get(`${year}|${track}|${p}`)
        if (!shown?.length) continue
        if (base === undefined) {
          found.push(`percentage on a hidden base: ${year}|${track}|${p}`)
          continue
        }
        const per = new Map<string, number>()
        const comp = new Map<string, number>()
        for (const c of contribs.filter((x) => x.cohortYear === year && x.track === track)) {
          per.set(c.organisationId, (per.get(c.organisationId) ?? 0) + c.counts[field])
          comp.set(c.organisationId, (comp.get(c.organisationId) ?? 0) + c.counts.started - c.counts[field])
        }
        const fits = [...Array(base + 1).keys()].filter((n) => {
          const q = Math.round((100 * n) / base)
          return shown.every((s) => (s <= defaultRules.minPercent ? q <= s : s >= defaultRules.maxPercent ? q >= s : q === s))
        })
        if (fits.length === 1 && (mustHide(per, aggregate) || mustHide(comp, aggregate))) found.push(`percentage pins ${year}|${track}|${field} = ${fits[0]}`)
      }
    }
  }
  return found
}

/** A random region: a few organisations, cohorts, tracks and destinations, small and large counts, sometimes padded. */
const arbCounts = fc
  .tuple(fc.oneof(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 40 }), fc.constantFrom(1000, 60)), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([started, a, b]): Counts => ({ started, enrolledAfterYear1: Math.round(started * a), switched: Math.round(started * b * 0.3), droppedOut: Math.round(started * (1 - a) * 0.5), diplomaNominal: Math.round(started * b) }))
const arbContribs = fc
  .array(fc.record({ org: fc.constantFrom('o1', 'o2', 'o3', 'o4'), year: fc.constantFrom(2022, 2023), track: fc.constantFrom(...TRACKS), dest: fc.constantFrom(...DESTS), counts: arbCounts }), { minLength: 1, maxLength: 22 })
  .map((xs) => {
    const seen = new Set<string>()
    return xs.flatMap((x): Contribution[] => {
      const key = `${x.org}|${x.year}|${x.track}|${x.dest}`
      if (seen.has(key)) return []
      seen.add(key)
      return [{ organisationId: x.org, cohortYear: x.year, track: x.track, destination: x.dest, counts: x.counts }]
    })
  })
const arbRequests = fc.array(fc.option(fc.constantFrom(2021, 2022, 2023), { nil: undefined }), { minLength: 1, maxLength: 5 })

function run(contribs: Contribution[], protection: Protection, requests: (number | undefined)[]) {
  const k: Knowledge = { counts: new Map(), pcts: new Map() }
  for (const year of requests) ingest(k, buildReport(contribs, protection, year))
  // and every year once, as a determined attacker would
  for (const year of new Set(contribs.map((c) => c.cohortYear))) ingest(k, buildReport(contribs, protection, year))
  // one figure, one value: no request shows a number that another hides
  for (const [key, seen] of k.counts) {
    const nums = new Set(seen.filter((s) => typeof s === 'number'))
    if (nums.size) expect({ key, seen: [...new Set(seen)] }).toEqual({ key, seen: [...nums] })
  }
  return attack(contribs, k, protection.kind === 'aggregate')
}

/** Random cases per property; DISCLOSURE_RUNS / DISCLOSURE_SEED (the seed fast-check prints on a failure) to search longer or replay. */
const fcOptions = { numRuns: Number(process.env.DISCLOSURE_RUNS ?? 200), ...(process.env.DISCLOSURE_SEED ? { seed: Number(process.env.DISCLOSURE_SEED) } : {}) }

describe('disclosure control against an attacker who combines every response', () => {
  it('region figures (aggregate over organisations): no hidden value is ever pinned down', () => {
    fc.assert(
      fc.property(arbContribs, arbRequests, (contribs, requests) => {
        expect(run(contribs, { kind: 'aggregate', rules: defaultRules }, requests)).toEqual([])
      }),
      fcOptions,
    )
  }, 120_000)

  it('one organisation’s dataset shown to a partner: no small value is ever pinned down', () => {
    fc.assert(
      fc.property(arbContribs, arbRequests, (contribs, requests) => {
        const one = contribs.map((c) => ({ ...c, organisationId: 'o1' }))
        const dedup = [...new Map(one.map((c) => [`${c.cohortYear}|${c.track}|${c.destination}`, c])).values()]
        expect(run(dedup, { kind: 'single', rules: defaultRules }, requests)).toEqual([])
      }),
      fcOptions,
    )
  }, 120_000)

  it('padding: a school that adds 1,000 to every cell learns nothing about the other schools’ small counts', () => {
    const cells = (org: string, started: number[]): Contribution[] =>
      DESTS.map((destination, i) => ({ organisationId: org, cohortYear: 2024, track: 'HAVO', destination, counts: { started: started[i]!, enrolledAfterYear1: started[i]!, switched: 0, droppedOut: 0, diplomaNominal: 0 } }))
    const contribs = [...cells('attacker', [1000, 1000, 1000]), ...cells('school-b', [2, 30, 12]), ...cells('school-c', [0, 5, 20])]
    const r = buildReport(contribs, { kind: 'aggregate', rules: defaultRules }, 2024)
    // 1002 and 1005 would give away 2 and 5: those cells are not shown
    const values = r.flow.cells.map((c) => c.value)
    expect(values.some((v) => v === 1002 || v === 1035 || v === 1032)).toBe(false)
    expect(JSON.stringify(r)).not.toMatch(/\b100[0-9]\b/)
    expect(run(contribs, { kind: 'aggregate', rules: defaultRules }, [2024])).toEqual([])
  })

  it('the attacker finds what the old, primary-only suppression gave away (the checker is not blind)', () => {
    // a region cell of 1002 shown as such: the padding school recovers the other school's 2
    const k: Knowledge = { counts: new Map([['2024|HAVO|MBO', [1002]]]), pcts: new Map() }
    const contribs: Contribution[] = [
      { organisationId: 'attacker', cohortYear: 2024, track: 'HAVO', destination: 'MBO', counts: { started: 1000, enrolledAfterYear1: 0, switched: 0, droppedOut: 0, diplomaNominal: 0 } },
      { organisationId: 'b', cohortYear: 2024, track: 'HAVO', destination: 'MBO', counts: { started: 2, enrolledAfterYear1: 0, switched: 0, droppedOut: 0, diplomaNominal: 0 } },
    ]
    expect(attack(contribs, k, true)).toContain('attacker: 2024|HAVO|MBO = 2')
    // differencing: a hidden cell follows from a row total shown elsewhere
    const k2: Knowledge = { counts: new Map([['2023|HAVO|MBO', ['small']], ['2023|HAVO|HBO', [40]], ['2023|HAVO|*', [43]]]), pcts: new Map() }
    const c2: Contribution[] = [
      { organisationId: 'o', cohortYear: 2023, track: 'HAVO', destination: 'MBO', counts: { started: 3, enrolledAfterYear1: 0, switched: 0, droppedOut: 0, diplomaNominal: 0 } },
      { organisationId: 'o', cohortYear: 2023, track: 'HAVO', destination: 'HBO', counts: { started: 40, enrolledAfterYear1: 0, switched: 0, droppedOut: 0, diplomaNominal: 0 } },
    ]
    expect(attack(c2, k2, false)).toContain('outsider: 2023|HAVO|MBO = 3')
  })
})
