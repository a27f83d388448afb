/**
 * Computed indicator actuals. Every figure comes through the owning domain's rules:
 *   - TRANSITIONS: the transitions domain's region report (`report`), i.e. the same disclosure control as every
 *     other transition figure for a non-owner — a suppressed cell is "no data" here, never a number;
 *   - ACTIVITY: aggregate counts of slot bookings (pupils of the region's schools, school year 1 Aug – 1 Aug) and of
 *     events published in the region. Only bookings the school vouches for count (`vouched`: tied to a pupil on its
 *     class list, or made by its own staff); a school typed on the public booking form is a claim nobody checked, and
 *     anyone could add such bookings to pad a hidden school's count back into view. A year's bookings of the region,
 *     per level and per school (and attended) are masked as one table with the shared disclosure rules
 *     (`maskBookings`: ≤ 5 and whatever would recompute one); a school is shown apart only with its consent
 *     (participation's `consentingSchools`, the reach report's rule), the others only inside the region's figures;
 *   - FUND: integer cents of reports on the goal's linked budget lines of that year (APPROVED, or SUBMITTED+APPROVED);
 *   - MONITOR: the monitor domain's protected distribution of one criterion in the region's closed round of that
 *     school year (`regionCriterionFigures`: nothing below 3 schools, nothing while sharing would expose the rest,
 *     no school named) — its median level or the % of schools at level 3 or 4; an open round is "no data", a
 *     suppressed one or criterion "suppressed";
 *   - MANUAL: the value entered for the year, with its source.
 */
import { Prisma } from '../db/generated/client.ts'
import { rawRows, type Db } from '../db/client.ts'
import type { Actor } from '../auth/policy.ts'
import { report as transitionReport } from '../transitions/datasets.ts'
import { HIDDEN, SUPPRESSED as SMALL, hiddenCellsWithSums, maskCount, type Masked, type Relation } from '../transitions/suppression.ts'
import { fromAmsterdam } from '../lib/time.ts'
import { publishedInRegionSql } from '../calendar/query-entries.ts'
import { regionCriterionFigures, type RegionCriterionScores } from '../monitor/region.ts'
import { consentingSchools, MIN_CONTRIBUTORS } from '../participation/reach.ts'
import { PupilLevel, type CalendarEventType } from '../db/generated/enums.ts'
import { isBookingIndicator } from './format.ts'

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

const ALL = '*' // key of the whole region (no level)
const LEVELS = Object.values(PupilLevel)

/**
 * A school year's confirmed bookings of the region's schools, raw (never sent): per level the booked and attended
 * (PRESENT) counts, per school its booked count, the distinct schools reached per level and for the whole region.
 */
export type RawBookings = {
  levels: Map<string, { booked: number; attended: number }>
  perSchool: Map<string, number>
  schools: Map<string, number> // level or ALL → distinct schools with bookings
}
/** The same year as a non-owner may see it: hidden figures are SUPPRESSED/HIDDEN markers; perSchool: the shown (consenting) schools only. */
export type MaskedBookings = { booked: Map<string, Masked>; attended: Map<string, Masked>; schools: Map<string, Masked>; perSchool: Map<string, Masked> }
/**
 * The region's vo schools as the booking table has them: `shown`, the schools that consented to being shown apart
 * (each a cell of its own, also with 0), and how many `others` did not — their bookings (with any of the region's
 * non-vo schools') are one part of the region total that is never shown.
 */
export type SchoolColumns = { shown: readonly string[]; others: number }
const emptyBookings = (): RawBookings => ({ levels: new Map(), perSchool: new Map(), schools: new Map() })

