/**
 * The worker's heartbeat: one `WorkerHeartbeat` row per worker process, refreshed every HEARTBEAT_MS, carrying the
 * worker's own counters (mails, job runs) for /api/metrics. /api/ready reports "worker" healthy while some row is
 * younger than HEARTBEAT_STALE_MS. A failed beat (database restarting) is logged and retried on the next tick.
 */
import { hostname } from 'node:os'
import { randomUUID } from 'node:crypto'
import type { Db } from '../db/client.ts'
import { logger } from '../lib/logger.ts'
import { counterSnapshot } from '../lib/metrics.ts'

export const HEARTBEAT_MS = 5_000
export const HEARTBEAT_STALE_MS = 30_000

export function startHeartbeat(db: Db, intervalMs = HEARTBEAT_MS): { id: string; stop: () => Promise<void> } {
  const id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`
  const startedAt = new Date()
  let failing = false
  const beat = async () => {
    try {
      const counters = await counterSnapshot()
      const now = new Date()
      await db.workerHeartbeat.upsert({ where: { id }, create: { id, startedAt, beatAt: now, counters }, update: { beatAt: now, counters } })
      // Rows of workers that stopped long ago (crashed without saying goodbye) are removed by any live one.
      await db.workerHeartbeat.deleteMany({ where: { beatAt: { lt: new Date(now.getTime() - 24 * 3_600_000) } } })
      if (failing) logger.info('heartbeat restored: database reachable again')
      failing = false
    } catch (err) {
      if (!failing) logger.warn({ err }, 'heartbeat failed; retrying')
      failing = true
    }
  }
  void beat()
  const timer = setInterval(() => void beat(), intervalMs)
  return {
    id,
    stop: async () => {
      clearInterval(timer)
      await db.workerHeartbeat.deleteMany({ where: { id } }).catch(() => {})
    },
  }
}

/** The newest heartbeat's age in ms, or null without any (for /api/ready). */
export async function latestHeartbeatAge(db: Db, now = new Date()): Promise<number | null> {
  const row = await db.workerHeartbeat.findFirst({ orderBy: { beatAt: 'desc' }, select: { beatAt: true } })
  return row ? now.getTime() - row.beatAt.getTime() : null
}
