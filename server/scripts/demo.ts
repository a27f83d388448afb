/**
 * `npm run demo`: the app with demo data on http://localhost:3000.
 * Runs inside server/scripts/with-db.ts (the embedded PostgreSQL under .data/ when DATABASE_URL is unset):
 * builds a demo build (the only kind of build with one-click demo sign-in), applies the migrations, seeds,
 * prints the demo sign-ins and serves the app (plus the background worker).
 */
import { execFileSync, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'

const PORT = process.env.PORT ?? '3000'
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
  NEXT_TELEMETRY_DISABLED: '1',
  CHECKPOINT_DISABLE: '1',
}
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: 'inherit', env })

console.log('» Building the demo (next build)…')
run('next', ['build'])
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
child.on('exit', (code) => process.exit(code ?? 0))
