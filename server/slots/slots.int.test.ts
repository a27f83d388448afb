import { spawn } from 'node:child_process'
import { beforeAll, describe, expect, it } from 'vitest'
import { TRPCError } from '@trpc/server'
import { buildTwoRegionWorld, uniq } from '../db/factories.ts'
import { callerFor, db, expectTrpcError } from '../test/helpers.ts'
import { loadActor } from '../auth/actor.ts'
import { createCaller } from '../api/root.ts'
import type { Mail } from '../mail/mailer.ts'
import type { PupilLevel } from '../db/generated/enums.ts'
import { acceptOffer, bookSlot, cancelByToken, declineOffer, expireOffers, purgePersonalData } from './booking.ts'
import { env } from '../env.ts'
import { AppError } from '../lib/errors.ts'
import { translator } from '../i18n/translate.ts'

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

function pupil(slotId: string, over: Partial<{ email: string; schoolId: string; level: PupilLevel }> = {}) {
  return { slotId, name: 'Sam de Vries', email: over.email ?? `pupil-${uniq()}@example.test`, schoolId: over.schoolId ?? w.a.school.id, level: over.level ?? ('HAVO' as const), year: 4, answers: {} }
}

/** An anonymous caller from its own client address (public procedures are rate-limited per IP). */
function anonFrom(ip = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`) {
  return createCaller({ db, actor: null, locale: 'nl', ip })
}

const bookingCount = (slotId: string) => db.slotBooking.count({ where: { slotId } })

beforeAll(async () => {
  w = await buildTwoRegionWorld(db)
  const p = await callerFor(w.a.publisher.id)
  programmeA = (await p.slots.createProgramme({ organisationId: w.a.mbo.id, name: 'Verpleegkunde', level: 'MBO_4', code: '25491' })).id
  programmeA2 = (await p.slots.createProgramme({ organisationId: w.a.mbo.id, name: 'ICT-beheer', level: 'MBO_4', code: '25604' })).id
})

describe('capacity under concurrency', () => {
  it('50 parallel bookings for capacity 10 → exactly 10 confirmed, 40 on the waiting list in FIFO order', async () => {
    const slot = await makeSlot({ capacity: 10 })
    const results = await Promise.all(Array.from({ length: 50 }, () => bookSlot(db, null, pupil(slot.id), deps)))
    expect(results.filter((r) => r.status === 'CONFIRMED')).toHaveLength(10)
    expect(results.filter((r) => r.status === 'WAITLISTED')).toHaveLength(40)
    const after = await db.slot.findUniqueOrThrow({ where: { id: slot.id } })
    expect(after.confirmedCount).toBe(10)
    expect(await db.slotBooking.count({ where: { slotId: slot.id, status: 'CONFIRMED' } })).toBe(10)
    const positions = results.flatMap((r) => (r.position ? [r.position] : [])).sort((a, b) => a - b)
    expect(new Set(positions).size).toBe(40)
  })

  // Needs a real PostgreSQL server (CI: PostgreSQL 15). The embedded PGlite serves one session at a time and its
  // socket server mixes up concurrent sessions from several processes, so there this test cannot say anything.
  it.runIf(!process.env.EMBEDDED_DATABASE)('3 OS processes × 20 parallel bookings for capacity 15 → exactly 15 confirmed across processes', async () => {
    const slot = await makeSlot({ capacity: 15 })
    const run = (tag: string) =>
      new Promise<string[]>((resolve, reject) => {
        const child = spawn('npx', ['tsx', 'server/slots/book-from-process.ts', slot.id, w.a.school.id, '20', tag], { env: process.env, stdio: ['ignore', 'pipe', 'inherit'] })
        let out = ''
        child.stdout.on('data', (d: Buffer) => (out += d.toString()))
        child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!) as string[]) : reject(new Error(`exit ${code}`))))
      })
    const outcomes = (await Promise.all([run(`p1${uniq()}`), run(`p2${uniq()}`), run(`p3${uniq()}`)])).flat()
    expect(outcomes).toHaveLength(60)
    expect(outcomes.filter((s) => s === 'CONFIRMED')).toHaveLength(15)
    expect(outcomes.filter((s) => s === 'WAITLISTED')).toHaveLength(45)
    expect((await db.slot.findUniqueOrThrow({ where: { id: slot.id } })).confirmedCount).toBe(15)
    expect(await db.slotBooking.count({ where: { slotId: slot.id, status: 'CONFIRMED' } })).toBe(15)
  }, 180_000) // three tsx start-ups on a busy machine

  it('the database refuses a confirmed count above capacity whatever the code path (trigger)', async () => {
    const slot = await makeSlot({ capacity: 1 })
    await expect(db.$executeRaw`UPDATE "Slot" SET "confirmedCount" = 2 WHERE "id" = ${slot.id}`).rejects.toThrow()
  })
})

describe('waiting list', () => {
  it('a freed place is offered to the first waiting, an expired offer moves on, acceptance confirms', async () => {
    const slot = await makeSlot({ capacity: 1 })
    const [a, b, c] = [`a-${uniq()}@example.test`, `b-${uniq()}@example.test`, `c-${uniq()}@example.test`]
    const ra = await bookSlot(db, null, pupil(slot.id, { email: a }), deps)
    const rb = await bookSlot(db, null, pupil(slot.id, { email: b }), deps)
    const rc = await bookSlot(db, null, pupil(slot.id, { email: c }), deps)
    expect([ra.status, rb.status, rc.status]).toEqual(['CONFIRMED', 'WAITLISTED', 'WAITLISTED'])
    expect([rb.position, rc.position]).toEqual([1, 2])
    expect(mailsTo(a)[0]!.subject).toMatch(/Aangemeld/)
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
    expect(await expireOffers(db, { ...deps, now: later })).toBe(1)
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
    expect((await bookSlot(db, null, pupil(s1.id, { email }), deps)).status).toBe('CONFIRMED')
    await expect(bookSlot(db, null, pupil(s2.id, { email }), deps)).rejects.toMatchObject({ code: 'CONFLICT', key: 'slots.errors.limitReached' })
    expect(await bookingCount(s2.id)).toBe(0)
    expect((await bookSlot(db, null, pupil(s3.id, { email }), deps)).status).toBe('CONFIRMED')
  })

  it('parallel double bookings with one e-mail → one booking (limit raised: duplicate check)', async () => {
    const p = await callerFor(w.a.publisher.id)
    await p.slots.updateSettings({ organisationId: w.a.mbo.id, maxActiveBookings: 5, limitScope: 'PROGRAMME', limitPeriodDays: 365, purgeAfterDays: 30, offerHoldHours: 24 })
    try {
      const slot = await makeSlot()
      const email = `dup-${uniq()}@example.test`
      const rs = await Promise.allSettled(Array.from({ length: 5 }, () => bookSlot(db, null, pupil(slot.id, { email }), deps)))
      expect(rs.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
      expect(rs.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.key)).toEqual(Array(4).fill('slots.errors.duplicate'))
      expect(await bookingCount(slot.id)).toBe(1)
    } finally {
      await p.slots.updateSettings({ organisationId: w.a.mbo.id, maxActiveBookings: 1, limitScope: 'PROGRAMME', limitPeriodDays: 365, purgeAfterDays: 30, offerHoldHours: 24 })
    }
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
})

describe('permissions', () => {
  it("a publisher of institution X cannot see or edit institution Y's slots", async () => {
    const slot = await makeSlot()
    const pb = await callerFor(w.b.publisher.id)
    await expectTrpcError(pb.slots.get({ id: slot.id }), 'FORBIDDEN')
    await expectTrpcError(pb.slots.update({ id: slot.id, capacity: 50, location: 'Elders' }), 'FORBIDDEN')
    await expectTrpcError(pb.slots.cancel({ id: slot.id }), 'FORBIDDEN')
    await expectTrpcError(pb.slots.createSlots({ programmeId: programmeA, location: 'Aula', audienceLevels: ['HAVO'], questions: [], closesHoursBefore: 24, dates: [{ date: '2099-01-01', startTime: '09:00', endTime: '12:00', capacity: 5 }] }), 'FORBIDDEN')
    await expectTrpcError(pb.slots.createProgramme({ organisationId: w.a.mbo.id, name: 'Overname', level: 'MBO_2', code: '11111' }), 'FORBIDDEN')
    await expectTrpcError(pb.slots.settings({ organisationId: w.a.mbo.id }), 'FORBIDDEN')
    const theirs = await pb.slots.list({})
    expect(theirs.some((s) => s.organisationId === w.a.mbo.id)).toBe(false)
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
    const r1 = await bookSlot(db, null, pupil(slot.id), deps)
    const r2 = await bookSlot(db, null, pupil(slot.id), deps)
    const p = await callerFor(w.a.publisher.id)
    await expectTrpcError(p.slots.setAttendance({ bookingId: r1.id, attendance: 'PRESENT' }), 'BAD_REQUEST') // not yet started
    // the day is over: move it 40 days back
    await db.slot.update({ where: { id: slot.id }, data: { startsAt: new Date(Date.now() - 40 * 24 * HOUR), endsAt: new Date(Date.now() - 40 * 24 * HOUR + 4 * HOUR) } })
    await p.slots.setAttendance({ bookingId: r1.id, attendance: 'PRESENT' })
    await p.slots.setAttendance({ bookingId: r2.id, attendance: 'ABSENT' })
    const rates = await p.slots.showUp()
    expect(rates.find((r) => r.key === programmeA)!.showUpRate).toBeGreaterThan(0)
    const staff = await (await callerFor(w.a.staff.id)).slots.schoolBookings({})
    expect(staff.showUp.find((s) => s.key === w.a.school.id)!.present).toBeGreaterThanOrEqual(1)

    expect(await purgePersonalData(db)).toBeGreaterThanOrEqual(2)
    const rows = await db.slotBooking.findMany({ where: { slotId: slot.id } })
    expect(rows).toHaveLength(2)
    for (const b of rows) expect({ name: b.pupilName, email: b.pupilEmail, token: b.tokenHash, purged: !!b.purgedAt }).toEqual({ name: null, email: null, token: null, purged: true })
    expect(rows.map((b) => b.attendance).sort()).toEqual(['ABSENT', 'PRESENT'])
    // upcoming bookings keep their data
    const upcoming = await makeSlot()
    const kept = await bookSlot(db, null, pupil(upcoming.id), deps)
    await purgePersonalData(db)
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
        { date: '2099-03-10', startTime: '09:00', endTime: '12:30', capacity: 5 },
        { date: '2099-07-10', startTime: '13:00', endTime: '16:00', capacity: 8 },
      ],
    })
    expect(created.map((s) => s.capacity)).toEqual([5, 8])
    expect(created[0]!.startsAt.toISOString()).toBe('2099-03-10T08:00:00.000Z') // CET
    expect(created[1]!.startsAt.toISOString()).toBe('2099-07-10T11:00:00.000Z') // CEST
    const found = await anonFrom().slots.search({ regionSlug: w.a.region.slug, programme: 'ict', from: '2099-01-01', limit: 50 })
    expect(found.map((s) => s.id)).toEqual(created.map((s) => s.id))
    expect((await anonFrom().slots.search({ regionSlug: w.b.region.slug, programme: 'ict', from: '2099-01-01', limit: 50 })).length).toBe(0)
    // a required intake question must be answered
    await expectTrpcError(anonFrom().slots.book(pupil(created[0]!.id)), 'BAD_REQUEST')
    await expectTrpcError(p.slots.createSlots({ programmeId: programmeA2, location: 'Aula', audienceLevels: ['HAVO'], questions: [], closesHoursBefore: 24, dates: [{ date: '2001-01-01', startTime: '09:00', endTime: '12:00', capacity: 5 }] }), 'BAD_REQUEST')
  })
})
