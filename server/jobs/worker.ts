/**
 * The background worker, started beside `next start` by server/scripts/start.ts: starts pg-boss on DATABASE_URL,
 * creates the queues, registers the handlers and schedules the jobs of server/jobs/jobs.ts. Stops cleanly on
 * SIGTERM/SIGINT (in-flight jobs finish first).
 *
 * When pg-boss cannot start on the database (e.g. an embedded PGlite that lacks something it needs), the worker
 * says so loudly and degrades to running the same handlers on a one-minute loop in this process, so offers
 * still expire and personal data is still purged.
 */
import PgBoss from 'pg-boss'
import { db } from '../db/client.ts'
import { env } from '../env.ts'
import { jobs } from './jobs.ts'

const log = (...args: unknown[]) => console.log('[jobs]', ...args)
let stop: () => Promise<void> = async () => {}

async function startPgBoss(): Promise<void> {
  const boss = new PgBoss({ connectionString: env.DATABASE_URL, schema: 'pgboss', max: 4 })
  boss.on('error', (err) => console.error('[jobs] pg-boss error', err))
  await boss.start()
  for (const job of jobs) {
    await boss.createQueue(job.name)
    await boss.work(job.name, async () => {
      const result = await job.handler(db)
      log(`${job.name} done`, result)
    })
    await boss.schedule(job.name, job.cron, {}, { tz: 'Europe/Amsterdam' })
  }
  log(`pg-boss started; scheduled: ${jobs.map((j) => `${j.name} (${j.cron})`).join(', ')}`)
  stop = async () => {
    await boss.stop({ graceful: true, wait: true, timeout: 10_000 })
  }
}

function startFallbackLoop(reason: unknown): void {
  console.error(`[jobs] DEGRADED: pg-boss could not start on this database (${reason instanceof Error ? reason.message : String(reason)}).`)
  console.error('[jobs] Running the job handlers on a one-minute loop in the worker process instead; schedules are approximate and not shared across workers.')
  let busy = false
  const tick = async () => {
    if (busy) return
    busy = true
    for (const job of jobs) await job.handler(db).catch((err: unknown) => console.error(`[jobs] ${job.name} failed`, err))
    busy = false
  }
  const timer = setInterval(() => void tick(), 60_000)
  void tick()
  stop = async () => clearInterval(timer)
}

async function main() {
  try {
    await startPgBoss()
  } catch (err) {
    startFallbackLoop(err)
  }
  for (const sig of ['SIGTERM', 'SIGINT'] as const)
    process.once(sig, () => {
      log(`${sig}: stopping`)
      void stop()
        .catch((err: unknown) => console.error('[jobs] stop failed', err))
        .finally(async () => {
          await db.$disconnect()
          process.exit(0)
        })
    })
}

void main()
