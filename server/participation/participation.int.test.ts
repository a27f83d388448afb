import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { beforeAll, describe, expect, it } from 'vitest'
import { TRPCError } from '@trpc/server'
import { buildOrganisation, uniq } from '../db/factories.ts'
import { callerFor, db, expectTrpcError } from '../test/helpers.ts'
import { captureMail, lastLinkToken } from '../test/mail-capture.ts'
import { createMboProgramme, DAY, HOUR, liftBookingLimits, slotData, twoRegionWorldBeforeAll } from '../test/world.ts'
import { AppError, fromPrismaError } from '../lib/errors.ts'
import { translator } from '../i18n/translate.ts'
import { toAmsterdam } from '../lib/time.ts'
import { bookSlot } from '../slots/booking.ts'
import { bookWithLink, viewLink } from './link.ts'
import { OVERVIEW_LIMIT, sendLinks } from './pupils.ts'
import { loadActor } from '../auth/actor.ts'
import { releaseDueReservations } from './reservations.ts'
import { purgeExpiredLists } from './privacy.ts'
import { schoolYearOf } from './school-year.ts'
import { SUPPRESSED } from '../transitions/suppression.ts'

const w = twoRegionWorldBeforeAll()
const { outbox, deps } = captureMail()
const linkOf = (email: string) => lastLinkToken(outbox, email, 'leerling')
const schoolYear = schoolYearOf(new Date())
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64')
const localDate = (ms: number) => toAmsterdam(new Date(Date.now() + ms)).date

async function expectKey(p: Promise<unknown>, code: TRPCError['code'] | null, key: string) {
  const err = await p.then(
    () => {
      throw new Error(`expected ${key}`)
    },
    (e: unknown) => e,
  )
  const app = err instanceof TRPCError ? (err.cause as AppError) : err instanceof AppError ? err : fromPrismaError(err)!
  if (code) expect((err as TRPCError).code).toBe(code)
  expect(app.key).toBe(key)
  expect(translator('nl').has(key) && translator('en').has(key)).toBe(true)
  return app
}

const programmes: string[] = []
async function makeSlot(opts: { capacity?: number; programme?: number } = {}) {
  const now = Date.now()
  return db.slot.create({
    data: slotData({
      programmeId: programmes[opts.programme ?? 0]!,
      organisationId: w.a.mbo.id,
      capacity: opts.capacity ?? 10,
      startsAt: new Date(now + 14 * DAY),
      bookingOpensAt: new Date(now - HOUR),
      bookingClosesAt: new Date(now + 13 * DAY),
      audienceLevels: ['VMBO_GT', 'HAVO', 'VWO'],
    }),
  })
}

async function addPupil(over: Partial<{ email: string; className: string; level: 'HAVO' | 'VWO' }> = {}) {
  const staff = await callerFor(w.a.staff.id)
  const email = over.email ?? `p${uniq()}@${uniq()}.example.test`
  const { id } = await staff.participation.addPupil({ schoolId: w.a.school.id, schoolYear, name: 'Sam de Vries', email, level: over.level ?? 'HAVO', year: 4, className: over.className ?? '4H1' })
  return { id, email }
}

async function campaign(slotIds: string[], over: Partial<{ maxPerPupil: number; maxPerSector: number; levels: ('VMBO_BB' | 'HAVO' | 'VWO')[]; listedOnly: boolean }> = {}) {
  const coord = await callerFor(w.a.coordinator.id)
  return coord.participation.createCampaign({ regionId: w.a.region.id, name: `Meeloopdagen ${uniq()}`, opensAt: localDate(-DAY), closesAt: localDate(10 * DAY), maxPerPupil: over.maxPerPupil ?? 2, maxPerSector: over.maxPerSector, levels: over.levels ?? [], schoolIds: [w.a.school.id], slotIds, listedOnly: over.listedOnly ?? true })
}

beforeAll(async () => {
  for (let i = 0; i < 6; i++) programmes.push(await createMboProgramme(w, { name: `Opleiding ${i}`, level: 'MBO_4', code: String(25400 + i) }))
  // The institution's own per-pupil limit (default 1 per programme) must not be what stops the pupil here.
  await liftBookingLimits(w)
})

