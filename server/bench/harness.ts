/**
 * Benchmark harness: a fresh migrated database, the app router served over real HTTP (tRPC's standalone
 * adapter: the same procedures, permission checks and serialisation as /api/trpc, with the signed-in user
 * given by a header that only this harness honours), a bare pg pool for SQL floors, and latency statistics.
 */
import { createHTTPServer } from '@trpc/server/adapters/standalone'
import { createTRPCClient, httpLink } from '@trpc/client'
import superjson from 'superjson'
import pg from 'pg'
import type { AddressInfo } from 'node:net'
import type { Db } from '../db/client.ts'
import type { AppRouter } from '../api/root.ts'

export type BenchResult = {
  name: string
  /** Sample count. */
  n: number
  p50: number
  p95: number
  /** The same data read with one bare SQL query. */
  floorP50?: number
  floorP95?: number
  /** Any further figures (throughput, counts, memory). */
  notes?: Record<string, string | number>
}

export type BenchContext = {
  db: Db
  pool: pg.Pool
  /** A tRPC client over HTTP acting as the given user (null: anonymous), optionally from a given client IP. */
  client: (userId: string | null, ip?: string) => ReturnType<typeof createTRPCClient<AppRouter>>
  baseUrl: string
}

export function percentile(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b)
  if (!s.length) return NaN
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!
}

/** Runs fn `warmup` times unmeasured, then `n` times; returns milliseconds per run. */
export async function sample(fn: () => Promise<unknown>, n = 50, warmup = 5): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn()
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    const t0 = performance.now()
    await fn()
    out.push(performance.now() - t0)
  }
  return out
}

/** Latency of an API call next to its SQL floor, as one result row. */
export async function compare(name: string, api: () => Promise<unknown>, floor: () => Promise<unknown>, n = 50): Promise<BenchResult> {
  const a = await sample(api, n)
  const f = await sample(floor, n)
  return { name, n, p50: percentile(a, 50), p95: percentile(a, 95), floorP50: percentile(f, 50), floorP95: percentile(f, 95) }
}

/** EXPLAIN of a query: true when the plan reads `table` without a sequential scan. */
export async function usesIndex(pool: pg.Pool, sql: string, params: unknown[], table: string): Promise<{ ok: boolean; plan: string }> {
  const res = await pool.query(`EXPLAIN ${sql}`, params)
  const plan = res.rows.map((r) => r['QUERY PLAN']).join('\n')
  return { ok: !new RegExp(`Seq Scan on "?${table}"?(?![A-Za-z_])`).test(plan), plan }
}

export async function startServer(db: Db): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  const [{ appRouter }, { loadActor }] = await Promise.all([import('../api/root.ts'), import('../auth/actor.ts')])
  const server = createHTTPServer({
    router: appRouter,
    basePath: '/api/trpc/',
    createContext: async ({ req }) => {
      const userId = req.headers['x-bench-user']
      const actor = typeof userId === 'string' && userId ? await loadActor(db, userId) : null
      const ip = (req.headers['x-forwarded-for'] as string | undefined) ?? '127.0.0.1'
      return { db, actor, locale: 'nl' as const, ip }
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { baseUrl: `http://127.0.0.1:${port}/api/trpc`, close: () => new Promise((r) => server.close(() => r())) }
}

export function clientFactory(baseUrl: string): BenchContext['client'] {
  return (userId, ip) =>
    createTRPCClient<AppRouter>({
      links: [
        httpLink({
          url: baseUrl,
          transformer: superjson,
          headers: () => ({ ...(userId ? { 'x-bench-user': userId } : {}), ...(ip ? { 'x-forwarded-for': ip } : {}) }),
        }),
      ],
    })
}

export function formatResults(results: BenchResult[]): string {
  const fmt = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '' : v.toFixed(1))
  const lines = ['benchmark | n | p50 ms | p95 ms | floor p50 ms | floor p95 ms | p95 ratio | notes', '--- | --- | --- | --- | --- | --- | --- | ---']
  for (const r of results) {
    const ratio = r.floorP95 ? (r.p95 / r.floorP95).toFixed(1) + '×' : ''
    const notes = r.notes ? Object.entries(r.notes).map(([k, v]) => `${k}=${v}`).join(', ') : ''
    lines.push([r.name, r.n, fmt(r.p50), fmt(r.p95), fmt(r.floorP50), fmt(r.floorP95), ratio, notes].join(' | '))
  }
  return lines.join('\n')
}