/**
 * Masks a school year's booking figures as ONE additive table, because they are all published side by side (plan
 * page, evaluation, PDF) and every published figure is a sum of the others:
 *   region booked = Σ levels booked = Σ schools booked (+ the region's non-vo schools, never shown),
 *   level booked = level attended + level not attended (a difference of two published figures),
 *   region attended = Σ levels attended, region not attended = Σ levels not attended, region booked = both.
 * Primary and secondary suppression over all of these relations at once (`hiddenCellsWithSums`: also the hidden
 * parts of a shown total together stay above the threshold), so no hidden cell, nor a group of them ("the other
 * schools", "the other levels"), can be recomputed by subtraction from the region total, between the level and the
 * school breakdown, or from booked − attended. Every level and every shown school takes part, also with 0 (hidden
 * like any small count), so the result does not depend on which indicators a plan happens to have. The schools that
 * did not consent are one part together (as in participation's reach report); when they are fewer than
 * MIN_CONTRIBUTORS (1 or 2) that part is hidden from the start — entered as 0, so it is never a candidate and the
 * other hidden parts must hold more than the threshold on their own — since "the region minus the shown schools"
 * would be their figure.
 * Schools reached: the region's number minus the shown schools would tell how many hidden schools had a booking
 * (and, with one hidden school, that it had 1–5), so it is hidden whenever a school's count is; that condition is
 * visible in the school list anyway, so hiding tells nothing more. A level's number of schools is hidden with the
 * level's count (it would tell 0 from 1–5).
 */
export function maskBookings(raw: RawBookings, columns: SchoolColumns): MaskedBookings {
  const values: number[] = []
  const cell = (v: number) => values.push(v) - 1
  const lv = LEVELS.map((level) => {
    const f = raw.levels.get(level) ?? { booked: 0, attended: 0 }
    return { level, booked: cell(f.booked), attended: cell(f.attended), absent: cell(f.booked - f.attended) }
  })
  const sum = (k: 'booked' | 'attended') => LEVELS.reduce((s, l) => s + (raw.levels.get(l)?.[k] ?? 0), 0)
  const booked = cell(sum('booked'))
  const attended = cell(sum('attended'))
  const absent = cell(sum('booked') - sum('attended'))
  const schools = columns.shown.map((id) => ({ id, i: cell(raw.perSchool.get(id) ?? 0) }))
  const others = sum('booked') - columns.shown.reduce((s, id) => s + (raw.perSchool.get(id) ?? 0), 0)
  const hiddenFromStart = columns.others > 0 && columns.others < MIN_CONTRIBUTORS
  const parts = [...schools.map((s) => s.i), ...(columns.others > 0 || others > 0 ? [cell(hiddenFromStart ? 0 : others)] : [])]
  const relations: Relation[] = [
    ...lv.map((l) => ({ total: l.booked, parts: [l.attended, l.absent] })),
    { total: booked, parts: lv.map((l) => l.booked) },
    { total: attended, parts: lv.map((l) => l.attended) },
    { total: absent, parts: lv.map((l) => l.absent) },
    { total: booked, parts: [attended, absent] },
    // The schools without consent (and the region's non-vo schools) are a part of the total that is never shown.
    { total: booked, parts },
  ]
  const hidden = hiddenCellsWithSums(values, relations)
  // A hidden count ≤ 5 is SUPPRESSED, a larger one hidden to protect it HIDDEN (as `maskCrossTable`).
  const mask = (i: number): Masked => (!hidden[i] ? values[i]! : typeof maskCount(values[i]!) === 'number' ? HIDDEN : SMALL)
  const out: MaskedBookings = { booked: new Map([[ALL, mask(booked)]]), attended: new Map([[ALL, mask(attended)]]), schools: new Map(), perSchool: new Map() }
  for (const l of lv) {
    out.booked.set(l.level, mask(l.booked))
    out.attended.set(l.level, mask(l.attended))
    out.schools.set(l.level, hidden[l.booked] ? mask(l.booked) : (raw.schools.get(l.level) ?? 0))
  }
  for (const s of schools) out.perSchool.set(s.id, mask(s.i))
  out.schools.set(ALL, hidden[booked] || parts.some((i) => hidden[i]) ? HIDDEN : (raw.schools.get(ALL) ?? 0))
  return out
}

