import http from 'node:http'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import type pg from 'pg'
import type { Db } from '../db/client.ts'
import { buildOrganisation, buildRegion } from '../db/factories.ts'
import { BOOK_READ, BOOK_WRITE, bookingArgs, type BookRead, type BookWrite } from '../slots/booking.ts'
import type { BookInput } from '../slots/schema.ts'
import { flushOutbox } from '../mail/outbox.ts'
import { percentile, type BenchContext, type BenchResult } from './harness.ts'

const DAY = 86_400_000
/** A pupil's name has no digits (slots/schema.ts zPupilName): 12 → "bc". */
export const letters = (n: number) => [...String(n)].map((d) => 'abcdefghij'[Number(d)]).join('')

export type RushShape = { bookings: number; slots: number; capacity: number }
/** The shape: 3,000 concurrent bookings over 100 slots (capacity 20: 2,000 held, 1,000 waitlisted). */
export const RUSH: RushShape = { bookings: Number(process.env.BENCH_RUSH_BOOKINGS ?? 3000), slots: Number(process.env.BENCH_RUSH_SLOTS ?? 100), capacity: 20 }

export type RushSetup = { schoolId: string; slotIds: string[] }

/** The unmeasured warm-up before each measured rush (its bookings come from client addresses of their own). */
const WARM_UP: RushShape = { bookings: 1000, slots: 50, capacity: 20 }
const WARM_UP_IPS = 500_000

/** A region with one school and `shape.slots` published slots of `shape.capacity` places, spread over 10 institutions. */
export async function rushSetup(db: Db, shape: RushShape, tag: string): Promise<RushSetup> {
  const region = await buildRegion(db, { name: `Bench rush ${tag}`, slug: `bench-rush-${tag}-${Date.now().toString(36)}` })
  const school = await buildOrganisation(db, { regionIds: [region.id], sector: 'VO' })
  const institutions = await Promise.all(Array.from({ length: 10 }, () => buildOrganisation(db, { regionIds: [region.id], sector: 'MBO' })))
  const programmes = await Promise.all(
    institutions.map((org, i) => db.slotProgramme.create({ data: { organisationId: org.id, name: `Rush ${tag} ${i}`, sector: 'MBO', level: 'MBO_4', code: String(40000 + i) } })),
  )
  const now = Date.now()
  const slotIds: string[] = []
  for (let i = 0; i < shape.slots; i++) {
    const p = programmes[i % programmes.length]!
    const startsAt = now + (20 + i) * DAY
    const s = await db.slot.create({
      data: {
        programmeId: p.id,
        organisationId: p.organisationId,
        startsAt: new Date(startsAt),
        endsAt: new Date(startsAt + 4 * 3_600_000),
        location: 'Hoofdgebouw',
        capacity: shape.capacity,
        bookingOpensAt: new Date(now - DAY),
        bookingClosesAt: new Date(startsAt - DAY),
        audienceLevels: ['HAVO', 'VWO'],
      },
      select: { id: true },
    })
    slotIds.push(s.id)
  }
  return { schoolId: school.id, slotIds }
}

/** Booking i of a rush: slot i mod slots, its own address (own mail domain: the per-domain limit is not measured). */
export const rushInput = (setup: RushSetup, i: number, tag: string) => ({
  slotId: setup.slotIds[i % setup.slotIds.length]!,
  name: `Leerling ${letters(i)}`,
  email: `pupil@${tag}-${i}.example.test`,
  schoolId: setup.schoolId,
  level: 'HAVO' as const,
  year: 4,
  answers: {},
})

/** Client address of booking i: each its own (the per-IP rate limit is not what the rush measures). */
export const rushIp = (i: number) => `10.${100 + Math.floor(i / 62500)}.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`

type Outcome = { status: string; position: number | null }

/**
 * CPU time (ms) each local PostgreSQL process (postmaster, backends, background workers) has used so far, by pid,
 * from Linux's /proc (utime + stime, USER_HZ = 100); null elsewhere. The difference over a run is the database's CPU
 * for it (a backend started during the run counts from zero; one that exited before its end is missed).
 */
function postgresCpuMs(): Map<string, number> | null {
  if (!existsSync('/proc/self/stat')) return null
  const out = new Map<string, number>()
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      if (!stat.includes('(postgres)')) continue
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      out.set(pid, (Number(fields[11]) + Number(fields[12])) * 10)
    } catch {
      // the process ended while being read
    }
  }
  return out
}

/**
 * A lean HTTP client for the rush: one tRPC mutation `slots.book` as a bare POST over a keep-alive agent of at most
 * `sockets` connections (3,000 simultaneous connects overflow the listen backlog and time out; a browser crowd
 * reaches a server through a proxy's pool the same way). Lean because the bench's client shares the 2 cores with
 * the server: the tRPC client's own CPU per call would be counted against the app.
 */
