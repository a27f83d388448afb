/**
 * Read replica (DATABASE_REPLICA_URL, a streaming standby of DATABASE_URL). Only explicitly public reads use it —
 * the tRPC procedures built with `replicaRead` (server/api/trpc.ts) and the ICS feeds — and only when the request
 * is anonymous and has not written (read your own writes: server/api/context.ts). Everything else, every write
 * and every transaction of a signed-in user, runs on the primary.
 *
 * Why not @prisma/extension-read-replicas: 0.4.x (the line for Prisma 6) routes every read operation of the
 * whole client to a replica (not chosen paths), does not route raw queries, and has no fall-back when the replica is
 * down; 0.5 needs Prisma 7. Here the replica is a second PrismaClient with the same driver-adapter set-up over a
 * pool that routes per query: to the replica while it is healthy, else to the primary's pool.
 *
 * Fall-back: a query that fails because the replica cannot be reached (refused, reset, shut down, starting up —
 * the same test as a lost database: server/lib/errors.ts) is run again on the primary, and the replica is marked
 * down; one warning is logged (the error code only, never the URL or a statement's values). While it is down or
 * lagging more than `maxLagSeconds`, reads go straight to the primary; a probe (at most every `checkEverySeconds`,
 * started by a read, never on the read's path) brings it back. A statement cancelled by a recovery conflict
 * (40001 on a standby) is retried on the primary too. Reads only: a retried statement must not write.
 */
import pg from 'pg'
import { db as processDb, pool as processPool, prismaOver, type Db } from './client.ts'
import { env } from '../env.ts'
import { isDatabaseUnavailable } from '../lib/errors.ts'
import { logger } from '../lib/logger.ts'

export type ReplicaOptions = {
  /** Replication lag (seconds) above which reads go to the primary. */
  maxLagSeconds?: number
  /** How often the replica's health and lag are probed (seconds, lazily, by the reads themselves). */
  checkEverySeconds?: number
  poolMax?: number
  /** Where the one-line state changes go (default: the app's logger, as warnings / info). */
  log?: (level: 'warn' | 'info', message: string) => void
}

export const REPLICA_DEFAULTS = { maxLagSeconds: 10, checkEverySeconds: 5 } as const

/** Lag in seconds: 0 when everything received is replayed (an idle primary is not lag), else since the last replayed commit. */
const LAG_SQL = `SELECT pg_is_in_recovery() AS standby,
  CASE WHEN NOT pg_is_in_recovery() OR pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0
       ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END::float8 AS lag`

type State = 'replica' | 'down' | 'lagging'

const errorCode = (err: unknown): string => {
  const e = err as { code?: unknown; cause?: { code?: unknown } }
  return String(e?.code ?? e?.cause?.code ?? 'connection error')
}
/** A standby cancels a statement that conflicts with replayed WAL (40001); the primary answers it. */
const recoveryConflict = (err: unknown) => errorCode(err) === '40001'

class ReplicaHealth {
  state: State = 'replica'
  private lastCheck = 0
  private checking: Promise<void> | null = null
  readonly primary: pg.Pool
  private readonly replica: () => pg.Pool
  private readonly options: Required<Omit<ReplicaOptions, 'poolMax' | 'log'>> & Pick<ReplicaOptions, 'log'>

  constructor(primary: pg.Pool, replica: () => pg.Pool, options: ReplicaOptions) {
    this.primary = primary
    this.replica = replica
    this.options = { ...REPLICA_DEFAULTS, ...options }
  }

  /** Whether reads should go to the replica now; starts a probe when the last one is old. */
  usable(): boolean {
    if (Date.now() - this.lastCheck >= this.options.checkEverySeconds * 1000) void this.check()
    return this.state === 'replica'
  }

  /** A failed replica statement: true (after marking the replica down) when the primary should answer it instead. */
  failed(err: unknown): boolean {
    if (recoveryConflict(err)) return true
    if (!isDatabaseUnavailable(err)) return false
    this.become('down', errorCode(err))
    return true
  }

