/**
 * PostgreSQL restarts under load. A steady mix of public bookings (one slot, fewer places than pupils) and event
 * proposals by staff runs against the app's tRPC endpoint while the database is stopped for a few seconds and
 * started again. Holds: during the outage every failure is 503 with Retry-After and the translated message (never
 * a 500, never internals); within 5 s after PostgreSQL is back every request succeeds again, without restarting
 * anything; every request answered 2xx is in the database exactly once; the slot is not oversold. The job worker
 * (its own process) keeps running: its heartbeat resumes and a job sent after the restart completes.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import PgBoss from 'pg-boss'
import { inject } from 'vitest'
import type { Cluster } from './pg-cluster.ts'
import { faultDatabase, sleep, startWorker, trpcMutation, until, type Reply } from './harness.ts'

let cluster: Cluster
let url: string

beforeAll(async () => {
  const made = await faultDatabase()
  if (made) ({ cluster, url } = made)
})

/**
 * Its former hang on a quiet machine was found: every check passed and the final `db.$disconnect()` waited forever
 * for a pool client lost mid-transaction (see the end of the test); that wait is now bounded. ≈ 40 s on the 2-core
 * machine. OVERSTAP_FAULT_RESTART=0 skips it (the skip is printed).
 */
const RESTART_TEST = process.env.OVERSTAP_FAULT_RESTART !== '0'
if (!RESTART_TEST) console.log('[fault] database restart test skipped (OVERSTAP_FAULT_RESTART=0)')

