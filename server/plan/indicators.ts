/**
 * Computed indicator actuals. Every figure comes through the owning domain's rules:
 *   - TRANSITIONS: the transitions domain's region report (`report`), i.e. the same disclosure control as every
 *     other transition figure for a non-owner — a suppressed cell is "no data" here, never a number;
 *   - ACTIVITY: aggregate counts of slot bookings (pupils of the region's schools, school year 1 Aug – 1 Aug) and of
 *     events published in the region; anything finer than the whole region (a level, a school) goes through the
 *     transitions domain's small-count mask (≤ 5 → "≤5");
 *   - FUND: integer cents of reports on the goal's linked budget lines of that year (APPROVED, or SUBMITTED+APPROVED);
 *   - MONITOR: the monitor domain's protected distribution of one criterion in the region's closed round of that
 *     school year (`regionCriterionFigures`: nothing below 3 schools, nothing while sharing would expose the rest,
 *     no school named) — its median level or the % of schools at level 3 or 4; an open round is "no data", a
 *     suppressed one or criterion "suppressed";
 *   - MANUAL: the value entered for the year, with its source.
 */
import type { Db } from '../db/client.ts'
import type { Actor } from '../auth/policy.ts'
import { report as transitionReport } from '../transitions/datasets.ts'
import { maskCount } from '../transitions/suppression.ts'
import { publishedIn } from '../calendar/query.ts'
import { fromAmsterdam } from '../lib/time.ts'
import { regionCriterionFigures, type RegionCriterionScores } from '../monitor/region.ts'
import type { PupilLevel, CalendarEventType } from '../db/generated/enums.ts'

export type Actual = { value: number | null; suppressed: boolean }
export type IndicatorRow = {
  id: string
  goalId: string
  kind: 'TRANSITIONS' | 'ACTIVITY' | 'FUND' | 'MONITOR' | 'MANUAL'
  config: unknown
  manualValues: { year: number; value: number }[]
}
type Config = { metric?: string; track?: string; level?: PupilLevel; eventType?: CalendarEventType; criterion?: string }

const NONE: Actual = { value: null, suppressed: false }
const SUPPRESSED: Actual = { value: null, suppressed: true }

/** A school year (named by its first calendar year) as instants, Europe/Amsterdam. */
export function schoolYear(year: number) {
  return { gte: fromAmsterdam(`${year}-08-01`), lt: fromAmsterdam(`${year + 1}-08-01`) }
}

/** Bookings of pupils of the region's schools in slots of the school year (cancelled/waiting ones do not count). */
function bookingWhere(regionId: string, year: number, level?: PupilLevel) {
  return { status: 'CONFIRMED' as const, school: { regions: { some: { regionId } } }, slot: { startsAt: schoolYear(year) }, ...(level ? { level } : {}) }
}

type BookingFigures = { booked: Map<string, number>; attended: Map<string, number>; schools: Map<string, Set<string>> }
const ALL = '*' // key of the whole region (no level)

/**
 * The region's booking figures of one school year in two grouped queries (not one per indicator): confirmed
 * bookings and attendance per level, and the schools reached per level; the whole region under `ALL`.
 */
async function bookingFigures(db: Db, regionId: string, year: number): Promise<BookingFigures> {
  const where = bookingWhere(regionId, year)
  const [byLevel, bySchool] = await Promise.all([
    db.slotBooking.groupBy({ by: ['level', 'attendance'], where, _count: { _all: true } }),
    db.slotBooking.groupBy({ by: ['schoolId', 'level'], where }),
  ])
  const out: BookingFigures = { booked: new Map(), attended: new Map(), schools: new Map() }
  const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n)
  for (const g of byLevel) {
    for (const k of [ALL, g.level]) {
      add(out.booked, k, g._count._all)
      if (g.attendance === 'PRESENT') add(out.attended, k, g._count._all)
    }
  }
  for (const g of bySchool) for (const k of [ALL, g.level]) (out.schools.get(k) ?? out.schools.set(k, new Set()).get(k)!).add(g.schoolId!)
  return out
}

