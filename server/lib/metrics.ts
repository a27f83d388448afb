/**
 * Prometheus metrics (prom-client), served by app/api/metrics behind METRICS_TOKEN. The registry and the metrics
 * live on globalThis so that server/scripts/serve.ts and the Next.js server bundle, which each load this module,
 * count into the same ones. Labels never carry personal data (procedure names, outcomes, job names only).
 *
 * Queue depth and job failures are read from pg-boss's tables at scrape time (the worker is another process);
 * the worker's own counters (mails it sent) reach this registry through its heartbeat row (server/jobs/heartbeat.ts).
 */
import client from 'prom-client'
import type { Db } from '../db/client.ts'

function create() {
  const registry = new client.Registry()
  client.collectDefaultMetrics({ register: registry, prefix: 'overstap_' })
  return {
    registry,
    requestDuration: new client.Histogram({
      name: 'overstap_request_duration_seconds',
      help: 'Duration of API requests by tRPC procedure (or route) and HTTP status',
      labelNames: ['procedure', 'status'] as const,
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    bookings: new client.Counter({ name: 'overstap_bookings_total', help: 'Slot bookings by outcome (status, or the error key)', labelNames: ['outcome'] as const, registers: [registry] }),
    mails: new client.Counter({ name: 'overstap_mails_total', help: 'E-mails sent by this process, by result', labelNames: ['result'] as const, registers: [registry] }),
    jobRuns: new client.Counter({ name: 'overstap_job_runs_total', help: 'Job runs in this process by job and result', labelNames: ['job', 'result'] as const, registers: [registry] }),
    queueDepth: new client.Gauge({ name: 'overstap_job_queue_depth', help: 'Jobs waiting or running per queue and state (pg-boss)', labelNames: ['queue', 'state'] as const, registers: [registry] }),
    jobsFailed: new client.Gauge({ name: 'overstap_jobs_failed', help: 'Failed jobs kept by pg-boss per queue (retries exhausted)', labelNames: ['queue'] as const, registers: [registry] }),
    workerCounters: new client.Gauge({ name: 'overstap_worker_counter', help: "Live workers' own counters from their heartbeats (mails sent/failed, job runs), summed", labelNames: ['counter'] as const, registers: [registry] }),
    workers: new client.Gauge({ name: 'overstap_workers_alive', help: 'Workers with a heartbeat in the last 30 s', registers: [registry] }),
  }
}

type Metrics = ReturnType<typeof create>
const KEY = Symbol.for('overstap.metrics')
const g = globalThis as Record<symbol, Metrics | undefined>

export const metrics: Metrics = (g[KEY] ??= create())

/** Counters of this process as plain numbers (the worker sends them along with its heartbeat). */
export async function counterSnapshot(): Promise<Record<string, number>> {
  const out: Record<string, number> = {}
  for (const m of [metrics.mails, metrics.jobRuns]) {
    const { name, values } = await m.get()
    for (const v of values) out[`${name}{${Object.entries(v.labels).map(([k, l]) => `${k}="${String(l)}"`).join(',')}}`] = v.value
  }
  return out
}

/** Reads what other processes know (pg-boss queues, workers' heartbeats) into the gauges, just before a scrape. */
export async function collectDatabaseMetrics(db: Db, now = new Date()): Promise<void> {
  metrics.queueDepth.reset()
  metrics.jobsFailed.reset()
  metrics.workerCounters.reset()
  const [row] = await db.$queryRaw<{ exists: boolean }[]>`SELECT to_regclass('pgboss.job') IS NOT NULL AS "exists"`
  if (row?.exists) {
    const rows = await db.$queryRaw<{ name: string; state: string; n: bigint }[]>`
      SELECT name, state::text AS state, count(*) AS n FROM pgboss.job WHERE state IN ('created', 'retry', 'active', 'failed') GROUP BY 1, 2`
    for (const r of rows) {
      if (r.state === 'failed') metrics.jobsFailed.set({ queue: r.name }, Number(r.n))
      else metrics.queueDepth.set({ queue: r.name, state: r.state }, Number(r.n))
    }
  }
  const beats = await db.workerHeartbeat.findMany({ where: { beatAt: { gte: new Date(now.getTime() - 30_000) } }, select: { counters: true } })
  metrics.workers.set(beats.length)
  for (const b of beats)
    for (const [k, v] of Object.entries((b.counters ?? {}) as Record<string, unknown>)) if (typeof v === 'number') metrics.workerCounters.inc({ counter: k }, v)
}
