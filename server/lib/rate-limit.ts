import pg from 'pg'
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible'
import { env } from '../env.ts'
import { AppError } from './errors.ts'
import { newPool } from '../db/client.ts'

/**
 * Rate limits stored in PostgreSQL (rate-limiter-flexible's RateLimiterPostgres on the table slots_rate_limit,
 * see slots.prisma), so that they hold across stateless app instances. A limiter has a name (its key prefix) and
 * counts points per key — a client IP (server/lib/client-ip.ts), an e-mail address, … — over a fixed window.
 * The table is UNLOGGED (migration 20261201000600): a point commits without waiting for a WAL flush, and after a
 * database crash the windows start again; it is read and written on the primary only (not copied to a replica).
 */
export type RateLimit = { name: string; points: number; durationSeconds: number }

let pool: pg.Pool | undefined
const limiters = new Map<string, RateLimiterPostgres>()

/**
 * rate-limiter-flexible names its statements ('rlflx-upsert', …): a named prepared statement lives on one server
 * connection, which PgBouncer in transaction mode (< 1.21) does not keep for the next query ("prepared statement …
 * does not exist"). This store client sends them unnamed (parsed each time); server/bench/pgbouncer.ts runs it
 * through PgBouncer.
 */
export function unnamedStatements(pool: pg.Pool) {
  return { query: (q: { text: string; values?: unknown[] }) => pool.query({ text: q.text, values: q.values }) }
}

function limiter(limit: RateLimit): RateLimiterPostgres {
  const id = `${limit.name}:${limit.points}:${limit.durationSeconds}`
  let l = limiters.get(id)
  if (l) return l
  pool ??= newPool('rate-limit', { max: Math.min(4, env.DATABASE_POOL_MAX) })
  l = new RateLimiterPostgres({ storeClient: unnamedStatements(pool), storeType: 'pool', tableName: 'slots_rate_limit', tableCreated: true, keyPrefix: limit.name, points: limit.points, duration: limit.durationSeconds })
  limiters.set(id, l)
  return l
}

/** Consumes one point of `key`; RATE_LIMITED (429) when the window's points are used up. */
export async function consume(limit: RateLimit, key: string): Promise<void> {
  try {
    await limiter(limit).consume(key || 'unknown')
  } catch (err) {
    if (err instanceof RateLimiterRes) throw new AppError('RATE_LIMITED', 'rateLimited')
    throw err
  }
}

/** Consumes one point of every (limit, key) pair, all of them even when one is exhausted; RATE_LIMITED if any is. */
export async function consumeAll(pairs: [RateLimit, string][]): Promise<void> {
  const results = await Promise.allSettled(pairs.map(([limit, key]) => consume(limit, key)))
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')
  if (failed) throw failed.reason
}

/**
 * Public (anonymous) endpoints, per client IP: writes (book, cancel, accept, decline) get SLOTS_PUBLIC_RATE_LIMIT
 * points per minute; reads ten times as many.
 */
export const publicLimits = {
  write: { name: 'slots-w', points: env.SLOTS_PUBLIC_RATE_LIMIT, durationSeconds: 60 },
  read: { name: 'slots-r', points: env.SLOTS_PUBLIC_RATE_LIMIT * 10, durationSeconds: 60 },
} satisfies Record<string, RateLimit>

/** Consumes one point for the client address; RATE_LIMITED (429) when the minute's points are used up. */
export async function limitPublic(kind: 'read' | 'write', ip: string): Promise<void> {
  await consume(publicLimits[kind], ip)
}

/**
 * A public procedure's middleware: one point of the caller's per-IP limit (`kind`) before it runs, as in
 * `procedure('public').use(publicLimit('read'))`.
 */
export function publicLimit(kind: 'read' | 'write') {
  return async <R>({ ctx, next }: { ctx: { ip: string }; next: () => Promise<R> }): Promise<R> => {
    await limitPublic(kind, ctx.ip)
    return next()
  }
}

/**
 * One point of `limit` for `key` consumed inside the caller's own statement, as a data-modifying CTE (no round trip
 * of its own: the public booking's first statement, issue 17). The same row, window and arithmetic as consume()
 * (rate-limiter-flexible's upsert on slots_rate_limit, key `<name>:<key>`); `first` is the number of the first of the
 * three parameters it adds (`values`). The CTE returns the window's points: checkConsumed refuses over the limit.
 */
export function consumeInStatement(limit: RateLimit, key: string, first: number): { cte: string; values: [string, number, number] } {
  const [k, expire, now] = [`$${first}`, `$${first + 1}`, `$${first + 2}`]
  const cte = `INSERT INTO "slots_rate_limit" AS t ("key", "points", "expire") VALUES (${k}, 1, ${expire})
    ON CONFLICT ("key") DO UPDATE SET "points" = CASE WHEN t."expire" <= ${now} THEN 1 ELSE t."points" + 1 END,
      "expire" = CASE WHEN t."expire" <= ${now} THEN ${expire} ELSE t."expire" END
    RETURNING "points"`
  const t = Date.now()
  return { cte, values: [`${limit.name}:${key || 'unknown'}`, t + limit.durationSeconds * 1000, t] }
}

/** RATE_LIMITED (429), as consume() throws, when the points a consumeInStatement returned are over the limit. */
export function checkConsumed(limit: RateLimit, points: number): void {
  if (points > limit.points) throw new AppError('RATE_LIMITED', 'rateLimited')
}
