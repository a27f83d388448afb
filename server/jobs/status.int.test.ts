/**
 * The background jobs' status for the platform admin: per job its pg-boss queue (waiting, running, failures in the
 * last 7 days, last success, last failure and its message without personal data), the mail outbox, and only for a
 * platform admin. pg-boss runs here in a schema of its own, so the test's queues are exactly its own.
 */
import { describe, expect, it } from 'vitest'
import PgBoss from 'pg-boss'
import { buildTwoRegionWorld, uniq } from '../db/factories.ts'
import { callerFor, db, expectTrpcError } from '../test/helpers.ts'
import { jobs } from './jobs.ts'
import { jobStatus, scrubError } from './status.ts'
import { itNeedsPostgres } from '../test/needs-postgres.ts'

describe('job status', () => {
  it('is for the platform admin only and lists every job', async () => {
    const w = await buildTwoRegionWorld(db)
    const status = await (await callerFor(w.admin.id)).jobs.status()
    expect(status.queues.map((q) => [q.name, q.cron])).toEqual(jobs.map((j) => [j.name, j.cron]))
    for (const id of [w.a.coordinator.id, w.a.staff.id, w.a.publisher.id, w.a.boardReporter.id]) await expectTrpcError((await callerFor(id)).jobs.status(), 'FORBIDDEN')
    await expectTrpcError((await callerFor(null)).jobs.status(), 'UNAUTHORIZED')
  })

  it('error messages lose e-mail addresses and quoted values, and are cut short', () => {
    expect(scrubError('550 5.1.1 <noor.jansen@leerling.example.nl>: Recipient address rejected')).toBe('550 5.1.1 <[e-mail]>: Recipient address rejected')
    expect(scrubError('duplicate key value violates unique constraint; Key ("pupilEmail")=(sam@x.example) already exists.')).toBe('duplicate key value violates unique constraint; Key ("pupilEmail")=(…) already exists.')
    expect(scrubError('x'.repeat(400))).toHaveLength(300)
    expect(scrubError(null)).toBeNull()
  })

  itNeedsPostgres('per queue: waiting, running, failed, last run, last failure with its scrubbed message; the outbox', 'pg-boss needs PostgreSQL features the embedded PGlite lacks', async () => {
    const schema = `pgboss_status_${uniq().replace(/[^a-z0-9]/gi, '').toLowerCase()}`
    const boss = new PgBoss({ connectionString: process.env.DATABASE_URL!, schema, supervise: false, schedule: false, max: 2 })
    boss.on('error', () => {})
    await boss.start()
    try {
      const [digest, outbox] = ['notifications-digest', 'mail-outbox']
      for (const name of [digest, outbox]) await boss.createQueue(name, { name, retryLimit: 0 })
      // The digest: one run succeeded, then one failed (its error names a pupil's address).
      await boss.send(digest, {})
      const [ok] = await boss.fetch(digest)
      await boss.complete(digest, ok!.id)
      await boss.send(digest, {})
      const [bad] = await boss.fetch(digest)
      await boss.fail(digest, bad!.id, { message: 'SMTP refused <noor@leerling.example.nl>' })
      // The outbox job: two waiting, one running.
      for (let i = 0; i < 3; i++) await boss.send(outbox, {})
      await boss.fetch(outbox)

      const mailKey = `status-test:${uniq()}`
      await db.mailOutbox.create({ data: { key: mailKey, to: 'x@example.test', subject: 's', text: 't', attempts: 1, lastError: '451 mailbox of x@example.test unavailable', nextAttemptAt: new Date(Date.now() + 60_000) } })

      const status = await jobStatus(db, { schema })
      expect(status.boss).toBe(true)
      const q = (name: string) => status.queues.find((x) => x.name === name)!
      expect(q(digest)).toMatchObject({ waiting: 0, active: 0, failed: 1, lastError: 'SMTP refused <[e-mail]>' })
      expect(q(digest).lastRunAt).toBeInstanceOf(Date)
      expect(q(digest).lastFailureAt!.getTime()).toBeGreaterThanOrEqual(q(digest).lastRunAt!.getTime())
      expect(q(outbox)).toMatchObject({ waiting: 2, active: 1, failed: 0, lastRunAt: null, lastFailureAt: null, lastError: null })
      expect(status.queues.filter((x) => x.name !== digest && x.name !== outbox).every((x) => x.waiting + x.active + x.failed === 0 && !x.lastRunAt)).toBe(true)
      // The outbox is shared with the other test files: at least this file's waiting, failing row.
      expect(status.outbox.pending).toBeGreaterThanOrEqual(1)
      expect(status.outbox.failing).toBeGreaterThanOrEqual(1)
      expect(status.outbox.oldestPendingAt).toBeInstanceOf(Date)
      expect(JSON.stringify(status)).not.toContain('@example.test')
      expect(JSON.stringify(status)).not.toContain('noor@')
      await db.mailOutbox.delete({ where: { key: mailKey } })
    } finally {
      await boss.stop({ graceful: false, wait: true })
      await db.$executeRawUnsafe(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    }
  })
})
