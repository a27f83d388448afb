/**
 * `npm test`: typecheck, lint, unit tests, the schema-vs-migrations drift check, integration tests against a
 * real PostgreSQL (DATABASE_URL, or an embedded PGlite when unset), the production build and the Playwright e2e
 * suite on Debian's Chromium. Stops at the first failing step; prints a summary line per step.
 */
import { spawnSync } from 'node:child_process'

const steps: [string, string[]][] = [
  ['typecheck', ['run', '--silent', 'typecheck']],
  ['lint', ['run', '--silent', 'lint']],
  ['unit', ['run', '--silent', 'test:unit']],
  ['drift', ['run', '--silent', 'db:drift']],
  ['integration', ['run', '--silent', 'test:integration']],
  ['build', ['run', '--silent', 'build']],
  ['e2e', ['run', '--silent', 'test:e2e']],
]

const only = process.argv.slice(2)
const results: string[] = []
let failed = 0
for (const [name, args] of steps) {
  if (only.length && !only.includes(name)) continue
  const started = Date.now()
  console.log(`\n=== ${name} ===`)
  const r = spawnSync('npm', args, { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', CHECKPOINT_DISABLE: '1' } })
  const secs = ((Date.now() - started) / 1000).toFixed(1)
  results.push(`${r.status === 0 ? 'ok  ' : 'FAIL'} ${name} (${secs}s)`)
  if (r.status !== 0) {
    failed++
    break
  }
}
console.log(`\n${results.join('\n')}`)
console.log(`steps: ${results.length - failed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
