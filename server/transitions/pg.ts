import pg from 'pg'
import { env } from '../env.ts'
import { newPool } from '../db/client.ts'

let pool: pg.Pool | undefined

/**
 * A small node-postgres pool for bulk staging writes of imports. Prisma's query compiler keeps each distinct
 * request (parameters included) in its plan cache, so sending large array parameters through it makes memory grow
 * with the file size; these statements go straight to the driver instead. Never used for tenant reads.
 */
export function bulkPool(): pg.Pool {
  pool ??= newPool('imports', { max: Math.min(2, env.DATABASE_POOL_MAX), allowExitOnIdle: true })
  return pool
}
