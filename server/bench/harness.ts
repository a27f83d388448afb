/**
 * Benchmark harness: a fresh migrated database, the app router served over real HTTP (the production handler of
 * /api/trpc, with the signed-in user given by a header that only this harness honours), a bare pg pool for SQL
 * floors, and latency statistics.
 */
import http from 'node:http'
import { incomingMessageToRequest } from '@trpc/server/adapters/node-http'
import { createTRPCClient, httpLink } from '@trpc/client'
import pg from 'pg'
import type { AddressInfo } from 'node:net'
import type { Db } from '../db/client.ts'
import type { AppRouter } from '../api/root.ts'
import type { Context } from '../api/trpc.ts'
import { transformer } from '../api/transformer.ts'

export type BenchResult = {
  name: string
  /** Sample count. */
  n: number
  p50: number
  p95: number
  /** The same data read with one bare SQL query. */
  floorP50?: number
  floorP95?: number
  /**
   * The same API calls timed inside the bench's HTTP server, from the request's arrival to its response handed to the
   * socket: the app's own share of p50/p95, without the client (undici's fetch, tRPC's client) that shares this
   * process. Set by `compare` when each call is one HTTP request to the harness's server.
   */
  handlerP50?: number
  handlerP95?: number
  /** Any further figures (throughput, counts, memory). */
  notes?: Record<string, string | number>
}

export type BenchContext = {
  db: Db
  pool: pg.Pool
  /** A tRPC client over HTTP acting as the given user (null: anonymous), optionally from a given client IP. */
  client: (userId: string | null, ip?: string) => ReturnType<typeof createTRPCClient<AppRouter>>
  baseUrl: string
  /** `npm run bench -- --national`: the national data set's largest region, which benchmarks that read one region measure. */
  national?: { regionId: string; regionSlug: string; regionEvents: number; regionSlots: number; coordinatorId: string }
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

/**
 * Latency of an API call next to its SQL floor, as one result row. Both are warmed up, then measured in `rounds`
 * alternating blocks (API, floor, API, floor, …) so that a slow phase of a shared machine hits both alike.
 */
export async function compare(name: string, api: () => Promise<unknown>, floor: () => Promise<unknown>, n = 50, rounds = 3): Promise<BenchResult> {
  const a: number[] = []
  const f: number[] = []
  const h: number[] = []
  let oneRequestPerCall = true
  const per = Math.max(1, Math.ceil(n / rounds))
  handlerTimes.length = 0
  for (let i = 0; i < rounds; i++) {
    const warmup = i === 0 ? 5 : 1
    const before = handlerTimes.length
    a.push(...(await sample(api, per, warmup)))
    // The handler's times of the measured calls: the block's last `per` requests, when the block made exactly one
    // request per call (sequential calls; a call that is not one request to this harness's server has no such figure).
    if (handlerTimes.length - before === per + warmup) h.push(...handlerTimes.slice(-per))
    else oneRequestPerCall = false
    handlerTimes.length = 0
    f.push(...(await sample(floor, per, warmup)))
  }
  const handler = oneRequestPerCall && h.length ? { handlerP50: percentile(h, 50), handlerP95: percentile(h, 95) } : {}
  return { name, n: a.length, p50: percentile(a, 50), p95: percentile(a, 95), floorP50: percentile(f, 50), floorP95: percentile(f, 95), ...handler }
}

/** Problems that make the benchmark run fail (exit code 1 after all results are printed). */
export const benchFailures: string[] = []

/**
 * The app and its floor must return the same rows, or the comparison says nothing: compares two lists of keys
 * (ids, or JSON of the figures) as sorted multisets and records a failure when they differ.
 */
export function sameRows(name: string, app: unknown[], floor: unknown[]): boolean {
  const norm = (xs: unknown[]) => xs.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).sort()
  const [x, y] = [norm(app), norm(floor)]
  const same = x.length === y.length && x.every((v, i) => v === y[i])
  if (!same) benchFailures.push(`${name}: the app returned ${x.length} rows, the floor ${y.length}; first difference: app ${x.find((v) => !y.includes(v)) ?? '-'}, floor ${y.find((v) => !x.includes(v)) ?? '-'}`)
  return same
}

