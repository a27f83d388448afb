/**
 * Loads the national data set (./steps.ts) into an empty, migrated database: one INSERT … SELECT FROM
 * generate_series per table, computed in the server (no rows travel over the wire). For speed the session runs with
 * `session_replication_role = replica` — user triggers and foreign-key triggers off, CHECK constraints still on —
 * and the secondary indexes of the large tables are dropped before their load and rebuilt after it (a sorted build;
 * rebuilding a unique index re-checks its uniqueness). ./verify.ts then checks, over whole tables, what the
 * triggers and foreign keys would have checked row by row. Only for a throwaway benchmark database: it refuses a
 * database that already has regions, organisations or users.
 */
import pg from 'pg'
import { nationalShape, type NationalOptions, type NationalShape } from './shape.ts'
import { nationalSteps } from './steps.ts'
import { verifyNational } from './verify.ts'

/** Tables whose secondary indexes are dropped for the load and rebuilt after it. */
const REINDEXED = ['SlotBooking', 'Slot', 'ParticipationBooking', 'ParticipationPupil', 'CalendarEvent', 'CalendarEventRegion', 'CalendarEventOrganiser', 'AuditLog', 'TransitionRow', 'Notification', 'Registrant', 'RegistrationSeat', 'FundReport']

export type NationalTiming = { table: string; rows: number; ms: number }
export type NationalSeedResult = { shape: NationalShape; timings: NationalTiming[]; totalMs: number; verifyMs: number; checks: number; problems: string[] }

/** Tables each step writes (its own table first), for the row counts. */
function writtenTables(sql: string[]): string[] {
  return sql.map((q) => /INSERT INTO "([A-Za-z]+)"/.exec(q)![1]!)
}

export async function seedNational(url: string, options: NationalOptions, log: (line: string) => void = console.log): Promise<NationalSeedResult> {
  const shape = nationalShape(options)
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows: used } = await client.query<{ n: number }>(`SELECT ((SELECT count(*) FROM "Region") + (SELECT count(*) FROM "Organisation") + (SELECT count(*) FROM "User"))::int AS n`)
    if (used[0]!.n > 0) throw new Error('seed:national loads only into an empty, migrated database (this one has regions, organisations or users): use --fresh')
    log(`national data set: seed ${shape.seed}, scale ${shape.scale} — session_replication_role = replica (user and foreign-key triggers off for this session on this throwaway database; checked after the load)`)
    await client.query(`SET session_replication_role = replica; SET synchronous_commit = off; SET maintenance_work_mem = '256MB'; SET work_mem = '64MB'`)
    const timings: NationalTiming[] = []
    const t0 = performance.now()
    for (const step of nationalSteps(shape)) {
      const t = performance.now()
      const tables = writtenTables(step.sql)
      const reindex = tables.filter((x) => REINDEXED.includes(x))
      const indexes = reindex.length
        ? (await client.query<{ indexname: string; indexdef: string }>(
            `SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
               AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.connamespace = 'public'::regnamespace)`,
            [reindex],
          )).rows
        : []
      for (const i of indexes) await client.query(`DROP INDEX "${i.indexname}"`)
      let rows = 0
      for (const sql of step.sql) rows += (await client.query(sql)).rowCount ?? 0
      for (const i of indexes) await client.query(i.indexdef)
      await client.query(tables.map((x) => `ANALYZE "${x}"`).join('; '))
      const ms = performance.now() - t
      timings.push({ table: step.table, rows, ms })
      log(`  ${step.table.padEnd(22)} ${rows.toLocaleString('en-US').padStart(10)} rows ${(ms / 1000).toFixed(1).padStart(7)} s${indexes.length ? ` (${indexes.length} indexes rebuilt)` : ''}${tables.length > 1 ? `  [${tables.join(', ')}]` : ''}`)
    }
    const totalMs = performance.now() - t0
    await client.query('SET session_replication_role = DEFAULT')
    const tv = performance.now()
    const { problems, checks } = await verifyNational(client)
    const verifyMs = performance.now() - tv
    log(`  total ${timings.reduce((a, t) => a + t.rows, 0).toLocaleString('en-US')} rows in ${(totalMs / 1000).toFixed(1)} s; ${checks} checks (triggers' rules, foreign keys) in ${(verifyMs / 1000).toFixed(1)} s: ${problems.length ? `${problems.length} FAILED` : 'all pass'}`)
    for (const p of problems) log(`  FAILED: ${p}`)
    return { shape, timings, totalMs, verifyMs, checks, problems }
  } finally {
    await client.end()
  }
}

