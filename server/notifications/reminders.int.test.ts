/**
 * Pupils' slot reminders with an injected clock: the 3-day and the 1-day reminder each go once (reruns and a
 * restarted worker add nothing), in their window only, with a METHOD:PUBLISH ICS of the slot and a cancel link of
 * their own; cancelled bookings and cancelled slots get none. (The received mail, its language and its link:
 * reminder-link.int.test.ts.)
 */
import { beforeAll, describe, expect, it } from 'vitest'
import ical from 'node-ical'
import { buildOrganisation, buildRegion, uniq } from '../db/factories.ts'
import { db } from '../test/helpers.ts'
import { sendSlotReminders } from './reminders.ts'
import { expireHolds } from '../slots/booking.ts'
import { buildUser } from '../db/factories.ts'

const HOUR = 3_600_000
let org: { id: string; name: string }
let programmeId: string

beforeAll(async () => {
  const region = await buildRegion(db)
  org = await buildOrganisation(db, { regionIds: [region.id], sector: 'MBO' })
  programmeId = (await db.slotProgramme.create({ data: { organisationId: org.id, name: `Verpleegkunde ${uniq()}`, sector: 'MBO', level: 'MBO_4', code: '25491' } })).id
})

async function bookedSlot(startsAt: Date, over: { bookingStatus?: 'CONFIRMED' | 'CANCELLED'; slotStatus?: 'PUBLISHED' | 'CANCELLED' } = {}) {
  const slot = await db.slot.create({
    data: {
      programmeId,
      organisationId: org.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3 * HOUR),
      location: 'Gebouw A, lokaal 1.12',
      capacity: 10,
      confirmedCount: 1,
      bookingOpensAt: new Date(startsAt.getTime() - 30 * 24 * HOUR),
      bookingClosesAt: startsAt,
      audienceLevels: ['HAVO'],
      status: over.slotStatus ?? 'PUBLISHED',
    },
  })
  const booking = await db.slotBooking.create({
    data: { slotId: slot.id, organisationId: org.id, programmeId, pupilName: 'Pupil', pupilEmail: `pupil-${uniq()}@example.test`, level: 'HAVO', year: 4, status: over.bookingStatus ?? 'CONFIRMED' },
  })
  return { slot, booking }
}

const rows = (bookingId: string) => db.mailOutbox.findMany({ where: { key: { startsWith: `slots.reminder.${bookingId}.` } }, orderBy: { key: 'asc' } })

describe('slot reminders', () => {
  it('3 days and 1 day before, each once, with an ICS of the slot', async () => {
    const t0 = new Date(Math.floor(Date.now() / HOUR) * HOUR + 10 * 24 * HOUR) // whole hours: ICS has no milliseconds
    const start = new Date(t0.getTime() + 60 * HOUR) // 2.5 days after t0
    const { booking, slot } = await bookedSlot(start)

    await sendSlotReminders(db, { scope: { organisationId: org.id }, now: new Date(t0.getTime() - 24 * HOUR) }) // 3.5 days before: nothing yet
    expect(await rows(booking.id)).toHaveLength(0)

    await sendSlotReminders(db, { scope: { organisationId: org.id }, now: t0 })
    await sendSlotReminders(db, { scope: { organisationId: org.id }, now: new Date(t0.getTime() + HOUR) }) // the next hourly run, or a restarted worker
    const three = await rows(booking.id)
    expect(three.map((r) => r.key)).toEqual([`slots.reminder.${booking.id}.3d`])
    expect(three[0]).toMatchObject({ to: booking.pupilEmail, sentAt: null })
    expect(three[0]!.subject).toMatch(/^Over 3 dagen: Verpleegkunde /)
    expect(three[0]!.text).toContain('Gebouw A, lokaal 1.12')
    expect(three[0]!.text).toMatch(/\/boeking\/[A-Za-z0-9_-]{43}\n/)
    const [att] = three[0]!.attachments as { filename: string; contentType: string; content: string }[]
    expect(att!.contentType).toBe('text/calendar; charset=utf-8; method=PUBLISH')
    expect(att!.content).toContain('METHOD:PUBLISH')
    const ev = Object.values(ical.sync.parseICS(att!.content)).find((c) => c?.type === 'VEVENT') as ical.VEvent
    expect(ev.uid).toBe(`booking-${booking.id}@overstap.nl`)
    expect(ev.start.toISOString()).toBe(slot.startsAt.toISOString())
    expect(ev.location).toBe('Gebouw A, lokaal 1.12')

    const t1 = new Date(start.getTime() - 20 * HOUR) // 20 hours before the slot
    await sendSlotReminders(db, { scope: { organisationId: org.id }, now: t1 })
    await sendSlotReminders(db, { scope: { organisationId: org.id }, now: new Date(t1.getTime() + HOUR) })
    expect((await rows(booking.id)).map((r) => r.key)).toEqual([`slots.reminder.${booking.id}.1d`, `slots.reminder.${booking.id}.3d`])
    expect((await rows(booking.id))[0]!.subject).toMatch(/^Morgen: Verpleegkunde /)
    expect(await db.slotBookingLink.count({ where: { bookingId: booking.id } })).toBe(2) // one link per reminder

    // After the slot started: nothing more.
    await sendSlotReminders(db, { scope: { organisationId: org.id }, now: new Date(start.getTime() + HOUR) })
    expect(await rows(booking.id)).toHaveLength(2)
  })

  it('no reminder for a cancelled booking or a cancelled slot', async () => {
    const t0 = new Date(Date.now() + 20 * 24 * HOUR)
    const start = new Date(t0.getTime() + 12 * HOUR)
    const a = await bookedSlot(start, { bookingStatus: 'CANCELLED' })
    const b = await bookedSlot(start, { slotStatus: 'CANCELLED' })
    await sendSlotReminders(db, { scope: { organisationId: org.id }, now: t0 })
    expect(await rows(a.booking.id)).toHaveLength(0)
    expect(await rows(b.booking.id)).toHaveLength(0)
  })
})

describe('waiting-list offer expired', () => {
  it('the decaan who booked for the pupil is told once; a pupil’s own booking tells nobody', async () => {
    const school = await buildOrganisation(db, { regionIds: [], sector: 'VO' })
    const decaan = await buildUser(db, { roles: [{ role: 'ORG_STAFF', organisationId: school.id }] })
    const { slot, booking } = await bookedSlot(new Date(Date.now() + 5 * 24 * HOUR))
    const past = new Date(Date.now() - HOUR)
    await db.slotBooking.update({ where: { id: booking.id }, data: { status: 'OFFERED', offerExpiresAt: past, bookedById: decaan.id, schoolId: school.id } })
    const own = await db.slotBooking.create({
      data: { slotId: slot.id, organisationId: org.id, programmeId, pupilEmail: `pupil-${uniq()}@example.test`, level: 'HAVO', year: 4, status: 'OFFERED', offerExpiresAt: past },
    })
    await db.slot.update({ where: { id: slot.id }, data: { confirmedCount: 2 } }) // both offers hold a place
    await expireHolds(db, { scope: { organisationId: org.id } })
    await expireHolds(db, { scope: { organisationId: org.id } })
    expect((await db.slotBooking.findUniqueOrThrow({ where: { id: own.id } })).status).toBe('EXPIRED')
    const got = await db.notification.findMany({ where: { userId: decaan.id } })
    expect(got.map((n) => [n.kind, n.key, n.link])).toEqual([['slots.offerExpired', `slots.offerExpired:${booking.id}`, '/proefstuderen/school']])
    expect(await db.notification.count({ where: { key: `slots.offerExpired:${own.id}` } })).toBe(0)
  })
})
