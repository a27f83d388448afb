/**
 * `npm run test:e2e`: Playwright against the production build, on a fresh migrated database (created on
 * DATABASE_URL's server and dropped afterwards; on the embedded PGlite the in-memory database itself).
 * Extra arguments go to `playwright test`.
 */
import { spawnSync } from 'node:child_process'
import { freshDatabase } from '../db/fresh-database.ts'

const { url, drop } = await freshDatabase(process.env.DATABASE_URL!, 'overstap_e2e')
const r = spawnSync('playwright', ['test', ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, DATABASE_URL: url } })
await drop()
process.exit(r.status ?? 1)
