/**
 * Audit B F3: an address longer than RFC 5321 allows (254 characters, 64 before the @) held an event seat and a
 * slot place, and its mail could never be delivered. The one e-mail schema (server/lib/zod.ts) refuses it, so every
 * form that takes an address answers 400 with "too long" and stores nothing: a pupil added by hand or by import, a
 * public slot booking, an event registration, an invitation.
 */
import { describe, expect, it } from 'vitest'
import { ZodError } from 'zod'
import { TRPCError } from '@trpc/server'
import { uniq } from '../db/factories.ts'
import { callerFor, db, expectTrpcError } from '../test/helpers.ts'
import { createMboProgramme, DAY, HOUR, liftBookingLimits, slotData, twoRegionWorldBeforeAll } from '../test/world.ts'
import { issueMessage } from '../i18n/translate.ts'
import { toAmsterdam } from '../lib/time.ts'
import { schoolYearOf } from './school-year.ts'

const w = twoRegionWorldBeforeAll()
const schoolYear = schoolYearOf(new Date())
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64')
/** 20,011 characters (the auditor's event registration) and 65 before the @ (fits 254, not 64). */
const hugeAddress = () => `${'b'.repeat(20_000)}@example.nl`
const longLocal = () => `${'a'.repeat(65)}@${uniq()}.example.test`

/** The tRPC refusal is a 400 whose only issue for the address is "too long", readable in nl and en. */
async function expectTooLong(p: Promise<unknown>) {
  const err = await expectTrpcError(p, 'BAD_REQUEST')
  const issues = (err.cause as ZodError).issues.filter((i) => i.path.includes('email'))
  expect(err.cause).toBeInstanceOf(ZodError)
  expect(issues.map((i) => i.message)).toEqual(['v.emailTooLong'])
  expect(issueMessage(issues[0]!, 'nl')).toContain('te lang')
  expect(issueMessage(issues[0]!, 'en')).toContain('too long')
  return err as TRPCError
}

describe('an address too long to be delivered is refused on every path (400, nothing stored)', () => {
  it('a pupil added by hand; in a class-list import it is the row\'s error with its line and column', async () => {
    const staff = await callerFor(w.a.staff.id)
    for (const email of [hugeAddress(), longLocal()])
      await expectTooLong(staff.participation.addPupil({ schoolId: w.a.school.id, schoolYear, name: 'Sam de Vries', email, level: 'HAVO', year: 4, className: '4H1' }))
    const csv = `Naam;E-mail;Niveau;Leerjaar;Klas\nSam de Vries;${longLocal()};havo;4;4H1\n`
    const mapping = { name: 'Naam', email: 'E-mail', level: 'Niveau', year: 'Leerjaar', className: 'Klas' }
    const r = await staff.participation.importPupils({ schoolId: w.a.school.id, schoolYear, fileName: 'klas.csv', content: b64(csv), mapping })
    expect([r.imported, r.errors.map((e) => [e.line, e.column, e.key])]).toEqual([0, [[2, 'E-mail', 'participation.import.row.email']]])
    expect(await db.participationPupil.count({ where: { schoolId: w.a.school.id, email: { startsWith: 'aaaaaaaaaa' } } })).toBe(0)
  })

  it('a public slot booking (the auditor\'s 311 characters) holds no place', async () => {
    const programmeId = await createMboProgramme(w, { name: 'Logistiek', level: 'MBO_4', code: '25398' })
    await liftBookingLimits(w)
    const now = Date.now()
    const slot = await db.slot.create({
      data: slotData({ programmeId, organisationId: w.a.mbo.id, capacity: 5, startsAt: new Date(now + 14 * DAY), bookingOpensAt: new Date(now - HOUR), bookingClosesAt: new Date(now + 13 * DAY), audienceLevels: ['HAVO'] }),
    })
    const anon = await callerFor(null)
    const email = `${'a'.repeat(300)}@example.nl`
    expect(email).toHaveLength(311)
    await expectTooLong(anon.slots.book({ slotId: slot.id, name: 'Sam de Vries', email, schoolId: w.a.school.id, level: 'HAVO', year: 4, answers: {} }))
    expect(await db.slotBooking.count({ where: { slotId: slot.id } })).toBe(0)
  })

  it('an event registration (the auditor\'s 20,011 characters) holds no seat', async () => {
    const startsAt = new Date(Date.now() + 20 * DAY)
    const ev = await db.calendarEvent.create({
      data: {
        title: `Netwerkweek ${uniq()}`, type: 'NETWERKWEEK', status: 'PUBLISHED', startsAt, endsAt: new Date(startsAt.getTime() + DAY), audienceLevels: [], schoolYears: [],
        organisers: { create: { organisationId: w.a.mbo.id } }, regions: { create: { regionId: w.a.region.id, decision: 'PUBLISHED' } },
      },
    })
    const date = toAmsterdam(startsAt).date
    await (await callerFor(w.a.publisher.id)).registration.setup({ eventId: ev.id, audiences: [{ kind: 'PARENT', maxPartySize: 4 }], sessions: [{ title: 'Workshop', date, startTime: '09:00', endTime: '11:00', room: 'Aula', capacity: 10 }] })
    const reg = await db.registrationEvent.findUniqueOrThrow({ where: { eventId: ev.id }, include: { sessions: true } })
    const anon = await callerFor(null)
    await expectTooLong(anon.registration.register({ eventId: ev.id, audience: 'PARENT', name: 'Lang Audb', email: hugeAddress(), partySize: 1, sessionIds: reg.sessions.map((s) => s.id) }))
    expect(await db.registrationSeat.count({ where: { sessionId: { in: reg.sessions.map((s) => s.id) } } })).toBe(0)
  })

  it('an invitation', async () => {
    const c = await callerFor(w.a.coordinator.id)
    await expectTooLong(c.member.invite({ email: longLocal(), role: 'ORG_STAFF', organisationId: w.a.school.id }))
  })
})