/**
 * The school years from the first to the last of `years` as one range: its instants (each year's 1 August,
 * Europe/Amsterdam, and the end) for `width_bucket`, which numbers an instant's school year from 1.
 */
function yearRange(years: readonly number[]) {
  const first = Math.min(...years)
  const last = Math.max(...years)
  const bounds = Array.from({ length: last - first + 2 }, (_, i) => schoolYear(first + i).gte.toISOString())
  return { first, bounds, from: bounds[0]!, to: bounds.at(-1)! }
}

/**
 * `s`: the slots starting in [from, to), read first through their startsAt index (MATERIALIZED; joined in, the
 * planner scanned every slot of the national data set in parallel, or probed each school's bookings, to find them).
 */
const slotsBetween = (from: string, to: string) =>
  Prisma.sql`s AS MATERIALIZED (SELECT sl.id, sl."startsAt" FROM "Slot" sl WHERE sl."startsAt" >= ${from}::timestamp AND sl."startsAt" < ${to}::timestamp)`

type Count = number | string // count(*) is int here; sums arrive as strings (bigint)

/**
 * A booking `b` its school vouches for: tied to a pupil on that school's class list (the booking trigger ties a
 * booking with a listed pupil's address to the record, `ParticipationBooking`, with the pupil's school; a
 * personal-link booking always is), or made by a signed-in user (`bookedById`: the booking path lets a signed-in user
 * book only for a school where the policy grants them `slots.schoolBookings`, i.e. its own staff — checked when
 * booking, so a later change of memberships changes no figure). A public booking that merely names the school does
 * not count: anyone can make one. The tie is read by its school, not through the pupil: it stays (without the pupil)
 * when the retention job deletes the class list or a pupil is deleted on request, so a past year's figures do not
 * shrink.
 */
const vouched = {
  // A lookup of the booking's tie by its primary key, only for bookings no staff member made (LATERAL with LIMIT, so
  // the planner probes the index per booking: as a join or an EXISTS under OR it read every tie in the country).
  join: Prisma.sql`LEFT JOIN LATERAL (SELECT true AS tied FROM "ParticipationBooking" pb
                                       WHERE b."bookedById" IS NULL AND pb."bookingId" = b.id AND pb."schoolId" = b."schoolId" LIMIT 1) t ON true`,
  where: Prisma.sql`(b."bookedById" IS NOT NULL OR t.tied)`,
}

/**
 * The region's raw booking figures of the given school years in ONE grouped statement over the pool (not per year
 * or per indicator): per school year and level, per school year and school, and per school year for the whole
 * region, the confirmed bookings its schools vouch for (`vouched`), those attended (PRESENT) and the distinct
 * schools reached.
 */
export async function rawBookingFigures(db: Db, regionId: string, years: readonly number[]): Promise<Map<number, RawBookings>> {
  if (!years.length) return new Map()
  const r = yearRange(years)
  const rows = await rawRows<{ y: number; level: string | null; school: string | null; g: number; booked: Count; attended: Count; schools: Count }>(
    db,
    Prisma.sql`WITH ${slotsBetween(r.from, r.to)}
               SELECT ${r.first}::int - 1 + width_bucket(s."startsAt", ${r.bounds}::timestamp[]) AS y, b.level::text AS level, b."schoolId" AS school,
                      GROUPING(b.level, b."schoolId") AS g,
                      count(*)::int AS booked, count(*) FILTER (WHERE b.attendance = 'PRESENT')::int AS attended, count(DISTINCT b."schoolId")::int AS schools
                 FROM "SlotBooking" b JOIN s ON s.id = b."slotId" ${vouched.join}
                WHERE b.status = 'CONFIRMED' AND ${vouched.where}
                  AND b."schoolId" IN (SELECT o."organisationId" FROM "OrganisationRegion" o WHERE o."regionId" = ${regionId})
                GROUP BY GROUPING SETS ((1, b.level), (1, b."schoolId"), (1))`,
  )
  const out = new Map<number, RawBookings>(years.map((y) => [y, emptyBookings()]))
  for (const row of rows) {
    const f = out.get(row.y)
    if (!f) continue
    // GROUPING bits: 1 = school aggregated (a level row), 2 = level aggregated (a school row), 3 = the whole region.
    const g = Number(row.g)
    if (g === 1) {
      f.levels.set(row.level!, { booked: Number(row.booked), attended: Number(row.attended) })
      f.schools.set(row.level!, Number(row.schools))
    } else if (g === 2) f.perSchool.set(row.school!, Number(row.booked))
    else f.schools.set(ALL, Number(row.schools))
  }
  return out
}

