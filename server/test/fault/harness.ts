/**
 * Shared set-up of the fault tests: a throwaway cluster (pg-cluster.ts) with a migrated database, the app's
 * modules loaded against it (DATABASE_URL is set before they are imported, so the Prisma singleton points there),
 * and helpers to call the tRPC endpoint the way a browser does (server/api/trpc-handler.ts, the same handler
 * app/api/trpc serves) and to run the job worker as a child process.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import pg from 'pg'
import { serializeInput } from '../../api/transformer.ts'
import { inject } from 'vitest'
import { attachCluster, waitForPostgres, type Cluster } from './pg-cluster.ts'
import { TEMPLATE } from './global-setup.ts'

/**
 * This file's own database, created from the migrated template on the run's throwaway cluster, in DATABASE_URL
 * before any app module is imported. Null when the fault tests are skipped here.
 */
export async function faultDatabase(): Promise<{ cluster: Cluster; url: string } | null> {
  const info = inject('faultCluster')
  if (!info) return null
  const cluster = attachCluster(info.dir, info.port)
  await waitForPostgres(cluster.url())
  const name = `overstap_fault_${process.pid}_${Date.now().toString(36)}`
  const admin = new pg.Client({ connectionString: cluster.url() })
  await admin.connect()
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE}"`)
  await admin.end()
  const url = cluster.url(name)
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
    body: JSON.stringify(serializeInput(input)),
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
