/**
 * Reach: per school, level and leerjaar of a school year, how many pupils on the class lists had at least 1, 2 or
 * 3+ orientation activities (confirmed slot bookings and event registrations not marked absent), in total and by
 * kind (open day, meeloopdag, proefstuderen, event). Computed in one SQL statement over the live lists plus the
 * anonymous counts the retention job kept of deleted ones.
 *
 * Who sees what: the school itself (its own staff) sees its own figures raw. Everyone else — the region's
 * coordinators, and a platform admin too — sees one table per level × leerjaar: the schools that consented one by
 * one and the region total over ALL its schools (so a school's consent changes nothing in the total, and no
 * before/after difference gives a school away). The other schools' part of the total is never shown, and the table
 * is protected as a whole with the transition data's disclosure control (server/transitions/suppression.ts):
 * primary suppression (≤ 5) and secondary suppression over every additive relation — each line's pupils and its
 * 0/1/2/3+ split per kind, each column's total and its lines, the total's pupils and the lines' — with the hidden
 * part of the other schools as a line of its own, so neither "total minus the shown schools" nor any other
 * difference recovers a hidden figure. A cumulative share is shown only when all of its parts are.
 */
import type { Db, DbTx } from '../db/client.ts'
import { audit } from '../db/audit.ts'
import { authorize, canReadRegion, type Actor } from '../auth/policy.ts'
import { invalid } from '../lib/errors.ts'
import { HIDDEN, defaultDisclosure, hiddenCells, percent, SUPPRESSED, type Masked, type Relation } from '../transitions/suppression.ts'
import { loadSchool, ownsSchool } from './pupils.ts'
import { schoolYearOf } from './school-year.ts'
import type { ReachInput } from './schema.ts'

export const KINDS = ['ALL', 'OPEN_DAY', 'MEELOOPDAG', 'PROEFSTUDEREN', 'EVENT'] as const
export type ReachKind = (typeof KINDS)[number]
/** Fewer non-consenting schools than this in a group: their part of the region total is hidden from the start. */
export const MIN_CONTRIBUTORS = 3

export type ReachCounts = { schoolId: string; level: string; year: number; kind: ReachKind; pupils: number; n0: number; n1: number; n2: number; n3: number }

/** Column prefix of each kind in the GROUP BY below. */
const PREFIX = { ALL: 'a', OPEN_DAY: 'o', MEELOOPDAG: 'm', PROEFSTUDEREN: 'h', EVENT: 'e' } as const
type GroupCounts = { schoolId: string; level: string; year: number; pupils: number } & Record<`${(typeof PREFIX)[ReachKind]}${0 | 1 | 2 | 3}`, number>

/**
 * The raw split per school × level × leerjaar × kind: one statement (the pupils' activities — slot bookings
 * (confirmed, not absent: an mbo slot is a meeloopdag, hbo/wo proefstuderen) and registrations for calendar events
 * (a seat confirmed, not absent; by the event's type: open day, meeloopdag, proefstuderen, any other type an event)
 * — counted per pupil in total and per kind, then one GROUP BY with the 0/1/2/3+ split of each kind as columns),
 * plus the archived counts.
 */
