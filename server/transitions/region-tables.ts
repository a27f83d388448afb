/**
 * A region's disclosure-protected table set, computed when its figures change instead of on every request.
 *
 * The set (server/transitions/disclosure.ts: every cohort year's flow and indicators, protected as an aggregate over
 * the region's organisations) is a pure function of the region's contributions and the rules. It is stored in
 * "TransitionRegionTables" under (region, key) — the key is a hash of the rules (TRANSITIONS_DISCLOSURE,
 * TRANSITIONS_MIN_CONTRIBUTORS, TRANSITIONS_DOMINANCE), the disclosure code and the contributions' SQL, so a changed
 * setting or release never reads a set computed another way — together with the region's data version it was
 * computed from. That version ("TransitionRegionVersion") is bumped by triggers in the same transaction as every
 * write that changes the region's contributions (import, replace, delete, consent, withdrawal, moving a dataset; also
 * seeds and cascades), see migration 20261130204117_transition_region_tables.
 *
 * The app's own changes (import, consent, withdrawal, deletion) compute the new set right after their commit
 * (refreshRegionTables). A request is one statement: the region and the stored set of its current version and this
 * key. Only when there is none (after another writer's change, other settings or a new release) a second statement
 * reads the contributions together with the version they are of (one statement, one snapshot); the set is computed
 * here and stored with that version, never over a newer one. So
 * a read after a commit never gets the set from before it (the version it reads is the committed one, and a set is
 * only used for the version it was computed from), and every app instance reads the same stored sets.
 */
import { createHash } from 'node:crypto'
import { sqlOf, type Db, type Sql } from '../db/client.ts'
import { disclosureCode, tableSet, type Contribution, type Counts, type FlowTable, type Indicator, type Protection, type TableSet } from './disclosure.ts'
import { logger } from '../lib/logger.ts'
import { disclosure } from './config.ts'
import type { Destination, OriginTrack } from './schema.ts'
import type { Masked } from './suppression.ts'

/** A region's figures: protected as an aggregate over its organisations. */
export type RegionProtection = Extract<Protection, { kind: 'aggregate' }>

type ContributionRow = { organisationId: string; cohortYear: number; track: OriginTrack; destination: Destination } & Counts

/**
 * What each organisation contributes to a region (`$1`): its region-shared rows, each organisation's data for a
 * cohort counted once — its latest dataset (newest rows) for that cohort and source — however often it was uploaded.
 */
export const CONTRIBUTIONS_SQL = `
    WITH latest AS (
      SELECT DISTINCT ON (d."organisationId", r."cohortYear", d."source") d."id" AS "datasetId", r."cohortYear"
      FROM "TransitionRow" r JOIN "TransitionDataset" d ON d."id" = r."datasetId"
      WHERE d."sharing" = 'REGION' AND d."regionId" = $1
      GROUP BY d."id", d."organisationId", r."cohortYear", d."source"
      ORDER BY d."organisationId", r."cohortYear", d."source", max(r."id") DESC
    )
    SELECT d."organisationId", r."cohortYear", r."originTrack"::text AS "track", r."destinationSector"::text AS "destination",
      sum(r."started")::int AS "started", sum(r."enrolledAfterYear1")::int AS "enrolledAfterYear1", sum(r."switched")::int AS "switched",
      sum(r."droppedOut")::int AS "droppedOut", sum(r."diplomaNominal")::int AS "diplomaNominal"
    FROM latest l
    JOIN "TransitionRow" r ON r."datasetId" = l."datasetId" AND r."cohortYear" = l."cohortYear"
    JOIN "TransitionDataset" d ON d."id" = r."datasetId"
    GROUP BY d."organisationId", r."cohortYear", r."originTrack", r."destinationSector"`

const toContributions = (rows: readonly ContributionRow[]): Contribution[] =>
  rows.map(({ organisationId, cohortYear, track, destination, ...counts }) => ({ organisationId, cohortYear, track, destination, counts }))

/** The stored form of a table set (JSON: the flows as [year, flow] pairs). */
type Stored = { cohorts: number[]; flows: [number, FlowTable<Masked>][]; indicators: Indicator<Masked>[] }
const FORMAT = 1

const toStored = (set: TableSet<Masked>): Stored => ({ cohorts: set.cohorts, flows: [...set.flows], indicators: set.indicators })
const fromStored = (s: Stored): TableSet<Masked> => ({ cohorts: s.cohorts, flows: new Map(s.flows), indicators: s.indicators })

