/**
 * The background worker, started beside the web server by server/scripts/start.ts: starts pg-boss on DATABASE_URL,
 * creates the queues, registers the handlers and schedules the jobs of server/jobs/jobs.ts, and beats a heartbeat
 * (server/jobs/heartbeat.ts) that /api/ready checks.
 *
 * Reliability: every handler is idempotent (conditional UPDATEs; mails through the transactional outbox), so a job
 * that a killed worker left half done is simply run again — by the next cron tick, or by pg-boss's retry once the
 * job's lease (expireInSeconds) runs out. When PostgreSQL restarts, pg-boss's pool reconnects by itself; a run that
 * failed on the lost connection is retried. SIGTERM/SIGINT: stop fetching, let the running job finish (up to
 * STOP_TIMEOUT_MS), remove the heartbeat, exit 0.
 *
 * When pg-boss cannot start on the database (e.g. an embedded PGlite that lacks something it needs), the worker
 * says so loudly and degrades to running the same handlers on a one-minute loop in this process, so offers
 * still expire and personal data is still purged.
 */
import PgBoss from 'pg-boss'
import { db } from '../db/client.ts'
import { env } from '../env.ts'
import { logger, withRequestId } from '../lib/logger.ts'
import { metrics } from '../lib/metrics.ts'
import { jobs, type JobDefinition } from './jobs.ts'
import { startHeartbeat } from './heartbeat.ts'
import { flushOutbox } from '../mail/outbox.ts'

process.env.OVERSTAP_PROCESS ??= 'worker'
const log = logger.child({ component: 'jobs' })
/** A graceful stop waits this long for the running job; well inside a 10 s deploy budget. */
export const STOP_TIMEOUT_MS = 8_000
let stop: () => Promise<void> = async () => {}

/** Runs one job with its own request id in every log line, counted by result. */
async function run(job: JobDefinition, runId: string): Promise<unknown> {
  return withRequestId(`job:${job.name}:${runId}`, async () => {
    const started = Date.now()
    try {
      const result = await job.handler(db)
      metrics.jobRuns.inc({ job: job.name, result: 'ok' })
      log.info({ job: job.name, result, ms: Date.now() - started }, 'job done')
      return result
    } catch (err) {
      metrics.jobRuns.inc({ job: job.name, result: 'failed' })
      log.error({ job: job.name, err }, 'job failed')
      throw err
    }
  })
}

async function startPgBoss(): Promise<void> {
  const boss = new PgBoss({ connectionString: env.DATABASE_URL, schema: 'pgboss', max: 4 })
  let bossFailing = false
  boss.on('error', (err) => {
    if (!bossFailing) log.warn({ err }, 'pg-boss error (retrying)')
    bossFailing = true
  })
  await boss.start()
  for (const job of jobs) {
    // A job left active by a killed worker is retried after its lease; retries cover a run lost to a restart.
    await boss.createQueue(job.name, { name: job.name, expireInSeconds: 300, retryLimit: 5, retryDelay: 5 })
    await boss.work(job.name, { pollingIntervalSeconds: 1 }, async ([j]) => {
      bossFailing = false
      await run(job, j?.id ?? 'direct')
    })
    await boss.schedule(job.name, job.cron, {}, { tz: 'Europe/Amsterdam' })
  }
  log.info({ jobs: jobs.map((j) => `${j.name} (${j.cron})`) }, 'pg-boss started')
  stop = async () => {
    await boss.stop({ graceful: true, wait: true, timeout: STOP_TIMEOUT_MS })
  }
}

function startFallbackLoop(reason: unknown): void {
  log.error({ reason: reason instanceof Error ? reason.message : String(reason) }, 'DEGRADED: pg-boss could not start on this database; running the job handlers on a one-minute loop in this process (approximate, not shared across workers)')
  let running: Promise<void> | undefined
  const tick = () => {
    running ??= (async () => {
      for (const job of jobs) await run(job, String(Date.now())).catch(() => {})
    })().finally(() => (running = undefined))
  }
  const timer = setInterval(tick, 60_000)
  tick()
  stop = async () => {
    clearInterval(timer)
    await running
  }
}

/**
 * Mail written to the outbox inside a transaction (notifications, offers) is sent within OUTBOX_POLL_MS of its
 * commit, not only on the minute's `mail-outbox` run. Rows that failed wait for their backoff (server/mail/outbox.ts).
 */
export const OUTBOX_POLL_MS = 5_000

function startOutboxPoll(): { stop: () => Promise<void> } {
  let running: Promise<unknown> | undefined
  const timer = setInterval(() => {
    running ??= flushOutbox(db)
      .catch((err: unknown) => log.warn({ err }, 'outbox poll failed; retrying'))
      .finally(() => (running = undefined))
  }, OUTBOX_POLL_MS)
  return {
    stop: async () => {
      clearInterval(timer)
      await running
    },
  }
}

async function main() {
  try {
    await startPgBoss()
  } catch (err) {
    startFallbackLoop(err)
  }
  const heartbeat = startHeartbeat(db)
  const outboxPoll = startOutboxPoll()
  log.info({ worker: heartbeat.id }, 'worker ready')
  for (const sig of ['SIGTERM', 'SIGINT'] as const)
    process.once(sig, () => {
      log.info({ signal: sig }, 'stopping: no new jobs, waiting for the running one')
      void stop()
        .catch((err: unknown) => log.error({ err }, 'stop failed'))
        .finally(async () => {
          await outboxPoll.stop()
          await heartbeat.stop()
          await db.$disconnect()
          log.info('worker stopped')
          process.exit(0)
        })
    })
}

void main()
