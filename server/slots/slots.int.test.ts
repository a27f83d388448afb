import { spawn } from 'node:child_process'
import { beforeAll, describe, expect, it } from 'vitest'
import { TRPCError } from '@trpc/server'
import { buildTwoRegionWorld, uniq } from '../db/factories.ts'
import { callerFor, db, expectDbRefusal, expectTrpcError } from '../test/helpers.ts'
import { loadActor } from '../auth/actor.ts'
import { createCaller } from '../api/root.ts'
import type { Mail } from '../mail/mailer.ts'
import type { PupilLevel } from '../db/generated/enums.ts'
import { acceptOffer, bookSlot, cancelByToken, confirmBooking, declineOffer, expireHolds, purgePersonalData, viewBooking } from './booking.ts'
import { env } from '../env.ts'
import { AppError } from '../lib/errors.ts'
import { translator } from '../i18n/translate.ts'
import { itNeedsPostgres } from '../test/needs-postgres.ts'

/** The error carries this message key, and the key has a Dutch and an English text (what the client shows). */
function expectKey(err: TRPCError, key: string) {
  expect((err.cause as AppError).key).toBe(key)
  expect(translator('nl').has(key) && translator('en').has(key)).toBe(true)
}

type World = Awaited<ReturnType<typeof buildTwoRegionWorld>>
let w: World
let programmeA: string
let programmeA2: string

const HOUR = 3_600_000
/** A year that is always ahead of today (no fixed calendar year that becomes the past one day). */
const FUTURE_YEAR = new Date().getUTCFullYear() + 2
const outbox: Mail[] = []
const deps = { send: async (m: Mail) => void outbox.push(m) }
const mailsTo = (to: string) => outbox.filter((m) => m.to === to)
const linkToken = (m: Mail) => /\/boeking\/([A-Za-z0-9_-]{43})/.exec(m.text)![1]!

/** A slot of programme A straight in the database (any window, also in the past). */
async function makeSlot(opts: { capacity?: number; startsInHours?: number; opensInHours?: number; closesInHours?: number; programmeId?: string; audience?: PupilLevel[] } = {}) {
  const now = Date.now()
  const startsAt = new Date(now + (opts.startsInHours ?? 24 * 14) * HOUR)
  return db.slot.create({
    data: {
      programmeId: opts.programmeId ?? programmeA,
      organisationId: w.a.mbo.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 4 * HOUR),
      location: 'Hoofdgebouw',
      capacity: opts.capacity ?? 10,
      bookingOpensAt: new Date(now + (opts.opensInHours ?? -1) * HOUR),
      bookingClosesAt: new Date(now + (opts.closesInHours ?? 24 * 13) * HOUR),
      audienceLevels: opts.audience ?? ['VMBO_GT', 'HAVO', 'VWO'],
      questions: [{ id: 'q1', label: 'Waarom deze opleiding?', required: false }],
    },
  })
}

/** A pupil's booking input; by default each pupil has a mailbox on a domain of their own (per-domain limit). */
function pupil(slotId: string, over: Partial<{ email: string; schoolId: string; level: PupilLevel; name: string }> = {}) {
  return { slotId, name: over.name ?? 'Sam de Vries', email: over.email ?? `pupil@${uniq()}.example.test`, schoolId: over.schoolId ?? w.a.school.id, level: over.level ?? ('HAVO' as const), year: 4, answers: {} }
}

/** A public booking confirmed through the link in its mail, as the pupil does it. */
async function bookConfirmed(slotId: string, over: Parameters<typeof pupil>[1] = {}) {
  const input = pupil(slotId, over)
  const r = await bookSlot(db, null, input, deps)
  expect(r.status).toBe('PENDING')
  await confirmBooking(db, linkToken(mailsTo(input.email).at(-1)!))
  return { ...r, email: input.email }
}

const SETTINGS = { maxActiveBookings: 1, limitScope: 'PROGRAMME', limitPeriodDays: 365, purgeAfterDays: 30, offerHoldHours: 24, pendingHoldMinutes: 30, maxPerSlotPerDomain: 10 } as const
/** Runs `fn` with institution A's booking rules changed, and restores the defaults afterwards. */
async function withSettings(over: Partial<Omit<typeof SETTINGS, 'limitScope'> extends infer T ? { [K in keyof T]: number } : never>, fn: () => Promise<void>) {
  const p = await callerFor(w.a.publisher.id)
  await p.slots.updateSettings({ organisationId: w.a.mbo.id, ...SETTINGS, ...over })
  try {
    await fn()
  } finally {
    await p.slots.updateSettings({ organisationId: w.a.mbo.id, ...SETTINGS })
  }
}

