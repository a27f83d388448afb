/**
 * Reach: per school, level and leerjaar of a school year, how many pupils on the class lists had at least 1, 2 or
 * 3+ orientation activities (confirmed slot bookings and event registrations not marked absent), in total and by
 * kind (open day, meeloopdag, proefstuderen, event). Computed in one SQL statement over the live lists plus the
 * anonymous counts the retention job kept of deleted ones.
 *
 * Who sees what: the school itself sees its own figures raw. The region (coordinators) sees a school on its own
 * only with that school's consent, and otherwise one aggregate of the other schools per group, shown only when at
 * least `MIN_CONTRIBUTORS` schools contribute (else "—"). Every figure the region sees goes through the transition
 * data's disclosure control (server/transitions/suppression.ts): the group's pupils split into 0, 1, 2 and 3+
 * activities, primary suppression (≤ 5) and secondary suppression over that split, so no small count can be
 * recomputed from the others; a cumulative share is shown only when all of its parts are.
 */
import type { Db, DbTx } from '../db/client.ts'
import { audit } from '../db/audit.ts'
import { authorize, canReadRegion, type Actor } from '../auth/policy.ts'
import { invalid } from '../lib/errors.ts'
import { HIDDEN, PROTECTED, defaultDisclosure, hiddenCells, percent, SUPPRESSED, type Masked } from '../transitions/suppression.ts'
import { loadSchool } from './pupils.ts'
import { schoolYearOf } from './school-year.ts'
import type { ReachInput } from './schema.ts'

export const KINDS = ['ALL', 'OPEN_DAY', 'MEELOOPDAG', 'PROEFSTUDEREN', 'EVENT'] as const
export type ReachKind = (typeof KINDS)[number]
/** Fewer contributing schools than this: the region's aggregate of a group is not shown. */
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

function shape(c: Omit<ReachCounts, 'schoolId'>, school: { id: string | null; name: string | null }, masked: boolean): ReachRow {
  const values = [c.pupils, c.n0, c.n1, c.n2, c.n3]
  let m: Masked[] = values
  if (masked) {
    const hidden = hiddenCells(values, [{ total: 0, parts: [1, 2, 3, 4] }], defaultDisclosure)
    m = values.map((v, i) => (hidden[i] ? (v <= defaultDisclosure.threshold ? SUPPRESSED : HIDDEN) : v))
  }
  const [pupils, , n1, n2, n3] = m as [Masked, Masked, Masked, Masked, Masked]
  const atLeast1 = sum([n1, n2, n3])
  const atLeast2 = sum([n2, n3])
  const atLeast3 = n3
  return { schoolId: school.id, school: school.name, level: c.level, year: c.year, kind: c.kind, pupils, atLeast1, atLeast2, atLeast3, pct1: pct(atLeast1, pupils), pct2: pct(atLeast2, pupils), pct3: pct(atLeast3, pupils) }
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
 * The reach report. With `schoolId`: that school's own (its staff; raw). With `regionId`: the region's view
 * (coordinators; consenting schools one by one, the others aggregated; always suppressed).
 */
export async function reachReport(db: Db, actor: Actor, input: ReachInput, now = new Date()) {
  const schoolYear = input.schoolYear ?? schoolYearOf(now)
  if (input.schoolId) {
    const school = await loadSchool(db, actor, input.schoolId)
    const rows = (await reachCounts(db, schoolYear, [school.id])).map((c) => shape(c, { id: school.id, name: school.name }, false))
    return { schoolYear, view: 'school' as const, masked: false, threshold: defaultDisclosure.threshold, rows }
  }
  if (!input.regionId) throw invalid('participation.errors.reachScope')
  authorize(actor, 'participation.reach', { regionIds: [input.regionId] })
  if (!canReadRegion(actor, input.regionId)) throw invalid('participation.errors.reachScope')
  const schools = await db.organisation.findMany({ where: { sector: 'VO', regions: { some: { regionId: input.regionId } } }, select: { id: true, name: true }, orderBy: { name: 'asc' } })
  const consenting = new Set((await db.participationReachConsent.findMany({ where: { schoolId: { in: schools.map((s) => s.id) } }, select: { schoolId: true } })).map((c) => c.schoolId))
  const names = new Map(schools.map((s) => [s.id, s.name]))
  const counts = await reachCounts(db, schoolYear, schools.map((s) => s.id))
  const rows: ReachRow[] = counts.filter((c) => consenting.has(c.schoolId)).map((c) => shape(c, { id: c.schoolId, name: names.get(c.schoolId) ?? '' }, true))
  // The other schools: one aggregate per group, only with enough contributing schools.
  const groups = new Map<string, { c: Omit<ReachCounts, 'schoolId'>; schools: Set<string> }>()
  for (const c of counts) {
    if (consenting.has(c.schoolId)) continue
    const key = `${c.level}|${c.year}|${c.kind}`
    const g = groups.get(key) ?? { c: { level: c.level, year: c.year, kind: c.kind, pupils: 0, n0: 0, n1: 0, n2: 0, n3: 0 }, schools: new Set<string>() }
    for (const f of ['pupils', 'n0', 'n1', 'n2', 'n3'] as const) g.c[f] += c[f]
    g.schools.add(c.schoolId)
    groups.set(key, g)
  }
  for (const g of groups.values()) {
    if (g.schools.size >= MIN_CONTRIBUTORS) rows.push(shape(g.c, { id: null, name: null }, true))
    else rows.push({ schoolId: null, school: null, level: g.c.level, year: g.c.year, kind: g.c.kind, pupils: PROTECTED, atLeast1: PROTECTED, atLeast2: PROTECTED, atLeast3: PROTECTED, pct1: null, pct2: null, pct3: null })
  }
  return { schoolYear, view: 'region' as const, masked: true, threshold: defaultDisclosure.threshold, consentingSchools: consenting.size, otherSchools: schools.length - consenting.size, rows }
}