/** Events published in the region in one school year, per type (one grouped query). */
async function eventFigures(db: Db, regionId: string, year: number): Promise<Map<string, number>> {
  const groups = await db.calendarEvent.groupBy({ by: ['type'], where: { ...publishedIn(regionId), status: 'PUBLISHED', startsAt: schoolYear(year) }, _count: { _all: true } })
  return new Map(groups.map((g) => [g.type as string, g._count._all]))
}

function activityActual(cfg: Config, bookings: BookingFigures | undefined, events: Map<string, number> | undefined): Actual {
  const key = cfg.level ?? ALL
  const masked = (n: number): Actual => {
    const m = cfg.level ? maskCount(n) : n
    return typeof m === 'number' ? { value: m, suppressed: false } : SUPPRESSED
  }
  switch (cfg.metric) {
    case 'BOOKED':
      return masked(bookings!.booked.get(key) ?? 0)
    case 'ATTENDED':
      return masked(bookings!.attended.get(key) ?? 0)
    case 'SCHOOLS_REACHED':
      return { value: bookings!.schools.get(key)?.size ?? 0, suppressed: false }
    case 'EVENTS':
      return { value: cfg.eventType ? (events!.get(cfg.eventType) ?? 0) : [...events!.values()].reduce((a, b) => a + b, 0), suppressed: false }
  }
  return NONE
}

/**
 * Fund figures of the goals' linked budget lines, per goal and line year, in two queries: the links (a goal has
 * no figure for a year without a linked line of that year) and the report sums per line and status.
 */
async function fundFigures(db: Db, goalIds: string[]) {
  const [links, sums] = await Promise.all([
    db.planGoalBudgetLine.findMany({ where: { goalId: { in: goalIds } }, select: { goalId: true, budgetLine: { select: { id: true, year: true } } } }),
    db.fundReport.groupBy({ by: ['budgetLineId', 'status'], where: { status: { in: ['SUBMITTED', 'APPROVED'] }, budgetLine: { planGoals: { some: { goalId: { in: goalIds } } } } }, _sum: { amountCents: true } }),
  ])
  const byLine = new Map<string, { approved: number; reported: number }>()
  for (const s of sums) {
    const line = byLine.get(s.budgetLineId) ?? { approved: 0, reported: 0 }
    const cents = s._sum.amountCents ?? 0
    line.reported += cents
    if (s.status === 'APPROVED') line.approved += cents
    byLine.set(s.budgetLineId, line)
  }
  const out = new Map<string, { approved: number; reported: number }>() // `${goalId}:${year}`
  for (const l of links) {
    const key = `${l.goalId}:${l.budgetLine.year}`
    const acc = out.get(key) ?? { approved: 0, reported: 0 }
    const line = byLine.get(l.budgetLine.id)
    if (line) {
      acc.approved += line.approved
      acc.reported += line.reported
    }
    out.set(key, acc)
  }
  return out
}

function fundActual(figures: Map<string, { approved: number; reported: number }>, goalId: string, cfg: Config, year: number): Actual {
  const f = figures.get(`${goalId}:${year}`)
  if (!f) return NONE
  return { value: cfg.metric === 'REPORTED' ? f.reported : f.approved, suppressed: false }
}

/** A MONITOR indicator's actual from the region's protected scores of its school year. */
export function monitorActual(scores: RegionCriterionScores | undefined, cfg: { metric?: string; criterion?: string }): Actual {
  if (!scores || scores.status === 'open') return NONE
  if (scores.status === 'suppressed') return SUPPRESSED
  const c = scores.criteria.find((x) => x.code === cfg.criterion)
  if (!c) return NONE
  if (c.n === null || c.counts === null) return SUPPRESSED
  if (cfg.metric === 'MEDIAN') return c.median === null ? NONE : { value: c.median, suppressed: false }
  if (cfg.metric === 'SHARE_3_PLUS') return { value: Math.round(((c.counts[2] + c.counts[3]) / c.n) * 1000) / 10, suppressed: false }
  return NONE
}

