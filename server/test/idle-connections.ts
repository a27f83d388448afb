/**
 * For the pools' tests: the server ends two idle connections of a node-postgres pool (as a restart, a failover or
 * pg_terminate_backend would), then the pool runs a statement. node-postgres reports the ended connections as an
 * 'error' event on the pool, which ends the process when nothing listens (vitest reports it as an unhandled error).
 */
import pg from 'pg'
import { expect } from 'vitest'
import { env } from '../env.ts'

export async function endIdleConnectionsThenQuery(pool: pg.Pool) {
  const admin = new pg.Client({ connectionString: env.DATABASE_URL })
  await admin.connect()
  try {
    const clients = await Promise.all([pool.connect(), pool.connect()])
    const pids = await Promise.all(clients.map(async (c) => (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid))
    for (const c of clients) c.release()
    const { rows } = await admin.query<{ ok: boolean }>('SELECT pg_terminate_backend(pid) AS ok FROM unnest($1::int[]) AS pid', [pids])
    expect(rows.map((r) => r.ok)).toEqual([true, true])
    await new Promise((r) => setTimeout(r, 300))
    expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one).toBe(1)
  } finally {
    await admin.end()
  }
}