describe('class lists', () => {
  it('import: a bad row rejects the whole file with every error by line and column; the fixed file goes in; a re-import updates', async () => {
    const staff = await callerFor(w.a.staff.id)
    const tag = uniq()
    const bad = `Naam;E-mail;Niveau;Leerjaar;Klas;Leerlingnummer\nAnna Jansen;anna.${tag}@school.example.test;havo;4;4H1;1001\nBram Bakker;geen-adres;havo;4;4H1;1002\nCees de Boer;cees.${tag}@school.example.test;mavo;7;4H2;1003\n`
    const a = await staff.participation.analyseImport({ schoolId: w.a.school.id, fileName: 'klas.csv', content: b64(bad) })
    expect(a.columns).toEqual(['Naam', 'E-mail', 'Niveau', 'Leerjaar', 'Klas', 'Leerlingnummer'])
    expect(a.mapping).toEqual({ name: 'Naam', email: 'E-mail', level: 'Niveau', year: 'Leerjaar', className: 'Klas', pupilNumber: 'Leerlingnummer' })
    const mapping = a.mapping as Required<typeof a.mapping>
    const r = await staff.participation.importPupils({ schoolId: w.a.school.id, schoolYear, fileName: 'klas.csv', content: b64(bad), mapping })
    expect(r.imported).toBe(0)
    expect(r.errorCount).toBe(2)
    expect(r.errors.map((e) => [e.line, e.column, e.key])).toEqual([
      [3, 'E-mail', 'participation.import.row.email'],
      [4, 'Leerjaar', 'participation.import.row.year'],
    ])
    expect(await db.participationPupil.count({ where: { schoolId: w.a.school.id, email: { contains: tag } } })).toBe(0)
    const fixed = bad.replace('geen-adres', `bram.${tag}@school.example.test`).replace(';mavo;7;', ';mavo;4;')
    const ok = await staff.participation.importPupils({ schoolId: w.a.school.id, schoolYear, fileName: 'klas.csv', content: b64(fixed), mapping })
    expect(ok).toEqual({ imported: 3, updated: 0, errors: [], errorCount: 0 })
    const cees = await db.participationPupil.findFirstOrThrow({ where: { email: `cees.${tag}@school.example.test` } })
    expect([cees.level, cees.year, cees.className, cees.pupilNumber]).toEqual(['VMBO_GT', 4, '4H2', '1003'])
    const again = await staff.participation.importPupils({ schoolId: w.a.school.id, schoolYear, fileName: 'klas.csv', content: b64(fixed.replace(';4H2;', ';4H3;')), mapping })
    expect(again).toEqual({ imported: 0, updated: 3, errors: [], errorCount: 0 })
    expect((await db.participationPupil.findUniqueOrThrow({ where: { id: cees.id } })).className).toBe('4H3')
    // The audit log has counts, not names or addresses.
    const log = await db.auditLog.findMany({ where: { action: 'participation.import', organisationId: w.a.school.id } })
    expect(JSON.stringify(log, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))).not.toContain(tag)
  })

  it('another school\'s decaan and a coordinator are refused (403)', async () => {
    const other = await callerFor(w.b.staff.id)
    await expectTrpcError(other.participation.overview({ schoolId: w.a.school.id }), 'FORBIDDEN')
    await expectTrpcError(other.participation.addPupil({ schoolId: w.a.school.id, schoolYear, name: 'Eva Smit', email: `e${uniq()}@x.example.test`, level: 'VWO', year: 5, className: '5V' }), 'FORBIDDEN')
    const coord = await callerFor(w.a.coordinator.id)
    await expectTrpcError(coord.participation.overview({ schoolId: w.a.school.id }), 'FORBIDDEN')
  })

  it('personal link: mailed, books with the list details (tied to the record), revocable; an expired link is refused', async () => {
    const slot = await makeSlot()
    const p = await addPupil()
    const staff = await callerFor(w.a.staff.id)
    await sendLinks(db, (await loadActor(db, w.a.staff.id))!, [p.id], deps)
    const token = linkOf(p.email)
    const stored = await db.participationPupil.findUniqueOrThrow({ where: { id: p.id } })
    expect(stored.linkHash).not.toContain(token)
    expect(stored.linkExpiresAt!.getTime()).toBeGreaterThan(Date.now())
    const view = await viewLink(db, token)
    expect(view.pupil).toEqual({ name: 'Sam de Vries', level: 'HAVO', year: 4, className: '4H1', school: w.a.school.name })
    // The personal link proved the address: confirmed at once, with the "confirmed" mail (not "confirm your booking").
    const r = await bookWithLink(db, token, slot.id, deps)
    expect(r.status).toBe('CONFIRMED')
    const booking = await db.slotBooking.findFirstOrThrow({ where: { slotId: slot.id, pupilEmail: p.email } })
    expect(booking.schoolId).toBe(w.a.school.id)
    expect([booking.status, booking.offerExpiresAt]).toEqual(['CONFIRMED', null])
    const mail = outbox.filter((m) => m.to === p.email).at(-1)!
    expect(mail.subject).toBe(translator('nl')('slots.mail.confirmed.subject', { programme: 'Opleiding 0' }))
    expect(mail.text).toMatch(/\/boeking\/[A-Za-z0-9_-]{43}/)
    expect((await db.slot.findUniqueOrThrow({ where: { id: slot.id } })).confirmedCount).toBe(1)
    expect(await db.participationBooking.findUnique({ where: { bookingId: booking.id } })).toMatchObject({ pupilId: p.id, slotId: slot.id })
    await staff.participation.revokeLink({ pupilId: p.id })
    await expectKey(viewLink(db, token), null, 'participation.errors.linkInvalid')
    await sendLinks(db, (await loadActor(db, w.a.staff.id))!, [p.id], deps)
    await expectKey(viewLink(db, linkOf(p.email), new Date(Date.now() + 400 * DAY)), null, 'participation.errors.linkInvalid')
  })
})