/**
 * Actuals of the indicators for the given years, as the actor may see them: indicator id → year → actual.
 * The transition report is read once, through the transitions domain (which checks the actor reads the region);
 * the monitor's figures once per school year, through the monitor domain (same check).
 */
export async function computeActuals(db: Db, actor: Actor, plan: { regionId: string }, indicators: readonly IndicatorRow[], years: readonly number[]) {
  const out = new Map<string, Map<number, Actual>>()
  const has = (kind: IndicatorRow['kind'], metrics?: string[]) => indicators.some((i) => i.kind === kind && (!metrics || metrics.includes(((i.config ?? {}) as Config).metric ?? '')))
  const perYear = <T>(load: (year: number) => Promise<T>) => Promise.all(years.map(async (y) => [y, await load(y)] as const)).then((e) => new Map(e))
  // Each source is read once for all indicators (a few grouped queries per school year), not once per indicator.
  const [regional, monitor, bookings, events, fund] = await Promise.all([
    has('TRANSITIONS') ? transitionReport(db, actor, { regionId: plan.regionId }) : null,
    has('MONITOR') ? regionCriterionFigures(db, actor, { regionId: plan.regionId, schoolYears: years }) : null,
    has('ACTIVITY', ['BOOKED', 'ATTENDED', 'SCHOOLS_REACHED']) ? perYear((y) => bookingFigures(db, plan.regionId, y)) : null,
    has('ACTIVITY', ['EVENTS']) ? perYear((y) => eventFigures(db, plan.regionId, y)) : null,
    has('FUND') ? fundFigures(db, [...new Set(indicators.filter((i) => i.kind === 'FUND').map((i) => i.goalId))]) : null,
  ])
  for (const ind of indicators) {
    const cfg = (ind.config ?? {}) as Config
    const byYear = new Map<number, Actual>()
    for (const year of years) {
      let actual: Actual = NONE
      if (ind.kind === 'TRANSITIONS') {
        const row = regional!.indicators.find((r) => r.cohortYear === year && r.track === cfg.track)
        const v = row ? (row as unknown as Record<string, unknown>)[cfg.metric ?? ''] : null
        actual = typeof v === 'number' ? { value: v, suppressed: false } : v === null || v === undefined ? NONE : SUPPRESSED
      } else if (ind.kind === 'ACTIVITY') actual = activityActual(cfg, bookings?.get(year), events?.get(year))
      else if (ind.kind === 'FUND') actual = fundActual(fund!, ind.goalId, cfg, year)
      else if (ind.kind === 'MONITOR') actual = monitorActual(monitor!.get(year), cfg)
      else {
        const m = ind.manualValues.find((x) => x.year === year)
        actual = m ? { value: m.value, suppressed: false } : NONE
      }
      byYear.set(year, actual)
    }
    out.set(ind.id, byYear)
  }
  return out
}

/** Reach per school in a school year: confirmed bookings of each of the region's vo schools, small counts masked. */
export async function reachPerSchool(db: Db, regionId: string, year: number) {
  const [schools, groups] = await Promise.all([
    db.organisation.findMany({ where: { sector: 'VO', regions: { some: { regionId } } }, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    db.slotBooking.groupBy({ by: ['schoolId'], where: bookingWhere(regionId, year), _count: { _all: true } }),
  ])
  const count = new Map(groups.map((g) => [g.schoolId, g._count._all]))
  return schools.map((s) => {
    const m = maskCount(count.get(s.id) ?? 0)
    return { id: s.id, name: s.name, bookings: typeof m === 'number' ? m : null }
  })
}