/** The region's vo schools (the rows of the reach per school), by name. */
async function voSchools(db: Db, regionId: string) {
  return rawRows<{ id: string; name: string }>(
    db,
    Prisma.sql`SELECT o.id, o.name FROM "Organisation" o
                WHERE o.sector = 'VO' AND EXISTS (SELECT 1 FROM "OrganisationRegion" r WHERE r."organisationId" = o.id AND r."regionId" = ${regionId})
                ORDER BY o.name`,
  )
}

/**
 * The region's vo schools split by participation's consent rule: those shown apart (by name) and how many others.
 */
export async function schoolColumns(db: Db, regionId: string) {
  const schools = await voSchools(db, regionId)
  const consenting = await consentingSchools(db, schools.map((s) => s.id))
  const shown = schools.filter((s) => consenting.has(s.id))
  return { shown, columns: { shown: shown.map((s) => s.id), others: schools.length - shown.length } satisfies SchoolColumns }
}

/**
 * The region's booking figures of the school years as a non-owner may see them (`maskBookings`), with the schools
 * shown apart (consenting) and the number of the others.
 */
async function bookingFigures(db: Db, regionId: string, years: readonly number[]) {
  const [raw, { shown, columns }] = await Promise.all([rawBookingFigures(db, regionId, years), schoolColumns(db, regionId)])
  return { shown, otherSchools: columns.others, byYear: new Map([...raw].map(([y, f]) => [y, maskBookings(f, columns)])) }
}

/** Events published in the region in the given school years, per year and type (one grouped statement). */
async function eventFigures(db: Db, regionId: string, years: readonly number[]): Promise<Map<number, Map<string, number>>> {
  if (!years.length) return new Map()
  const r = yearRange(years)
  const rows = await rawRows<{ y: number; type: string; n: Count }>(
    db,
    Prisma.sql`SELECT ${r.first}::int - 1 + width_bucket(e."startsAt", ${r.bounds}::timestamp[]) AS y, e.type::text AS type, count(*)::int AS n
                 FROM "CalendarEvent" e
                WHERE e.status = 'PUBLISHED' AND e."startsAt" >= ${r.from}::timestamp AND e."startsAt" < ${r.to}::timestamp
                  AND ${publishedInRegionSql('e', regionId)}
                GROUP BY 1, 2`,
  )
  const out = new Map<number, Map<string, number>>(years.map((y) => [y, new Map()]))
  for (const row of rows) out.get(row.y)?.set(row.type, Number(row.n))
  return out
}

function activityActual(cfg: Config, bookings: MaskedBookings | undefined, events: Map<string, number> | undefined): Actual {
  const key = cfg.level ?? ALL
  const shown = (m: Masked | undefined): Actual => (typeof m === 'number' ? { value: m, suppressed: false } : SUPPRESSED)
  switch (cfg.metric) {
    case 'BOOKED':
      return shown(bookings!.booked.get(key))
    case 'ATTENDED':
      return shown(bookings!.attended.get(key))
    case 'SCHOOLS_REACHED':
      return shown(bookings!.schools.get(key))
    case 'EVENTS':
      return { value: cfg.eventType ? (events!.get(cfg.eventType) ?? 0) : [...events!.values()].reduce((a, b) => a + b, 0), suppressed: false }
  }
  return NONE
}