/** An anonymous caller from its own client address (public procedures are rate-limited per IP). */
function anonFrom(ip = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`) {
  return createCaller({ db, actor: null, locale: 'nl', ip })
}

/** Job runs (expiry, purge) act on this file's institution only: other files run side by side on one database. */
const own = () => ({ organisationId: w.a.mbo.id })

const bookingCount = (slotId: string) => db.slotBooking.count({ where: { slotId } })

beforeAll(async () => {
  w = await buildTwoRegionWorld(db)
  const p = await callerFor(w.a.publisher.id)
  programmeA = (await p.slots.createProgramme({ organisationId: w.a.mbo.id, name: 'Verpleegkunde', level: 'MBO_4', code: '25491' })).id
  programmeA2 = (await p.slots.createProgramme({ organisationId: w.a.mbo.id, name: 'ICT-beheer', level: 'MBO_4', code: '25604' })).id
})

describe('capacity under concurrency', () => {
  it('50 parallel bookings for capacity 10 → exactly 10 places held (PENDING), 40 on the waiting list in FIFO order', async () => {
    const slot = await makeSlot({ capacity: 10 })
    const results = await Promise.all(Array.from({ length: 50 }, () => bookSlot(db, null, pupil(slot.id), deps)))
    expect(results.filter((r) => r.status === 'PENDING')).toHaveLength(10)
    expect(results.filter((r) => r.status === 'WAITLISTED')).toHaveLength(40)
    const after = await db.slot.findUniqueOrThrow({ where: { id: slot.id } })
    expect(after.confirmedCount).toBe(10)
    expect(await db.slotBooking.count({ where: { slotId: slot.id, status: 'PENDING' } })).toBe(10)
    const positions = results.flatMap((r) => (r.position ? [r.position] : [])).sort((a, b) => a - b)
    expect(new Set(positions).size).toBe(40)
  })

  it('bookings that join the waiting list within one millisecond keep the order they were written in (the time has ms precision, the id no say)', async () => {
    const slot = await makeSlot({ capacity: 1 })
    expect(await bookSlot(db, null, pupil(slot.id), deps)).toMatchObject({ status: 'PENDING' }) // the one place
    // The clock's millisecond is the same for both, as for two bookings written right after each other on a fast
    // machine; the second one's id sorts first, so without the waiting list's own order it would be told place 1 too.
    const at = new Date(Math.floor(Date.now() / 1000) * 1000)
    const waiting = (id: string) => ({ id, slotId: slot.id, organisationId: w.a.mbo.id, programmeId: programmeA, level: 'HAVO' as const, year: 4, status: 'WAITLISTED' as const, waitlistedAt: at })
    const first = `z${uniq()}`
    const second = `a${uniq()}`
    await db.slotBooking.create({ data: waiting(first) })
    await db.slotBooking.create({ data: waiting(second) })
    const rows = await db.slotBooking.findMany({ where: { slotId: slot.id, status: 'WAITLISTED' }, orderBy: [{ waitlistedAt: 'asc' }, { id: 'asc' }], select: { id: true, waitlistedAt: true } })
    expect(rows.map((r) => r.id)).toEqual([first, second])
    expect(rows[1]!.waitlistedAt!.getTime()).toBe(at.getTime() + 1)
    // and a booking through the app after them is third, whatever its id
    const third = await bookSlot(db, null, pupil(slot.id), deps)
    expect(third).toMatchObject({ status: 'WAITLISTED', position: 3 })
  })

  // Needs a real PostgreSQL server (CI: PostgreSQL 15): skipped on the embedded PGlite, and the output says so.
  itNeedsPostgres('3 OS processes × 20 parallel bookings for capacity 15 → exactly 15 places held across processes', 'PGlite serves one session at a time and its socket server mixes up concurrent sessions from several processes', async () => {
    const slot = await makeSlot({ capacity: 15 })
    // The children load the clock shift too (OVERSTAP_CLOCK_SHIFT_DAYS is inherited): one "now" for test and app.
    const run = (tag: string) =>
      new Promise<string[]>((resolve, reject) => {
        const child = spawn('npx', ['tsx', '--import', './server/test/clock-shift.ts', 'server/slots/book-from-process.ts', slot.id, w.a.school.id, '20', tag], { env: process.env, stdio: ['ignore', 'pipe', 'inherit'] })
        let out = ''
        child.stdout.on('data', (d: Buffer) => (out += d.toString()))
        child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!) as string[]) : reject(new Error(`exit ${code}`))))
      })
    const outcomes = (await Promise.all([run(`p1${uniq()}`), run(`p2${uniq()}`), run(`p3${uniq()}`)])).flat()
    expect(outcomes).toHaveLength(60)
    expect(outcomes.filter((s) => s === 'PENDING')).toHaveLength(15)
    expect(outcomes.filter((s) => s === 'WAITLISTED')).toHaveLength(45)
    expect((await db.slot.findUniqueOrThrow({ where: { id: slot.id } })).confirmedCount).toBe(15)
    expect(await db.slotBooking.count({ where: { slotId: slot.id, status: 'PENDING' } })).toBe(15)
  }, 180_000) // three tsx start-ups on a busy machine

  it('the database refuses a confirmed count above capacity whatever the code path (trigger)', async () => {
    const slot = await makeSlot({ capacity: 1 })
    const over = /Slot .* over capacity/
    await expectDbRefusal(db.$executeRaw`UPDATE "Slot" SET "confirmedCount" = 2 WHERE "id" = ${slot.id}`, '23514', over)
    await expectDbRefusal(db.$executeRaw`UPDATE "Slot" SET "confirmedCount" = -1 WHERE "id" = ${slot.id}`, '23514', over)
    await expectDbRefusal(db.$executeRaw`UPDATE "Slot" SET "capacity" = 0, "confirmedCount" = 1 WHERE "id" = ${slot.id}`, '23514', over)
    // an INSERT that starts over capacity is refused too
    const { programmeId, organisationId, startsAt, endsAt, location, bookingOpensAt, bookingClosesAt, audienceLevels } = slot
    const copy = { programmeId, organisationId, startsAt, endsAt, location, bookingOpensAt, bookingClosesAt, audienceLevels }
    await expectDbRefusal(db.slot.create({ data: { ...copy, capacity: 3, confirmedCount: 4 } }), '23514', over)
    expect((await db.slot.findUniqueOrThrow({ where: { id: slot.id } })).confirmedCount).toBe(0)
  })
})

describe('waiting list', () => {
  it('FIFO: six waiters booked one after another get positions exactly 1..6; places freed one at a time are offered in booking order, and the others move up', async () => {
    const slot = await makeSlot({ capacity: 1 })
    const holder = await bookConfirmed(slot.id)
    const waiters: { id: string; email: string; position: number | null }[] = []
    for (let i = 0; i < 6; i++) {
      const input = pupil(slot.id, { email: `fifo${i}-${uniq()}@example.test` })
      const r = await bookSlot(db, null, input, deps)
      expect(r.status).toBe('WAITLISTED')
      waiters.push({ id: r.id, email: input.email, position: r.position })
    }
    expect(waiters.map((x) => x.position)).toEqual([1, 2, 3, 4, 5, 6])
    const statuses = async () => (await db.slotBooking.findMany({ where: { id: { in: waiters.map((x) => x.id) } }, select: { id: true, status: true } })).reduce<Record<string, string>>((m, b) => ({ ...m, [b.id]: b.status }), {})
    const linkOf = (email: string) => linkToken(mailsTo(email).at(-1)!)

    // free the place one at a time: the current holder cancels, the next waiter in booking order gets the offer and takes it
    let holderLink = linkToken(mailsTo(holder.email).at(-1)!)
    const offeredInOrder: string[] = []
    for (let i = 0; i < waiters.length; i++) {
      await cancelByToken(db, holderLink, deps)
      const now = await statuses()
      const offered = waiters.filter((x) => now[x.id] === 'OFFERED')
      expect(offered.map((x) => x.id)).toEqual([waiters[i]!.id])
      offeredInOrder.push(offered[0]!.id)
      // the ones still waiting moved up: exactly 1..n again, in booking order
      const rest = waiters.slice(i + 1)
      expect(rest.map((x) => now[x.id])).toEqual(rest.map(() => 'WAITLISTED'))
      expect(await Promise.all(rest.map(async (x) => (await viewBooking(db, linkOf(x.email))).position))).toEqual(rest.map((_, k) => k + 1))
      await acceptOffer(db, linkOf(waiters[i]!.email))
      expect((await db.slot.findUniqueOrThrow({ where: { id: slot.id } })).confirmedCount).toBe(1)
      holderLink = linkOf(waiters[i]!.email)
    }
    expect(offeredInOrder).toEqual(waiters.map((x) => x.id))
  })

  it('a freed place is offered to the first waiting, an expired offer moves on, acceptance confirms', async () => {
    const slot = await makeSlot({ capacity: 1 })
    const [a, b, c] = [`a-${uniq()}@example.test`, `b-${uniq()}@example.test`, `c-${uniq()}@example.test`]
    const ra = await bookSlot(db, null, pupil(slot.id, { email: a }), deps)
    const rb = await bookSlot(db, null, pupil(slot.id, { email: b }), deps)
    const rc = await bookSlot(db, null, pupil(slot.id, { email: c }), deps)
    expect([ra.status, rb.status, rc.status]).toEqual(['PENDING', 'WAITLISTED', 'WAITLISTED'])
    expect([rb.position, rc.position]).toEqual([1, 2])
    expect(mailsTo(a)[0]!.subject).toMatch(/^Bevestig je aanmelding/)
    expect(mailsTo(b)[0]!.subject).toMatch(/Wachtlijst/)

    // a cancels through the link in the mail → b gets the offer
    await cancelByToken(db, linkToken(mailsTo(a)[0]!), deps)
    const offerB = mailsTo(b).at(-1)!
    expect(offerB.subject).toMatch(/plek vrij/)
    expect((await db.slotBooking.findUniqueOrThrow({ where: { id: rb.id } })).status).toBe('OFFERED')
    expect((await db.slot.findUniqueOrThrow({ where: { id: slot.id } })).confirmedCount).toBe(1)
    // b's old waiting-list link was replaced by the offer link
    await expect(cancelByToken(db, linkToken(mailsTo(b)[0]!), deps)).rejects.toMatchObject({ code: 'NOT_FOUND', key: 'slots.errors.tokenInvalid' })

    // the offer expires (job run 25 h later) → c gets it; b can no longer accept
    const later = new Date(Date.now() + 25 * HOUR)
    expect(await expireHolds(db, { ...deps, now: later, scope: own() })).toBeGreaterThanOrEqual(1)
    expect((await db.slotBooking.findUniqueOrThrow({ where: { id: rb.id } })).status).toBe('EXPIRED')
    expect((await db.slotBooking.findUniqueOrThrow({ where: { id: rc.id } })).status).toBe('OFFERED')
    await expect(acceptOffer(db, linkToken(offerB), { now: later })).rejects.toMatchObject({ code: 'CONFLICT' })

    await acceptOffer(db, linkToken(mailsTo(c).at(-1)!), { now: later })
    expect((await db.slotBooking.findUniqueOrThrow({ where: { id: rc.id } })).status).toBe('CONFIRMED')
    expect((await db.slot.findUniqueOrThrow({ where: { id: slot.id } })).confirmedCount).toBe(1)
  })

  it('declining passes the place on; leaving the waiting list frees nothing; with nobody waiting the place is released', async () => {
    const slot = await makeSlot({ capacity: 1 })
    const emails = [1, 2, 3].map((i) => `d${i}-${uniq()}@example.test`)
    const rs = []
    for (const e of emails) rs.push(await bookSlot(db, null, pupil(slot.id, { email: e }), deps))
    await cancelByToken(db, linkToken(mailsTo(emails[2]!)[0]!), deps) // third leaves the waiting list
    expect((await db.slotBooking.findUniqueOrThrow({ where: { id: rs[2]!.id } })).status).toBe('CANCELLED')
    await cancelByToken(db, linkToken(mailsTo(emails[0]!)[0]!), deps) // first cancels → second offered
    await declineOffer(db, linkToken(mailsTo(emails[1]!).at(-1)!), deps) // second declines → nobody left
    expect((await db.slotBooking.findUniqueOrThrow({ where: { id: rs[1]!.id } })).status).toBe('DECLINED')
    expect((await db.slot.findUniqueOrThrow({ where: { id: slot.id } })).confirmedCount).toBe(0)
    // twice the same click is refused, not applied twice
    await expect(declineOffer(db, linkToken(mailsTo(emails[1]!).at(-1)!), deps)).rejects.toMatchObject({ code: 'CONFLICT' })
  })

  it('raising the capacity offers the new places to the waiting list; lowering below the taken places is refused', async () => {
    const slot = await makeSlot({ capacity: 1 })
    const emails = [1, 2, 3].map((i) => `r${i}-${uniq()}@example.test`)
    for (const e of emails) await bookSlot(db, null, pupil(slot.id, { email: e }), deps)
    const p = await callerFor(w.a.publisher.id)
    await p.slots.update({ id: slot.id, capacity: 2, location: 'Aula' })
    expect(await db.slotBooking.count({ where: { slotId: slot.id, status: 'OFFERED' } })).toBe(1)
    const err = await expectTrpcError(p.slots.update({ id: slot.id, capacity: 1, location: 'Aula' }), 'CONFLICT')
    expectKey(err, 'slots.errors.capacityBelowConfirmed')
    expect(translator('nl')('slots.errors.capacityBelowConfirmed', (err.cause as AppError).params)).toBe('De capaciteit kan niet lager zijn dan het aantal bezette plaatsen (2).')
    expect((await db.slot.findUniqueOrThrow({ where: { id: slot.id } })).capacity).toBe(2)
  })
})

describe('per-pupil limit and duplicates', () => {
  it('default: one active booking per programme per e-mail; another programme is fine', async () => {
    const [s1, s2, s3] = [await makeSlot(), await makeSlot({ startsInHours: 24 * 20 }), await makeSlot({ programmeId: programmeA2 })]
    const email = `limit-${uniq()}@example.test`
    expect((await bookSlot(db, null, pupil(s1.id, { email }), deps)).status).toBe('PENDING')
    await expect(bookSlot(db, null, pupil(s2.id, { email }), deps)).rejects.toMatchObject({ code: 'CONFLICT', key: 'slots.errors.limitReached' })
    expect(await bookingCount(s2.id)).toBe(0)
    expect((await bookSlot(db, null, pupil(s3.id, { email }), deps)).status).toBe('PENDING')
  })

  it('parallel double bookings with one e-mail → one booking (limit raised: duplicate check)', async () => {
    await withSettings({ maxActiveBookings: 5 }, async () => {
      const slot = await makeSlot()
      const email = `dup-${uniq()}@example.test`
      const rs = await Promise.allSettled(Array.from({ length: 5 }, () => bookSlot(db, null, pupil(slot.id, { email }), deps)))
      expect(rs.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
      expect(rs.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.key)).toEqual(Array(4).fill('slots.errors.duplicate'))
      expect(await bookingCount(slot.id)).toBe(1)
    })
  })
})

describe('bad input: translated message, right status, nothing written', () => {
  it('invalid e-mail, closed window, wrong level, unknown school, duplicate, tampered token', async () => {
    const slot = await makeSlot()
    const anon = anonFrom()
    const bad = await expectTrpcError(anon.slots.book({ ...pupil(slot.id), email: 'geen-email' }), 'BAD_REQUEST')
    expect((bad.cause as unknown as { issues: { path: string[] }[] }).issues[0]!.path).toEqual(['email'])
    const closed = await makeSlot({ opensInHours: 2 })
    const e1 = await expectTrpcError(anon.slots.book(pupil(closed.id)), 'PRECONDITION_FAILED')
    expectKey(e1, 'slots.errors.windowClosed')
    await expectTrpcError(anon.slots.book(pupil(slot.id, { level: 'VMBO_BB' })), 'BAD_REQUEST')
    await expectTrpcError(anon.slots.book(pupil(slot.id, { schoolId: w.b.school.id })), 'BAD_REQUEST') // school of another region
    expect(await bookingCount(slot.id)).toBe(0)
    expect(await bookingCount(closed.id)).toBe(0)

    const email = `twice-${uniq()}@example.test`
    await anon.slots.book(pupil(slot.id, { email }))
    const dup = await expectTrpcError(anon.slots.book(pupil(slot.id, { email })), 'CONFLICT')
    expectKey(dup, 'slots.errors.duplicate')
    expect(await bookingCount(slot.id)).toBe(1)

    const tampered = await expectTrpcError(anon.slots.cancelBooking({ token: 'A'.repeat(43) }), 'NOT_FOUND')
    expectKey(tampered, 'slots.errors.tokenInvalid')
    await expectTrpcError(anon.slots.booking({ token: 'kort' }), 'BAD_REQUEST')
    const en = createCaller({ db, actor: null, locale: 'en', ip: '10.9.9.9' })
    expectKey(await expectTrpcError(en.slots.acceptOffer({ token: 'B'.repeat(43) }), 'NOT_FOUND'), 'slots.errors.tokenInvalid')
  })

  it('programme codes and levels are validated; a vo school cannot publish', async () => {
    const p = await callerFor(w.a.publisher.id)
    await expectTrpcError(p.slots.createProgramme({ organisationId: w.a.mbo.id, name: 'Zorg', level: 'MBO_3', code: '1234' }), 'BAD_REQUEST')
    await expectTrpcError(p.slots.createProgramme({ organisationId: w.a.mbo.id, name: 'Zorg', level: 'BACHELOR', code: '12345' }), 'BAD_REQUEST')
    const admin = await callerFor(w.admin.id)
    await expectTrpcError(admin.slots.createProgramme({ organisationId: w.a.school.id, name: 'Zorg', level: 'MBO_3', code: '12345' }), 'BAD_REQUEST')
    expect(await db.slotProgramme.count({ where: { name: 'Zorg' } })).toBe(0)
  })

  it('public writes are rate-limited per IP', async () => {
    const anon = anonFrom(`10.200.${Math.floor(Math.random() * 250)}.1`)
    const tries = await Promise.allSettled(Array.from({ length: env.SLOTS_PUBLIC_RATE_LIMIT + 1 }, () => anon.slots.cancelBooking({ token: 'C'.repeat(43) })))
    const codes = tries.map((t) => ((t as PromiseRejectedResult).reason as TRPCError).code)
    expect(codes.filter((c) => c === 'TOO_MANY_REQUESTS')).toHaveLength(1)
    expect(codes.filter((c) => c === 'NOT_FOUND')).toHaveLength(env.SLOTS_PUBLIC_RATE_LIMIT)
    await expectTrpcError(anonFrom().slots.cancelBooking({ token: 'C'.repeat(43) }), 'NOT_FOUND') // another address is not affected
  })

  it('the public booking takes one point of the same per-IP write limit in its own first statement; an input zod refuses still costs one; over the limit 429 comes first', async () => {
    const slot = await makeSlot({ capacity: env.SLOTS_PUBLIC_RATE_LIMIT + 10 })
    const anon = anonFrom(`10.201.${Math.floor(Math.random() * 250)}.1`)
    const n = env.SLOTS_PUBLIC_RATE_LIMIT
    // One point each: a cancel (the shared write limit), an input zod refuses, a booking of a slot that does not exist.
    await expectTrpcError(anon.slots.cancelBooking({ token: 'C'.repeat(43) }), 'NOT_FOUND')
    await expectTrpcError(anon.slots.book({ ...pupil(slot.id), email: 'geen-adres' }), 'BAD_REQUEST')
    await expectTrpcError(anon.slots.book(pupil('c' + 'x'.repeat(24))), 'NOT_FOUND')
    for (let i = 0; i < n - 3; i++) expect((await anon.slots.book(pupil(slot.id))).status).toBe('PENDING')
    // The same refusal as every other public write's (AppError 'rateLimited': translated as errors.rateLimited).
    const limited = await expectTrpcError(anon.slots.book(pupil(slot.id)), 'TOO_MANY_REQUESTS')
    const other = await expectTrpcError(anon.slots.cancelBooking({ token: 'C'.repeat(43) }), 'TOO_MANY_REQUESTS')
    expect([(limited.cause as AppError).key, limited.message]).toEqual([(other.cause as AppError).key, other.message])
    expect((limited.cause as AppError).key).toBe('rateLimited')
    await expectTrpcError(anon.slots.book({ ...pupil(slot.id), email: 'geen-adres' }), 'TOO_MANY_REQUESTS')
    expect(await bookingCount(slot.id)).toBe(n - 3)
    expect((await anonFrom().slots.book(pupil(slot.id))).status).toBe('PENDING') // another address is not affected
  })
})

describe('permissions', () => {
  it("a publisher of institution X cannot see or edit institution Y's slots", async () => {
    const slot = await makeSlot()
    const pb = await callerFor(w.b.publisher.id)
    await expectTrpcError(pb.slots.get({ id: slot.id }), 'FORBIDDEN')
    await expectTrpcError(pb.slots.update({ id: slot.id, capacity: 50, location: 'Elders' }), 'FORBIDDEN')
    await expectTrpcError(pb.slots.cancel({ id: slot.id }), 'FORBIDDEN')
    await expectTrpcError(pb.slots.createSlots({ programmeId: programmeA, location: 'Aula', audienceLevels: ['HAVO'], questions: [], closesHoursBefore: 24, dates: [{ date: `${FUTURE_YEAR}-01-01`, startTime: '09:00', endTime: '12:00', capacity: 5 }] }), 'FORBIDDEN')
    await expectTrpcError(pb.slots.createProgramme({ organisationId: w.a.mbo.id, name: 'Overname', level: 'MBO_2', code: '11111' }), 'FORBIDDEN')
    await expectTrpcError(pb.slots.settings({ organisationId: w.a.mbo.id }), 'FORBIDDEN')
    const theirs = await pb.slots.list({})
    expect(theirs.items.some((s) => s.organisationId === w.a.mbo.id)).toBe(false)
    await expectTrpcError(pb.slots.participants({ slotId: slot.id }), 'FORBIDDEN')
    expect((await pb.slots.programmes({})).some((p) => p.organisationId === w.a.mbo.id)).toBe(false)
    await expectTrpcError((await callerFor(w.a.staff.id)).slots.get({ id: slot.id }), 'FORBIDDEN')
    await expectTrpcError((await callerFor(null)).slots.list({}), 'UNAUTHORIZED')
  })

  it("a decaan sees only their own school's pupils and books only for them", async () => {
    const slot = await makeSlot()
    const mine = await bookSlot(db, null, pupil(slot.id), deps)
    // a pupil of region B's school, booking a region B slot
    const prB = (await (await callerFor(w.b.publisher.id)).slots.createProgramme({ organisationId: w.b.mbo.id, name: 'Techniek', level: 'MBO_3', code: '22222' })).id
    const slotB = await db.slot.create({ data: { ...(({ id: _id, createdAt: _c, updatedAt: _u, confirmedCount: _cc, ...rest }) => rest)(slot), programmeId: prB, organisationId: w.b.mbo.id, questions: [] } })
    const other = await bookSlot(db, null, pupil(slotB.id, { schoolId: w.b.school.id }), deps)
    const staffA = await callerFor(w.a.staff.id)
    const seen = await staffA.slots.schoolBookings({})
    expect(seen.bookings.map((b) => b.id)).toContain(mine.id)
    expect(seen.bookings.map((b) => b.id)).not.toContain(other.id)
    await expectTrpcError(staffA.slots.schoolBookings({ schoolId: w.b.school.id }), 'FORBIDDEN')
    await expectTrpcError(staffA.slots.bookForPupil(pupil(slotB.id, { schoolId: w.b.school.id })), 'FORBIDDEN')
    const booked = await staffA.slots.bookForPupil(pupil(slot.id))
    expect(booked.status).toBe('CONFIRMED')
    const actor = await loadActor(db, w.a.staff.id)
    expect(await db.slotBooking.count({ where: { bookedById: actor!.userId } })).toBe(1)
    await expectTrpcError((await callerFor(w.a.publisher.id)).slots.schoolBookings({}), 'FORBIDDEN')
  })
})

describe('attendance, show-up and purge', () => {
  it('attendance after the day gives show-up rates; personal data is purged N days after, counts stay', async () => {
    const slot = await makeSlot({ startsInHours: 2, closesInHours: 1 })
    const r1 = await bookConfirmed(slot.id)
    const r2 = await bookConfirmed(slot.id)
    const p = await callerFor(w.a.publisher.id)
    await expectTrpcError(p.slots.setAttendance({ bookingId: r1.id, attendance: 'PRESENT' }), 'BAD_REQUEST') // not yet started
    // the day is over: move it 40 days back
    await db.slot.update({ where: { id: slot.id }, data: { startsAt: new Date(Date.now() - 40 * 24 * HOUR), endsAt: new Date(Date.now() - 40 * 24 * HOUR + 4 * HOUR) } })
    await p.slots.setAttendance({ bookingId: r1.id, attendance: 'PRESENT' })
    await p.slots.setAttendance({ bookingId: r2.id, attendance: 'ABSENT' })
    const rates = await p.slots.showUp()
    expect(rates.find((r) => r.key === programmeA)).toMatchObject({ present: 1, absent: 1, showUpRate: 0.5 })
    const staff = await (await callerFor(w.a.staff.id)).slots.schoolBookings({})
    expect(staff.showUp.find((s) => s.key === w.a.school.id)).toMatchObject({ present: 1, absent: 1 })

    expect(await purgePersonalData(db, { scope: own() })).toBe(2)
    const rows = await db.slotBooking.findMany({ where: { slotId: slot.id } })
    expect(rows).toHaveLength(2)
    for (const b of rows) expect({ name: b.pupilName, email: b.pupilEmail, token: b.tokenHash, purged: !!b.purgedAt }).toEqual({ name: null, email: null, token: null, purged: true })
    expect(rows.map((b) => b.attendance).sort()).toEqual(['ABSENT', 'PRESENT'])
    // upcoming bookings keep their data
    const upcoming = await makeSlot()
    const kept = await bookSlot(db, null, pupil(upcoming.id), deps)
    await purgePersonalData(db, { scope: own() })
    expect((await db.slotBooking.findUniqueOrThrow({ where: { id: kept.id } })).pupilEmail).not.toBeNull()
  })
})

describe('publishing a series', () => {
  it('creates several dates with their own capacity in Amsterdam time, visible on the public pages', async () => {
    const p = await callerFor(w.a.publisher.id)
    const created = await p.slots.createSlots({
      programmeId: programmeA2,
      location: 'Campus Noord',
      audienceLevels: ['HAVO', 'VWO'],
      questions: [{ label: 'Heb je al een profiel gekozen?', required: true }],
      closesHoursBefore: 24,
      dates: [
        { date: `${FUTURE_YEAR}-03-10`, startTime: '09:00', endTime: '12:30', capacity: 5 },
        { date: `${FUTURE_YEAR}-07-10`, startTime: '13:00', endTime: '16:00', capacity: 8 },
      ],
    })
    expect(created.map((s) => s.capacity)).toEqual([5, 8])
    expect(created[0]!.startsAt.toISOString()).toBe(`${FUTURE_YEAR}-03-10T08:00:00.000Z`) // CET
    expect(created[1]!.startsAt.toISOString()).toBe(`${FUTURE_YEAR}-07-10T11:00:00.000Z`) // CEST
    const found = await anonFrom().slots.search({ regionSlug: w.a.region.slug, programme: 'ict', from: `${FUTURE_YEAR}-01-01`, limit: 50 })
    expect(found.map((s) => s.id)).toEqual(created.map((s) => s.id))
    expect((await anonFrom().slots.search({ regionSlug: w.b.region.slug, programme: 'ict', from: `${FUTURE_YEAR}-01-01`, limit: 50 })).length).toBe(0)
    // a required intake question must be answered
    await expectTrpcError(anonFrom().slots.book(pupil(created[0]!.id)), 'BAD_REQUEST')
    await expectTrpcError(p.slots.createSlots({ programmeId: programmeA2, location: 'Aula', audienceLevels: ['HAVO'], questions: [], closesHoursBefore: 24, dates: [{ date: '2001-01-01', startTime: '09:00', endTime: '12:00', capacity: 5 }] }), 'BAD_REQUEST')
  })
})

// ---- Issue 11, item 3: public bookings hold their place until the pupil confirms; limits per slot and domain ----

const MINUTE = 60_000
const statusOf = async (id: string) => (await db.slotBooking.findUniqueOrThrow({ where: { id }, select: { status: true } })).status
const countOf = async (slotId: string) => (await db.slot.findUniqueOrThrow({ where: { id: slotId } })).confirmedCount

describe('PENDING until confirmed through the mailed link', () => {
  it('a public booking holds its place as PENDING; the link confirms it; a second click changes nothing; hold 0 confirms at once', async () => {
    const slot = await makeSlot({ capacity: 2 })
    const input = pupil(slot.id)
    const before = Date.now()
    const r = await bookSlot(db, null, input, deps)
    expect(r.status).toBe('PENDING')
    const row = await db.slotBooking.findUniqueOrThrow({ where: { id: r.id } })
    // held for the institution's default 30 minutes
    expect(row.offerExpiresAt!.getTime()).toBeGreaterThanOrEqual(before + 30 * MINUTE)
    expect(row.offerExpiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + 30 * MINUTE)
    expect(await countOf(slot.id)).toBe(1) // the hold takes a place
    const mail = mailsTo(input.email)[0]!
    expect(mail.subject).toBe('Bevestig je aanmelding: proefstuderen Verpleegkunde')
    const token = linkToken(mail)

    const anon = anonFrom()
    const view = await anon.slots.booking({ token })
    expect(view.status).toBe('PENDING')
    expect(view.holdExpiresAt).toEqual(row.offerExpiresAt)
    expect(await anon.slots.confirmBooking({ token })).toEqual({ status: 'CONFIRMED' })
    const confirmed = await db.slotBooking.findUniqueOrThrow({ where: { id: r.id } })
    expect([confirmed.status, confirmed.offerExpiresAt]).toEqual(['CONFIRMED', null])
    expect(await countOf(slot.id)).toBe(1)
    expect(await anon.slots.confirmBooking({ token })).toEqual({ status: 'CONFIRMED' }) // the link clicked twice
    expect(await countOf(slot.id)).toBe(1)
    // a waiting-list place cannot be "confirmed" into a place
    const full = await makeSlot({ capacity: 1 })
    await bookSlot(db, null, pupil(full.id), deps)
    const waiting = pupil(full.id)
    await bookSlot(db, null, waiting, deps)
    expectKey(await expectTrpcError(anon.slots.confirmBooking({ token: linkToken(mailsTo(waiting.email)[0]!) }), 'CONFLICT'), 'slots.errors.notPending')
    expect(await countOf(full.id)).toBe(1)

    await withSettings({ pendingHoldMinutes: 0 }, async () => {
      const direct = pupil(slot.id)
      expect((await bookSlot(db, null, direct, deps)).status).toBe('CONFIRMED')
      expect(mailsTo(direct.email)[0]!.subject).toMatch(/^Aangemeld/)
    })
  })

  it('an unconfirmed booking expires after its hold; the place goes to the first on the waiting list (FIFO); idempotent; the old link cannot confirm', async () => {
    const slot = await makeSlot({ capacity: 1 })
    const [a, b, c] = [pupil(slot.id), pupil(slot.id), pupil(slot.id)]
    const ra = await bookSlot(db, null, a, deps)
    const rb = await bookSlot(db, null, b, deps)
    const rc = await bookSlot(db, null, c, deps)
    expect([ra.status, rb.status, rc.status]).toEqual(['PENDING', 'WAITLISTED', 'WAITLISTED'])
    const tokenA = linkToken(mailsTo(a.email)[0]!)

    await expireHolds(db, { ...deps, now: new Date(Date.now() + 29 * MINUTE), scope: own() }) // still within the hold
    expect(await statusOf(ra.id)).toBe('PENDING')
    // the hold lapsed but the job has not run yet: the link refuses to confirm; the place is the job's to move on
    const late = new Date(Date.now() + 31 * MINUTE)
    await expect(confirmBooking(db, tokenA, { now: late })).rejects.toMatchObject({ code: 'CONFLICT', key: 'slots.errors.holdExpired' })
    expect(await statusOf(ra.id)).toBe('PENDING')

    expect(await expireHolds(db, { ...deps, now: late, scope: own() })).toBeGreaterThanOrEqual(1)
    expect([await statusOf(ra.id), await statusOf(rb.id), await statusOf(rc.id)]).toEqual(['EXPIRED', 'OFFERED', 'WAITLISTED'])
    expect(mailsTo(b.email).at(-1)!.subject).toMatch(/^Er is een plek vrij/)
    expect(await countOf(slot.id)).toBe(1)
    // a second run (or a second worker) moves nothing again
    await expireHolds(db, { ...deps, now: late, scope: own() })
    expect([await statusOf(ra.id), await statusOf(rb.id), await statusOf(rc.id)]).toEqual(['EXPIRED', 'OFFERED', 'WAITLISTED'])
    expect(mailsTo(b.email).filter((m) => /^Er is een plek vrij/.test(m.subject))).toHaveLength(1)
    expect(await countOf(slot.id)).toBe(1)
    // the expired link can no longer confirm (translated message)
    expectKey(await expectTrpcError(anonFrom().slots.confirmBooking({ token: tokenA }), 'CONFLICT'), 'slots.errors.holdExpired')
    expect(await countOf(slot.id)).toBe(1)
  })

  it('with nobody waiting an expired hold releases the place for the next booking', async () => {
    const slot = await makeSlot({ capacity: 1 })
    const r = await bookSlot(db, null, pupil(slot.id), deps)
    await expireHolds(db, { ...deps, now: new Date(Date.now() + 31 * MINUTE), scope: own() })
    expect(await statusOf(r.id)).toBe('EXPIRED')
    expect(await countOf(slot.id)).toBe(0)
    expect((await bookSlot(db, null, pupil(slot.id), deps)).status).toBe('PENDING')
  })

  // Real concurrency: on CI (PostgreSQL 15) these transactions run at the same time on many connections.
  it('rush with PENDING holds: 60 bookings, then confirmations, cancellations, two expiry runs and 20 more bookings at once → never over capacity, freed places to the waiting list in FIFO order', async () => {
    const capacity = 10
    const slot = await makeSlot({ capacity })
    const first = Array.from({ length: 60 }, () => pupil(slot.id))
    const r1 = await Promise.all(first.map((p) => bookSlot(db, null, p, deps)))
    expect(r1.filter((r) => r.status === 'PENDING')).toHaveLength(capacity)
    expect(r1.filter((r) => r.status === 'WAITLISTED')).toHaveLength(50)
    expect(await countOf(slot.id)).toBe(capacity)
    const queue = await db.slotBooking.findMany({ where: { slotId: slot.id, status: 'WAITLISTED' }, orderBy: [{ waitlistedAt: 'asc' }, { id: 'asc' }], select: { id: true } })
    const held = first.flatMap((p, i) => (r1[i]!.status === 'PENDING' ? [{ id: r1[i]!.id, token: linkToken(mailsTo(p.email)[0]!) }] : []))

    const late = new Date(Date.now() + 31 * MINUTE)
    const more = Array.from({ length: 20 }, () => pupil(slot.id))
    const outcomes = await Promise.allSettled([
      ...held.slice(0, 6).map((h) => confirmBooking(db, h.token)),
      cancelByToken(db, held[6]!.token, deps),
      expireHolds(db, { ...deps, now: late, scope: own() }),
      expireHolds(db, { ...deps, now: late, scope: own() }),
      ...more.map((p) => bookSlot(db, null, p, deps)),
    ])
    // confirmations and cancellation may lose to the expiry (a clear conflict); nothing else may fail
    for (const o of outcomes) if (o.status === 'rejected') expect((o.reason as AppError).code).toBe('CONFLICT')

    const rows = await db.slotBooking.findMany({ where: { slotId: slot.id }, select: { id: true, status: true, waitlistedAt: true } })
    const by = (status: string) => rows.filter((r) => r.status === status)
    const holding = rows.filter((r) => ['PENDING', 'CONFIRMED', 'OFFERED'].includes(r.status)).length
    expect(await countOf(slot.id)).toBe(holding)
    expect(holding).toBe(capacity) // the waiting list is long: every freed place was handed on, none lost, none extra
    const heldIds = new Set(held.map((h) => h.id))
    const freed = rows.filter((r) => heldIds.has(r.id) && ['EXPIRED', 'CANCELLED'].includes(r.status)).length
    expect(freed).toBe(held.length - rows.filter((r) => heldIds.has(r.id) && r.status === 'CONFIRMED').length) // each hold ended once
    expect(freed).toBeGreaterThanOrEqual(4) // at least the three never confirmed and the cancelled one
    // FIFO: the freed places went to the first `freed` pupils of the waiting list, in order
    expect(by('OFFERED').map((r) => r.id).sort()).toEqual(queue.slice(0, freed).map((q) => q.id).sort())
    // the latecomers all queue behind everyone who was already waiting
    const lastOfFirst = Math.max(...queue.map((q) => rows.find((r) => r.id === q.id)!.waitlistedAt!.getTime()))
    const late20 = rows.filter((r) => !heldIds.has(r.id) && !queue.some((q) => q.id === r.id))
    expect(late20).toHaveLength(20)
    for (const r of late20) expect([r.status, r.waitlistedAt!.getTime() >= lastOfFirst]).toEqual(['WAITLISTED', true])
  }, 120_000)
})

describe('limits per slot and e-mail domain', () => {
  it('a slot takes at most N active bookings from one e-mail domain (institution setting); other domains and slots are unaffected', async () => {
    await withSettings({ maxPerSlotPerDomain: 2 }, async () => {
      const [slot, other] = [await makeSlot(), await makeSlot({ programmeId: programmeA2 })]
      const domain = `${uniq()}.example.test`
      const anon = anonFrom()
      await anon.slots.book(pupil(slot.id, { email: `een@${domain}` }))
      const second = pupil(slot.id, { email: `twee@${domain}` })
      await bookSlot(db, null, second, deps)
      const err = await expectTrpcError(anon.slots.book(pupil(slot.id, { email: `drie@${domain}` })), 'CONFLICT')
      expectKey(err, 'slots.errors.domainLimit')
      expect(translator('nl')('slots.errors.domainLimit', (err.cause as AppError).params)).toContain('al 2 aanmeldingen')
      expect(await bookingCount(slot.id)).toBe(2)
      expect((await anon.slots.book(pupil(slot.id))).status).toBe('PENDING') // another domain
      expect((await anon.slots.book(pupil(other.id, { email: `drie@${domain}` }))).status).toBe('PENDING') // another slot
      // a cancelled booking no longer counts
      await cancelByToken(db, linkToken(mailsTo(second.email)[0]!), deps)
      expect((await anon.slots.book(pupil(slot.id, { email: `drie@${domain}` }))).status).toBe('PENDING')

      // concurrent bookings from one domain cannot slip past the limit together
      const rush = await makeSlot({ capacity: 20 })
      const burst = `${uniq()}.example.test`
      const rs = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => bookSlot(db, null, pupil(rush.id, { email: `p${i}@${burst}` }), deps)))
      expect(rs.filter((r) => r.status === 'fulfilled')).toHaveLength(2)
      expect(rs.flatMap((r) => (r.status === 'rejected' ? [(r.reason as AppError).key] : []))).toEqual(Array(4).fill('slots.errors.domainLimit'))
    })
  })

  it('the setting is in the booking rules (0 = no limit) and validated', async () => {
    const p = await callerFor(w.a.publisher.id)
    await withSettings({ maxPerSlotPerDomain: 0, pendingHoldMinutes: 15 }, async () => {
      expect(await p.slots.settings({ organisationId: w.a.mbo.id })).toMatchObject({ maxPerSlotPerDomain: 0, pendingHoldMinutes: 15 })
      const slot = await makeSlot({ capacity: 20 })
      const domain = `${uniq()}.example.test`
      for (let i = 0; i < 12; i++) await bookSlot(db, null, pupil(slot.id, { email: `p${i}@${domain}` }), deps)
      expect(await bookingCount(slot.id)).toBe(12)
    })
    await expectTrpcError(p.slots.updateSettings({ organisationId: w.a.mbo.id, ...SETTINGS, pendingHoldMinutes: -1 }), 'BAD_REQUEST')
  })
})

describe('the e-mail carries no free text from the form but the pupil\'s name', () => {
  it('intake answers and a free-text school never reach the mail; a name with a link, digits or a domain is refused', async () => {
    const slot = await makeSlot()
    const input = { ...pupil(slot.id, { schoolId: 'other' }), schoolOther: 'Klik op www.phish.example', answers: { q1: 'Win een prijs op http://evil.example' }, name: "Eva-Lotte D'Souza" }
    await bookSlot(db, null, input, deps)
    const mail = mailsTo(input.email)[0]!
    expect(mail.text).toContain("Beste Eva-Lotte D'Souza,")
    expect(mail.text + mail.subject).not.toMatch(/phish|evil|prijs|Klik/)

    const anon = anonFrom()
    for (const name of ['Win nu op http://evil.example', 'Bezoek evil.example', 'Sam 2', 'Sam\nKlik hier', 'mail@evil.example']) {
      const email = `pupil@${uniq()}.example.test`
      const err = await expectTrpcError(anon.slots.book({ ...pupil(slot.id, { email }), name }), 'BAD_REQUEST')
      expect((err.cause as unknown as { issues: { path: string[] }[] }).issues[0]!.path).toEqual(['name'])
      expect(await db.slotBooking.count({ where: { pupilEmail: email } })).toBe(0)
    }
    expect(translator('nl').has('slots.validation.pupilName') && translator('en').has('slots.validation.pupilName')).toBe(true)
    expect((await anon.slots.book({ ...pupil(slot.id), name: 'J. de Vries' })).status).toBe('PENDING')
  })
})

// ---- Issue 11, item 8: no internals in responses, purge cap, 403 for another tenant's ids ----

/** Every key of every object (any depth) and every string value of a response. */
function walk(value: unknown, keys: Set<string>, strings: Set<string>) {
  if (typeof value === 'string') strings.add(value)
  else if (Array.isArray(value)) for (const v of value) walk(v, keys, strings)
  else if (value && typeof value === 'object' && !(value instanceof Date))
    for (const [k, v] of Object.entries(value)) {
      keys.add(k)
      walk(v, keys, strings)
    }
}

describe('responses carry no internals', () => {
  it('no response of the slots API carries tokenHash (walked through every object), nor any stored hash', async () => {
    const slot = await makeSlot({ capacity: 1 })
    const mine = await bookConfirmed(slot.id)
    const waiting = pupil(slot.id)
    await bookSlot(db, null, waiting, deps)
    const token = linkToken(mailsTo(waiting.email)[0]!)
    const pub = await callerFor(w.a.publisher.id)
    const staff = await callerFor(w.a.staff.id)
    const anon = anonFrom()
    const free = await makeSlot()
    const responses: unknown[] = [
      await pub.slots.get({ id: slot.id }),
      await pub.slots.participants({ slotId: slot.id }),
      await pub.slots.list({}),
      await pub.slots.list({ organisationId: w.a.mbo.id, past: false }),
      await pub.slots.programmes({}),
      await pub.slots.institutions(),
      await pub.slots.settings({ organisationId: w.a.mbo.id }),
      await pub.slots.showUp(),
      await pub.slots.update({ id: free.id, capacity: 11, location: 'Aula' }),
      await staff.slots.schoolBookings({}),
      await staff.slots.mySchools(),
      await staff.slots.bookForPupil(pupil(free.id)),
      await anon.slots.search({ regionSlug: w.a.region.slug, limit: 50 }),
      await anon.slots.publicSlot({ id: slot.id }),
      await anon.slots.booking({ token }),
      await anon.slots.book(pupil(free.id)),
      await anon.slots.confirmBooking({ token: linkToken(mailsTo(mine.email)[0]!) }),
      await anon.slots.cancelBooking({ token }),
    ]
    const keys = new Set<string>()
    const strings = new Set<string>()
    for (const r of responses) walk(r, keys, strings)
    expect(keys.has('pupilEmail')).toBe(true) // the walk does reach the participant rows
    expect([...keys].filter((k) => /tokenHash|token/i.test(k))).toEqual([])
    const hashes = (await db.slotBooking.findMany({ where: { slotId: { in: [slot.id, free.id] } }, select: { tokenHash: true } })).flatMap((b) => (b.tokenHash ? [b.tokenHash] : []))
    expect(hashes).toHaveLength(4) // mine, the waiting pupil's, the decaan's and the public booking on the free slot
    for (const h of hashes) expect(strings.has(h)).toBe(false)
  })
})

describe('purge period is capped at 365 days', () => {
  it('the booking rules refuse more than 365 days; a stored longer period is purged after 365 days anyway', async () => {
    const p = await callerFor(w.a.publisher.id)
    const err = await expectTrpcError(p.slots.updateSettings({ organisationId: w.a.mbo.id, ...SETTINGS, purgeAfterDays: 366 }), 'BAD_REQUEST')
    expect((err.cause as unknown as { issues: { path: string[]; message: string }[] }).issues[0]!.path).toEqual(['purgeAfterDays'])
    expect((await p.slots.settings({ organisationId: w.a.mbo.id })).purgeAfterDays).toBe(30)
    await withSettings({ purgeAfterDays: 365 }, async () => {
      expect((await p.slots.settings({ organisationId: w.a.mbo.id })).purgeAfterDays).toBe(365)
      // a row written before the cap (or by hand) with ten years
      await db.slotSettings.update({ where: { organisationId: w.a.mbo.id }, data: { purgeAfterDays: 3650 } })
      const slot = await makeSlot({ startsInHours: 2, closesInHours: 1 })
      const r = await bookConfirmed(slot.id)
      const day = 24 * HOUR
      await db.slot.update({ where: { id: slot.id }, data: { startsAt: new Date(Date.now() - 370 * day), endsAt: new Date(Date.now() - 366 * day - 4 * HOUR) } })
      await purgePersonalData(db, { scope: own() })
      expect(await db.slotBooking.findUniqueOrThrow({ where: { id: r.id }, select: { pupilEmail: true, pupilName: true, tokenHash: true } })).toEqual({ pupilEmail: null, pupilName: null, tokenHash: null })
    })
  })
})

describe("another institution's ids are FORBIDDEN, not an empty list", () => {
  it('slots.programmes and slots.list with another tenant organisationId answer 403; own ids and no id still work', async () => {
    const pb = await callerFor(w.b.publisher.id)
    await expectTrpcError(pb.slots.programmes({ organisationId: w.a.mbo.id }), 'FORBIDDEN')
    await expectTrpcError(pb.slots.list({ organisationId: w.a.mbo.id, past: false }), 'FORBIDDEN')
    await expectTrpcError(pb.slots.list({ organisationId: w.a.mbo.id, past: true }), 'FORBIDDEN')
    const pa = await callerFor(w.a.publisher.id)
    expect((await pa.slots.programmes({ organisationId: w.a.mbo.id })).every((p) => p.organisationId === w.a.mbo.id)).toBe(true)
    expect((await pa.slots.programmes({ organisationId: w.a.mbo.id })).map((p) => p.id).sort()).toEqual([programmeA, programmeA2].sort())
    expect(Array.isArray((await pb.slots.list({})).items)).toBe(true)
  })
})

// ---- Issue 19: booking feedback, cancellation mail, archived programmes, the privacy notice's period ----

describe('booking feedback and the cancellation mail', () => {
  it('booking answers the held-until time of a PENDING place; cancelling and leaving the waiting list each send their own mail', async () => {
    const slot = await makeSlot({ capacity: 1 })
    const first = pupil(slot.id)
    const r = await bookSlot(db, null, first, deps)
    expect(r.status).toBe('PENDING')
    const held = await db.slotBooking.findUniqueOrThrow({ where: { id: r.id }, select: { offerExpiresAt: true } })
    expect(r.holdExpiresAt?.toISOString()).toBe(held.offerExpiresAt!.toISOString())
    const second = pupil(slot.id)
    const w2 = await bookSlot(db, null, second, deps)
    expect([w2.status, w2.position, w2.holdExpiresAt]).toEqual(['WAITLISTED', 1, null])

    await cancelByToken(db, linkToken(mailsTo(second.email)[0]!), deps)
    expect(mailsTo(second.email).map((m) => m.subject)).toEqual(['Wachtlijst: proefstuderen Verpleegkunde', 'Van de wachtlijst: proefstuderen Verpleegkunde'])
    await cancelByToken(db, linkToken(mailsTo(first.email)[0]!), { ...deps, locale: 'en' })
    const mails = mailsTo(first.email)
    expect(mails.map((m) => m.subject)).toEqual(['Bevestig je aanmelding: proefstuderen Verpleegkunde', 'Cancelled: your booking for the trial day Verpleegkunde'])
    expect(mails[1]!.text).toContain('Dear Sam de Vries,')
    expect(mails[1]!.text).not.toMatch(/\/boeking\//)
  })
})

describe('archived programmes', () => {
  it('archiving is refused while upcoming days exist; archived: out of the search, no new days or bookings, history kept; restore brings it back', async () => {
    const p = await callerFor(w.a.publisher.id)
    const prog = await p.slots.createProgramme({ organisationId: w.a.mbo.id, name: 'Archiefkunde', level: 'MBO_3', code: '25999' })
    const upcoming = await makeSlot({ programmeId: prog.id })
    const past = await makeSlot({ programmeId: prog.id, startsInHours: -48, opensInHours: -24 * 10, closesInHours: -72 })
    const search = () => anonFrom().slots.search({ regionSlug: w.a.region.slug, programme: 'archiefkunde', limit: 50 })
    expect((await search()).map((s) => s.id)).toEqual([upcoming.id])

    const refused = await expectTrpcError(p.slots.archiveProgramme({ id: prog.id, archived: true }), 'CONFLICT')
    expectKey(refused, 'slots.errors.archiveUpcoming')
    expect((await db.slotProgramme.findUniqueOrThrow({ where: { id: prog.id } })).archivedAt).toBeNull()

    await p.slots.cancel({ id: upcoming.id })
    const archived = await p.slots.archiveProgramme({ id: prog.id, archived: true })
    expect(archived.archivedAt).toBeInstanceOf(Date)
    expect(await search()).toEqual([])
    expectKey(await expectTrpcError(p.slots.createSlots({ programmeId: prog.id, location: 'Aula', audienceLevels: ['HAVO'], questions: [], closesHoursBefore: 24, dates: [{ date: `${FUTURE_YEAR}-05-01`, startTime: '09:00', endTime: '12:00', capacity: 5 }] }), 'CONFLICT'), 'slots.errors.programmeArchived')
    // history stays: the past slot and the programme row are still there, listed for the publisher
    expect(await db.slot.count({ where: { programmeId: prog.id } })).toBe(2)
    expect((await p.slots.programmes({ organisationId: w.a.mbo.id })).find((x) => x.id === prog.id)?.archivedAt).toBeInstanceOf(Date)
    expect(await db.auditLog.count({ where: { entityId: prog.id, action: 'slots.programme.archive' } })).toBe(1)
    expect(past.id).toBeTruthy()

    // another institution's publisher cannot archive it
    await expectTrpcError((await callerFor(w.b.publisher.id)).slots.archiveProgramme({ id: prog.id, archived: false }), 'FORBIDDEN')
    await p.slots.archiveProgramme({ id: prog.id, archived: false })
    expect((await db.slotProgramme.findUniqueOrThrow({ where: { id: prog.id } })).archivedAt).toBeNull()
    const again = await p.slots.createSlots({ programmeId: prog.id, location: 'Aula', audienceLevels: ['HAVO'], questions: [], closesHoursBefore: 24, dates: [{ date: `${FUTURE_YEAR}-05-01`, startTime: '09:00', endTime: '12:00', capacity: 5 }] })
    expect((await search()).map((s) => s.id)).toEqual(again.map((s) => s.id))
  })

  it("the public slot tells the booking form the institution's real purge period (privacy notice)", async () => {
    const slot = await makeSlot()
    expect((await anonFrom().slots.publicSlot({ id: slot.id })).purgeAfterDays).toBe(30)
    await withSettings({ purgeAfterDays: 45 }, async () => {
      expect((await anonFrom().slots.publicSlot({ id: slot.id })).purgeAfterDays).toBe(45)
    })
  })
})
