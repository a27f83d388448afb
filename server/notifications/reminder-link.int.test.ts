/**
 * A pupil's reminder as received over SMTP (smtp-server on loopback, parsed with mailparser): written in the language
 * the pupil booked in, with the ICS attachment and a cancel link of its own that cancels the booking, while the
 * confirmation mail's link keeps working; the reminder's link lives only as long as the booking's own link (purge).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { buildOrganisation, buildRegion, uniq } from '../db/factories.ts'
import { callerFor, db, expectTrpcError } from '../test/helpers.ts'
import { smtpSinkForFile } from '../test/smtp-sink.ts'
import { flushOutbox } from '../mail/outbox.ts'
import { bookSlot, confirmBooking } from '../slots/booking.ts'
import { reminderKey, sendSlotReminders } from './reminders.ts'

const HOUR = 3_600_000
const { received, send } = smtpSinkForFile()
let school: { id: string }
let institution: { id: string; name: string }

beforeAll(async () => {
  const region = await buildRegion(db)
  school = await buildOrganisation(db, { regionIds: [region.id], sector: 'VO' })
  institution = await buildOrganisation(db, { regionIds: [region.id], sector: 'MBO' })
})

/** A slot starting 2.5 days from now (inside the 3-day reminder's window), booked and confirmed by a pupil in `locale`. */
async function confirmedBooking(locale: 'nl' | 'en') {
  const programme = await db.slotProgramme.create({ data: { organisationId: institution.id, name: `Nursing ${uniq()}`, sector: 'MBO', level: 'MBO_4', code: String(10_000 + Math.floor(Math.random() * 89_999)) } })
  const startsAt = new Date(Math.floor(Date.now() / HOUR) * HOUR + 60 * HOUR)
  const slot = await db.slot.create({
    data: { programmeId: programme.id, organisationId: institution.id, startsAt, endsAt: new Date(startsAt.getTime() + 3 * HOUR), location: 'Building B', capacity: 5, bookingOpensAt: new Date(Date.now() - HOUR), bookingClosesAt: startsAt, audienceLevels: ['VWO'] },
  })
  const email = `pupil-${uniq()}@mail.example.test`
  const booked = await bookSlot(db, null, { slotId: slot.id, name: 'Noor Jansen', email, schoolId: school.id, level: 'VWO', year: 5, answers: {} }, { locale, send: async () => {} })
  await confirmBooking(db, booked.token)
  return { slot, programme, email, booking: booked, confirmationToken: booked.token }
}

async function receivedReminder(bookingId: string, to: string) {
  await sendSlotReminders(db, { scope: { organisationId: institution.id } })
  await sendSlotReminders(db, { scope: { organisationId: institution.id } }) // a rerun (or a restarted worker) adds nothing: one mail, one link
  expect(await db.slotBookingLink.count({ where: { bookingId } })).toBe(1)
  expect(await flushOutbox(db, { keys: [reminderKey(bookingId, '3d')], send })).toEqual({ sent: 1, failed: 0 })
  const mail = received.find((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((a) => a?.text === to))
  expect(mail).toBeDefined()
  return mail!
}

describe('pupil reminder', () => {
  it('in the booking’s language, with the ICS and a cancel link of its own that cancels the booking', async () => {
    const b = await confirmedBooking('en')
    expect((await db.slotBooking.findUniqueOrThrow({ where: { id: b.booking.id } })).locale).toBe('en')
    const mail = await receivedReminder(b.booking.id, b.email)
    expect(mail.subject).toBe(`In 3 days: ${b.programme.name} at ${institution.name}`)
    expect(mail.text).toContain('Building B')
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([['appointment.ics', 'text/calendar']])
    expect(mail.attachments[0]!.content.toString('utf8')).toContain('METHOD:PUBLISH')
    const links = [...(mail.text ?? '').matchAll(/https?:\/\/\S+\/boeking\/([A-Za-z0-9_-]{43})/g)].map((m) => m[1]!)
    expect(links).toHaveLength(1)
    const token = links[0]!
    expect(token).not.toBe(b.confirmationToken)
    expect(mail.html).toContain(`/boeking/${token}`)
    expect(mail.html).toContain('View or cancel your booking')

    // Both links open the same booking; the reminder's cancels it.
    const anonymous = await callerFor(null, 'en')
    expect((await anonymous.slots.booking({ token })).status).toBe('CONFIRMED')
    expect((await anonymous.slots.booking({ token: b.confirmationToken })).status).toBe('CONFIRMED')
    await anonymous.slots.cancelBooking({ token })
    expect((await db.slotBooking.findUniqueOrThrow({ where: { id: b.booking.id } })).status).toBe('CANCELLED')
    expect((await anonymous.slots.booking({ token: b.confirmationToken })).status).toBe('CANCELLED')
  })

  it('in Dutch for a Dutch booking; its link stops working with the booking’s own link (purge)', async () => {
    const b = await confirmedBooking('nl')
    const mail = await receivedReminder(b.booking.id, b.email)
    expect(mail.subject).toBe(`Over 3 dagen: ${b.programme.name} bij ${institution.name}`)
    expect(mail.attachments[0]!.filename).toBe('afspraak.ics')
    const token = /\/boeking\/([A-Za-z0-9_-]{43})/.exec(mail.text ?? '')![1]!
    const anonymous = await callerFor(null)
    expect((await anonymous.slots.booking({ token })).status).toBe('CONFIRMED')
    // What the purge does to the booking's own link: the reminder's link goes with it.
    await db.slotBooking.update({ where: { id: b.booking.id }, data: { tokenHash: null } })
    await expectTrpcError(anonymous.slots.booking({ token }), 'NOT_FOUND')
    await expectTrpcError(anonymous.slots.cancelBooking({ token }), 'NOT_FOUND')
    expect((await db.slotBooking.findUniqueOrThrow({ where: { id: b.booking.id } })).status).toBe('CONFIRMED')
  })
})