describe('campaign rules in the database', () => {
  it('a pupil books up to the limit and is refused past it with the limit in the message; a pupil not on a list is refused', async () => {
    const slots = await Promise.all([0, 1, 2].map((i) => makeSlot({ programme: i })))
    await campaign(slots.map((s) => s.id), { maxPerPupil: 2 })
    const p = await addPupil()
    const input = (slotId: string) => ({ slotId, name: 'Sam de Vries', email: p.email, schoolId: w.a.school.id, level: 'HAVO' as const, year: 4, answers: {} })
    expect((await bookSlot(db, null, input(slots[0]!.id), deps)).status).toBe('PENDING')
    expect((await bookSlot(db, null, input(slots[1]!.id), deps)).status).toBe('PENDING')
    const anon = await callerFor(null)
    const err = await expectKey(anon.slots.book(input(slots[2]!.id)), 'CONFLICT', 'participation.errors.campaignLimit')
    expect(err.params).toEqual({ max: 2 })
    expect(await db.slotBooking.count({ where: { slotId: slots[2]!.id } })).toBe(0)
    await expectKey(anon.slots.book({ ...input(slots[2]!.id), email: `x${uniq()}@${uniq()}.example.test` }), 'PRECONDITION_FAILED', 'participation.errors.notListed')
    // A cancelled booking no longer counts.
    await db.slotBooking.updateMany({ where: { slotId: slots[0]!.id, pupilEmail: p.email }, data: { status: 'CANCELLED' } })
    expect((await bookSlot(db, null, input(slots[2]!.id), deps)).status).toBe('PENDING')
  })

  it('the public slot data says before the form: personal link only (listed campaign) and the levels the campaigns allow', async () => {
    const [listed, open, plain] = await Promise.all([0, 1, 2].map((i) => makeSlot({ programme: i })))
    await campaign([listed!.id], { levels: ['VMBO_BB', 'HAVO'] })
    await campaign([open!.id], { levels: ['HAVO', 'VWO'], listedOnly: false })
    const anon = await callerFor(null)
    // The slot is for vmbo-gt, havo and vwo; the campaign for vmbo basis and havo: the form offers havo only.
    expect(await anon.slots.publicSlot({ id: listed!.id })).toMatchObject({ personalLinkOnly: true, allowedLevels: ['HAVO'], audienceLevels: ['VMBO_GT', 'HAVO', 'VWO'] })
    expect(await anon.slots.publicSlot({ id: open!.id })).toMatchObject({ personalLinkOnly: false, allowedLevels: ['HAVO', 'VWO'] })
    expect(await anon.slots.publicSlot({ id: plain!.id })).toMatchObject({ personalLinkOnly: false, allowedLevels: ['VMBO_GT', 'HAVO', 'VWO'] })
    const cards = await anon.slots.search({ brin: w.a.mbo.brin, limit: 100 })
    expect([listed, open, plain].map((s) => cards.find((c) => c.id === s!.id)?.personalLinkOnly)).toEqual([true, false, false])
    // The server stays the authority, with a message that names no campaign the pupil never saw.
    const input = { slotId: open!.id, name: 'Sam de Vries', email: `v${uniq()}@x.example.test`, schoolId: w.a.school.id, level: 'VMBO_GT' as const, year: 4, answers: {} }
    await expectKey(anon.slots.book(input), 'PRECONDITION_FAILED', 'participation.errors.levelNotInCampaign')
    expect(translator('nl')('participation.errors.levelNotInCampaign')).toBe('Deze activiteit is niet voor jouw niveau.')
  })

  it('concurrent bookings by one pupil across 6 slots (app path) → exactly the limit of 2', async () => {
    const slots = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => makeSlot({ programme: i })))
    await campaign(slots.map((s) => s.id), { maxPerPupil: 2 })
    const p = await addPupil()
    const rs = await Promise.allSettled(slots.map((s) => bookSlot(db, null, { slotId: s.id, name: 'Sam de Vries', email: p.email, schoolId: w.a.school.id, level: 'HAVO', year: 4, answers: {} }, deps)))
    expect(rs.filter((r) => r.status === 'fulfilled')).toHaveLength(2)
    expect(await db.participationBooking.count({ where: { pupilId: p.id } })).toBe(2)
  })

  // Needs a real PostgreSQL server: PGlite runs one transaction at a time, so it could not show a race.
  it.runIf(!process.env.EMBEDDED_DATABASE)('12 concurrent raw INSERTs on 12 connections (no app locks) for one pupil → the trigger lets exactly 3 through', async () => {
    const slots = await Promise.all(Array.from({ length: 12 }, (_, i) => makeSlot({ programme: i % 6 })))
    await campaign(slots.map((s) => s.id), { maxPerPupil: 3 })
    const p = await addPupil()
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 12 })
    try {
      const clients = await Promise.all(slots.map(() => pool.connect()))
      // Every transaction starts before any inserts: all twelve race for the same pupil.
      await Promise.all(clients.map((c) => c.query('BEGIN')))
      const rs = await Promise.allSettled(
        clients.map(async (c, i) => {
          const s = slots[i]!
          await c.query(
            `INSERT INTO "SlotBooking" ("id", "slotId", "organisationId", "programmeId", "pupilName", "pupilEmail", "schoolId", "level", "year", "status", "updatedAt")
             VALUES ($1, $2, $3, $4, 'Sam de Vries', $5, $6, 'HAVO', 4, 'CONFIRMED', now())`,
            [randomUUID(), s.id, s.organisationId, s.programmeId, p.email, w.a.school.id],
          )
          await c.query('COMMIT')
        }),
      )
      await Promise.all(clients.map((c) => c.query('ROLLBACK').catch(() => undefined).finally(() => c.release())))
      expect(rs.filter((r) => r.status === 'fulfilled')).toHaveLength(3)
      const refused = rs.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => String((r.reason as Error).message))
      expect(refused).toHaveLength(9)
      expect(refused.every((m) => m.includes('overstap:CONFLICT:participation.errors.campaignLimit'))).toBe(true)
      expect(await db.slotBooking.count({ where: { pupilEmail: p.email, status: 'CONFIRMED' } })).toBe(3)
    } finally {
      await pool.end()
    }
  })

  it('per-sector limit and the window', async () => {
    const slots = await Promise.all([0, 1].map((i) => makeSlot({ programme: i })))
    const c = await campaign(slots.map((s) => s.id), { maxPerPupil: 5, maxPerSector: 1 })
    const p = await addPupil()
    const input = (slotId: string) => ({ slotId, name: 'Sam de Vries', email: p.email, schoolId: w.a.school.id, level: 'HAVO' as const, year: 4, answers: {} })
    expect((await bookSlot(db, null, input(slots[0]!.id), deps)).status).toBe('PENDING')
    await expectKey(bookSlot(db, null, input(slots[1]!.id), deps), null, 'participation.errors.campaignSectorLimit')
    await db.participationCampaign.update({ where: { id: c.id }, data: { opensAt: new Date(Date.now() + DAY), closesAt: new Date(Date.now() + 2 * DAY) } })
    const q = await addPupil()
    await expectKey(bookSlot(db, null, { ...input(slots[1]!.id), email: q.email }, deps), null, 'participation.errors.campaignClosed')
  })
})

