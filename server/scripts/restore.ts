/**
 * `npm run db:restore -- <file>`: PostgreSQL (DATABASE_URL) ← a pg_dump custom-format file (pg_restore --clean
 * --if-exists in one transaction: the objects of the backup replace the target's); embedded PGlite (DATABASE_URL
 * unset) ← a data-directory tarball into an empty .data/pglite (move the old one aside; stop the demo first).
 * Afterwards start the app as usual: it refuses to serve if the backup predates migrations (MIGRATE_ON_START=1).
 */
import { restorePglite, restorePostgres } from '../db/backup.ts'

const file = process.argv[2]
if (!file) {
  console.error('usage: npm run db:restore -- <backup file>')
  process.exit(2)
}
const url = process.env.DATABASE_URL
if (url) restorePostgres(url, file)
else await restorePglite(process.env.PGLITE_DATA_DIR ?? '.data/pglite', file)
console.log(`restored from ${file}`)
