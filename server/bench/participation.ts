/**
 * Participation benchmark: the reach report over a region of 40 schools × 1,000 pupils (one school year, every
 * pupil with 0–4 bookings over 200 slots of mbo and hbo programmes), through the tRPC HTTP endpoint — the
 * coordinator's region view (half the schools consenting, the rest aggregated, all suppressed) and a decaan's own
 * school — next to an independent hand-written floor: the confirmed, not-absent bookings counted per pupil over the
 * whole table, joined to the region's pupils and grouped (not the app's statement). The school view's figures are checked against the floor's.
 */
import { randomUUID } from 'node:crypto'
import { buildOrganisation, buildRegion, buildUser } from '../db/factories.ts'
import { schoolYearOf } from '../participation/school-year.ts'
import { compare, sameRows, type BenchContext, type BenchResult } from './harness.ts'

const SCHOOLS = 40
const PUPILS = 1_000
const SLOTS = 200

async function seed(ctx: BenchContext) {
  const region = await buildRegion(ctx.db)
  const schoolIds: string[] = []
  for (let i = 0; i < SCHOOLS; i++) schoolIds.push((await buildOrganisation(ctx.db, { regionIds: [region.id], sector: 'VO' })).id)
  const mbo = await buildOrganisation(ctx.db, { regionIds: [region.id], sector: 'MBO' })
  const hbo = await buildOrganisation(ctx.db, { regionIds: [region.id], sector: 'HBO' })
  const schoolYear = schoolYearOf(new Date())
  const tag = randomUUID().slice(0, 8)
  const client = await ctx.pool.connect()
  try {
    // Seeding only: triggers off (the booking rules would look up every inserted booking's pupil one by one).
    await client.query('SET session_replication_role = replica')
    await client.query(
      `INSERT INTO "SlotProgramme" (id, "organisationId", name, sector, level, code, "createdAt", "updatedAt")
       VALUES ($1 || '-pm', $2, 'Meeloop', 'MBO', 'MBO_4', '25001', now(), now()), ($1 || '-ph', $3, 'Proefstuderen', 'HBO', 'BACHELOR', '34001', now(), now())`,
      [tag, mbo.id, hbo.id],
    )
    await client.query(
      `INSERT INTO "Slot" (id, "programmeId", "organisationId", "startsAt", "endsAt", location, capacity, "confirmedCount", "bookingOpensAt", "bookingClosesAt", "audienceLevels", "updatedAt")
       SELECT $1 || '-s' || g, $1 || CASE WHEN g % 2 = 0 THEN '-pm' ELSE '-ph' END, CASE WHEN g % 2 = 0 THEN $2 ELSE $3 END,
              now() - interval '10 days' + g * interval '1 hour', now() - interval '10 days' + g * interval '1 hour' + interval '4 hours', 'Campus', 2000, 0,
              now() - interval '60 days', now() - interval '11 days', ARRAY['HAVO','VWO']::"PupilLevel"[], now()
       FROM generate_series(0, ${SLOTS - 1}) g`,
      [tag, mbo.id, hbo.id],
    )
    await client.query(
      `INSERT INTO "ParticipationPupil" (id, "schoolId", "schoolYear", name, email, level, year, "className", "updatedAt")
       SELECT $1 || '-u' || g, ($2::text[])[1 + g / ${PUPILS}], $3, 'Leerling ' || g, 'l' || g || '@' || $1 || '.example.test',
              (ARRAY['VMBO_GT','HAVO','VWO']::"PupilLevel"[])[1 + g % 3], 3 + g % 3, 'K' || (g % 8), now()
       FROM generate_series(0, ${SCHOOLS * PUPILS - 1}) g`,
      [tag, schoolIds, schoolYear],
    )
    // Pupil g has g % 5 bookings (0–4), on slots spread over mbo and hbo; most confirmed, some absent or cancelled.
    await client.query(
      `WITH b AS (
         SELECT g, k, $1 || '-b' || g || '-' || k AS id, $1 || '-s' || ((g * 7 + k * 13) % ${SLOTS}) AS slot FROM generate_series(0, ${SCHOOLS * PUPILS - 1}) g, generate_series(1, 4) k WHERE k <= g % 5)
       INSERT INTO "SlotBooking" (id, "slotId", "organisationId", "programmeId", "schoolId", level, year, status, attendance, "updatedAt")
       SELECT b.id, b.slot, s."organisationId", s."programmeId", ($2::text[])[1 + b.g / ${PUPILS}], 'HAVO', 4,
              (ARRAY['CONFIRMED','CONFIRMED','CONFIRMED','CANCELLED']::"SlotBookingStatus"[])[1 + (b.g + b.k) % 4],
              (ARRAY['PRESENT', NULL, 'ABSENT', 'PRESENT', NULL]::"SlotAttendance"[])[1 + (b.g * 3 + b.k) % 5], now()
       FROM b JOIN "Slot" s ON s.id = b.slot`,
      [tag, schoolIds],
    )
    await client.query(
      `INSERT INTO "ParticipationBooking" ("bookingId", "pupilId", "schoolId", "slotId")
       SELECT $1 || '-b' || g || '-' || k, $1 || '-u' || g, ($2::text[])[1 + g / ${PUPILS}], $1 || '-s' || ((g * 7 + k * 13) % ${SLOTS}) FROM generate_series(0, ${SCHOOLS * PUPILS - 1}) g, generate_series(1, 4) k WHERE k <= g % 5`,
      [tag, schoolIds],
    )
    await client.query(`INSERT INTO "ParticipationReachConsent" ("schoolId") SELECT unnest(($1::text[])[1:${SCHOOLS / 2}])`, [schoolIds])
    await client.query('SET session_replication_role = DEFAULT')
  } finally {
    client.release()
  }
  await ctx.pool.query('ANALYZE "ParticipationPupil"; ANALYZE "ParticipationBooking"; ANALYZE "SlotBooking"; ANALYZE "Slot"; ANALYZE "SlotProgramme"')
  const coordinator = await buildUser(ctx.db, { roles: [{ role: 'REGION_COORDINATOR', regionId: region.id }] })
  const decaan = await buildUser(ctx.db, { roles: [{ role: 'ORG_STAFF', organisationId: schoolIds[0]! }] })
  return { regionId: region.id, schoolIds, schoolYear, coordinatorId: coordinator.id, decaanId: decaan.id }
}

