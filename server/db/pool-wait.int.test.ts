/**
 * In a rush every connection of the pool is busy and requests queue for one. They wait up to POOL_WAIT_MS (as long as
 * a booking transaction may wait to start) instead of failing after node-postgres' connection timeout: the pool's
 * `connectionTimeoutMillis` also limits that wait, and it was 5 s — under a burst of registrations on a busy machine
 * they answered 503. Here all connections are held for 6 s; a statement and a transaction queued behind them run when
 * the connections come back.
 */
import { describe, expect, it } from 'vitest'
import { db, pool, POOL_WAIT_MS } from './client.ts'
import { env } from '../env.ts'

describe('waiting for a connection of the pool', () => {
  it('a statement and a transaction queued for 6 s behind a full pool run, not time out', async () => {
    expect(POOL_WAIT_MS).toBeGreaterThan(6_000)
    const held = await Promise.all(Array.from({ length: env.DATABASE_POOL_MAX }, () => pool.connect()))
    const started = Date.now()
    setTimeout(() => held.forEach((c) => c.release()), 6_000)
    const [statement, transaction] = await Promise.all([
      pool.query<{ one: number }>('SELECT 1 AS one'),
      db.$transaction(async (tx) => (await tx.$queryRaw<{ two: number }[]>`SELECT 2 AS two`)[0]!.two, { maxWait: POOL_WAIT_MS }),
    ])
    expect(statement.rows[0]!.one).toBe(1)
    expect(transaction).toBe(2)
    expect(Date.now() - started).toBeGreaterThanOrEqual(5_900)
  }, 30_000)
})