const code = createHash('sha256').update(`${FORMAT}\n${CONTRIBUTIONS_SQL}\n${disclosureCode}`).digest('hex')

/** The key a set is stored under: everything besides the data that decides it (rules, disclosure code, SQL, format). */
export function tablesKey(protection: RegionProtection): string {
  const { threshold, minPercent, maxPercent, minContributors, dominance } = protection.rules
  return createHash('sha256').update(JSON.stringify([code, threshold, minPercent, maxPercent, minContributors, dominance])).digest('hex').slice(0, 32)
}

// The region, and the stored set of the region's current version (none: the first read after a change).
const READ_SQL = `
  SELECT (SELECT json_build_object('id', g."id", 'name', g."name") FROM "Region" g WHERE g."id" = $1) AS "region",
         (SELECT t."tables" FROM "TransitionRegionTables" t WHERE t."regionId" = $1 AND t."key" = $2 AND t."version" = v."version") AS "tables"
  FROM (SELECT coalesce((SELECT "version" FROM "TransitionRegionVersion" WHERE "regionId" = $1), 0) AS "version") v`

// The contributions and the version they are of, in one statement (one snapshot).
const COMPUTE_SQL = `
  SELECT coalesce((SELECT "version" FROM "TransitionRegionVersion" WHERE "regionId" = $1), 0)::text AS "version",
         (SELECT coalesce(json_agg(x), '[]') FROM (${CONTRIBUTIONS_SQL}) x) AS "contributions"`

// Stored for the version it was computed from; never over a set of a newer version. Sets of older versions under
// other keys (rules or code of before) go at the same time.
const STORE_SQL = `
  WITH gone AS (DELETE FROM "TransitionRegionTables" WHERE "regionId" = $1 AND "key" <> $2 AND "version" < $3::bigint)
  INSERT INTO "TransitionRegionTables" ("regionId", "key", "version", "tables") VALUES ($1, $2, $3::bigint, $4::json)
  ON CONFLICT ("regionId", "key") DO UPDATE SET "version" = EXCLUDED."version", "tables" = EXCLUDED."tables", "computedAt" = CURRENT_TIMESTAMP
  WHERE "TransitionRegionTables"."version" < EXCLUDED."version"`

type ReadRow = { region: { id: string; name: string } | null; tables: Stored | null }

/**
 * The region (null when unknown) and its protected table set: the stored one of the current version (one
 * statement), or — the first read after a change — computed from the contributions and stored for the version read
 * with them.
 */
export async function regionTables(db: Db, regionId: string, protection: RegionProtection): Promise<{ region: { id: string; name: string } | null; set: TableSet<Masked>; cached: boolean }> {
  const sql = sqlOf(db)
  const key = tablesKey(protection)
  const { rows } = await sql.query<ReadRow>(READ_SQL, [regionId, key])
  const { region, tables } = rows[0]!
  if (tables) return { region, set: fromStored(tables), cached: true }
  if (!region) return { region, set: tableSet([], protection), cached: false }
  const computed = (await sql.query<{ version: string; contributions: ContributionRow[] }>(COMPUTE_SQL, [regionId])).rows[0]!
  const set = tableSet(toContributions(computed.contributions), protection)
  await storeRegionTables(sql, regionId, key, computed.version, set)
  return { region, set, cached: false }
}

/** Stores a set computed from the region's data of `version` (a no-op when a set of that or a newer version is there). */
export async function storeRegionTables(sql: Sql, regionId: string, key: string, version: string, set: TableSet<Masked>): Promise<void> {
  await sql.query(STORE_SQL, [regionId, key, version, JSON.stringify(toStored(set))])
}

/**
 * After a committed change (consent, withdrawal, import, deletion): the sets of these regions computed now, so that
 * the first reader does not wait for them. Best effort: on a failure the next read computes them.
 */
export async function refreshRegionTables(db: Db, regionIds: readonly (string | null | undefined)[]): Promise<void> {
  const protection: RegionProtection = { kind: 'aggregate', rules: disclosure() }
  for (const regionId of new Set(regionIds))
    if (regionId) await regionTables(db, regionId, protection).catch((err: unknown) => logger.warn({ err, regionId }, 'transition region tables not refreshed; the next read computes them'))
}

/** The same set computed from the region's contributions now, without the store (for tests and checks). */
export async function freshRegionTables(sql: Sql, regionId: string, protection: RegionProtection): Promise<TableSet<Masked>> {
  const { rows } = await sql.query<ContributionRow>(CONTRIBUTIONS_SQL, [regionId])
  return tableSet(toContributions(rows), protection)
}
