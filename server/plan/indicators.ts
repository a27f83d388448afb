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

async function activityActual(db: Db, regionId: string, cfg: Config, year: number): Promise<Actual> {
  const fine = !!cfg.level
  const masked = (n: number): Actual => {
    const m = fine ? maskCount(n) : n
    return typeof m === 'number' ? { value: m, suppressed: false } : SUPPRESSED
  }
  switch (cfg.metric) {
    case 'BOOKED':
      return masked(await db.slotBooking.count({ where: bookingWhere(regionId, year, cfg.level) }))
    case 'ATTENDED':
      return masked(await db.slotBooking.count({ where: { ...bookingWhere(regionId, year, cfg.level), attendance: 'PRESENT' } }))
    case 'SCHOOLS_REACHED': {
      const schools = await db.slotBooking.findMany({ where: bookingWhere(regionId, year, cfg.level), distinct: ['schoolId'], select: { schoolId: true } })
      return { value: schools.length, suppressed: false }
    }
    case 'EVENTS': {
      const n = await db.calendarEvent.count({ where: { ...publishedIn(regionId), status: 'PUBLISHED', startsAt: schoolYear(year), ...(cfg.eventType ? { type: cfg.eventType } : {}) } })
      return { value: n, suppressed: false }
    }
  }
  return NONE
}

async function fundActual(db: Db, goalId: string, cfg: Config, year: number): Promise<Actual> {
  const lines = await db.planGoalBudgetLine.count({ where: { goalId, budgetLine: { year } } })
  if (!lines) return NONE
  const statuses = cfg.metric === 'REPORTED' ? (['SUBMITTED', 'APPROVED'] as const) : (['APPROVED'] as const)
  const sum = await db.fundReport.aggregate({ _sum: { amountCents: true }, where: { status: { in: [...statuses] }, budgetLine: { year, planGoals: { some: { goalId } } } } })
  return { value: sum._sum.amountCents ?? 0, suppressed: false }
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
  const needsTransitions = indicators.some((i) => i.kind === 'TRANSITIONS')
  const regional = needsTransitions ? await transitionReport(db, actor, { regionId: plan.regionId }) : null
  const monitor = indicators.some((i) => i.kind === 'MONITOR') ? await regionCriterionFigures(db, actor, { regionId: plan.regionId, schoolYears: years }) : null
  for (const ind of indicators) {
    const cfg = (ind.config ?? {}) as Config
    const byYear = new Map<number, Actual>()
    for (const year of years) {
      let actual: Actual = NONE
      if (ind.kind === 'TRANSITIONS') {
        const row = regional!.indicators.find((r) => r.cohortYear === year && r.track === cfg.track)
        const v = row ? (row as unknown as Record<string, unknown>)[cfg.metric ?? ''] : null
        actual = typeof v === 'number' ? { value: v, suppressed: false } : v === null || v === undefined ? NONE : SUPPRESSED
      } else if (ind.kind === 'ACTIVITY') actual = await activityActual(db, plan.regionId, cfg, year)
      else if (ind.kind === 'FUND') actual = await fundActual(db, ind.goalId, cfg, year)
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
