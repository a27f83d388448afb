/**
 * Backups. PostgreSQL (DATABASE_URL set): `pg_dump --format=custom` to a file, restored with `pg_restore --clean
 * --if-exists --no-owner` (replaces what the target database has of the same objects). Embedded PGlite (DATABASE_URL
 * unset, the demo's .data/pglite): a gzipped tarball of the data directory (PGlite's dumpDataDir), restored into
 * an empty data directory; the demo must be stopped for either (PGlite has one process per data directory).
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/** pg_dump/pg_restore of the server's major version when installed under /usr/lib/postgresql, else from PATH. */
export function pgTool(name: 'pg_dump' | 'pg_restore'): string {
  const root = '/usr/lib/postgresql'
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a))
    for (const v of versions) if (existsSync(path.join(root, v, 'bin', name))) return path.join(root, v, 'bin', name)
  }
  return name
}

/** libpq does not know Prisma's URL parameters (schema, connection_limit, …): keep only the ones it knows. */
export function libpqUrl(url: string): string {
  const u = new URL(url)
  for (const key of [...u.searchParams.keys()]) if (!['sslmode', 'sslrootcert', 'sslcert', 'sslkey', 'application_name', 'connect_timeout'].includes(key)) u.searchParams.delete(key)
  return u.toString()
}

export function backupPostgres(url: string, file: string): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  execFileSync(pgTool('pg_dump'), ['--format=custom', '--no-owner', '--file', file, '--dbname', libpqUrl(url)], { stdio: ['ignore', 'inherit', 'inherit'] })
}

export function restorePostgres(url: string, file: string): void {
  execFileSync(pgTool('pg_restore'), ['--clean', '--if-exists', '--no-owner', '--exit-on-error', '--single-transaction', '--dbname', libpqUrl(url), file], { stdio: ['ignore', 'inherit', 'inherit'] })
}

export async function backupPglite(dataDir: string, file: string): Promise<void> {
  if (!existsSync(dataDir)) throw new Error(`no embedded database at ${dataDir}`)
  const { PGlite } = await import('@electric-sql/pglite')
  const db = new PGlite(dataDir)
  const dump = await db.dumpDataDir('gzip')
  await db.close()
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()))
}

export async function restorePglite(dataDir: string, file: string): Promise<void> {
  if (existsSync(dataDir) && readdirSync(dataDir).length) throw new Error(`${dataDir} is not empty: move it aside first (it is what the backup replaces)`)
  mkdirSync(dataDir, { recursive: true })
  const { PGlite } = await import('@electric-sql/pglite')
  const db = new PGlite({ dataDir, loadDataDir: new Blob([readFileSync(file)]) })
  await db.query('SELECT 1')
  await db.close()
}
