/**
 * What the platform admin sees of the background work (`/admin/taken`): per job of server/jobs/jobs.ts its pg-boss
 * queue — waiting and running jobs, failures in the last 7 days (retries exhausted), the last successful run and
 * the last failure with its message — the mail outbox (waiting, failing, oldest waiting, sent in 24 h) and the
 * number of live workers. Read from pg-boss's own tables (`pgboss.job` and `pgboss.archive`, where pg-boss moves
 * finished jobs) and `MailOutbox`. Error messages are shown without personal data: e-mail addresses and the values
 * PostgreSQL quotes in its messages are removed, and the text is cut short.
 */
import type { Db } from '../db/client.ts'
import { jobs } from './jobs.ts'
import { truncateText } from '../lib/text.ts'

const DAY = 86_400_000
export const FAILURE_WINDOW_DAYS = 7
const ERROR_MAX = 300

/** An error message fit for an admin page: no e-mail addresses, no quoted values (`Key (col)=(value)`), short. */
export function scrubError(message: string | null | undefined): string | null {
  if (!message) return null
  const clean = message
    .replace(/[^\s<>()"',;:]+@[^\s<>()"',;:]+/g, '[e-mail]')
    .replace(/=\([^)]*\)/g, '=(…)')
    .replace(/\s+/g, ' ')
    .trim()
  return clean.length > ERROR_MAX ? `${truncateText(clean, ERROR_MAX - 1)}…` : clean
}

export type QueueStatus = {
  name: string
  cron: string
  waiting: number
  active: number
  failed: number
  lastRunAt: Date | null
  lastFailureAt: Date | null
  lastError: string | null
}

export type JobStatus = {
  /** false: pg-boss has no tables in this database (no worker has run, or it runs in its degraded loop). */
  boss: boolean
  workers: number
  queues: QueueStatus[]
  outbox: { pending: number; failing: number; oldestPendingAt: Date | null; sent24h: number; lastError: string | null }
}

type Row = { name: string; waiting: bigint; active: bigint; failed: bigint; lastRunAt: Date | null; lastFailureAt: Date | null; lastError: string | null }

/** `schema`: pg-boss's schema (the worker's is "pgboss"; a test uses one of its own). */
export async function jobStatus(db: Db, opts: { now?: Date; schema?: string } = {}): Promise<JobStatus> {
  const now = opts.now ?? new Date()
  const schema = opts.schema ?? 'pgboss'
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error('jobStatus: bad schema name')
  const [tables] = await db.$queryRaw<{ job: boolean; archive: boolean }[]>`
    SELECT to_regclass(${`${schema}.job`}) IS NOT NULL AS job, to_regclass(${`${schema}.archive`}) IS NOT NULL AS archive`
  const since = new Date(now.getTime() - FAILURE_WINDOW_DAYS * DAY)
  let rows: Row[] = []
  if (tables?.job) {
    // pg-boss keeps the job's error as its output (a serialised Error, or { value: { message } } after a timeout).
    const cols = 'name, state::text AS state, started_on, completed_on, output'
    const source = `SELECT ${cols} FROM ${schema}.job${tables.archive ? ` UNION ALL SELECT ${cols} FROM ${schema}.archive` : ''}`
    rows = await db.$queryRawUnsafe<Row[]>(
      `WITH j AS (${source}),
        stats AS (
          SELECT name,
            count(*) FILTER (WHERE state IN ('created', 'retry')) AS waiting,
            count(*) FILTER (WHERE state = 'active') AS active,
            count(*) FILTER (WHERE state = 'failed' AND completed_on >= $1) AS failed,
            max(completed_on) FILTER (WHERE state = 'completed') AS "lastRunAt"
          FROM j GROUP BY name),
        errors AS (
          SELECT DISTINCT ON (name) name, COALESCE(completed_on, started_on) AS at,
            COALESCE(output->>'message', output->'value'->>'message', output::text) AS message
          FROM j WHERE state IN ('failed', 'retry') AND output IS NOT NULL
          ORDER BY name, COALESCE(completed_on, started_on) DESC NULLS LAST)
      SELECT s.name, s.waiting, s.active, s.failed, s."lastRunAt", e.at AS "lastFailureAt", e.message AS "lastError"
      FROM stats s LEFT JOIN errors e ON e.name = s.name`,
      since,
    )
  }
  const byName = new Map(rows.map((r) => [r.name, r]))
  const queues = jobs.map((job): QueueStatus => {
    const r = byName.get(job.name)
    return {
      name: job.name,
      cron: job.cron,
      waiting: Number(r?.waiting ?? 0),
      active: Number(r?.active ?? 0),
      failed: Number(r?.failed ?? 0),
      lastRunAt: r?.lastRunAt ?? null,
      lastFailureAt: r?.lastFailureAt ?? null,
      lastError: scrubError(r?.lastError),
    }
  })
  const [outbox] = await db.$queryRaw<{ pending: bigint; failing: bigint; oldest: Date | null; sent: bigint }[]>`
    SELECT count(*) FILTER (WHERE "sentAt" IS NULL) AS pending,
      count(*) FILTER (WHERE "sentAt" IS NULL AND "lastError" IS NOT NULL) AS failing,
      min("createdAt") FILTER (WHERE "sentAt" IS NULL) AS oldest,
      count(*) FILTER (WHERE "sentAt" >= ${new Date(now.getTime() - DAY)}) AS sent
    FROM "MailOutbox" WHERE "sentAt" IS NULL OR "sentAt" >= ${new Date(now.getTime() - DAY)}`
  const lastFailed = await db.mailOutbox.findFirst({ where: { sentAt: null, lastError: { not: null } }, orderBy: { nextAttemptAt: { sort: 'desc', nulls: 'last' } }, select: { lastError: true } })
  const workers = await db.workerHeartbeat.count({ where: { beatAt: { gte: new Date(now.getTime() - 30_000) } } })
  return {
    boss: !!tables?.job,
    workers,
    queues,
    outbox: {
      pending: Number(outbox?.pending ?? 0),
      failing: Number(outbox?.failing ?? 0),
      oldestPendingAt: outbox?.oldest ?? null,
      sent24h: Number(outbox?.sent ?? 0),
      lastError: scrubError(lastFailed?.lastError),
    },
  }
}
