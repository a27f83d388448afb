/**
 * A booking through the pupil's personal link gets its mail like every other slot booking: the booking's own outbox
 * row, written by the booking's statement in the booking's language and rendered by the worker ("confirmed": the link
 * proved the address). Nothing is rendered or sent directly by the request.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { buildSlot, uniq } from '../db/factories.ts'
import { callerFor, db } from '../test/helpers.ts'
import { sentDirectly } from '../test/direct-mail.ts'
import { createMboProgramme, DAY, liftBookingLimits, twoRegionWorldBeforeAll } from '../test/world.ts'
import type { Mail } from '../mail/mailer.ts'
import { flushOutbox, renderMailTemplate, type MailTemplate } from '../mail/outbox.ts'
import { translator } from '../i18n/translate.ts'
import { toAmsterdam } from '../lib/time.ts'
import { bookingMailKey } from '../slots/booking.ts'
import { bookWithLink } from './link.ts'
import { newLinkToken } from './pupils.ts'
import { schoolYearOf } from './school-year.ts'

// A mail sent directly (not through the outbox) would reach the mailer's sendMail: it must not be called.
vi.mock('../mail/mailer.ts', async (original) => (await import('../test/direct-mail.ts')).recordingMailer(await original()))

const w = twoRegionWorldBeforeAll()
let programmeId: string

beforeAll(async () => {
  programmeId = await createMboProgramme(w, { name: 'Verzorgende IG', level: 'MBO_3', code: '25498' })
  await liftBookingLimits(w)
})

const makeSlot = (capacity: number) => buildSlot(db, { programmeId, organisationId: w.a.mbo.id, capacity })

/** A pupil on the school's class list with a personal link (set directly: the link's own mail is not the point here). */
async function pupilWithLink(name: string) {
  const { token, hash } = newLinkToken()
  const email = `${name.toLowerCase()}.${uniq()}@school.example.test`
  await db.participationPupil.create({
    data: { schoolId: w.a.school.id, schoolYear: schoolYearOf(new Date()), name, email, level: 'HAVO', year: 4, className: '4H1', linkHash: hash, linkExpiresAt: new Date(Date.now() + 30 * DAY) },
  })
  return { token, email }
}

async function rowOf(bookingId: string) {
  const row = await db.mailOutbox.findUniqueOrThrow({ where: { key: bookingMailKey(bookingId) } })
  return { row, template: row.template as MailTemplate, ...renderMailTemplate(row.template as MailTemplate) }
}

describe("the personal link's booking mail goes through the outbox", () => {
  it('confirmed at once: an unsent outbox row of the booking, "confirmed" in the language it was booked in; nothing sent directly', async () => {
    const slot = await makeSlot(5)
    const pupil = await pupilWithLink('Noor')
    const r = await bookWithLink(db, pupil.token, slot.id, { locale: 'en' })
    expect(r.status).toBe('CONFIRMED')
    expect(sentDirectly).toEqual([])

    const booking = await db.slotBooking.findFirstOrThrow({ where: { slotId: slot.id, pupilEmail: pupil.email } })
    expect([booking.status, booking.offerExpiresAt, booking.locale]).toEqual(['CONFIRMED', null, 'en'])
    const mail = await rowOf(booking.id)
    expect(mail.row).toMatchObject({ to: pupil.email, sentAt: null, subject: null, text: null })
    expect(mail.template).toMatchObject({ kind: 'slots.booking', locale: 'en', status: 'CONFIRMED' })
    expect(mail.subject).toBe(translator('en')('slots.mail.confirmed.subject', { programme: 'Verzorgende IG' }))
    expect(mail.text).toContain('Dear Noor,')
    expect(mail.text).toMatch(/\/boeking\/[A-Za-z0-9_-]{43}/)

    // The worker sends it as rendered.
    const sent: Mail[] = []
    expect(await flushOutbox(db, { keys: [mail.row.key], send: async (m) => void sent.push(m) })).toEqual({ sent: 1, failed: 0 })
    expect(sent.map((m) => [m.to, m.subject])).toEqual([[pupil.email, mail.subject]])
    expect(sentDirectly).toEqual([])
  })

  it('a reserved place (held as PENDING by the database) is confirmed right after and its mail is "confirmed", not "confirm your booking"', async () => {
    const slot = await makeSlot(2)
    const pub = await callerFor(w.a.publisher.id)
    await pub.participation.reserve({ slotId: slot.id, schoolId: w.a.school.id, places: 2, releaseAt: `${toAmsterdam(new Date(Date.now() + 5 * DAY)).date}T12:00` })
    const pupil = await pupilWithLink('Daan')
    const r = await bookWithLink(db, pupil.token, slot.id, { locale: 'nl' })
    expect(r.status).toBe('CONFIRMED')
    const booking = await db.slotBooking.findFirstOrThrow({ where: { slotId: slot.id, pupilEmail: pupil.email } })
    expect(booking.status).toBe('CONFIRMED')
    const mail = await rowOf(booking.id)
    expect(mail.row.sentAt).toBeNull()
    expect(mail.template).toMatchObject({ locale: 'nl', status: 'PENDING', confirmsAtOnce: true })
    expect(mail.subject).toBe(translator('nl')('slots.mail.confirmed.subject', { programme: 'Verzorgende IG' }))
    expect(sentDirectly).toEqual([])
  })

  it('a full slot: the waiting-list mail, in the booking language, through the outbox', async () => {
    const slot = await makeSlot(0)
    const pupil = await pupilWithLink('Fleur')
    const r = await bookWithLink(db, pupil.token, slot.id, { locale: 'nl' })
    expect([r.status, r.position]).toEqual(['WAITLISTED', 1])
    const booking = await db.slotBooking.findFirstOrThrow({ where: { slotId: slot.id, pupilEmail: pupil.email } })
    const mail = await rowOf(booking.id)
    expect(mail.template).toMatchObject({ locale: 'nl', status: 'WAITLISTED', position: 1 })
    expect(mail.subject).toBe(translator('nl')('slots.mail.waitlisted.subject', { programme: 'Verzorgende IG', position: 1 }))
    expect(sentDirectly).toEqual([])
  })
})
