import pg from 'pg'
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible'
import { env } from '../env.ts'
import { AppError } from '../lib/errors.ts'

/**
 * Per-IP limits of the public slot endpoints, stored in PostgreSQL (table slots_rate_limit, see slots.prisma) so
 * that they hold across stateless app instances. Writes (book, cancel, accept, decline) get
 * SLOTS_PUBLIC_RATE_LIMIT points per minute; reads ten times as many.
 */
let limiters: { write: RateLimiterPostgres; read: RateLimiterPostgres } | undefined

function get() {
  if (limiters) return limiters
  const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: Math.min(4, env.DATABASE_POOL_MAX) })
  pool.on('error', (err) => console.error('[slots] rate-limit pool:', err.message)) // an idle connection dropped by the server
  const make = (keyPrefix: string, points: number) =>
    new RateLimiterPostgres({ storeClient: pool, storeType: 'pool', tableName: 'slots_rate_limit', tableCreated: true, keyPrefix, points, duration: 60 })
  limiters = { write: make('slots-w', env.SLOTS_PUBLIC_RATE_LIMIT), read: make('slots-r', env.SLOTS_PUBLIC_RATE_LIMIT * 10) }
  return limiters
}

/** Consumes one point for the client address; RATE_LIMITED (429) when the minute's points are used up. */
export async function limitPublic(kind: 'read' | 'write', ip: string): Promise<void> {
  try {
    await get()[kind].consume(ip || 'unknown')
  } catch (err) {
    if (err instanceof RateLimiterRes) throw new AppError('RATE_LIMITED', 'rateLimited')
    throw err
  }
}