type Captured = { text: string; values: unknown[] }
let capturing: Captured[] | null = null
let patched = false
/** Records every SQL statement this process sends through node-postgres while `fn` runs (Prisma's adapter uses it). */
export async function captureQueries<T>(fn: () => Promise<T>): Promise<{ result: T; queries: Captured[] }> {
  if (!patched) {
    patched = true
    const original = pg.Client.prototype.query as (...args: unknown[]) => unknown
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const [q, v] = args as [string | { text?: string; values?: unknown[] }, unknown[] | undefined]
      if (capturing) {
        const text = typeof q === 'string' ? q : q?.text
        if (text) capturing.push({ text, values: (typeof q === 'object' && q?.values) || (Array.isArray(v) ? v : []) })
      }
      return original.apply(this, args)
    } as typeof pg.Client.prototype.query
  }
  capturing = []
  try {
    const result = await fn()
    return { result, queries: capturing }
  } finally {
    capturing = null
  }
}

type PlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Index Cond'?: string; 'Recheck Cond'?: string; Plans?: PlanNode[] }

/** Every node of a JSON plan, depth first. */
function planNodes(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(planNodes)]
}

/** Tables a plan reads with a sequential scan / through an index with a condition (Index, Index Only, Bitmap Heap Scan). */
function scanKinds(nodes: PlanNode[]) {
  const seq = new Set<string>()
  const indexed = new Set<string>()
  for (const n of nodes) {
    if (!n['Relation Name']) continue
    if (n['Node Type'] === 'Seq Scan') seq.add(n['Relation Name'])
    else if ((n['Node Type'] === 'Index Scan' || n['Node Type'] === 'Index Only Scan') && n['Index Cond']) indexed.add(n['Relation Name'])
    else if (n['Node Type'] === 'Bitmap Heap Scan' && n['Recheck Cond']) indexed.add(n['Relation Name'])
  }
  return { seq, indexed }
}

/**
 * EXPLAINs the app's OWN statements (captured while one call runs, with their parameters), not a hand-written
 * copy. A Seq Scan on a table of at least `largeRows` rows is then re-planned with `enable_seqscan = off`, and
 * both plans are run (EXPLAIN ANALYZE, best of 6 in alternating blocks of 3, in a transaction rolled back):
 *   - if the table is still read whole, no index serves the query: a missing index — a FAILURE;
 *   - if an index (with a condition) takes its place and that plan runs at least twice (and 2 ms) faster, the
 *     planner misjudges — a FAILURE;
 *   - otherwise the planner chose the scan rightly for this data set (the table is small enough, or the query
 *     reads much of it): reported in the note with both times, not a failure.
 * `BENCH_SHOW_PLANS=1` prints each statement that scans a large table, with both plans.
 */
