/**
 * `npm test`: typecheck, lint, unit tests, the schema-vs-migrations drift check, integration tests against a
 * real PostgreSQL (DATABASE_URL, or an embedded PGlite when unset), the production build and the Playwright e2e
 * suite on Debian's Chromium. Stops at the first failing step; prints a summary line per step.
 *
 * Steps that share nothing run two at a time (typecheck with lint, unit with drift): each is single-threaded, and
 * the machine CI runs on has two cores. Their output is held and printed whole, one step after the other, when both
 * have ended, so it reads as if they ran in turn.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const steps: [string, string[]][] = [
  ['typecheck', ['run', '--silent', 'typecheck']],
  ['lint', ['run', '--silent', 'lint']],
  ['unit', ['run', '--silent', 'test:unit']],
  ['drift', ['run', '--silent', 'db:drift']],
  ['integration', ['run', '--silent', 'test:integration']],
  // Fault tests (server/test/fault): their own throwaway PostgreSQL cluster, stopped and started under load.
  ['fault', ['run', '--silent', 'test:fault']],
  ['build', ['run', '--silent', 'build']],
  ['e2e', ['run', '--silent', 'test:e2e']],
]

const only = process.argv.slice(2)

/**
 * The e2e step drives Debian's Chromium. Check for it before the first step, not after ten minutes of others:
 * install it when we can (root with apt), otherwise stop at once with the one command to run.
 */
const CHROMIUM = '/usr/bin/chromium'
if ((!only.length || only.includes('e2e')) && !existsSync(CHROMIUM)) {
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')
  if (canInstall) {
    console.log(`${CHROMIUM} is missing: installing Debian's Chromium (apt-get install -y chromium)…`)
    const r = spawnSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'], { stdio: 'inherit' })
    if (r.status !== 0 || !existsSync(CHROMIUM)) {
      console.error(`Could not install Chromium. Run: sudo apt-get install -y chromium   (then npm test again)`)
      process.exit(1)
    }
  } else {
    console.error(`The e2e tests need Debian's Chromium at ${CHROMIUM}. Run: sudo apt-get install -y chromium   (then npm test again)`)
    process.exit(1)
  }
}
/** The fault tests need PostgreSQL's server binaries (initdb, pg_ctl); without them: one line, and on. */
const faultSkip = await import('../test/fault/pg-cluster.ts').then((m) => m.faultSkipReason())
if (faultSkip) steps.splice(steps.findIndex(([name]) => name === 'fault'), 1)
const results: string[] = []
const passed = new Set<string>()
if (faultSkip && (!only.length || only.includes('fault'))) console.log(`fault tests skipped: ${faultSkip} (they need PostgreSQL's initdb and pg_ctl, e.g. apt-get install postgresql)`)
/** Steps run side by side (two single-threaded steps on a two-core machine), each group after the previous one. */
const PAIRED = [['typecheck', 'lint'], ['unit', 'drift']]
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', CHECKPOINT_DISABLE: '1' }

type Run = { name: string; ok: boolean; secs: string; output?: string }
const secsSince = (started: number) => ((Date.now() - started) / 1000).toFixed(1)

/** One step with its output on the terminal as it comes. */
function runLive(name: string, args: string[]): Run {
  const started = Date.now()
  console.log(`\n=== ${name} ===`)
  // The build's own type check (about a minute) repeats the typecheck step when that step passed in this run: it
  // checked the same files and Next's route types (`next typegen` into .next/types, which tsconfig includes).
  const skipTypes = name === 'build' && passed.has('typecheck') && (process.env.NEXT_DIST_DIR ?? '.next') === '.next'
  const r = spawnSync('npm', args, { stdio: 'inherit', env: skipTypes ? { ...env, NEXT_SKIP_TYPECHECK: '1' } : env })
  return { name, ok: r.status === 0, secs: secsSince(started) }
}

/** One step with its output (stdout and stderr, interleaved as written) held until it ends. */
function runHeld(name: string, args: string[]): Promise<Run> {
  const started = Date.now()
  return new Promise((resolve) => {
    const child = spawn('npm', args, { stdio: ['ignore', 'pipe', 'pipe'], env })
    const chunks: Buffer[] = []
    child.stdout.on('data', (c: Buffer) => chunks.push(c))
    child.stderr.on('data', (c: Buffer) => chunks.push(c))
    child.on('close', (code) => resolve({ name, ok: code === 0, secs: secsSince(started), output: Buffer.concat(chunks).toString('utf8') }))
  })
}

const selected = steps.filter(([name]) => !only.length || only.includes(name))
const groups: (typeof steps)[] = []
for (const step of selected) {
  const last = groups.at(-1)
  const pairs = last?.length === 1 && PAIRED.some(([a, b]) => a === last[0]![0] && b === step[0])
  if (pairs) last!.push(step)
  else groups.push([step])
}
let failed = 0
for (const group of groups) {
  const runs = group.length === 1 ? [runLive(...group[0]!)] : await Promise.all(group.map(([name, args]) => runHeld(name, args)))
  for (const run of runs) {
    if (run.output !== undefined) process.stdout.write(`\n=== ${run.name} (${run.secs}s, beside ${group.filter(([n]) => n !== run.name).map(([n]) => n).join(', ')}) ===\n${run.output}`)
    results.push(`${run.ok ? 'ok  ' : 'FAIL'} ${run.name} (${run.secs}s)`)
    if (run.ok) passed.add(run.name)
    else failed++
  }
  if (failed) break
}
console.log(`\n${results.join('\n')}`)
console.log(`steps: ${results.length - failed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
