/**
 * Checks of the national data set after the bulk load (which ran with user triggers off): what every trigger and
 * foreign key would have enforced row by row, checked once over whole tables. Returns the problems (empty: sound).
 */
import type pg from 'pg'

type Check = { name: string; sql: string }

const CHECKS: Check[] = [
  {
    name: 'Slot.confirmedCount = the bookings that hold a place (PENDING, CONFIRMED, OFFERED), within capacity',
    sql: `SELECT count(*)::int AS n FROM "Slot" s LEFT JOIN (SELECT "slotId", count(*) AS held FROM "SlotBooking" WHERE status IN ('PENDING','CONFIRMED','OFFERED') GROUP BY "slotId") b ON b."slotId" = s.id
          WHERE s."confirmedCount" <> COALESCE(b.held, 0) OR s."confirmedCount" > s.capacity`,
  },
  { name: 'a waiting-list booking has its FIFO time', sql: `SELECT count(*)::int AS n FROM "SlotBooking" WHERE status = 'WAITLISTED' AND "waitlistedAt" IS NULL` },
  {
    name: 'RegistrationSession.confirmedCount = the places of its seats that hold one, within capacity',
    sql: `SELECT count(*)::int AS n FROM "RegistrationSession" s LEFT JOIN (SELECT "sessionId", sum(places) AS held FROM "RegistrationSeat" WHERE status IN ('PENDING','CONFIRMED','OFFERED') GROUP BY "sessionId") b ON b."sessionId" = s.id
          WHERE s."confirmedCount" <> COALESCE(b.held, 0) OR s."confirmedCount" > s.capacity`,
  },
  {
    name: 'fund budget within the allocation per grant and year (trigger fund_budget_within_allocation)',
    sql: `SELECT count(*)::int AS n FROM (SELECT "grantId", year, sum("amountCents") AS budget FROM "FundBudgetLine" GROUP BY 1, 2) l
          LEFT JOIN (SELECT "grantId", year, sum("amountCents") AS alloc FROM "FundAllocation" GROUP BY 1, 2) a USING ("grantId", year) WHERE l.budget > COALESCE(a.alloc, 0)`,
  },
  { name: 'no report on a closed grant (trigger fund_grant_closed_guard)', sql: `SELECT count(*)::int AS n FROM "FundReport" r JOIN "FundBudgetLine" l ON l.id = r."budgetLineId" JOIN "FundGrant" g ON g.id = l."grantId" WHERE g."closedAt" IS NOT NULL` },
  {
    name: 'a booking by a listed pupil (school + address) is tied to that pupil, and only such a booking (trigger participation_booking_rules)',
    sql: `SELECT (SELECT count(*) FROM "SlotBooking" b JOIN "ParticipationPupil" p ON p."schoolId" = b."schoolId" AND p.email = lower(b."pupilEmail")
                  LEFT JOIN "ParticipationBooking" pb ON pb."bookingId" = b.id WHERE pb."bookingId" IS NULL OR pb."pupilId" <> p.id OR pb."slotId" <> b."slotId")::int
               + (SELECT count(*) FROM "ParticipationBooking" pb JOIN "SlotBooking" b ON b.id = pb."bookingId" JOIN "ParticipationPupil" p ON p.id = pb."pupilId"
                  WHERE p."schoolId" IS DISTINCT FROM b."schoolId" OR p.email <> lower(b."pupilEmail"))::int AS n`,
  },
  {
    name: 'a registration by a listed pupil is tied to that pupil, and only such a registration (trigger participation_registrant_tie)',
    sql: `SELECT (SELECT count(*) FROM "Registrant" r JOIN "ParticipationPupil" p ON p."schoolId" = r."schoolId" AND p.email = lower(r.email)
                  LEFT JOIN "ParticipationRegistration" pr ON pr."registrantId" = r.id WHERE pr."registrantId" IS NULL OR pr."pupilId" <> p.id)::int
               + (SELECT count(*) FROM "ParticipationRegistration" pr JOIN "Registrant" r ON r.id = pr."registrantId" JOIN "ParticipationPupil" p ON p.id = pr."pupilId"
                  WHERE p."schoolId" IS DISTINCT FROM r."schoolId" OR p.email <> lower(r.email))::int AS n`,
  },
  { name: 'monitor scores 1–4, four level descriptors', sql: `SELECT ((SELECT count(*) FROM "MonitorScore" WHERE score NOT BETWEEN 1 AND 4) + (SELECT count(*) FROM "MonitorCriterion" WHERE cardinality("levelsNl") <> 4 OR cardinality("levelsEn") <> 4))::int AS n` },
]

/** Every foreign key of the public schema as an anti-join (the load ran without the FK triggers). */
async function foreignKeyChecks(client: pg.Client): Promise<Check[]> {
  const { rows } = await client.query<{ child: string; parent: string; ccols: string[]; pcols: string[]; name: string }>(`
    SELECT c.conname AS name, c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
           (SELECT array_agg(a.attname::text ORDER BY k.i) FROM unnest(c.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) AS ccols,
           (SELECT array_agg(a.attname::text ORDER BY k.i) FROM unnest(c.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n) AS pcols
    FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace ORDER BY 1`)
  return rows.map((r) => {
    const q = (x: string) => `"${x}"`
    const notNull = r.ccols.map((c) => `x.${q(c)} IS NOT NULL`).join(' AND ')
    const match = r.ccols.map((c, i) => `y.${q(r.pcols[i]!)} = x.${q(c)}`).join(' AND ')
    return { name: `foreign key ${r.name}`, sql: `SELECT count(*)::int AS n FROM ${r.child} x WHERE ${notNull} AND NOT EXISTS (SELECT 1 FROM ${r.parent} y WHERE ${match})` }
  })
}

export async function verifyNational(client: pg.Client): Promise<{ problems: string[]; checks: number }> {
  const checks = [...CHECKS, ...(await foreignKeyChecks(client))]
  const problems: string[] = []
  for (const c of checks) {
    const { rows } = await client.query<{ n: number }>(c.sql)
    if (rows[0]!.n !== 0) problems.push(`${c.name}: ${rows[0]!.n} rows`)
  }
  return { problems, checks: checks.length }
}