export function bookingPoster(baseUrl: string, sockets = 64) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets })
  const url = new URL(`${baseUrl.replace(/\/$/, '')}/slots.book`)
  return (input: ReturnType<typeof rushInput>, ip?: string) =>
    new Promise<Outcome>((resolve, reject) => {
      const body = JSON.stringify({ json: input })
      const req = http.request(
        url,
        { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(ip ? { 'x-forwarded-for': ip } : {}) } },
        (res) => {
          let text = ''
          res.setEncoding('utf8')
          res.on('data', (c: string) => (text += c))
          res.on('end', () => {
            if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 300)}`))
            const data = (JSON.parse(text) as { result: { data: { json: Outcome } } }).result.data.json
            resolve({ status: data.status, position: data.position })
          })
        },
      )
      req.on('error', reject)
      req.end(body)
    })
}

/**
 * Fires all bookings at once (`book(i)`), each timed; then checks in the database: every slot holds exactly its
 * capacity (PENDING + CONFIRMED + OFFERED == confirmedCount == capacity), the rest waitlisted, and per slot the
 * waiting-list positions the bookers were told are 1..n, distinct, in the order of the queue (FIFO intact).
 */
export async function runRush(pool: pg.Pool, shape: RushShape, setup: RushSetup, book: (i: number) => Promise<Outcome>) {
  const latencies: number[] = []
  const outcomes: (Outcome | null)[] = Array.from({ length: shape.bookings }, () => null)
  const quiet = console.log // the dev mailer logs every message; keep the table readable
  console.log = () => {}
  const cpu0 = process.cpuUsage()
  const postgres0 = postgresCpuMs()
  const t0 = performance.now()
  const settled = await Promise.allSettled(
    Array.from({ length: shape.bookings }, async (_, i) => {
      const s = performance.now()
      outcomes[i] = await book(i)
      latencies.push(performance.now() - s)
    }),
  )
  const wall = performance.now() - t0
  const cpu = process.cpuUsage(cpu0)
  const postgres1 = postgresCpuMs()
  console.log = quiet
  const failed = settled.filter((o) => o.status === 'rejected')
  if (failed.length) throw new Error(`${failed.length} of ${shape.bookings} bookings failed`, { cause: (failed[0] as PromiseRejectedResult).reason })
  const check = await checkRush(pool, shape, setup, outcomes as Outcome[])
  // CPU of this process (app server + lean client, or the floor's pg client) per booking: what bounds the rate on a
  // loaded 2-core machine, whatever else runs beside it.
  const cpuMsPerBooking = (cpu.user + cpu.system) / 1000 / shape.bookings
  // The local PostgreSQL's CPU in the same time, per booking: the other half of what two cores have to carry.
  const postgresCpuMsPerBooking = postgres0 && postgres1 ? [...postgres1].reduce((sum, [pid, ms]) => sum + ms - (postgres0.get(pid) ?? 0), 0) / shape.bookings : null
  return { wall, latencies, perSecond: (shape.bookings / wall) * 1000, cpuMsPerBooking, postgresCpuMsPerBooking, ...check }
}

export async function checkRush(pool: pg.Pool, shape: RushShape, setup: RushSetup, outcomes: Outcome[]) {
  const { rows } = await pool.query<{ id: string; capacity: number; confirmedCount: number; held: string; waiting: string }>(
    `SELECT s."id", s."capacity", s."confirmedCount",
            count(*) FILTER (WHERE b."status" IN ('PENDING', 'CONFIRMED', 'OFFERED')) AS held,
            count(*) FILTER (WHERE b."status" = 'WAITLISTED') AS waiting
     FROM "Slot" s LEFT JOIN "SlotBooking" b ON b."slotId" = s."id" WHERE s."id" = ANY($1) GROUP BY s."id"`,
    [setup.slotIds],
  )
  const perSlot = shape.bookings / shape.slots
  const oversold = rows.filter((r) => Number(r.held) !== r.capacity || r.confirmedCount !== r.capacity || Number(r.waiting) !== perSlot - r.capacity)
  // FIFO: per slot, the positions told to the waitlisted bookers are exactly 1..n, and the queue order
  // (waitlistedAt, id) lists them in that order.
  const { rows: queue } = await pool.query<{ slotId: string; email: string }>(
    `SELECT "slotId", "pupilEmail" AS email FROM "SlotBooking" WHERE "slotId" = ANY($1) AND "status" = 'WAITLISTED' ORDER BY "slotId", "waitlistedAt", "id"`,
    [setup.slotIds],
  )
  const told = new Map<string, number>()
  outcomes.forEach((o, i) => {
    if (o.status === 'WAITLISTED') told.set(`${setup.slotIds[i % setup.slotIds.length]}|${i}`, o.position ?? -1)
  })
  const emailIndex = (email: string) => Number(/-(\d+)\.example\.test$/.exec(email)?.[1] ?? -1)
  let fifoBroken = 0
  let rank = 0
  let last = ''
  for (const q of queue) {
    rank = q.slotId === last ? rank + 1 : 1
    last = q.slotId
    if (told.get(`${q.slotId}|${emailIndex(q.email)}`) !== rank) fifoBroken++
  }
  const waitlisted = outcomes.filter((o) => o.status === 'WAITLISTED').length
  if (queue.length !== waitlisted) fifoBroken += Math.abs(queue.length - waitlisted)
  return { held: rows.reduce((n, r) => n + Number(r.held), 0), waitlisted, oversoldSlots: oversold.length, fifoBroken }
}

/**
 * The floor's outbox mail: p_mail with three pre-rendered variants of ≈ 600 characters, written once by hand, so the
 * database does the outbox insert without any rendering in the client. Unchanged since the app stopped rendering
 * (migration 20261130215517_slot_book_mail_template): the app now sends a template of ≈ 0.4 kB that the worker
 * renders, and slot_book still accepts this shape, so the floor's statement carries a larger p_mail than the app's
 * (and two replace() calls): the floor stays the same statement as before, a little heavier than the app's.
 */
const floorText = (kind: string) =>
  `Beste leerling,\n\n${kind}: je boeking voor proefstuderen is ontvangen. Bevestig je plek met de link hieronder.\n\n` +
  `Opleiding: Rush\nInstelling: Bench\nWanneer: maandag 21 december 2026, 09:00–13:00\nWaar: Hoofdgebouw\n\nBekijken, bevestigen of annuleren:\n` +
  `http://localhost:3000/boeking/${'x'.repeat(43)}\n\nDit bericht is automatisch verstuurd. Je gegevens worden na de dag verwijderd.`
const floorMail = (_slot: BookRead, b: { id: string; to: string }) => {
  const placeholder = `{{position:${b.id}}}`
  return {
    key: `slot-booking:${b.id}`,
    to: b.to,
    placeholder,
    PENDING: { subject: 'Bevestig je boeking', text: floorText('pending') },
    CONFIRMED: { subject: 'Je boeking is bevestigd', text: floorText('confirmed') },
    WAITLISTED: { subject: 'Wachtlijst', text: `${floorText('waitlisted')} (plaats ${placeholder})` },
  }
}

/**
 * The floor of one booking: the app's two statements (BOOK_READ, BOOK_WRITE with its outbox mail) over bare `pg`, no
 * HTTP, no Prisma, no mail rendering. The app's public booking sends BOOK_READ with its per-IP rate-limit upsert in
 * the same statement (bookReadLimited; before, a round trip of its own), which the floor leaves out.
 */
export async function floorBook(pool: pg.Pool, input: BookInput): Promise<Outcome> {
  const { rows } = await pool.query<BookRead>(BOOK_READ, [input.slotId, input.schoolId])
  const { args } = bookingArgs(rows[0], null, input, new Date(), 'nl', floorMail)
  const { rows: written } = await pool.query<BookWrite>(BOOK_WRITE, args)
  if (!written[0]?.status) throw new Error(`floor booking refused: ${written[0]?.refusal}`)
  return { status: written[0].status, position: written[0].position }
}

/**
 * The rush's mails: each booking wrote its own into the outbox in its statement (checked: one row per booking), as a
 * template; then rendered and sent as the worker's outbox poll sends them (flushOutbox, the dev transport writing
 * .eml files), timed with this process's CPU: the mail work the web process no longer does before answering.
 * flushOutbox's own statements run over the pool (one select per flush, then per mail a claim and a mark-sent);
 * until then they were three Prisma ORM queries per mail (≈ 2.5 ms CPU each to compile): 5.2–6.4 → 2.3–3.5 ms CPU
 * per mail in interleaved A/B runs. What is left is mostly nodemailer composing the MIME message, writing the dev
 * transport's .eml file and rendering the template (dates and messages), not the outbox.
 */
async function outboxDrain(ctx: BenchContext, setup: RushSetup) {
  const { rows } = await ctx.pool.query<{ key: string }>(
    `SELECT o."key" FROM "MailOutbox" o JOIN "SlotBooking" b ON o."key" = 'slot-booking:' || b."id" WHERE b."slotId" = ANY($1)`,
    [setup.slotIds],
  )
  const keys = rows.map((r) => r.key)
  const quiet = console.log
  console.log = () => {}
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  let sent = 0
  for (let i = 0; i < keys.length; i += 200) sent += (await flushOutbox(ctx.db, { keys: keys.slice(i, i + 200) })).sent
  const wall = performance.now() - t0
  const cpu = process.cpuUsage(cpu0)
  console.log = quiet
  const cpuMs = (cpu.user + cpu.system) / 1000 / Math.max(1, sent)
  return { rows: keys.length, note: `${keys.length.toLocaleString('en-US')} (one per booking, a template written by slot_book); rendered and sent after the rush at ${((sent / wall) * 1000).toFixed(0)} mails/s, ${cpuMs.toFixed(2)} ms CPU per mail (the worker's work)` }
}

/**
 * `npm run bench -- rush`: the booking rush — 3,000 concurrent public bookings over HTTP for 100 slots of
 * 20 places, each from its own client address and mail domain — bookings/s, p50/p95, zero oversell, FIFO intact;
 * next to the floor: the same booking statements sent over bare `pg` with the same concurrency.
 */
export async function benchRush(ctx: BenchContext): Promise<BenchResult[]> {
  const shape = RUSH
  const post = bookingPoster(ctx.baseUrl)
  // A warm-up rush first, unmeasured, for app and floor alike (a server that has been up: its code compiled by the
  // JIT, its connections open): cold, the app's first rush spent ≈ 40 % more Node CPU per booking than its second.
  const warm = async (tag: string, book: (setup: RushSetup, i: number) => Promise<Outcome>) => {
    const setup = await rushSetup(ctx.db, WARM_UP, tag)
    await runRush(ctx.pool, WARM_UP, setup, (i) => book(setup, i))
  }
  await warm('app-warm', (setup, i) => post(rushInput(setup, i, 'warm'), rushIp(WARM_UP_IPS + i)))
  const app = await rushSetup(ctx.db, shape, 'app')
  const result = await runRush(ctx.pool, shape, app, (i) => post(rushInput(app, i, 'rush'), rushIp(i)))
  const mails = await outboxDrain(ctx, app)
  await warm('floor-warm', (setup, i) => floorBook(ctx.pool, rushInput(setup, i, 'floor-warm')))
  const floorSetup = await rushSetup(ctx.db, shape, 'floor')
  const floor = await runRush(ctx.pool, shape, floorSetup, (i) => floorBook(ctx.pool, rushInput(floorSetup, i, 'floor')))
  const ok = (r: typeof result) => (r.oversoldSlots === 0 && r.fifoBroken === 0 ? 'yes' : `NO (${r.oversoldSlots} slots oversold, ${r.fifoBroken} FIFO errors)`)
  if (result.oversoldSlots || result.fifoBroken) throw new Error(`booking rush: ${ok(result)}`)
  if (mails.rows !== shape.bookings) throw new Error(`booking rush: ${mails.rows} outbox mails for ${shape.bookings} bookings`)
  // What the CPU alone allows: the cores divided by the CPU a booking costs here (this process + PostgreSQL).
  const cores = availableParallelism()
  const bound = (r: typeof result) => (r.postgresCpuMsPerBooking === null ? null : (cores * 1000) / (r.cpuMsPerBooking + r.postgresCpuMsPerBooking))
  const [appBound, floorBound] = [bound(result), bound(floor)]
  const cpuNote = appBound === null || floorBound === null ? '' : `; ${cores} cores ÷ CPU per booking (Node + PostgreSQL) allow ≈ ${appBound.toFixed(0)}/s for the app, ≈ ${floorBound.toFixed(0)}/s for the floor`
  const target = result.perSecond >= 500 ? 'met' : `not met (floor ${floor.perSecond.toFixed(0)}/s${cpuNote})`
  return [
    {
      name: `slots: booking rush, ${shape.bookings.toLocaleString('en-US')} concurrent (HTTP) over ${shape.slots} slots of ${shape.capacity}`,
      n: shape.bookings,
      p50: percentile(result.latencies, 50),
      p95: percentile(result.latencies, 95),
      floorP50: percentile(floor.latencies, 50),
      floorP95: percentile(floor.latencies, 95),
      notes: {
        warmUp: `${WARM_UP.bookings.toLocaleString('en-US')} bookings over ${WARM_UP.slots} slots before each, unmeasured`,
        throughput: `${result.perSecond.toFixed(0)} bookings/s`,
        floorThroughput: `${floor.perSecond.toFixed(0)} bookings/s`,
        nodeCpuPerBooking: `${result.cpuMsPerBooking.toFixed(2)} ms (floor ${floor.cpuMsPerBooking.toFixed(2)} ms)`,
        ...(result.postgresCpuMsPerBooking !== null && floor.postgresCpuMsPerBooking !== null ? { postgresCpuPerBooking: `${result.postgresCpuMsPerBooking.toFixed(2)} ms (floor ${floor.postgresCpuMsPerBooking.toFixed(2)} ms; the local server's processes)` } : {}),
        target500: target,
        outboxMails: mails.note,
        held: result.held,
        waitlisted: result.waitlisted,
        noOversellFifo: ok(result),
        floorCheck: ok(floor),
      },
    },
  ]
}
