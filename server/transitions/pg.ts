import pg from 'pg'
import { env } from '../env.ts'
import { logger } from '../lib/logger.ts'

let pool: pg.Pool | undefined

/**
 * A small node-postgres pool for bulk staging writes of imports. Prisma's query compiler keeps each distinct
 * request (parameters included) in its plan cache, so sending large array parameters through it makes memory grow
 * with the file size; these statements go straight to the driver instead. Never used for tenant reads.
 */
export function bulkPool(): pg.Pool {
  if (!pool) {
    pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: Math.min(2, env.DATABASE_POOL_MAX), allowExitOnIdle: true })
    // an idle connection closed by the server: without a listener Node would end the process (as server/db/client.ts)
    pool.on('error', (err: Error & { code?: string }) => logger.warn({ code: err.code }, 'database: an idle import connection was closed by the server'))
  }
  return pool
}
