/**
 * Runs a command with a PostgreSQL database available in DATABASE_URL.
 *
 *   tsx server/scripts/with-db.ts [--memory] [--shadow] -- <command...>
 *
 * DATABASE_URL set   → that server is used as is (CI, developers: the local PostgreSQL).
 * DATABASE_URL unset → an embedded PostgreSQL (PGlite, PostgreSQL 17 compiled to WASM) is served on a
 *                      loopback port: file-backed under .data/pglite, or in memory with --memory (tests).
 * --shadow: SHADOW_DATABASE_URL (drift check, new migrations) gets an in-memory PGlite when unset.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { freePort, waitForPostgres } from '../db/local-server.ts'

const argv = process.argv.slice(2)
const sep = argv.indexOf('--')
const opts = sep === -1 ? argv : argv.slice(0, sep)
const command = sep === -1 ? [] : argv.slice(sep + 1)
const memory = opts.includes('--memory')
const shadow = opts.includes('--shadow')

const children: ChildProcess[] = []
const databases: { close: () => Promise<void> }[] = []

/** Serves PGlite in this process (see server/db/pglite-wire.ts for why not the pglite-server CLI). */
async function startPglite(dataDir: string, port: number): Promise<string> {
  const { servePglite } = await import('../db/pglite-wire.ts')
  const db = await servePglite({ dataDir, port })
  databases.push(db)
  return db.url
}

/** Stops the command, then closes the embedded databases (a file-backed one shuts down cleanly), then exits. */
async function stopAll(code: number): Promise<never> {
  for (const c of children) c.kill('SIGTERM')
  const timeout = new Promise((r) => setTimeout(r, 5000).unref())
  await Promise.race([Promise.allSettled(databases.map((d) => d.close())), timeout])
  process.exit(code)
}
process.on('SIGINT', () => void stopAll(130))
process.on('SIGTERM', () => void stopAll(143))

async function main() {
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1', NEXT_TELEMETRY_DISABLED: '1' }
  if (!env.DATABASE_URL) {
    let db = 'memory://'
    let port = await freePort()
    if (!memory) {
      mkdirSync('.data', { recursive: true })
      db = '.data/pglite'
      port = Number(env.EMBEDDED_DB_PORT ?? 54329)
    }
    env.DATABASE_URL = await startPglite(db, port)
    env.EMBEDDED_DATABASE = '1'
    // PGlite runs one transaction at a time anyway: one connection per process is enough (concurrency tests and
    // benchmarks belong on the real PostgreSQL).
    env.DATABASE_POOL_MAX ??= '1'
    await waitForPostgres(env.DATABASE_URL, 90_000, 200)
    console.error(`[with-db] embedded PostgreSQL (PGlite, ${db}) on ${env.DATABASE_URL}`)
  }
  if (shadow && !env.SHADOW_DATABASE_URL) {
    env.SHADOW_DATABASE_URL = await startPglite('memory://', await freePort())
    await waitForPostgres(env.SHADOW_DATABASE_URL, 90_000, 200)
  }
  if (command.length === 0) return
  const child = spawn(command[0]!, command.slice(1), { stdio: 'inherit', env, shell: false })
  children.push(child)
  child.on('exit', (code, signal) => void stopAll(code ?? (signal ? 1 : 0)))
}

main().catch((err) => {
  console.error(err)
  void stopAll(1)
})