export async function explainApp(ctx: BenchContext, name: string, call: () => Promise<unknown>, largeRows = 10_000): Promise<{ ok: boolean; note: string }> {
  const { queries } = await captureQueries(call)
  const big = new Map(
    (await ctx.pool.query<{ relname: string; n: number }>(`SELECT relname, reltuples::bigint::int AS n FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace AND reltuples >= $1`, [largeRows])).rows.map((r) => [r.relname, r.n]),
  )
  const reads = queries.filter((q) => /^\s*(SELECT|WITH)\b/i.test(q.text))
  const failures: string[] = []
  const chosen = new Map<string, string>()
  let explained = 0
  const client = await ctx.pool.connect()
  /** The plan (and with `analyze` the best execution time of 3 runs) with or without sequential scans. */
  const planOf = async (q: Captured, seqscan: boolean, analyze: boolean) => {
    let best = Infinity
    let nodes: PlanNode[] = []
    let text = ''
    for (let i = 0; i < (analyze ? 3 : 1); i++) {
      await client.query('BEGIN')
      try {
        if (!seqscan) await client.query('SET LOCAL enable_seqscan = off')
        const rows = (await client.query(`EXPLAIN (FORMAT JSON${analyze ? ', ANALYZE' : ''}) ${q.text}`, q.values)).rows as { 'QUERY PLAN': { Plan: PlanNode; 'Execution Time'?: number }[] }[]
        const root = rows[0]!['QUERY PLAN'][0]!
        nodes = planNodes(root.Plan)
        best = Math.min(best, root['Execution Time'] ?? Infinity)
        if (process.env.BENCH_SHOW_PLANS && i === 0) text = (await client.query(`EXPLAIN ${q.text}`, q.values)).rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n')
      } finally {
        await client.query('ROLLBACK')
      }
    }
    return { ...scanKinds(nodes), ms: best, text }
  }
  try {
    for (const q of reads) {
      let plain: Awaited<ReturnType<typeof planOf>>
      try {
        plain = await planOf(q, true, false)
      } catch {
        continue // a statement pg cannot plan on its own (e.g. untyped parameters): not counted as explained
      }
      explained++
      const scanned = [...plain.seq].filter((t) => big.has(t))
      if (!scanned.length) continue
      // Alternating runs, so that a slow moment of a shared machine does not fall on one plan only.
      const seqRun = await planOf(q, true, true)
      const forced = await planOf(q, false, true)
      const [seqAgain, forcedAgain] = [await planOf(q, true, true), await planOf(q, false, true)]
      seqRun.ms = Math.min(seqRun.ms, seqAgain.ms)
      forced.ms = Math.min(forced.ms, forcedAgain.ms)
      if (process.env.BENCH_SHOW_PLANS) console.log(`\n[${name}] ${q.text}\n-- plan (${seqRun.ms.toFixed(1)} ms):\n${seqRun.text}\n-- with enable_seqscan = off (${forced.ms.toFixed(1)} ms):\n${forced.text}\n`)
      for (const t of scanned) {
        const size = `${t} (${big.get(t)!.toLocaleString('en-US')} rows)`
        if (!forced.indexed.has(t) || forced.seq.has(t)) failures.push(`Seq Scan on ${size} and no index serves the query`)
        else if (forced.ms * 2 < seqRun.ms && seqRun.ms - forced.ms > 2) failures.push(`Seq Scan on ${size} takes ${seqRun.ms.toFixed(1)} ms, the index plan ${forced.ms.toFixed(1)} ms (the planner misjudges)`)
        else chosen.set(t, `${size}: ${seqRun.ms.toFixed(1)} ms vs index ${forced.ms.toFixed(1)} ms`)
      }
    }
  } finally {
    client.release()
  }
  const unique = [...new Set(failures)]
  const ok = unique.length === 0 && explained > 0
  if (!explained) benchFailures.push(`${name}: none of the app's ${reads.length} queries could be explained`)
  for (const f of unique) benchFailures.push(`${name}: ${f} (app's own query)`)
  const notes = [`${explained}/${reads.length} app queries explained`]
  if (unique.length) notes.push(...unique)
  if (chosen.size) notes.push(`Seq Scan chosen by the planner, an index serves the query but is not clearly faster, on ${[...chosen.values()].join('; ')}`)
  if (!unique.length && !chosen.size) notes.push(`no Seq Scan on a table of ≥ ${largeRows.toLocaleString('en-US')} rows`)
  return { ok, note: notes.join(', ') }
}

/** EXPLAIN of a query: true when the plan reads `table` without a sequential scan. */
export async function usesIndex(pool: pg.Pool, sql: string, params: unknown[], table: string): Promise<{ ok: boolean; plan: string }> {
  const res = await pool.query(`EXPLAIN ${sql}`, params)
  const plan = res.rows.map((r) => r['QUERY PLAN']).join('\n')
  return { ok: !new RegExp(`Seq Scan on "?${table}"?(?![A-Za-z_])`).test(plan), plan }
}

/** Per request to a harness server, in order: ms from its arrival (headers parsed) to its response handed to the socket. */
const handlerTimes: number[] = []

/**
 * The app router over HTTP on `db` through the production handler of /api/trpc (`handleTrpc`: the fetch adapter with
 * its body limit, batch limit and response splicing), behind a plain Node HTTP server that converts each request to a
 * fetch Request and writes the Response back, as Next.js does for the route. `extra`: more of the context (e.g.
 * `readDb`, the read replica: server/bench/replica.ts).
 */
