/**
 * The background worker as it runs in production (server/jobs/worker.ts, its own OS process): on a database of its
 * own (so its jobs, which act on every row, cannot touch the rows of test files running beside it) it starts
 * pg-boss, schedules every job of server/jobs/jobs.ts with its cron in Europe/Amsterdam, runs a job it is sent
 * (an expired hold moves on to the waiting list) and stops cleanly on SIGTERM.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect } from 'vitest'
import PgBoss from 'pg-boss'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '../db/generated/client.ts'
import { freshDatabase } from '../db/fresh-database.ts'
import { buildOrganisation, buildRegion, buildBoard } from '../db/factories.ts'
import { jobs } from './jobs.ts'
import { itNeedsPostgres } from '../test/needs-postgres.ts'


async function until<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const v = await probe()
    if (v) return v
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

describe('job worker', () => {
  itNeedsPostgres('schedules every job (cron, Europe/Amsterdam), runs a sent job (an expired hold moves on), stops on SIGTERM', "the embedded PGlite is one database per process, no room for the worker's own", async () => {
    const { url, drop } = await freshDatabase(process.env.DATABASE_URL!, 'overstap_worker')
    const fdb = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }) })
    let child: ReturnType<typeof spawn> | undefined
    try {
      // an institution with a slot: one pupil's hold lapsed a minute ago, another waits
      const region = await buildRegion(fdb)
      const board = await buildBoard(fdb)
      const mbo = await buildOrganisation(fdb, { sector: 'MBO', regionIds: [region.id], boardId: board.id })
      const programme = await fdb.slotProgramme.create({ data: { organisationId: mbo.id, name: 'Verpleegkunde', sector: 'MBO', level: 'MBO_4', code: '25491' } })
      const now = Date.now()
      const startsAt = new Date(now + 7 * 86_400_000)
      const slot = await fdb.slot.create({
        data: { programmeId: programme.id, organisationId: mbo.id, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), location: 'Hoofdgebouw', capacity: 1, confirmedCount: 1, status: 'PUBLISHED', bookingOpensAt: new Date(now - 86_400_000), bookingClosesAt: startsAt, audienceLevels: ['HAVO'], questions: [] },
      })
      const base = { slotId: slot.id, organisationId: mbo.id, programmeId: programme.id, pupilName: 'Sam', level: 'HAVO' as const, year: 4, answers: {} }
      const lapsed = await fdb.slotBooking.create({ data: { ...base, pupilEmail: 'a@a.example.test', status: 'PENDING', offerExpiresAt: new Date(now - 60_000), tokenHash: 'a'.repeat(64) } })
      const waiting = await fdb.slotBooking.create({ data: { ...base, pupilEmail: 'b@b.example.test', status: 'WAITLISTED', waitlistedAt: new Date(now - 120_000), tokenHash: 'b'.repeat(64) } })

      // the worker, with the test's clock (clock-shift mode) and a mail directory instead of SMTP
      const lines: string[] = []
      const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'info', MAIL_OUTBOX_DIR: mkdtempSync(path.join(tmpdir(), 'overstap-worker-mail-')) }
      delete env.SMTP_URL
      // node itself (not npx/tsx's wrapper), so that SIGTERM reaches the worker as it does under a process manager
      child = spawn(process.execPath, ['--import', 'tsx', '--import', './server/test/clock-shift.ts', 'server/jobs/worker.ts'], {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)))
      for (const s of [child.stdout!, child.stderr!]) s.on('data', (d: Buffer) => lines.push(...d.toString().split('\n').filter(Boolean)))
      const logged = (msg: string) => lines.some((l) => l.includes(`"msg":"${msg}"`))
      await until('the worker to start pg-boss', () => logged('worker ready') && logged('pg-boss started'), 90_000).catch((err: Error) => {
        throw new Error(`${err.message}; worker said:\n${lines.slice(-20).join('\n')}`)
      })
      expect(lines.filter((l) => l.includes('DEGRADED'))).toEqual([])

      // every job is scheduled with its cron, in Amsterdam time
      const rows = await fdb.$queryRawUnsafe<{ name: string; cron: string; timezone: string }[]>('SELECT name, cron, timezone FROM pgboss.schedule ORDER BY name')
      expect(rows).toEqual(jobs.map((j) => ({ name: j.name, cron: j.cron, timezone: 'Europe/Amsterdam' })).sort((a, b) => a.name.localeCompare(b.name)))
      expect(new Set(jobs.map((j) => j.name)).size).toBe(jobs.length)

      // a run of the expiry job, sent as the cron would: the lapsed hold expires and the waiting pupil is offered the place
      const boss = new PgBoss({ connectionString: url, schema: 'pgboss', supervise: false, schedule: false, migrate: false, max: 1 })
      await boss.start()
      await boss.send('slots-expire-offers', {})
      await until('the hold to expire', async () => (await fdb.slotBooking.findUniqueOrThrow({ where: { id: lapsed.id } })).status === 'EXPIRED', 60_000)
      await boss.stop({ graceful: false, wait: true })
      expect((await fdb.slotBooking.findUniqueOrThrow({ where: { id: waiting.id } })).status).toBe('OFFERED')
      expect((await fdb.slot.findUniqueOrThrow({ where: { id: slot.id } })).confirmedCount).toBe(1)
      // the run is logged with its job name and result (one hold expired), as every job run is
      const done = await until('the job-done log line', () => lines.find((l) => l.includes('"msg":"job done"') && l.includes('"job":"slots-expire-offers"')), 20_000)
      expect(JSON.parse(done)).toMatchObject({ job: 'slots-expire-offers', result: 1 })

      // SIGTERM: the worker stops within its budget and says so
      child.kill('SIGTERM')
      const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 15_000))])
      expect(code).toBe(0)
      expect(logged('worker stopped')).toBe(true)
      child = undefined
    } finally {
      child?.kill('SIGKILL')
      await fdb.$disconnect()
      await drop()
    }
  }, 240_000)
})