/**
 * Fund figures of the goals' linked budget lines, per goal and line year, in one statement: per linked line its
 * approved and its reported (SUBMITTED + APPROVED) cents. A goal has no figure for a year without a linked line of
 * that year.
 */
async function fundFigures(db: Db, goalIds: string[]) {
  const rows = await rawRows<{ goalId: string; year: number; approved: Count | null; reported: Count | null }>(
    db,
    Prisma.sql`SELECT gl."goalId", l.year, sum(r."amountCents") FILTER (WHERE r.status = 'APPROVED') AS approved, sum(r."amountCents") AS reported
                 FROM "PlanGoalBudgetLine" gl JOIN "FundBudgetLine" l ON l.id = gl."budgetLineId"
                 LEFT JOIN "FundReport" r ON r."budgetLineId" = l.id AND r.status IN ('SUBMITTED', 'APPROVED')
                WHERE gl."goalId" = ANY (${goalIds}::text[])
                GROUP BY gl."goalId", l.id, l.year`,
  )
  const out = new Map<string, { approved: number; reported: number }>() // `${goalId}:${year}`
  for (const row of rows) {
    const key = `${row.goalId}:${row.year}`
    const acc = out.get(key) ?? { approved: 0, reported: 0 }
    acc.approved += Number(row.approved ?? 0)
    acc.reported += Number(row.reported ?? 0)
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
 * The monitor domain's protected scores of the school years, each year asked at the same time (the domain reads
 * a year's round in a few queries one after the other): school year → scores, in the order of `years`.
 */
async function monitorFigures(db: Db, actor: Actor, regionId: string, years: readonly number[]): Promise<Map<number, RegionCriterionScores>> {
  const perYear = await Promise.all(years.map((y) => regionCriterionFigures(db, actor, { regionId, schoolYears: [y] })))
  return new Map(perYear.flatMap((m) => [...m]))
}

/**
 * Actuals of the indicators for the given years, as the actor may see them: indicator id → year → actual.
 * The transition report is read once, through the transitions domain (which checks the actor reads the region);
 * the monitor's figures once per school year, through the monitor domain (same check).
 */
export async function computeActuals(db: Db, actor: Actor, plan: { regionId: string }, indicators: readonly IndicatorRow[], years: readonly number[]) {
  const out = new Map<string, Map<number, Actual>>()
  const has = (kind: IndicatorRow['kind'], metrics?: string[]) => indicators.some((i) => i.kind === kind && (!metrics || metrics.includes(((i.config ?? {}) as Config).metric ?? '')))
  // Each source is read once for all indicators and years (one grouped statement each), not once per indicator or year.
  const [regional, monitor, bookings, events, fund] = await Promise.all([
    has('TRANSITIONS') ? transitionReport(db, actor, { regionId: plan.regionId }) : null,
    has('MONITOR') ? monitorFigures(db, actor, plan.regionId, years) : null,
    indicators.some((i) => isBookingIndicator(i.kind, i.config as Config)) ? bookingFigures(db, plan.regionId, years) : null,
    has('ACTIVITY', ['EVENTS']) ? eventFigures(db, plan.regionId, years) : null,
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
      } else if (ind.kind === 'ACTIVITY') actual = activityActual(cfg, bookings?.byYear.get(year), events?.get(year))
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

/**
 * Reach per school in a school year: the vouched confirmed bookings of each of the region's vo schools that consented
 * to being shown apart (by name), masked together with the region's and the levels' figures of that year
 * (`maskBookings`): null when hidden, whether ≤ 5 or hidden so that a small count cannot be recomputed from the
 * region total. `otherSchools`: how many vo schools did not consent (counted in the region's figures only).
 */
export async function reachPerSchool(db: Db, regionId: string, year: number) {
  const { shown, otherSchools, byYear } = await bookingFigures(db, regionId, [year])
  const masked = byYear.get(year)!
  const schools = shown.map((s) => {
    const m = masked.perSchool.get(s.id)
    return { id: s.id, name: s.name, bookings: typeof m === 'number' ? m : null }
  })
  return { schools, otherSchools }
}
