/**
 * Creates a new migration from the difference between prisma/migrations and prisma/schema:
 *   npm run db:migrate:new -- <name>
 * (`prisma migrate dev` needs a live dev database and prompts; this only needs the shadow database, which
 * server/scripts/with-db.ts provides when SHADOW_DATABASE_URL is unset). Serialised by a lock directory so
 * that two people generating migrations on one checkout cannot interleave.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, rmdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const name = (process.argv[2] ?? '').replace(/[^a-z0-9_]/gi, '_').toLowerCase()
if (!name) {
  console.error('usage: npm run db:migrate:new -- <name>')
  process.exit(2)
}
const lock = path.join('prisma', '.migration.lock')
for (let i = 0; ; i++) {
  try {
    mkdirSync(lock)
    break
  } catch {
    if (i > 600) throw new Error(`lock ${lock} held for 10 minutes`)
    execFileSync('sleep', ['1'])
  }
}
try {
  const sql = execFileSync(
    'prisma',
    ['migrate', 'diff', '--from-migrations', 'prisma/migrations', '--to-schema-datamodel', 'prisma/schema', '--script'],
    { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '--require ./server/scripts/prisma-no-linger.cjs', CHECKPOINT_DISABLE: '1' } },
  )
  if (!/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
    console.log('No schema changes: no migration written.')
  } else {
    const stamp = new Date().toISOString().replace(/[-:TZ.]/g, '').slice(0, 14)
    const dir = path.join('prisma', 'migrations', `${stamp}_${name}`)
    mkdirSync(dir, { recursive: true })
    writeFileSync(path.join(dir, 'migration.sql'), sql)
    const lockFile = path.join('prisma', 'migrations', 'migration_lock.toml')
    if (!existsSync(lockFile)) writeFileSync(lockFile, 'provider = "postgresql"\n')
    console.log(`Wrote ${dir}/migration.sql`)
  }
} finally {
  rmdirSync(lock)
}
