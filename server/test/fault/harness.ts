/**
 * Shared set-up of the fault tests: a throwaway cluster (pg-cluster.ts) with a migrated database, the app's
 * modules loaded against it (DATABASE_URL is set before they are imported, so the Prisma singleton points there),
 * and helpers to call the tRPC endpoint the way a browser does (server/api/trpc-handler.ts, the same handler
 * app/api/trpc serves) and to run the job worker as a child process.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import pg from 'pg'
import superjson from 'superjson'
import { startCluster, waitForPostgres, type Cluster } from './pg-cluster.ts'

export async function clusterWithDatabase(name = 'overstap_fault'): Promise<{ cluster: Cluster; url: string }> {
  const cluster = await startCluster()
  await waitForPostgres(cluster.url())
  const admin = new pg.Client({ connectionString: cluster.url() })
  await admin.connect()
  await admin.query(`CREATE DATABASE "${name}"`)
  await admin.end()
  const url = cluster.url(name)
  execFileSync('npm', ['run', '--silent', 'db:migrate:deploy'], { stdio: 'pipe', env: { ...process.env, DATABASE_URL: url } })
  process.env.DATABASE_URL = url
  return { cluster, url }
}

export type Reply = { status: number; retryAfter: string | null; body: unknown; text: string }

/** One tRPC mutation over HTTP semantics (status, headers, JSON body) through the app's handler. */
export async function trpcMutation(
  handle: (req: Request) => Promise<Response>,
  path: string,
  input: unknown,
): Promise<Reply> {
  const req = new Request(`http://localhost/api/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': '0' },
    body: JSON.stringify(superjson.serialize(input)),
  })
  const body = await req.clone().arrayBuffer()
  const sized = new Request(req.url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(body.byteLength) }, body })
  const res = await handle(sized)
  const text = await res.text()
  let json: unknown = null
  try {
    json = JSON.parse(text)
  } catch {
    // not JSON: kept as text for the assertion message
  }
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: json, text }
}

/** Starts the job worker (server/jobs/worker.ts) as its own process; its output is collected in `log`. */
export function startWorker(url: string, extraEnv: Record<string, string> = {}): { child: ChildProcess; log: string[]; exited: Promise<number | null> } {
  const log: string[] = []
  const child = spawn('node', ['--import', 'tsx', 'server/jobs/worker.ts'], { env: { ...process.env, DATABASE_URL: url, NODE_ENV: 'development', LOG_LEVEL: 'info', ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout!.on('data', (d: Buffer) => log.push(d.toString()))
  child.stderr!.on('data', (d: Buffer) => log.push(d.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, log, exited }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Polls `check` until it returns a truthy value (or throws after `timeoutMs`). */
export async function until<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 30_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const v = await check().catch(() => undefined)
    if (v) return v
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(100)
  }
}