  /** Probes the replica (reachable? lag?) and sets the state; concurrent callers share one probe. */
  check(): Promise<void> {
    this.lastCheck = Date.now()
    this.checking ??= (async () => {
      try {
        // pg.Pool's own query (not ReplicaPool's): the probe must reach the replica, never fall back.
        const query = pg.Pool.prototype.query as unknown as (this: pg.Pool, sql: string) => Promise<pg.QueryResult<{ standby: boolean; lag: number }>>
        const { rows } = await query.call(this.replica(), LAG_SQL)
        const lag = rows[0]?.lag ?? 0
        this.become(lag > this.options.maxLagSeconds ? 'lagging' : 'replica', `lag ${lag.toFixed(1)} s`)
      } catch (err) {
        if (isDatabaseUnavailable(err)) this.become('down', errorCode(err))
        else this.log('warn', `read replica probe failed (${errorCode(err)})`)
      } finally {
        this.checking = null
      }
    })()
    return this.checking
  }

  private become(state: State, why: string) {
    if (state === this.state) return
    this.state = state
    if (state === 'replica') this.log('info', `read replica in use again (${why}): public reads go to it`)
    else this.log('warn', `read replica ${state === 'down' ? 'unreachable' : `lagging more than ${this.options.maxLagSeconds} s`} (${why}): public reads go to the primary`)
  }

  private log(level: 'warn' | 'info', message: string) {
    if (this.options.log) this.options.log(level, message)
    else logger[level](message)
  }
}

type Args = unknown[]
type QueryFn = (...args: Args) => Promise<unknown>

/**
 * The replica's pool, as the driver adapter sees it (it must be a pg.Pool): `query` and `connect` (the promise
 * forms the adapter uses) go to the replica while it is healthy and to the primary otherwise or on a connection
 * error. The callback forms are pg's own internals (pool.query → this.connect(cb)) and stay on the replica.
 */
class ReplicaPool extends pg.Pool {
  health!: ReplicaHealth

  override query(...args: Args): never {
    const replica = super.query.bind(this) as unknown as QueryFn
    if (typeof args[args.length - 1] === 'function') return replica(...args) as never
    const primary = this.health.primary.query.bind(this.health.primary) as unknown as QueryFn
    if (!this.health.usable()) return primary(...args) as never
    return replica(...args).catch((err: unknown) => {
      if (!this.health.failed(err)) throw err
      return primary(...args)
    }) as never
  }

  override connect(...args: Args): never {
    const replica = super.connect.bind(this) as unknown as (...a: Args) => Promise<pg.PoolClient>
    if (args.length) return replica(...args) as never
    if (!this.health.usable()) return this.health.primary.connect() as never
    return replica().catch((err: unknown) => {
      if (!this.health.failed(err)) throw err
      return this.health.primary.connect()
    }) as never
  }
}

export type ReadRouting = {
  /** The client for public reads: the replica, or the primary when the replica is down or lagging. */
  db: Db
  /** Where reads go now. */
  state: () => State
  /** Probes the replica now (reachability and lag) and sets the state. */
  check: () => Promise<void>
  /** Ends the replica's pool (not the primary's). */
  end: () => Promise<void>
}

/** A read client on `replicaUrl` that falls back to `primary` (a pool of the primary's URL). */
export function replicaRouting(replicaUrl: string, primary: pg.Pool, options: ReplicaOptions = {}): ReadRouting {
  // A short connect timeout: a replica that does not answer costs a read this long once, then it is marked down.
  const pool = new ReplicaPool({ connectionString: replicaUrl, max: options.poolMax ?? env.DATABASE_POOL_MAX, connectionTimeoutMillis: 2_000, keepAlive: true })
  pool.health = new ReplicaHealth(primary, () => pool, options)
  // An idle replica connection dropped by the server (a restart): the next read finds out and falls back.
  pool.on('error', (err) => pool.health.failed(err))
  const db = prismaOver(pool)
  return { db, state: () => pool.health.state, check: () => pool.health.check(), end: () => db.$disconnect() }
}

const globalForReplica = globalThis as unknown as { overstapReadRouting?: ReadRouting | null }

/** This process's read routing from DATABASE_REPLICA_URL (null without one); one per process. */
export function processReadRouting(): ReadRouting | null {
  if (globalForReplica.overstapReadRouting === undefined) {
    globalForReplica.overstapReadRouting = env.DATABASE_REPLICA_URL ? replicaRouting(env.DATABASE_REPLICA_URL, processPool) : null
  }
  return globalForReplica.overstapReadRouting
}

/** The client for this process's public reads: the replica's routing client, or the one client without a replica. */
export function publicReadDb(): Db {
  return processReadRouting()?.db ?? processDb
}
