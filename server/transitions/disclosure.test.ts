/**
 * Property-based tests of the disclosure control: random datasets of several organisations, random sequences of
 * report requests by a non-owner (every cohort year, indicators and trend, the CSV export), and an attacker that
 * collects every number returned and looks for hidden values that are pinned down (one value in every whole-number
 * solution of all totals within the bounds the markers give). The attacker (./disclosure-attacker.ts) shares no code
 * or method with the module's own audit (interval propagation, elimination and a domain-splitting search there): it
 * lists every solution by brute force where the search space is finite and small enough, and computes every hidden
 * value's interval by linear programming (exact simplex) always; where both run they must agree.
 */
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { buildReport } from './datasets.ts'
import { reportCsvRows } from './export.ts'
import { defaultRules, type Contribution, type Counts, type Protection } from './disclosure.ts'
import { enumerate, lpRanges } from './disclosure-attacker.ts'
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

/** Nodes one brute-force enumeration may visit; beyond that only the LP ranges decide. */
const NODE_LIMIT = 100_000
/**
 * How much the attacker did, per test (DISCLOSURE_STATS=1 prints it): random cases, systems it searched (one per
 * cohort year and attacker, with at least one hidden sensitive value), hidden sensitive values it judged, and how
 * many of those it enumerated by brute force (the rest by LP alone), with the solutions listed.
 */
type Stats = { cases: number; systems: number; values: number; enumeratedSystems: number; enumeratedValues: number; solutions: number; tooLarge: number }
const allStats = new Map<string, Stats>()
function tally(): Stats {
  const name = expect.getState().currentTestName ?? '?'
  return allStats.get(name) ?? allStats.set(name, { cases: 0, systems: 0, values: 0, enumeratedSystems: 0, enumeratedValues: 0, solutions: 0, tooLarge: 0 }).get(name)!
}

