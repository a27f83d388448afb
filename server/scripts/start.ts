/**
 * `npm start`: checks the database's migrations, then starts the built app (server/scripts/serve.ts: `next start`
 * with the socket's peer address for the client IP, request ids and graceful shutdown) and the background job
 * worker beside it. Arguments (-H host, -p port) go to serve.ts.
 *
 * Migrations: with committed migrations that the database has not applied it refuses to serve (exit 1, listing
 * them), unless MIGRATE_ON_START=1, which applies them first (`prisma migrate deploy`). Deploys that run several
 * instances apply migrations once, as a release step, and start the instances without MIGRATE_ON_START.
 *
 * Stopping: SIGTERM/SIGINT go to both children, which finish their running request / job; this process exits when
 * both have. If one child dies on its own, the other is stopped too, so a supervisor restarts the pair.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import pg from 'pg'
import { pendingMigrations } from '../db/migrations.ts'

async function checkMigrations(): Promise<void> {
  const url = process.env.DATABASE_URL
  if (!url) return // env.ts's default (embedded demo database) is checked by the demo script itself
  const client = new pg.Client({ connectionString: url })
  let pending: string[]
  try {
    await client.connect()
    pending = await pendingMigrations((sql) => client.query(sql))
  } finally {
    await client.end().catch(() => {})
  }
  if (!pending.length) return
  if (process.env.MIGRATE_ON_START === '1') {
    console.log(`Applying ${pending.length} pending migration(s) (MIGRATE_ON_START=1): ${pending.join(', ')}`)
    const r = spawnSync('npm', ['run', '--silent', 'db:migrate:deploy'], { stdio: 'inherit', env: process.env })
    if (r.status !== 0) {
      console.error('Migrations failed: not serving.')
      process.exit(1)
    }
    return
  }
  console.error(`The database lacks ${pending.length} migration(s): ${pending.join(', ')}.`)
  console.error('Not serving. Run `npm run db:migrate:deploy` first, or start with MIGRATE_ON_START=1.')
  process.exit(1)
}

await checkMigrations()

const children: ChildProcess[] = []
let stopping = false
let exitCode = 0
function run(cmd: string, args: string[], env: Record<string, string> = {}) {
  const child = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  children.push(child)
  child.on('exit', (code, signal) => {
    if (code !== 0) exitCode = code ?? (signal ? 1 : 0)
    if (!stopping) {
      stopping = true
      for (const c of children) if (c !== child && c.exitCode === null) c.kill('SIGTERM')
    }
    if (children.every((c) => c.exitCode !== null || c.signalCode !== null)) process.exit(exitCode)
  })
}
run('tsx', ['server/scripts/serve.ts', ...process.argv.slice(2)], { OVERSTAP_PROCESS: 'web' })
if (existsSync('server/jobs/worker.ts')) run('tsx', ['server/jobs/worker.ts'], { OVERSTAP_PROCESS: 'worker' })
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.on(sig, () => {
    stopping = true
    children.forEach((c) => c.kill(sig))
  })