export async function startServer(db: Db, extra: Pick<Context, 'readDb'> = {}): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  const [{ handleTrpc }, { loadActor }] = await Promise.all([import('../api/trpc-handler.ts'), import('../auth/actor.ts')])
  const server = http.createServer((req, res) => {
    const t0 = performance.now()
    res.once('finish', () => {
      if (handlerTimes.length < 100_000) handlerTimes.push(performance.now() - t0)
    })
    const serve = async () => {
      const request = incomingMessageToRequest(req, res, { maxBodySize: null })
      const response = await handleTrpc(request, async () => {
        const userId = req.headers['x-bench-user']
        const actor = typeof userId === 'string' && userId ? await loadActor(db, userId) : null
        const ip = (req.headers['x-forwarded-for'] as string | undefined) ?? '127.0.0.1'
        return { db, ...extra, actor, locale: 'nl' as const, ip }
      })
      res.statusCode = response.status
      response.headers.forEach((value, key) => res.appendHeader(key, value))
      res.end(Buffer.from(await response.arrayBuffer()))
    }
    serve().catch((err: unknown) => {
      res.statusCode = 500
      res.end(String(err))
    })
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
          transformer,
          headers: () => ({ ...(userId ? { 'x-bench-user': userId } : {}), ...(ip ? { 'x-forwarded-for': ip } : {}) }),
        }),
      ],
    })
}

/** A p95 (the app's, or its handler's) as a multiple of the floor's p95, "2.3×"; empty without either. */
const p95Ratio = (p95: number | undefined, floorP95: number | undefined) => (floorP95 && p95 !== undefined ? `${(p95 / floorP95).toFixed(1)}×` : '')

const README_START = /<!-- bench:start[^>]*-->/
const README_END = '<!-- bench:end -->'

/** The README's table (benchmark | p50 | p95 | floor p95 | ratio | notes) for these results. */
export function readmeTable(results: BenchResult[]): string {
  const fmt = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '' : v.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }))
  const lines = ['| benchmark | p50 ms | p95 ms | SQL floor p95 ms | p95 ratio | handler p95 ms (ratio) | notes |', '| --- | --- | --- | --- | --- | --- | --- |']
  for (const r of results) {
    const ratio = p95Ratio(r.p95, r.floorP95)
    const handler = r.handlerP95 === undefined ? '' : `${fmt(r.handlerP95)}${r.floorP95 ? ` (${p95Ratio(r.handlerP95, r.floorP95)})` : ''}`
    const notes = r.notes ? Object.entries(r.notes).map(([k, v]) => `${k}: ${typeof v === 'number' ? v.toLocaleString('en-US') : v}`).join('; ') : ''
    lines.push(`| ${[r.name, fmt(r.p50), fmt(r.p95), fmt(r.floorP95), ratio, handler, notes].map((c) => String(c).replaceAll('|', '\\|')).join(' | ')} |`)
  }
  return lines.join('\n')
}

/** Replaces what lies between the README's bench markers (the markers stay; nothing else is touched). */
export function replaceReadmeTable(readme: string, table: string): string {
  const start = README_START.exec(readme)
  const end = readme.indexOf(README_END)
  if (!start || end < start.index) throw new Error('README.md has no <!-- bench:start … --> … <!-- bench:end --> markers')
  const head = readme.slice(0, start.index + start[0].length)
  return `${head}\n${table}\n${readme.slice(end)}`
}

export function formatResults(results: BenchResult[]): string {
  const fmt = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '' : v.toFixed(1))
  const lines = ['benchmark | n | p50 ms | p95 ms | floor p50 ms | floor p95 ms | p95 ratio | handler p50 ms | handler p95 ms | handler p95 ratio | notes', '--- | --- | --- | --- | --- | --- | --- | --- | --- | --- | ---']
  for (const r of results) {
    const ratio = p95Ratio(r.p95, r.floorP95)
    const handlerRatio = p95Ratio(r.handlerP95, r.floorP95)
    const notes = r.notes ? Object.entries(r.notes).map(([k, v]) => `${k}=${v}`).join(', ') : ''
    lines.push([r.name, r.n, fmt(r.p50), fmt(r.p95), fmt(r.floorP50), fmt(r.floorP95), ratio, fmt(r.handlerP50), fmt(r.handlerP95), handlerRatio, notes].join(' | '))
  }
  return lines.join('\n')
}

/**
 * Node CPU (user + system) per call of `fn`, over `n` calls one after another. The bench process runs both the app's
 * HTTP server and its client, so for an API call this is the server's work plus the client's decoding; on a shared
 * machine it says more than wall time, which is mostly waiting for a core.
 */
export async function cpuPerCall(fn: () => Promise<unknown>, n = 30): Promise<number> {
  await fn()
  const c0 = process.cpuUsage()
  for (let i = 0; i < n; i++) await fn()
  const c = process.cpuUsage(c0)
  return (c.user + c.system) / 1000 / n
}