describe.skipIf(!inject('faultCluster') || !RESTART_TEST)('database restart under load', () => {
  it('answers 503 + Retry-After during the outage, recovers within 5 s, loses and doubles nothing, never oversells', async () => {
    const { db } = await import('../../db/client.ts')
    const { buildTwoRegionWorld, uniq } = await import('../../db/factories.ts')
    const { loadActor } = await import('../../auth/actor.ts')
    const { handleTrpc } = await import('../../api/trpc-handler.ts')
    const { translator } = await import('../../i18n/translate.ts')
    const { createCaller } = await import('../../api/root.ts')
    const { RETRY_AFTER_SECONDS } = await import('../../lib/errors.ts')

    const w = await buildTwoRegionWorld(db)
    const publisher = await loadActor(db, w.a.publisher.id)
    const p = createCaller({ db, actor: publisher, locale: 'nl', ip: '127.0.0.1' })
    const programme = await p.slots.createProgramme({ organisationId: w.a.mbo.id, name: 'Verpleegkunde', level: 'MBO_4', code: '25491' })
    const now = Date.now()
    const startsAt = new Date(now + 14 * 24 * 3_600_000)
    const CAPACITY = 10
    const slot = await db.slot.create({
      data: {
        programmeId: programme.id,
        organisationId: w.a.mbo.id,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 4 * 3_600_000),
        location: 'Hoofdgebouw',
        capacity: CAPACITY,
        bookingOpensAt: new Date(now - 3_600_000),
        bookingClosesAt: new Date(now + 13 * 24 * 3_600_000),
        audienceLevels: ['VMBO_GT', 'HAVO', 'VWO'],
        questions: [],
      },
    })

    // The worker runs beside the app, against the same database.
    const worker = startWorker(url)
    await until(() => db.workerHeartbeat.findFirst(), 60_000, 'the worker heartbeat')

    // The context is built per request as in the app (actor loaded from the database, so the outage hits it too).
    let ipCounter = 0
    const anon = (req: Request) => handleTrpc(req, async () => ({ db, actor: null, locale: 'nl', ip: `10.0.${(ipCounter >> 8) & 255}.${ipCounter++ & 255}` }))
    const asStaff = (req: Request) => handleTrpc(req, async () => ({ db, actor: await loadActor(db, w.a.staff.id), locale: 'nl', ip: '10.1.0.1' }))

    type Sent = { kind: 'book' | 'event'; key: string; at: number; reply: Reply }
    const sent: Sent[] = []
    let stopLoad = false
    const runId = uniq()
    let n = 0
    const laneState: string[] = []
    const loop = async (lane: number) => {
      while (!stopLoad) {
        laneState[lane] = `lane ${lane} request ${n} since ${Date.now()}`
        const i = n++
        const at = Date.now()
        if ((i + lane) % 2 === 0) {
          const email = `pupil${i}@d${i}-${runId}.example.test`
          const reply = await trpcMutation(anon, 'slots.book', { slotId: slot.id, name: 'Sam de Vries', email, schoolId: w.a.school.id, level: 'HAVO', year: 4, answers: {} })
          sent.push({ kind: 'book', key: email, at, reply })
        } else {
          const title = `Open dag ${runId} #${i}`
          const reply = await trpcMutation(asStaff, 'calendar.create', {
            title,
            description: 'Rondleiding',
            type: 'OPEN_DAG',
            organiserIds: [w.a.school.id],
            regionIds: [w.a.region.id],
            audienceLevels: ['havo', 'vwo'],
            schoolYears: [3],
            allDay: false,
            startDate: '2031-02-08',
            startTime: '09:30',
            endDate: '2031-02-08',
            endTime: '12:30',
            locationAddress: 'Schoolstraat 1, Utrecht',
            attachments: [],
          })
          sent.push({ kind: 'event', key: title, at, reply })
        }
        await sleep(20)
      }
    }
    const lanes = [0, 1, 2, 3].map(loop)

    await sleep(1_500)
    const stoppedAt = Date.now()
    cluster.stop()
    await sleep(3_000)
    cluster.start()
    const backAt = Date.now()
    await sleep(8_000)
    stopLoad = true
    const watchdog = setInterval(() => console.log('[fault] still waiting for', laneState.join(' | ')), 10_000)
    await Promise.all(lanes)
    clearInterval(watchdog)

    const during = sent.filter((s) => s.at > stoppedAt && s.at < backAt)
    const after5s = sent.filter((s) => s.at >= backAt + 5_000)
    const failures = sent.filter((s) => s.reply.status >= 300)
    const message = translator('nl')('errors.databaseUnavailable', { seconds: RETRY_AFTER_SECONDS })

    // The outage was seen, and only as 503 with Retry-After and the translated message.
    expect(during.length).toBeGreaterThan(0)
    expect(failures.length).toBeGreaterThan(0)
    for (const f of failures) {
      expect.soft(f.reply.status, f.reply.text.slice(0, 300)).toBe(503)
      expect.soft(f.reply.retryAfter).toBe(String(RETRY_AFTER_SECONDS))
      expect.soft(f.reply.text).toContain(message)
      expect.soft(f.reply.text).not.toMatch(/stack|prisma|ECONN|at \//i)
    }
    // Recovered within 5 s of PostgreSQL being back, without restarting the app: everything after is 2xx.
    const timeline = sent.map((s) => `${s.at - stoppedAt}:${s.reply.status}`).join(' ')
    expect(after5s.length, timeline).toBeGreaterThan(3)
    expect(after5s.filter((s) => s.reply.status !== 200).map((s) => s.reply.text.slice(0, 200))).toEqual([])

    // Every 2xx is in the database exactly once; the slot is not oversold.
    const okBookings = sent.filter((s) => s.kind === 'book' && s.reply.status === 200).map((s) => s.key)
    const okEvents = sent.filter((s) => s.kind === 'event' && s.reply.status === 200).map((s) => s.key)
    expect(okBookings.length).toBeGreaterThan(CAPACITY)
    const bookings = await db.slotBooking.groupBy({ by: ['pupilEmail'], where: { slotId: slot.id }, _count: true })
    const bookingCount = new Map(bookings.map((b) => [b.pupilEmail, b._count]))
    expect(okBookings.filter((e) => bookingCount.get(e) !== 1)).toEqual([])
    const events = await db.calendarEvent.groupBy({ by: ['title'], where: { title: { startsWith: `Open dag ${runId} ` } }, _count: true })
    const eventCount = new Map(events.map((e) => [e.title, e._count]))
    expect(okEvents.filter((t) => eventCount.get(t) !== 1)).toEqual([])
    const after = await db.slot.findUniqueOrThrow({ where: { id: slot.id } })
    const holding = await db.slotBooking.count({ where: { slotId: slot.id, status: { in: ['PENDING', 'CONFIRMED', 'OFFERED'] } } })
    expect(after.confirmedCount).toBeLessThanOrEqual(CAPACITY)
    expect(holding).toBe(after.confirmedCount)

    // The worker reconnected by itself: a fresh heartbeat, and a job sent now completes.
    await until(async () => (await db.workerHeartbeat.findFirst({ where: { beatAt: { gt: new Date(backAt) } } })) ?? null, 20_000, 'a heartbeat after the restart')
    const boss = new PgBoss({ connectionString: url, schema: 'pgboss', max: 1 })
    await boss.start()
    const jobId = await boss.send('slots-expire-offers', {})
    await until(async () => (await boss.getJobById('slots-expire-offers', jobId!))?.state === 'completed', 30_000, 'the job after the restart')
    await boss.stop({ graceful: false })
    expect(worker.child.exitCode).toBeNull()
    worker.child.kill('SIGTERM')
    expect(await worker.exited).toBe(0)
    // Known (issue #18): the app's pool keeps a client whose connection died inside a transaction during the outage
    // (Prisma's pg adapter does not release it when COMMIT/ROLLBACK fails), so $disconnect() — pool.end() — waits for
    // it forever. This was the "hang on a quiet machine". Bounded here and reported, not hidden.
    const closed = await Promise.race([db.$disconnect().then(() => true), sleep(5_000).then(() => false)])
    if (!closed) console.log('[fault] database restart: the pool did not close within 5 s (a client lost mid-transaction was never released)')
    console.log(`[fault] database restart: ${sent.length} requests, ${failures.length} answered 503 during the outage, ${okBookings.length} bookings and ${okEvents.length} events answered 2xx`)
  }, 180_000)
})