export async function reachCounts(db: DbTx, schoolYear: number, schoolIds: string[]): Promise<ReachCounts[]> {
  if (!schoolIds.length) return []
  const groups = await db.$queryRaw<GroupCounts[]>`
    WITH pupils AS (
      SELECT p."id", p."schoolId", p."level"::text AS level, p."year" FROM "ParticipationPupil" p
      WHERE p."schoolYear" = ${schoolYear} AND p."schoolId" = ANY(${schoolIds}::text[])
    ), acts AS (
      SELECT pb."pupilId", CASE WHEN pr."sector" = 'MBO' THEN 'm' ELSE 'h' END AS k
      FROM pupils p JOIN "ParticipationBooking" pb ON pb."pupilId" = p."id" JOIN "SlotBooking" b ON b."id" = pb."bookingId"
      JOIN "SlotProgramme" pr ON pr."id" = b."programmeId"
      WHERE b."status" = 'CONFIRMED' AND b."attendance" IS DISTINCT FROM 'ABSENT'
      UNION ALL
      SELECT pr."pupilId", CASE e."type" WHEN 'OPEN_DAG' THEN 'o' WHEN 'MEELOOPDAG' THEN 'm' WHEN 'PROEFSTUDEREN' THEN 'h' ELSE 'e' END AS k
      FROM pupils p JOIN "ParticipationRegistration" pr ON pr."pupilId" = p."id" JOIN "CalendarEvent" e ON e."id" = pr."eventId"
      WHERE EXISTS (SELECT 1 FROM "RegistrationSeat" s WHERE s."registrantId" = pr."registrantId" AND s."status" = 'CONFIRMED' AND s."attendance" IS DISTINCT FROM 'ABSENT')
    ), per_pupil AS (
      SELECT "pupilId", count(*)::int AS n, count(*) FILTER (WHERE k = 'o')::int AS o, count(*) FILTER (WHERE k = 'm')::int AS m,
             count(*) FILTER (WHERE k = 'h')::int AS h, count(*) FILTER (WHERE k = 'e')::int AS e
      FROM acts GROUP BY "pupilId"
    ), per AS (
      SELECT p."schoolId", p.level, p."year", COALESCE(a.n, 0) AS a, COALESCE(a.o, 0) AS o, COALESCE(a.m, 0) AS m, COALESCE(a.h, 0) AS h, COALESCE(a.e, 0) AS e
      FROM pupils p LEFT JOIN per_pupil a ON a."pupilId" = p."id"
    )
    SELECT "schoolId", level, "year", count(*)::int AS pupils,
           count(*) FILTER (WHERE a = 0)::int AS a0, count(*) FILTER (WHERE a = 1)::int AS a1, count(*) FILTER (WHERE a = 2)::int AS a2, count(*) FILTER (WHERE a >= 3)::int AS a3,
           count(*) FILTER (WHERE o = 0)::int AS o0, count(*) FILTER (WHERE o = 1)::int AS o1, count(*) FILTER (WHERE o = 2)::int AS o2, count(*) FILTER (WHERE o >= 3)::int AS o3,
           count(*) FILTER (WHERE m = 0)::int AS m0, count(*) FILTER (WHERE m = 1)::int AS m1, count(*) FILTER (WHERE m = 2)::int AS m2, count(*) FILTER (WHERE m >= 3)::int AS m3,
           count(*) FILTER (WHERE h = 0)::int AS h0, count(*) FILTER (WHERE h = 1)::int AS h1, count(*) FILTER (WHERE h = 2)::int AS h2, count(*) FILTER (WHERE h >= 3)::int AS h3,
           count(*) FILTER (WHERE e = 0)::int AS e0, count(*) FILTER (WHERE e = 1)::int AS e1, count(*) FILTER (WHERE e = 2)::int AS e2, count(*) FILTER (WHERE e >= 3)::int AS e3
    FROM per GROUP BY "schoolId", level, "year"`
  const archived = await db.$queryRaw<ReachCounts[]>`
    SELECT "schoolId", "level"::text AS level, "year", "kind", "pupils", "pupils" - "atLeast1" AS n0, "atLeast1" - "atLeast2" AS n1, "atLeast2" - "atLeast3" AS n2, "atLeast3" AS n3
    FROM "ParticipationReachArchive" WHERE "schoolYear" = ${schoolYear} AND "schoolId" = ANY(${schoolIds}::text[])`
  const live = groups.flatMap((g) =>
    KINDS.map((kind) => {
      const k = PREFIX[kind]
      return { schoolId: g.schoolId, level: g.level, year: g.year, kind, pupils: g.pupils, n0: g[`${k}0`], n1: g[`${k}1`], n2: g[`${k}2`], n3: g[`${k}3`] }
    }),
  )
  const key = (c: ReachCounts) => `${c.schoolId}|${c.level}|${c.year}|${c.kind}`
  return [...live, ...archived].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
}

export type ReachRow = {
  schoolId: string | null
  school: string | null
  level: string
  year: number
  kind: ReachKind
  pupils: Masked
  atLeast1: Masked
  atLeast2: Masked
  atLeast3: Masked
  pct1: number | null
  pct2: number | null
  pct3: number | null
}

const sum = (xs: Masked[]): Masked => (xs.every((x) => typeof x === 'number') ? (xs as number[]).reduce((a, b) => a + b, 0) : xs.length === 1 ? xs[0]! : HIDDEN)
const pct = (part: Masked, base: Masked) => (typeof part === 'number' && typeof base === 'number' ? percent(part, base) : null)

type Group = Pick<ReachCounts, 'level' | 'year' | 'kind'>