/**
 * The tenants the benchmarks measure in the national data set: its largest region (most published events), the
 * region's first coordinator and fund grant, a reporter of one of the grant's boards, the decaan (ORG_STAFF) of the
 * region's VO school with the most slot bookings and the publisher of its institution with the most slots.
 */
export type NationalTenants = {
  regionId: string
  regionSlug: string
  regionEvents: number
  regionSlots: number
  coordinatorId: string
  grantId: string
  boardId: string
  reporterId: string
  decaanId: string
  publisherId: string
}

export async function largestRegion(client: pg.Client | pg.Pool): Promise<NationalTenants> {
  const { rows } = await client.query<{ regionId: string; slug: string; n: number; slots: number; userId: string }>(`
    SELECT r."regionId", g.slug, count(*)::int AS n,
           (SELECT count(*)::int FROM "Slot" s WHERE s."organisationId" IN (SELECT m."organisationId" FROM "OrganisationRegion" m WHERE m."regionId" = r."regionId")) AS slots,
           (SELECT m."userId" FROM "RoleMembership" m WHERE m."regionId" = r."regionId" AND m.role = 'REGION_COORDINATOR' ORDER BY m."userId" LIMIT 1) AS "userId"
    FROM "CalendarEventRegion" r JOIN "Region" g ON g.id = r."regionId" WHERE r.decision = 'PUBLISHED' AND g.slug LIKE 'nat-%' GROUP BY r."regionId", g.slug ORDER BY n DESC, r."regionId" LIMIT 1`)
  if (!rows[0]) throw new Error('no national data set in this database')
  const regionId = rows[0].regionId
  const one = async <T>(what: string, sql: string, params: unknown[]): Promise<T> => {
    const r = (await client.query(sql, params)).rows[0] as T | undefined
    if (!r) throw new Error(`national data set: no ${what} in region ${rows[0]!.slug}`)
    return r
  }
  const fund = await one<{ grantId: string; boardId: string; reporterId: string }>(
    'fund grant with a board reporter',
    `SELECT l."grantId", lb."boardId", m."userId" AS "reporterId"
       FROM "FundGrant" g JOIN "FundBudgetLine" l ON l."grantId" = g.id JOIN "FundBudgetLineBoard" lb ON lb."budgetLineId" = l.id
       JOIN "RoleMembership" m ON m."boardId" = lb."boardId" AND m.role = 'BOARD_REPORTER'
      WHERE g."regionId" = $1 ORDER BY g.id, lb."boardId", m."userId" LIMIT 1`,
    [regionId],
  )
  const decaan = await one<{ userId: string }>(
    'decaan',
    `SELECT m."userId" FROM "OrganisationRegion" r JOIN "Organisation" o ON o.id = r."organisationId" AND o.sector = 'VO'
       JOIN "RoleMembership" m ON m."organisationId" = o.id AND m.role = 'ORG_STAFF'
      WHERE r."regionId" = $1 ORDER BY (SELECT count(*) FROM "SlotBooking" b WHERE b."schoolId" = o.id) DESC, m."userId" LIMIT 1`,
    [regionId],
  )
  const publisher = await one<{ userId: string }>(
    'institution publisher',
    `SELECT m."userId" FROM "OrganisationRegion" r JOIN "RoleMembership" m ON m."organisationId" = r."organisationId" AND m.role = 'INSTITUTION_PUBLISHER'
      WHERE r."regionId" = $1 ORDER BY (SELECT count(*) FROM "Slot" s WHERE s."organisationId" = r."organisationId") DESC, m."userId" LIMIT 1`,
    [regionId],
  )
  return {
    regionId,
    regionSlug: rows[0].slug,
    regionEvents: rows[0].n,
    regionSlots: rows[0].slots,
    coordinatorId: rows[0].userId,
    ...fund,
    decaanId: decaan.userId,
    publisherId: publisher.userId,
  }
}