/** Every hidden value the attacker (an outsider, or an organisation subtracting its own figures) pins down. */
function attack(contribs: Contribution[], k: Knowledge, aggregate: boolean): string[] {
  const found: string[] = []
  const orgs = [...new Set(contribs.map((c) => c.organisationId))]
  for (const year of new Set(contribs.map((c) => c.cohortYear))) {
    const { vars, rel } = yearVars(contribs, year)
    const idx = new Map(vars.map((v, i) => [v.key, i]))
    const relIdx = rel.map((r) => ({ total: idx.get(r.total)!, parts: r.parts.map((p) => idx.get(p)!) }))
    for (const attacker of aggregate ? [null, ...orgs] : [null]) {
      const own = vars.map((v) => (attacker ? (v.perOrg.get(attacker) ?? 0) : 0))
      // what the attacker knows of each value: a shown number exactly, "≤5" 0–5, "—"/"x" at least 6 (no upper bound)
      const bounds = vars.map((v, i): [number, number] => {
        const seen = k.counts.get(v.key) ?? []
        const num = seen.find((s): s is number => typeof s === 'number')
        const [l, h] = num !== undefined ? [num, num] : seen.includes('small') ? [0, T] : seen.includes('hidden') ? [T + 1, Infinity] : [0, Infinity]
        return [Math.max(0, l - own[i]!), h - own[i]!]
      })
      const rest = vars.map((v, i) => v.value - own[i]!)
      const sensitive = vars.map((v, i) => (attacker === null ? mustHide(v.perOrg, aggregate) : rest[i]! > 0 && (rest[i]! <= T || mustHide(v.perOrg, aggregate))))
      const said = (i: number) => `${attacker ?? 'outsider'}: ${vars[i]!.key} = ${rest[i]}`
      // a sensitive value shown as a number (own figures subtracted) is given away outright; the others are searched
      vars.forEach((_, i) => sensitive[i] && bounds[i]![0] === bounds[i]![1] && found.push(said(i)))
      const targets = vars.flatMap((_, i) => (sensitive[i] && bounds[i]![0] !== bounds[i]![1] ? [i] : []))
      if (!targets.length) continue
      const stats = tally()
      stats.systems += 1
      stats.values += targets.length
      const sys = { bounds, relations: relIdx }
      const lp = lpRanges(sys, targets)
      const listed = enumerate(sys, targets, NODE_LIMIT)
      const all = listed === 'too large' ? null : listed
      if (listed === 'too large') stats.tooLarge += 1
      else {
        stats.enumeratedSystems += 1
        stats.enumeratedValues += targets.length
        stats.solutions += listed.solutions
        // on a cross table (totally unimodular) the LP ranges are whole numbers and exact: both methods must agree
        // (a target the brute force finds unbounded above: only its maximum is compared, its minimum is the LP's)
        targets.forEach((i, j) => {
          const bf = listed.ranges[i]!
          expect({ key: vars[i]!.key, ...lp[j]! }).toEqual({ key: vars[i]!.key, max: bf.max, min: bf.max === Infinity ? lp[j]!.min : bf.min })
        })
      }
      targets.forEach((i, j) => {
        const range = all ? all.ranges[i]! : lp[j]!
        expect(rest[i]! >= range.min && rest[i]! <= range.max, `${vars[i]!.key}: the truth ${rest[i]} lies within ${range.min}–${range.max}`).toBe(true)
        if (range.min === range.max) found.push(said(i))
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

/** Random figures of one cell, with indicator counts that fit them. */
const arbCounts = (started: fc.Arbitrary<number>) =>
  fc
    .tuple(started, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
    .map(([started, a, b]): Counts => ({ started, enrolledAfterYear1: Math.round(started * a), switched: Math.round(started * b * 0.3), droppedOut: Math.round(started * (1 - a) * 0.5), diplomaNominal: Math.round(started * b) }))
/** A random region: a few organisations, cohorts, tracks and destinations, each organisation's cell at most once. */
const arbRegion = (started: fc.Arbitrary<number>, orgs: string[], maxLength: number) =>
  fc.array(fc.record({ org: fc.constantFrom(...orgs), year: fc.constantFrom(2022, 2023), track: fc.constantFrom(...TRACKS), dest: fc.constantFrom(...DESTS), counts: arbCounts(started) }), { minLength: 1, maxLength }).map((xs) => {
    const seen = new Set<string>()
    return xs.flatMap((x): Contribution[] => {
      const key = `${x.org}|${x.year}|${x.track}|${x.dest}`
      if (seen.has(key)) return []
      seen.add(key)
      return [{ organisationId: x.org, cohortYear: x.year, track: x.track, destination: x.dest, counts: x.counts }]
    })
  })
/** Small and large counts, sometimes padded. */
const arbContribs = arbRegion(fc.oneof(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 40 }), fc.constantFrom(1000, 60)), ['o1', 'o2', 'o3', 'o4'], 22)
/** Only small counts: the attacker's brute force can list every solution of most of these. */
const arbSmallContribs = arbRegion(fc.integer({ min: 0, max: 12 }), ['o1', 'o2', 'o3'], 16)
const arbRequests = fc.array(fc.option(fc.constantFrom(2021, 2022, 2023), { nil: undefined }), { minLength: 1, maxLength: 5 })

/** The same cells as one organisation's dataset (one contribution per cell). */
const oneOrganisation = (contribs: Contribution[]) => [...new Map(contribs.map((c) => [`${c.cohortYear}|${c.track}|${c.destination}`, { ...c, organisationId: 'o1' }])).values()]

function run(contribs: Contribution[], protection: Protection, requests: (number | undefined)[]) {
  tally().cases += 1
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
  afterAll(() => {
    if (process.env.DISCLOSURE_STATS) for (const [name, s] of allStats) console.log(`${name}: ${JSON.stringify(s)}`)
  })
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
        expect(run(oneOrganisation(contribs), { kind: 'single', rules: defaultRules }, requests)).toEqual([])
      }),
      fcOptions,
    )
  }, 120_000)

  it('small counts only, where the attacker lists every solution: no hidden value is ever pinned down', () => {
    fc.assert(
      fc.property(arbSmallContribs, arbRequests, (contribs, requests) => {
        expect(run(contribs, { kind: 'aggregate', rules: defaultRules }, requests)).toEqual([])
        expect(run(oneOrganisation(contribs), { kind: 'single', rules: defaultRules }, requests)).toEqual([])
      }),
      // two subjects a case: half the cases keep the runtime
      { ...fcOptions, numRuns: Math.ceil(fcOptions.numRuns / 2) },
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
    // a total and the markers' bounds together: MBO + HBO = 6 with HBO "x" (≥ 6) leaves MBO = 0
    const k3: Knowledge = { counts: new Map([['2023|HAVO|MBO', ['small']], ['2023|HAVO|HBO', ['hidden']], ['2023|HAVO|*', [6]]]), pcts: new Map() }
    const c3: Contribution[] = [
      { organisationId: 'o', cohortYear: 2023, track: 'HAVO', destination: 'MBO', counts: { started: 0, enrolledAfterYear1: 0, switched: 0, droppedOut: 0, diplomaNominal: 0 } },
      { organisationId: 'o', cohortYear: 2023, track: 'HAVO', destination: 'HBO', counts: { started: 6, enrolledAfterYear1: 0, switched: 0, droppedOut: 0, diplomaNominal: 0 } },
    ]
    expect(attack(c3, k3, false)).toContain('outsider: 2023|HAVO|MBO = 0')
  })

  it('the attacker’s two methods: brute force and LP find the same intervals, the LP also where brute force cannot go', () => {
    // a 2 × 2 table, cells hidden, margins shown: a = 2 (≤5), b = 7, c = 8, d = 9; rows 9 and 17, columns 10 and 16, total 26
    const relations = [
      { total: 4, parts: [0, 1] },
      { total: 5, parts: [2, 3] },
      { total: 6, parts: [0, 2] },
      { total: 7, parts: [1, 3] },
      { total: 8, parts: [4, 5] },
      { total: 8, parts: [6, 7] },
    ]
    const shown = (v: number) => [v, v] as const
    const open = { bounds: [[0, T], [T + 1, Infinity], [T + 1, Infinity], [T + 1, Infinity], shown(9), shown(17), shown(10), shown(16), shown(26)] as const, relations }
    // a = 9 − b ≤ 3 and a = 10 − c ≤ 4: a is 0–3, b 6–9, c 7–10, d 7–10 — nothing pinned
    const listed = enumerate(open, [0, 1, 2, 3], 1000)
    expect(listed).not.toBe('too large')
    const expected = [
      { min: 0, max: 3 },
      { min: 6, max: 9 },
      { min: 7, max: 10 },
      { min: 7, max: 10 },
    ]
    expect(listed !== 'too large' && [0, 1, 2, 3].map((i) => listed.ranges[i])).toEqual(expected)
    expect(lpRanges(open, [0, 1, 2, 3])).toEqual(expected)
    // with the first row 6 instead (and the rest to match), b ≥ 6 leaves a = 0, b = 6: pinned, by both
    const pinnedDown = { ...open, bounds: [[0, T], [T + 1, Infinity], [T + 1, Infinity], [T + 1, Infinity], shown(6), shown(17), shown(8), shown(15), shown(23)] as const }
    const listed2 = enumerate(pinnedDown, [0, 1], 1000)
    expect(listed2 !== 'too large' && [listed2.ranges[0], listed2.ranges[1]]).toEqual([
      { min: 0, max: 0 },
      { min: 6, max: 6 },
    ])
    expect(lpRanges(pinnedDown, [0, 1])).toEqual([
      { min: 0, max: 0 },
      { min: 6, max: 6 },
    ])
    // large rows, columns hidden: too many solutions to list (c runs to 17,000), the LP still bounds every cell (b = 9000 − a, a ≤ 5)
    const large = { ...open, bounds: [[0, T], [T + 1, Infinity], [T + 1, Infinity], [T + 1, Infinity], shown(9000), shown(17000), [T + 1, Infinity], [T + 1, Infinity], shown(26000)] as const }
    expect(enumerate(large, [0, 1, 2, 3], 1000)).toBe('too large')
    expect(lpRanges(large, [0, 1])).toEqual([
      { min: 0, max: 5 },
      { min: 8995, max: 9000 },
    ])
  })
})