/** One row from pupils and its 0/1/2/3+ split (raw or already masked): the cumulative counts and shares. */
function present(c: Group, school: { id: string | null; name: string | null }, [pupils, , n1, n2, n3]: readonly Masked[]): ReachRow {
  const atLeast1 = sum([n1!, n2!, n3!])
  const atLeast2 = sum([n2!, n3!])
  const atLeast3 = n3!
  return { schoolId: school.id, school: school.name, level: c.level, year: c.year, kind: c.kind, pupils: pupils!, atLeast1, atLeast2, atLeast3, pct1: pct(atLeast1, pupils!), pct2: pct(atLeast2, pupils!), pct3: pct(atLeast3, pupils!) }
}

/** A line of the region's table: a school, the other schools together, or the region total. */
type Line = { pupils: number; split: Record<ReachKind, number[]> }
/** Values per line in the table below: the pupils, then the 0/1/2/3+ split of each kind. */
const WIDTH = 1 + 4 * KINDS.length
const cellAt = (line: number, kind: number, k: number) => line * WIDTH + 1 + kind * 4 + k

function addTo(line: Line, c: ReachCounts) {
  // Every kind of a group carries the same pupils: counted once, from ALL.
  if (c.kind === 'ALL') line.pupils += c.pupils
  const split = line.split[c.kind]
  ;[c.n0, c.n1, c.n2, c.n3].forEach((v, k) => (split[k]! += v))
}

/**
 * Disclosure control over one level × leerjaar of the region, all kinds at once (the pupils are one figure per
 * line for every kind, so a pupils figure hidden for one kind is hidden for all). `lines`: the shown ones, then the
 * others' part (never shown), then the total, the sum of the lines before it. A line in `hiddenFromStart` (the
 * other schools when too few to stay anonymous) enters hiddenCells as 0: hidden before anything else, and never a
 * candidate for secondary suppression, so its value plays no further part. Returns the masked values per line.
 */
function protectGroup(lines: readonly Line[], hiddenFromStart: readonly boolean[]): Masked[][] {
  const values = lines.flatMap((l) => [l.pupils, ...KINDS.flatMap((kind) => l.split[kind])])
  const total = lines.length - 1
  const parts = lines.slice(0, total).map((_, i) => i)
  const relations: Relation[] = [
    ...lines.flatMap((_, l) => KINDS.map((_k, ki) => ({ total: l * WIDTH, parts: [0, 1, 2, 3].map((k) => cellAt(l, ki, k)) }))),
    ...KINDS.flatMap((_k, ki) => [0, 1, 2, 3].map((k) => ({ total: cellAt(total, ki, k), parts: parts.map((l) => cellAt(l, ki, k)) }))),
    { total: total * WIDTH, parts: parts.map((l) => l * WIDTH) },
  ]
  const hidden = hiddenCells(values.map((v, i) => (hiddenFromStart[Math.floor(i / WIDTH)] ? 0 : v)), relations, defaultDisclosure)
  const masked = values.map((v, i): Masked => (!hidden[i] ? v : v <= defaultDisclosure.threshold ? SUPPRESSED : HIDDEN))
  return lines.map((_, l) => masked.slice(l * WIDTH, (l + 1) * WIDTH))
}

/** Per kind, a line's masked [pupils, n0..n3]. */
const ofKind = (m: readonly Masked[], ki: number): Masked[] => [m[0]!, ...m.slice(1 + ki * 4, 5 + ki * 4)]

/**
 * Of `schoolIds`, the schools that consented to being shown to their region one by one (ParticipationReachConsent).
 * The one rule for naming a school's figures apart: this report and the regional plan's booking figures
 * (server/plan/indicators.ts) show a school by name only when it is in this set.
 */
export async function consentingSchools(db: DbTx, schoolIds: readonly string[]): Promise<Set<string>> {
  if (!schoolIds.length) return new Set()
  const rows = await db.participationReachConsent.findMany({ where: { schoolId: { in: [...schoolIds] } }, select: { schoolId: true } })
  return new Set(rows.map((c) => c.schoolId))
}

/**
 * The region's report (see the header): per level × leerjaar, the consenting schools' rows (by name), then the
 * region total's, protected together.
 */
