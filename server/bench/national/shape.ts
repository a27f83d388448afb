/**
 * The national data set's shape: how many rows of each kind at a scale, and the SQL expressions that derive every
 * row from its number and the seed (hashint8extended: deterministic, no random() — the same seed gives the same
 * data on every run and every PostgreSQL 15 server). Ids are a prefix and the row number (letters and digits, like
 * cuids, so keyset cursors accept them).
 */
export type NationalOptions = { seed: number; scale: number }

export type NationalShape = ReturnType<typeof nationalShape>

export function nationalShape({ seed, scale }: NationalOptions) {
  const n = (full: number, multiple = 1) => Math.max(multiple, Math.round((full * scale) / multiple) * multiple)
  const regions = n(100)
  const orgs = n(2_000, 10) // organisation o: o % 10 < 4 VO school, 4–6 MBO, 7–8 HBO, 9 WO
  const shape = {
    seed,
    scale,
    regions,
    boards: n(400),
    orgs,
    schools: (orgs / 10) * 4,
    institutions: (orgs / 10) * 6,
    programmesPerInstitution: 5,
    users: n(20_000),
    events: n(50_000),
    slots: n(200_000),
    bookingsPerSlot: 10,
    pupilsPerSchool: 200,
    transitionRows: n(200_000),
    fundReports: n(40_000, 10),
    reportsPerLine: 10,
    fundYears: [2024, 2025, 2026, 2027],
    registrantsPerEvent: 20,
    notificationsPerUser: 5,
    /** School year 2026/27: events and slots fall between 1 September 2026 and 28 July 2027 (UTC). */
    base: '2026-09-01 07:00:00',
  }
  return {
    ...shape,
    programmes: shape.institutions * shape.programmesPerInstitution,
    bookings: shape.slots * shape.bookingsPerSlot,
    pupils: shape.schools * shape.pupilsPerSchool,
    fundLines: shape.fundReports / shape.reportsPerLine,
    registrationEvents: Math.floor(shape.events / 10),
  }
}

/** SQL expression: a non-negative pseudo-random integer from `x` (an SQL expression) and the seed, per `salt`. */
export const hash = (s: NationalShape, x: string, salt: number) => `(hashint8extended((${x})::bigint, ${s.seed * 1000 + salt}) & 2147483647)`

/** The organisation number of the k-th VO school / k-th institution (MBO, HBO, WO). */
export const schoolOrg = (k: string) => `((${k}) / 4 * 10 + (${k}) % 4)`
export const institutionOrg = (k: string) => `((${k}) / 6 * 10 + 4 + (${k}) % 6)`

/**
 * The region of organisation o: organisations 0 … regions-1 found one region each, the others fall in the
 * smaller of two hashed regions — a skewed spread (region 0 is the largest, about 2 % of the country) like the
 * real networks, which differ in size. Every tenth organisation also takes part in the next region.
 */
export const orgRegion = (s: NationalShape, o: string) =>
  `(CASE WHEN (${o}) < ${s.regions} THEN (${o}) ELSE LEAST(${hash(s, o, 1)} % ${s.regions}, ${hash(s, o, 2)} % ${s.regions}) END)`

export const orgSector = (o: string) => `(CASE WHEN (${o}) % 10 < 4 THEN 'VO' WHEN (${o}) % 10 < 7 THEN 'MBO' WHEN (${o}) % 10 < 9 THEN 'HBO' ELSE 'WO' END)::"Sector"`

/** Unique BRIN of organisation o: 2 digits + 2 letters (unique below 67,600 organisations). */
export const orgBrin = (o: string) => `(lpad(((${o}) / 676 % 100)::text, 2, '0') || chr(65 + (${o}) / 26 % 26) || chr(65 + (${o}) % 26))`

/** Digits as letters (pupil names have no digits): 12 → 'bc'. */
export const letters = (x: string) => `translate((${x})::text, '0123456789', 'abcdefghij')`

/** The user that is ORG_STAFF of organisation o (users: 2 coordinators per region, 1 reporter per board, then staff). */
export const staffUser = (s: NationalShape, o: string) => `('nu' || (${2 * s.regions + s.boards} + (${o})))`
export const reporterUser = (s: NationalShape, b: string) => `('nu' || (${2 * s.regions} + (${b})))`
