/**
 * `npm run demo`: the app with demo data on http://localhost:3000.
 * Runs inside server/scripts/with-db.ts (the embedded PostgreSQL under .data/ when DATABASE_URL is unset):
 * builds a demo build (the only kind of build with one-click demo sign-in), applies the migrations, seeds,
 * prints the demo sign-ins and serves the app (plus the background worker).
 *
 * `npm run demo -- --reset` empties the demo database first, so the demo data is seeded anew relative to today.
 * `npm run demo -- --smoke` (or OVERSTAP_DEMO_SMOKE=1) does all of that, checks that the public home and the
 * sign-in page answer 200, and stops by itself: CI runs the README's first command this way.
 */
import { execFileSync, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'

const PORT = process.env.PORT ?? '3000'
const RESET = process.argv.includes('--reset')
const SMOKE = process.argv.includes('--smoke') || process.env.OVERSTAP_DEMO_SMOKE === '1'
const DIST = '.next-demo'

function secret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET
  mkdirSync('.data', { recursive: true })
  const file = '.data/demo-auth-secret'
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 })
  return readFileSync(file, 'utf8').trim()
}

const env: NodeJS.ProcessEnv = {
  ...process.env,
  NEXT_DIST_DIR: DIST,
  OVERSTAP_DEMO_BUILD: '1',
  AUTH_SECRET: secret(),
  AUTH_URL: process.env.AUTH_URL ?? `http://localhost:${PORT}`,
  // The demo runs the app: no type check in its build (about a minute; `npm test` and `npm run build` check types).
  NEXT_SKIP_TYPECHECK: '1',
  NEXT_TELEMETRY_DISABLED: '1',
  CHECKPOINT_DISABLE: '1',
}
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: 'inherit', env })

console.log('» Building the demo (next build)…')
run('next', ['build'])
if (RESET) {
  console.log('» Emptying the demo database (--reset)…')
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
  await client.connect()
  await client.query('DROP SCHEMA public CASCADE')
  await client.query('CREATE SCHEMA public')
  await client.end()
}
console.log('» Applying migrations…')
run('npm', ['run', '--silent', 'db:migrate:deploy'])
console.log('» Seeding demo data…')
run('npm', ['run', '--silent', 'db:seed'])

console.log(`
Overstap demo: http://localhost:${PORT}/signin
One-click demo sign-ins on that page (demo builds only):
  Platformbeheerder ............ beheer@demo.overstap.nl
  Regiocoördinator Twente ...... coordinator.twente@demo.overstap.nl
  Regiocoördinator Utrecht ..... coordinator.utrecht@demo.overstap.nl
  Rapporteur schoolbestuur ..... bestuur@demo.overstap.nl
  Decaan (Stedelijk Lyceum) .... decaan@demo.overstap.nl
  Aanbieder ROC van Twente ..... roc@demo.overstap.nl
  Aanbieder Saxion ............. saxion@demo.overstap.nl
E-mail (magic links, confirmations) goes to ${process.env.SMTP_URL ? process.env.SMTP_URL : '.data/outbox/ and this log (no SMTP_URL set)'}.
`)
const child = spawn('tsx', ['server/scripts/start.ts', '-H', 'localhost', '-p', PORT], { stdio: 'inherit', env })
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig))
child.on('exit', (code) => process.exit(SMOKE ? 1 : (code ?? 0)))

if (SMOKE) {
  const base = `http://localhost:${PORT}`
  const deadline = Date.now() + 120_000
  const answers = async (path: string) => {
    const res = await fetch(base + path, { redirect: 'manual' }).catch(() => null)
    return res?.status ?? 0
  }
  let status: Record<string, number> = {}
  while (Date.now() < deadline) {
    status = { '/': await answers('/'), '/signin': await answers('/signin'), '/regio/twente/agenda': await answers('/regio/twente/agenda') }
    if (Object.values(status).every((s) => s === 200)) break
    await new Promise((r) => setTimeout(r, 1000))
  }
  const ok = Object.values(status).every((s) => s === 200)
  console.log(`» Demo smoke check: ${Object.entries(status).map(([p, s]) => `${p} ${s}`).join(', ')} — ${ok ? 'ok' : 'FAILED'}`)
  child.removeAllListeners('exit')
  child.on('exit', () => process.exit(ok ? 0 : 1))
  child.kill('SIGTERM')
}