export async function benchParticipation(ctx: BenchContext): Promise<BenchResult[]> {
  const s = await seed(ctx)
  const coordinator = ctx.client(s.coordinatorId)
  const decaan = ctx.client(s.decaanId)
  // The floor, written independently: per pupil a correlated count of confirmed, not-absent bookings per kind,
  // then per school × level × leerjaar the pupils and those with at least 1, 2, 3 (all kinds, mbo, ho).
  const floorSql = `
    WITH n AS (
      SELECT pb."pupilId", count(*) AS n_all, count(*) FILTER (WHERE pr.sector = 'MBO') AS n_mbo
      FROM "ParticipationBooking" pb JOIN "SlotBooking" b ON b.id = pb."bookingId" JOIN "SlotProgramme" pr ON pr.id = b."programmeId"
      WHERE b.status = 'CONFIRMED' AND (b.attendance IS NULL OR b.attendance <> 'ABSENT') GROUP BY pb."pupilId")
    SELECT p."schoolId", p.level::text AS level, p.year, count(*)::int AS pupils,
           count(*) FILTER (WHERE n.n_all >= 1)::int AS a1, count(*) FILTER (WHERE n.n_all >= 2)::int AS a2, count(*) FILTER (WHERE n.n_all >= 3)::int AS a3,
           count(*) FILTER (WHERE n.n_mbo >= 1)::int AS m1, count(*) FILTER (WHERE n.n_all - n.n_mbo >= 1)::int AS h1
    FROM "ParticipationPupil" p LEFT JOIN n ON n."pupilId" = p.id
    WHERE p."schoolYear" = $1 AND p."schoolId" = ANY($2::text[])
    GROUP BY p."schoolId", p.level, p.year`
  const floor = (schoolIds: string[]) => () => ctx.pool.query(floorSql, [s.schoolYear, schoolIds])

  // The school view's raw figures equal the floor's.
  const own = await decaan.participation.reach.query({ schoolId: s.schoolIds[0]!, schoolYear: s.schoolYear })
  const floorOwn = (await ctx.pool.query<{ schoolId: string; level: string; year: number; pupils: number; a1: number; a2: number; a3: number }>(floorSql, [s.schoolYear, [s.schoolIds[0]!]])).rows
  sameRows(
    'participation.reach (school) vs floor',
    own.rows.filter((r) => r.kind === 'ALL').map((r) => [r.level, r.year, r.pupils, r.atLeast1, r.atLeast2, r.atLeast3]),
    floorOwn.map((r) => [r.level, r.year, r.pupils, r.a1, r.a2, r.a3]),
  )
  const region = await compare(
    `participation.reach, region of ${SCHOOLS} schools × ${PUPILS.toLocaleString('en')} pupils (${SCHOOLS / 2} consenting)`,
    () => coordinator.participation.reach.query({ regionId: s.regionId, schoolYear: s.schoolYear }),
    floor(s.schoolIds),
    30,
  )
  const school = await compare('participation.reach, one school (decaan, raw)', () => decaan.participation.reach.query({ schoolId: s.schoolIds[0]!, schoolYear: s.schoolYear }), floor([s.schoolIds[0]!]), 50)
  return [
    { ...region, notes: { note: 'suppressed, consenting schools per school, others aggregated; over HTTP' } },
    { ...school, notes: { note: 'over HTTP' } },
  ]
}
