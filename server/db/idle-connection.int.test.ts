/**
 * The app's node-postgres pools survive the server closing their idle connections (a restart, a failover,
 * pg_terminate_backend): node-postgres reports that as an 'error' event on the pool, which ends the process when
 * nothing listens (vitest reports it as an unhandled error and fails the run). Here the server ends the idle
 * connections of the app's pool and of the imports' pool; the next statements get new connections.
 */
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { env } from '../env.ts'
import { pool } from './client.ts'
import { bulkPool } from '../transitions/pg.ts'

describe('idle connections closed by the server', () => {
  it('are dropped by the pools without ending the process; the next statements work', async () => {
    const admin = new pg.Client({ connectionString: env.DATABASE_URL })
    await admin.connect()
    try {
      for (const p of [pool, bulkPool()]) {
        const clients = await Promise.all([p.connect(), p.connect()])
        const pids = await Promise.all(clients.map(async (c) => (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid))
        for (const c of clients) c.release()
        const { rows } = await admin.query<{ ok: boolean }>('SELECT pg_terminate_backend(pid) AS ok FROM unnest($1::int[]) AS pid', [pids])
        expect(rows.map((r) => r.ok)).toEqual([true, true])
        await new Promise((r) => setTimeout(r, 300))
        expect((await p.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one).toBe(1)
      }
    } finally {
      await admin.end()
    }
  })
})
