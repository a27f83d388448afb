/**
 * Tests that need a real PostgreSQL server (several sessions at once, several processes, a database of their own).
 * On the embedded PGlite (EMBEDDED_DATABASE, `npm test` without DATABASE_URL) they are skipped — and the test output
 * says so: the test's name carries "needs a PostgreSQL server; skipped on the embedded PGlite" and a note with the
 * reason is printed, so a green run on the embedded database is never mistaken for a run of the concurrency tests.
 */
import { it, type TestFunction } from 'vitest'

export const onEmbeddedDatabase = () => !!process.env.EMBEDDED_DATABASE

/** `it`, run only on a PostgreSQL server; `why`: what the embedded database cannot do for this test. */
export function itNeedsPostgres(name: string, why: string, fn: TestFunction, timeout?: number): void {
  const embedded = onEmbeddedDatabase()
  if (embedded) console.info(`[skipped on the embedded PGlite] ${name} — ${why}. Runs with DATABASE_URL (a PostgreSQL server).`)
  it.runIf(!embedded)(`${name} [needs a PostgreSQL server${embedded ? '; skipped on the embedded PGlite' : ''}]`, fn, timeout)
}