describe('reserved places', () => {
  it('held from others, taken by the school, released by the job to the waiting list', async () => {
    const slot = await makeSlot({ capacity: 3 })
    const pub = await callerFor(w.a.publisher.id)
    await expectTrpcError((await callerFor(w.b.publisher.id)).participation.reserve({ slotId: slot.id, schoolId: w.a.school.id, places: 2, releaseAt: `${localDate(5 * DAY)}T12:00` }), 'FORBIDDEN')
    const r = await pub.participation.reserve({ slotId: slot.id, schoolId: w.a.school.id, places: 2, releaseAt: `${localDate(5 * DAY)}T12:00` })
    expect((await db.slot.findUniqueOrThrow({ where: { id: slot.id } })).confirmedCount).toBe(2)
    // Pupils of other schools: one free place, then the waiting list.
    const outsider = (i: number) => ({ slotId: slot.id, name: 'Iris Kok', email: `o${i}${uniq()}@${uniq()}.example.test`, schoolId: 'other', schoolOther: 'Elders College', level: 'VWO' as const, year: 5, answers: {} })
    expect((await bookSlot(db, null, outsider(1), deps)).status).toBe('PENDING')
    const waiting = await bookSlot(db, null, outsider(2), deps)
    expect(waiting.status).toBe('WAITLISTED')
    // The school's pupil takes a reserved place although the slot looks full.
    const p = await addPupil()
    const mine = await bookSlot(db, null, { slotId: slot.id, name: 'Sam de Vries', email: p.email, schoolId: w.a.school.id, level: 'HAVO', year: 4, answers: {} }, deps)
    expect(mine.status).toBe('PENDING')
    expect(await db.participationReservation.findUniqueOrThrow({ where: { id: r.id } })).toMatchObject({ places: 2, remaining: 1 })
    expect((await db.slot.findUniqueOrThrow({ where: { id: slot.id } })).confirmedCount).toBe(3)
    // The job is global and other test files run beside this one on the same database (their reservations may be due
    // too): what is asserted is this reservation's own state, and the counts only as lower bounds.
    const mineNow = () => db.participationReservation.findUniqueOrThrow({ where: { id: r.id }, select: { remaining: true, releasedAt: true } })
    // Not yet due: nothing moves.
    await releaseDueReservations(db, deps)
    expect(await mineNow()).toEqual({ remaining: 1, releasedAt: null })
    // Due: the unused place goes to the first on the waiting list.
    expect(await releaseDueReservations(db, { ...deps, now: new Date(Date.now() + 6 * DAY) })).toBeGreaterThanOrEqual(1)
    const released = await mineNow()
    expect(released).toMatchObject({ remaining: 0, releasedAt: expect.any(Date) })
    expect((await db.slotBooking.findUniqueOrThrow({ where: { id: waiting.id } })).status).toBe('OFFERED')
    expect((await db.slot.findUniqueOrThrow({ where: { id: slot.id } })).confirmedCount).toBe(3)
    // Idempotent: released once, the place offered once.
    await releaseDueReservations(db, { ...deps, now: new Date(Date.now() + 6 * DAY) })
    expect(await mineNow()).toEqual(released)
    expect((await db.slot.findUniqueOrThrow({ where: { id: slot.id } })).confirmedCount).toBe(3)
    expect(await db.slotBooking.count({ where: { slotId: slot.id, status: 'OFFERED' } })).toBe(1)
  })

  it('cannot reserve more than the free places', async () => {
    const slot = await makeSlot({ capacity: 2 })
    const pub = await callerFor(w.a.publisher.id)
    await expectKey(pub.participation.reserve({ slotId: slot.id, schoolId: w.a.school.id, places: 3, releaseAt: `${localDate(5 * DAY)}T12:00` }), 'CONFLICT', 'participation.errors.notEnoughFree')
  })

  it('the campaign a reservation is for exists, is of a region the reserver may reserve the slot in, and holds the slot', async () => {
    const reserve = (slotId: string, campaignId: string) => ({ slotId, schoolId: w.a.school.id, places: 1, releaseAt: `${localDate(5 * DAY)}T12:00`, campaignId })
    const slot = await makeSlot({ capacity: 5 })
    const other = await makeSlot({ capacity: 5 })
    const c = await campaign([slot.id], { listedOnly: false })
    const coordA = await callerFor(w.a.coordinator.id)
    await expectKey(coordA.participation.reserve(reserve(slot.id, `c${randomUUID().replaceAll('-', '').slice(0, 24)}`)), 'NOT_FOUND', 'participation.errors.campaignNotFound')
    await expectKey(coordA.participation.reserve(reserve(other.id, c.id)), 'BAD_REQUEST', 'participation.errors.slotNotInCampaign')
    // An institution in both regions: region B's campaign holds its slot, but region A's coordinator does not run B.
    const both = await buildOrganisation(db, { regionIds: [w.a.region.id, w.b.region.id], sector: 'MBO' })
    const p = await db.slotProgramme.create({ data: { organisationId: both.id, name: `Opleiding ${uniq()}`, sector: 'MBO', level: 'MBO_4', code: '25490' } })
    const shared = await db.slot.create({ data: slotData({ programmeId: p.id, organisationId: both.id, capacity: 5, startsAt: new Date(Date.now() + 14 * DAY), bookingClosesAt: new Date(Date.now() + 13 * DAY) }) })
    const coordB = await callerFor(w.b.coordinator.id)
    const cb = await coordB.participation.createCampaign({ regionId: w.b.region.id, name: `Meeloopdagen ${uniq()}`, opensAt: localDate(-DAY), closesAt: localDate(10 * DAY), maxPerPupil: 2, levels: [], schoolIds: [], slotIds: [shared.id], listedOnly: false })
    await expectKey(coordA.participation.reserve(reserve(shared.id, cb.id)), 'NOT_FOUND', 'participation.errors.campaignNotFound')
    expect(await db.participationReservation.count({ where: { slotId: { in: [slot.id, other.id, shared.id] } } })).toBe(0)
    // The campaign of the reserver's region that holds the slot is stored with the reservation.
    const r = await coordA.participation.reserve(reserve(slot.id, c.id))
    expect(await db.participationReservation.findUniqueOrThrow({ where: { id: r.id } })).toMatchObject({ campaignId: c.id, places: 1 })
  })
})