async function regionReport(db: Db, regionId: string, schoolYear: number) {
  const schools = await db.organisation.findMany({ where: { sector: 'VO', regions: { some: { regionId } } }, select: { id: true, name: true }, orderBy: { name: 'asc' } })
  const consenting = await consentingSchools(db, schools.map((s) => s.id))
  const counts = await reachCounts(db, schoolYear, schools.map((s) => s.id))
  const newLine = (): Line => ({ pupils: 0, split: Object.fromEntries(KINDS.map((k) => [k, [0, 0, 0, 0]])) as Line['split'] })
  const groups = new Map<string, { level: string; year: number; shown: Map<string, Line>; others: Line; otherSchools: Set<string>; total: Line }>()
  for (const c of counts) {
    const key = `${c.level}|${c.year}`
    const g = groups.get(key) ?? { level: c.level, year: c.year, shown: new Map<string, Line>(), others: newLine(), otherSchools: new Set<string>(), total: newLine() }
    groups.set(key, g)
    addTo(g.total, c)
    if (consenting.has(c.schoolId)) {
      if (!g.shown.has(c.schoolId)) g.shown.set(c.schoolId, newLine())
      addTo(g.shown.get(c.schoolId)!, c)
    } else {
      addTo(g.others, c)
      g.otherSchools.add(c.schoolId)
    }
  }
  const rows: ReachRow[] = []
  for (const g of [...groups.values()].sort((a, b) => (a.level < b.level ? -1 : a.level > b.level ? 1 : a.year - b.year))) {
    // Shown schools by name; the others' line only when a non-consenting school contributes (else it is known to be 0).
    const shown = schools.filter((s) => g.shown.has(s.id))
    const others = g.otherSchools.size ? [g.others] : []
    const lines = [...shown.map((s) => g.shown.get(s.id)!), ...others, g.total]
    const m = protectGroup(lines, lines.map((l) => l === g.others && g.otherSchools.size < MIN_CONTRIBUTORS))
    for (const [i, school] of [...shown.map((s, i) => [i, s] as const), [lines.length - 1, { id: null, name: null }] as const])
      KINDS.forEach((kind, ki) => rows.push(present({ level: g.level, year: g.year, kind }, school, ofKind(m[i]!, ki))))
  }
  return { consentingSchools: consenting.size, otherSchools: schools.length - consenting.size, rows }
}

/** A school's consent that the region sees its figures per school (its own decaan decides). */
export async function setConsent(db: Db, actor: Actor, schoolId: string, consent: boolean) {
  await loadSchool(db, actor, schoolId)
  await db.$transaction(async (tx) => {
    if (consent) await tx.participationReachConsent.upsert({ where: { schoolId }, create: { schoolId }, update: {} })
    else await tx.participationReachConsent.deleteMany({ where: { schoolId } })
    await audit(tx, actor, { action: 'participation.reach.consent', entityType: 'Organisation', entityId: schoolId, organisationId: schoolId, after: { consent } })
  })
  return { consent }
}

export async function getConsent(db: Db, actor: Actor, schoolId: string) {
  await loadSchool(db, actor, schoolId)
  return { consent: !!(await db.participationReachConsent.findUnique({ where: { schoolId } })) }
}

/**
 * The reach report. With `schoolId`: that school's own (its staff: raw; a platform admin, who is not the school:
 * only what the region sees of it — its rows in its region's protected table, and only with its consent, since
 * per-school figures masked on their own could be subtracted from the region total). With `regionId`: the
 * region's view (coordinators; consenting schools one by one and the region total; always protected).
 */
export async function reachReport(db: Db, actor: Actor, input: ReachInput, now = new Date()) {
  const schoolYear = input.schoolYear ?? schoolYearOf(now)
  const threshold = defaultDisclosure.threshold
  if (input.schoolId) {
    const school = await loadSchool(db, actor, input.schoolId)
    if (ownsSchool(actor, school.id)) {
      const rows = (await reachCounts(db, schoolYear, [school.id])).map((c) => present(c, { id: school.id, name: school.name }, [c.pupils, c.n0, c.n1, c.n2, c.n3]))
      return { schoolYear, view: 'school' as const, masked: false, threshold, rows }
    }
    // One region's table (the first by id), so that the same figures are hidden as in that region's report.
    const regionId = school.regions.map((r) => r.regionId).sort()[0]
    const rows = regionId ? (await regionReport(db, regionId, schoolYear)).rows.filter((r) => r.schoolId === school.id) : []
    return { schoolYear, view: 'school' as const, masked: true, threshold, rows }
  }
  if (!input.regionId) throw invalid('participation.errors.reachScope')
  authorize(actor, 'participation.reach', { regionIds: [input.regionId] })
  if (!canReadRegion(actor, input.regionId)) throw invalid('participation.errors.reachScope')
  const { consentingSchools, otherSchools, rows } = await regionReport(db, input.regionId, schoolYear)
  return { schoolYear, view: 'region' as const, masked: true, threshold, consentingSchools, otherSchools, rows }
}
