/**
 * Which committed migrations (prisma/migrations/<name>/migration.sql) the database has not applied: read from
 * Prisma's `_prisma_migrations` table. Used by server/scripts/start.ts (refuse to serve, or apply them with
 * MIGRATE_ON_START=1) and by /api/ready.
 */
import { readdirSync, existsSync } from 'node:fs'
import path from 'node:path'

export const MIGRATIONS_DIR = path.join(process.cwd(), 'prisma', 'migrations')

/** Names of the committed migrations, in order. */
export function committedMigrations(dir = MIGRATIONS_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
}

type Query = (sql: string) => Promise<{ rows: { migration_name: string }[] } | { migration_name: string }[]>

/** Committed migrations not (successfully) applied to the database behind `query`; all of them on an empty database. */
export async function pendingMigrations(query: Query, dir = MIGRATIONS_DIR): Promise<string[]> {
  let applied: Set<string>
  try {
    const res = await query(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)
    applied = new Set((Array.isArray(res) ? res : res.rows).map((r) => r.migration_name))
  } catch (err) {
    // No migrations table yet: nothing is applied. Anything else (database down) is the caller's to handle.
    if ((err as { code?: string }).code === '42P01' || /_prisma_migrations.*does not exist/.test(String((err as Error).message))) applied = new Set()
    else throw err
  }
  return committedMigrations(dir).filter((m) => !applied.has(m))
}
