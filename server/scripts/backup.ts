/**
 * `npm run db:backup -- [file]`: PostgreSQL (DATABASE_URL) → pg_dump custom format (default
 * backups/overstap-<UTC timestamp>.dump); embedded PGlite (DATABASE_URL unset) → a gzipped tarball of .data/pglite
 * (default backups/overstap-pglite-<timestamp>.tar.gz; stop the demo first). See server/db/backup.ts.
 */
import { backupPglite, backupPostgres } from '../db/backup.ts'

const stamp = new Date().toISOString().replace(/[:.]/g, '-')
const url = process.env.DATABASE_URL
const file = process.argv[2] ?? (url ? `backups/overstap-${stamp}.dump` : `backups/overstap-pglite-${stamp}.tar.gz`)
if (url) backupPostgres(url, file)
else await backupPglite(process.env.PGLITE_DATA_DIR ?? '.data/pglite', file)
console.log(`backup written: ${file}`)
