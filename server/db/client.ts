import pg from 'pg'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient, type Prisma } from './generated/client.ts'
import { env } from '../env.ts'
import { logger } from '../lib/logger.ts'

export type Db = InstanceType<typeof PrismaClient>
export type { Prisma }

type Handles = { db: Db; pool: pg.Pool }

/**
 * A Prisma client over the given node-postgres pool: this process's client below, the read replica's
 * (server/db/replica.ts), a benchmark's own. No native query engine: Prisma 6.19 "client" engine over node-postgres
 * (see README "Offline toolchain"). The pool is ours and handed to the adapter, so the few hot-path reads that
 * bypass Prisma share its connections; `db.$disconnect()` ends it.
 */
export function prismaOver(pool: pg.Pool): Db {
  const db = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) })
  pools.set(db, pool)
  return db
}

const pools = new WeakMap<object, pg.Pool>()

/**
 * The node-postgres pool under a root Prisma client made by prismaOver, for the few statements on every request's
 * path (the session's actor, the header's unread count): Prisma 6.19's client engine compiles every ORM query in
 * WebAssembly before it runs (≈ 2.5 ms CPU per query on the bench machine, ≈ 1 ms for `$queryRaw`, against ≈ 0.25 ms
 * for the same statement over the pool — see README "Benchmarks"). A transaction client has no pool of its own
 * (its statements must run on the transaction's connection): its raw queries go through Prisma.
 */
export function sqlOf(db: DbTx): Sql {
  const pool = pools.get(db)
  if (pool) return pool
  return {
    query: (async (text: string, values?: unknown[]) => ({ rows: await db.$queryRawUnsafe(text, ...(values ?? [])) })) as unknown as Sql['query'],
  }
}

/**
 * A Prisma.sql statement's rows, over the pool for a root client (no ORM compile: ≈ 1 ms CPU less than `$queryRaw`
 * per statement) and through `$queryRaw` for a transaction client. Parameters: Dates are sent as UTC ISO strings
 * (a `timestamp` column holds UTC; node-postgres would send local time). Results differ between the two paths for
 * bigint (string vs BigInt) and `timestamp` columns (node-postgres reads local time): select instants as epoch
 * milliseconds and convert sums with Number(), as the hot-path statements do.
 */
export async function rawRows<T>(db: DbTx, query: Prisma.Sql): Promise<T[]> {
  const pool = pools.get(db)
  if (!pool) return db.$queryRaw<T[]>(query)
  const { rows } = await pool.query(query.text, query.values.map((v) => (v instanceof Date ? v.toISOString() : v)))
  return rows as T[]
}

/**
 * How long a statement or transaction may wait for a free connection of the pool: in a rush (hundreds of bookings or
 * registrations at once) requests queue for the pool, and they wait as long as a booking transaction may wait to start
 * (RUSH_TX, server/booking/engine.ts) instead of answering 503 after a few seconds. node-postgres' pool applies its
 * `connectionTimeoutMillis` to that wait too, so opening a connection gets its own, shorter limit (CONNECT_MS): an
 * unreachable server still answers 503 within seconds, and a refused connection at once.
 */
export const POOL_WAIT_MS = 20_000
const CONNECT_MS = 5_000

/** A node-postgres client whose connection attempt gives up after CONNECT_MS (the pool's limit is POOL_WAIT_MS). */
class Client extends pg.Client {
  constructor(config?: pg.ClientConfig) {
    super({ ...config, connectionTimeoutMillis: CONNECT_MS }) // the pool passes its options object
  }
}

/**
 * A node-postgres pool on DATABASE_URL as the app's pools are made (this one, the rate limiter's, the imports'): the
 * two waits above, TCP keep-alive, and a listener for an idle connection ended by the server (a restart, a failover,
 * pg_terminate_backend), which is an 'error' event on the pool: without a listener Node ends the process. The pool
 * drops that connection and opens another when needed.
 */
export function newPool(name: string, config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool({ connectionString: env.DATABASE_URL, connectionTimeoutMillis: POOL_WAIT_MS, keepAlive: true, Client, ...config })
  pool.on('error', (err: Error & { code?: string }) => logger.warn({ code: err.code, pool: name }, 'database: an idle connection was closed by the server'))
  return pool
}

function create(): Handles {
  const pool = newPool('app', { max: env.DATABASE_POOL_MAX })
  return { db: prismaOver(pool), pool }
}

const globalForPrisma = globalThis as unknown as { overstapDb?: Handles }
const handles = globalForPrisma.overstapDb ?? create()
if (env.NODE_ENV !== 'production') globalForPrisma.overstapDb = handles

/** The one Prisma client of this process. */
export const db: Db = handles.db
/**
 * Prisma's own node-postgres pool, for the per-request hot path only (the session's actor: server/auth/session.ts),
 * where Prisma's per-statement cost would be most of the request. Unnamed statements only (PgBouncer-safe).
 */
export const pool: pg.Pool = handles.pool

/** A transaction client or the root client: services accept either. */
export type DbTx = Omit<Db, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>

/** What runs a SQL statement with parameters: the pool above, a pg client, or a test's own pool. */
export type Sql = Pick<pg.Pool, 'query'>
