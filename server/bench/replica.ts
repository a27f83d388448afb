/**
 * Read-replica benchmark (`npm run bench -- replica`; only when named: it starts clusters of its own). A throwaway
 * primary and its streaming replica (`pg_basebackup -R`, server/db/replica-cluster.ts — the machine's PostgreSQL
 * refuses replication connections and is never reconfigured), the calendar benchmark's data set (50,000 events,
 * 20,000 slots, 10 regions) seeded on the primary and replayed by the replica, then the public calendar month
 * (`calendar.publicRange`, anonymous, over HTTP) of its largest region: served by the primary alone, by the
 * replica (DATABASE_REPLICA_URL's routing: server/db/replica.ts), and with the replica stopped (fall-back to the
 * primary). Each next to the bare-SQL floor on the server that answers. Clusters and data are removed afterwards.
 */
import pg from 'pg'
import { prismaOver } from '../db/client.ts'
import { freshDatabase } from '../db/fresh-database.ts'
import { replicaRouting } from '../db/replica.ts'
import { replicaSkipReason, startReplicaPair } from '../db/replica-cluster.ts'
import { MAX_EVENT_MS } from '../calendar/time.ts'
import { MAX_SLOT_MS } from '../calendar/slot-entries.ts'
import { fromAmsterdam } from '../lib/time.ts'
import { MONTH_SQL, seedCalendar } from './calendar.ts'
import { clientFactory, compare, sameRows, startServer, type BenchContext, type BenchResult } from './harness.ts'

/** Requests per second of `fn` run `total` times by `concurrency` callers at once. */
async function throughput(fn: () => Promise<unknown>, total = 120, concurrency = 8): Promise<number> {
  let left = total
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left-- > 0) await fn()
    }),
  )
  return Math.round((total / (performance.now() - t0)) * 1000)
}

export async function benchReplica(ctx: BenchContext): Promise<BenchResult[]> {
  const skip = process.env.EMBEDDED_DATABASE ? 'on the embedded PGlite' : replicaSkipReason()
  if (skip) {
    console.log(`replica: not measured (${skip}: it needs the PostgreSQL 15 server binaries)\n`)
    return []
  }
  const t0 = performance.now()
  const pair = await startReplicaPair()
  const closers: (() => Promise<unknown>)[] = []
  try {
    const fresh = await freshDatabase(pair.primary.url(), 'overstap_bench_replica')
    closers.push(fresh.drop)
    const dbName = new URL(fresh.url).pathname.slice(1)
    const replicaUrl = pair.replica.url(dbName)
    // The main run's planner setting (server/bench/index.ts), before any connection; the replica replays it.
    const admin = new pg.Client({ connectionString: fresh.url })
    await admin.connect()
    await admin.query(`ALTER DATABASE "${dbName}" SET random_page_cost = ${Number(process.env.BENCH_RANDOM_PAGE_COST ?? '1.1')}`)
    await admin.end()

    const primaryPool = new pg.Pool({ connectionString: fresh.url, max: 20 })
    const primary = prismaOver(primaryPool) // ends primaryPool on $disconnect
    closers.unshift(() => primary.$disconnect())
    const { regionId } = await seedCalendar({ ...ctx, db: primary, pool: primaryPool })
    const slug = (await primaryPool.query<{ slug: string }>('SELECT slug FROM "Region" WHERE id = $1', [regionId])).rows[0]!.slug
    await pair.caughtUp(120_000)
    const setupMs = Math.round(performance.now() - t0)

    const replicaFloor = new pg.Pool({ connectionString: replicaUrl, max: 10 })
    replicaFloor.on('error', () => {}) // its idle connections end when the replica is stopped below
    closers.unshift(() => replicaFloor.end())
    const routing = replicaRouting(replicaUrl, primaryPool, { poolMax: 20, log: () => {} })
    closers.unshift(() => routing.end())
    await routing.check()
    if (routing.state() !== 'replica') throw new Error(`replica not usable: ${routing.state()}`)
    const standby = await routing.db.$queryRaw<{ standby: boolean }[]>`SELECT pg_is_in_recovery() AS standby`
    if (!standby[0]?.standby) throw new Error('the replica routing reached a server that is not a standby')

    const withoutReplica = await startServer(primary)
    closers.unshift(() => withoutReplica.close())
    const withReplica = await startServer(primary, { readDb: routing.db })
    closers.unshift(() => withReplica.close())
    const [plain, replicated] = [clientFactory(withoutReplica.baseUrl)(null), clientFactory(withReplica.baseUrl)(null)]
    const input = { slug, from: '2027-03-01', to: '2027-04-01', types: [] }
    const from = fromAmsterdam('2027-03-01')
    const monthParams = [regionId, new Date(from.getTime() - MAX_EVENT_MS), fromAmsterdam('2027-04-01'), from, new Date(from.getTime() - MAX_SLOT_MS)]
    const floorIds = (r: pg.QueryResult) => {
      const row = r.rows[0] as { events: { id: string }[] | null; slots: { id: string }[] | null }
      return [...(row.events ?? []), ...(row.slots ?? [])].map((e) => e.id)
    }
    const ids = async (c: typeof plain) => (await c.calendar.publicRange.query(input)).events.map((e) => e.id)
    // The same rows on every path: primary, replica, and each floor.
    const rows = await ids(plain)
    sameRows('public month via the replica vs the primary', await ids(replicated), rows)
    sameRows('public month vs floor (primary)', rows, floorIds(await primaryPool.query(MONTH_SQL, monthParams)))
    sameRows('public month vs floor (replica)', rows, floorIds(await replicaFloor.query(MONTH_SQL, monthParams)))

    const scope = 'region of 5,000 / 50,000 events + 2,000 / 20,000 slots'
    const primaryOnly = await compare(`public calendar month, primary only (${scope})`, () => plain.calendar.publicRange.query(input), () => primaryPool.query(MONTH_SQL, monthParams))
    primaryOnly.notes = { rows: rows.length, reqPerSecAt8: await throughput(() => plain.calendar.publicRange.query(input)), setupMs, floor: 'bare SQL on the primary' }
    const viaReplica = await compare('public calendar month, read replica (DATABASE_REPLICA_URL)', () => replicated.calendar.publicRange.query(input), () => replicaFloor.query(MONTH_SQL, monthParams))
    viaReplica.notes = { rows: rows.length, reqPerSecAt8: await throughput(() => replicated.calendar.publicRange.query(input)), servedBy: routing.state() === 'replica' ? 'replica (pg_is_in_recovery)' : `primary (${routing.state()})`, floor: 'bare SQL on the replica' }

    // The replica stops: the routing notices (the pool's dropped connections, or a refused connect) and reads the primary.
    pair.replica.stop()
    await replicated.calendar.publicRange.query(input)
    const fallback = await compare('public calendar month, replica stopped (falls back to the primary)', () => replicated.calendar.publicRange.query(input), () => primaryPool.query(MONTH_SQL, monthParams))
    fallback.notes = { rows: (await ids(replicated)).length, state: routing.state(), floor: 'bare SQL on the primary' }
    return [primaryOnly, viaReplica, fallback]
  } finally {
    for (const close of closers) await close().catch((err: unknown) => console.error('replica bench clean-up:', err))
    pair.destroy()
  }
}
