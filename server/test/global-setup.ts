/**
 * Integration tests run against a real PostgreSQL: DATABASE_URL (CI: the local PostgreSQL 15), or the embedded
 * PGlite that `npm run test:integration` starts when it is unset. On a real server each run gets a fresh database
 * (created, migrated with the committed migrations, dropped afterwards), so runs never see old data.
 */
import type { TestProject } from 'vitest/node'
import pg from 'pg'
import { freshDatabase } from '../db/fresh-database.ts'
import { clockShiftDays } from './clock-shift.ts'

/**
 * Clock-shift mode (server/test/clock-shift.ts) moves PostgreSQL's clock too: `now()` and `clock_timestamp()` in
 * the test database are shadowed by functions in schema public that add the same shift, and the database's
 * search_path puts public before pg_catalog, so a trigger or query that decides by the database clock sees the
 * same "now" as the JavaScript code (column defaults written as CURRENT_TIMESTAMP keep the real time; the app
 * compares no deadline with them).
 */
async function shiftDatabaseClock(url: string, days: number) {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    const shift = `make_interval(days => ${Math.trunc(days)})`
    await c.query(`CREATE OR REPLACE FUNCTION public.now() RETURNS timestamptz LANGUAGE sql STABLE AS 'SELECT pg_catalog.now() + ${shift}'`)
    await c.query(`CREATE OR REPLACE FUNCTION public.clock_timestamp() RETURNS timestamptz LANGUAGE sql VOLATILE AS 'SELECT pg_catalog.clock_timestamp() + ${shift}'`)
    const { rows } = await c.query<{ db: string }>('SELECT current_database() AS db')
    await c.query(`ALTER DATABASE "${rows[0]!.db}" SET search_path = "$user", public, pg_catalog`)
    // The embedded PGlite has one backend for every connection: set it there too (a real server starts new ones).
    if (process.env.EMBEDDED_DATABASE) await c.query(`SET search_path = "$user", public, pg_catalog`)
  } finally {
    await c.end()
  }
}

export default async function setup(project: TestProject) {
  const base = process.env.DATABASE_URL
  if (!base) throw new Error('DATABASE_URL is not set: run through `npm run test:integration`')
  const { url, drop } = await freshDatabase(base, 'overstap_test')
  if (clockShiftDays !== 0) await shiftDatabaseClock(url, clockShiftDays)
  process.env.DATABASE_URL = url
  project.provide('databaseUrl', url)
  return drop
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string
  }
}