describe('overview, reach and AVG', () => {
  it('overview lists at most OVERVIEW_LIMIT pupils of a school year and says when there are more; one class shows all of its own', async () => {
    const year = schoolYear - 4 // a year of its own: the other tests' pupils are not in it
    const rows = (n: number, className: string) =>
      Array.from({ length: n }, (_, i) => ({ schoolId: w.a.school.id, schoolYear: year, name: 'Sam de Vries', email: `cap-${className}-${i}@${uniq()}.example.test`, level: 'HAVO' as const, year: 4, className }))
    await db.participationPupil.createMany({ data: [...rows(OVERVIEW_LIMIT - 10, '4A'), ...rows(11, '4B')] })
    const staff = await callerFor(w.a.staff.id)
    const all = await staff.participation.overview({ schoolId: w.a.school.id, schoolYear: year })
    expect(all.pupils).toHaveLength(OVERVIEW_LIMIT)
    expect(all.more).toBe(true)
    expect(all.pupils.at(-1)!.className).toBe('4B') // by class, then name: 4A whole, then 10 of 4B
    const one = await staff.participation.overview({ schoolId: w.a.school.id, schoolYear: year, className: '4B' })
    expect(one.pupils).toHaveLength(11)
    expect(one.more).toBe(false)
  })

  it('overview counts booked/attended/missed; reach: the school raw, the region suppressed and only with consent', async () => {
    const slots = await Promise.all([0, 1].map((i) => makeSlot({ programme: i })))
    const cls = `R${uniq().slice(0, 6)}`
    const ps = [] as { id: string; email: string }[]
    for (let i = 0; i < 8; i++) ps.push(await addPupil({ className: cls, level: 'VWO' }))
    for (const [i, p] of ps.slice(0, 7).entries()) {
      const b = await bookSlot(db, null, { slotId: slots[0]!.id, name: 'Sam de Vries', email: p.email, schoolId: w.a.school.id, level: 'VWO', year: 4, answers: {} }, deps)
      await db.slotBooking.update({ where: { id: b.id }, data: { status: 'CONFIRMED', attendance: i === 0 ? 'ABSENT' : 'PRESENT' } })
    }
    const staff = await callerFor(w.a.staff.id)
    const o = await staff.participation.overview({ schoolId: w.a.school.id, className: cls })
    expect(o.pupils).toHaveLength(8)
    expect(o.pupils.reduce((s, p) => s + p.attended, 0)).toBe(6)
    expect(o.pupils.reduce((s, p) => s + p.missed, 0)).toBe(1)
    const own = await staff.participation.reach({ schoolId: w.a.school.id })
    const vwoAll = own.rows.find((r) => r.level === 'VWO' && r.year === 4 && r.kind === 'ALL')!
    expect(vwoAll).toMatchObject({ pupils: 8, atLeast1: 6, atLeast2: 0, atLeast3: 0 })
    const coord = await callerFor(w.a.coordinator.id)
    const before = await coord.participation.reach({ regionId: w.a.region.id })
    expect(before.rows.some((r) => r.schoolId === w.a.school.id)).toBe(false)
    // The region total counts every school; with one school (not consenting) it would be that school's figures: hidden.
    expect(before.rows.filter((r) => r.schoolId === null && r.level === 'VWO').every((r) => typeof r.pupils !== 'number')).toBe(true)
    await staff.participation.setConsent({ schoolId: w.a.school.id, consent: true })
    const after = await coord.participation.reach({ regionId: w.a.region.id })
    const row = after.rows.find((r) => r.schoolId === w.a.school.id && r.level === 'VWO' && r.year === 4 && r.kind === 'ALL')!
    expect(row.pupils).toBe(8)
    // 6 with one activity, 2 with none (≤ 5): the split is suppressed, so "≥ 1" cannot be shown exactly either.
    expect(row.atLeast3).toBe(SUPPRESSED)
    expect(row.atLeast1).not.toBe(6)
    await expectTrpcError((await callerFor(w.b.coordinator.id)).participation.reach({ regionId: w.a.region.id }), 'FORBIDDEN')
  })

  it('AVG: export and deletion of one pupil; retention deletes old lists and keeps anonymous counts', async () => {
    const slot = await makeSlot()
    const p = await addPupil()
    await bookSlot(db, null, { slotId: slot.id, name: 'Sam de Vries', email: p.email, schoolId: w.a.school.id, level: 'HAVO', year: 4, answers: {} }, deps)
    const staff = await callerFor(w.a.staff.id)
    const data = await staff.participation.exportPupil({ pupilId: p.id })
    expect(data.pupil.email).toBe(p.email)
    expect(data.bookings).toHaveLength(1)
    await staff.participation.deletePupil({ pupilId: p.id })
    expect(await db.participationPupil.count({ where: { id: p.id } })).toBe(0)
    expect(await db.slotBooking.count({ where: { pupilEmail: p.email } })).toBe(0)
    const audits = await db.auditLog.findMany({ where: { entityId: p.id } })
    expect(audits.map((a) => a.action).sort()).toEqual(['participation.pupil.add', 'participation.pupil.delete', 'participation.pupil.export'])
    expect(JSON.stringify(audits, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))).not.toContain(p.email)

    // An old list (three school years ago) goes; its counts stay in the archive; this year's list stays.
    const old = schoolYear - 3
    const school = w.b.school.id
    await db.participationPupil.createMany({ data: Array.from({ length: 7 }, (_, i) => ({ schoolId: school, schoolYear: old, name: 'Oud Leerling', email: `old${i}${uniq()}@x.example.test`, level: 'HAVO' as const, year: 5, className: '5H' })) })
    const current = await addPupil()
    await purgeExpiredLists(db)
    expect(await db.participationPupil.count({ where: { schoolId: school, schoolYear: old } })).toBe(0)
    expect(await db.participationPupil.count({ where: { id: current.id } })).toBe(1)
    expect(await db.participationReachArchive.findUnique({ where: { schoolId_schoolYear_level_year_kind: { schoolId: school, schoolYear: old, level: 'HAVO', year: 5, kind: 'ALL' } } })).toMatchObject({ pupils: 7, atLeast1: 0 })
  })
})

