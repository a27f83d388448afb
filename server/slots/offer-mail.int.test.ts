/**
 * The mails that follow a change of a booking other than the booking's own mail — the offer of a freed place, the
 * cancellation, a cancelled slot — go through the transactional outbox like the booking mail: a template row written
 * in the change's own transaction, rendered and sent by the worker, each in the language its booking was made in
 * (not the language of whoever caused the change). Nothing is sent directly by the process that made the change.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { buildSlot, uniq } from '../db/factories.ts'
import { callerFor, db } from '../test/helpers.ts'
import { sentDirectly } from '../test/direct-mail.ts'
import { createMboProgramme, HOUR, twoRegionWorldBeforeAll } from '../test/world.ts'
import type { Mail } from '../mail/mailer.ts'
import { flushOutbox, renderMailTemplate, type MailTemplate } from '../mail/outbox.ts'
import { translator } from '../i18n/translate.ts'
import { bookSlot, cancelByToken, confirmBooking, declineOffer, expireHolds, viewBooking } from './booking.ts'

// A mail sent directly (not through the outbox) would reach the mailer's sendMail: it must not be called.
vi.mock('../mail/mailer.ts', async (original) => (await import('../test/direct-mail.ts')).recordingMailer(await original()))

const w = twoRegionWorldBeforeAll()
let programmeId: string

beforeAll(async () => {
  programmeId = await createMboProgramme(w)
})

const makeSlot = (capacity: number) => buildSlot(db, { programmeId, organisationId: w.a.mbo.id, capacity })

const pupil = (slotId: string, name: string) => ({ slotId, name, email: `${name.toLowerCase()}@${uniq()}.example.test`, schoolId: w.a.school.id, level: 'HAVO' as const, year: 4, answers: {} })
/** The outbox rows addressed to one pupil, oldest first, each with its mail as the worker renders it. */
async function rowsTo(to: string) {
  const rows = await db.mailOutbox.findMany({ where: { to }, orderBy: { createdAt: 'asc' } })
  return rows.map((r) => ({ key: r.key, sentAt: r.sentAt, template: r.template as MailTemplate, ...renderMailTemplate(r.template as MailTemplate) }))
}
const tokenIn = (text: string) => /\/boeking\/([A-Za-z0-9_-]{43})/.exec(text)?.[1]

describe('offer and cancellation mails through the outbox', () => {
  it("a cancellation that offers the place: both mails are outbox rows of the cancel's transaction, the offer in the waiting pupil's language; nothing sent directly", async () => {
    const slot = await makeSlot(1)
    const emma = pupil(slot.id, 'Emma')
    const daan = pupil(slot.id, 'Daan')
    const e = await bookSlot(db, null, emma, { locale: 'nl' })
    const d = await bookSlot(db, null, daan, { locale: 'en' })
    expect([e.status, d.status, d.position]).toEqual(['PENDING', 'WAITLISTED', 1])
    await confirmBooking(db, e.token)

    // Emma cancels on her booking page in Dutch; Daan booked in English.
    await cancelByToken(db, e.token, { locale: 'nl' })
    expect(sentDirectly).toEqual([])

    const toEmma = await rowsTo(emma.email)
    expect(toEmma.map((r) => r.key)).toEqual([`slot-booking:${e.id}`, `slots.cancelled.${e.id}`])
    const cancelled = toEmma[1]!
    expect(cancelled).toMatchObject({ sentAt: null, template: { kind: 'slots.booking', mail: 'cancelled', locale: 'nl' } })
    expect(cancelled.subject).toBe('Geannuleerd: je aanmelding voor proefstuderen Verpleegkunde')
    expect(cancelled.text).not.toMatch(/\/boeking\//)

    const toDaan = await rowsTo(daan.email)
    expect(toDaan).toHaveLength(2)
    const offer = toDaan[1]!
    expect(offer.key).toMatch(new RegExp(`^slots\\.offer\\.${d.id}\\.\\d+$`))
    expect(offer).toMatchObject({ sentAt: null, template: { kind: 'slots.booking', mail: 'offer', locale: 'en' } })
    expect(offer.subject).toBe('A place is free: trial day Verpleegkunde')
    expect(offer.text).toContain('Dear Daan,')
    // The offer's link is the booking's working link now; the old waiting-list link is not (and the page says why).
    expect((await viewBooking(db, tokenIn(offer.text)!)).status).toBe('OFFERED')
    await expect(viewBooking(db, tokenIn(toDaan[0]!.text)!)).rejects.toMatchObject({ code: 'NOT_FOUND', key: 'slots.errors.tokenInvalid' })
    expect(translator('nl')('slots.errors.tokenInvalid')).toContain('Dan werkt alleen de link in die nieuwste e-mail.')
    expect(translator('en')('slots.errors.tokenInvalid')).toContain('Then only the link in that latest e-mail works.')

    // The worker's flush sends them, as rendered above.
    const sent: Mail[] = []
    expect(await flushOutbox(db, { keys: [cancelled.key, offer.key], send: async (m) => void sent.push(m) })).toEqual({ sent: 2, failed: 0 })
    expect(sent.map((m) => [m.to, m.subject])).toEqual([
      [emma.email, cancelled.subject],
      [daan.email, offer.subject],
    ])
    expect(sentDirectly).toEqual([])
  })

  it('declining, an expired offer (job) and a raised capacity write the next offer in its own booking language; a cancelled slot tells each pupil in theirs', async () => {
    const slot = await makeSlot(1)
    const [a, b, c, x] = [pupil(slot.id, 'Anna'), pupil(slot.id, 'Bram'), pupil(slot.id, 'Cees'), pupil(slot.id, 'Xander')]
    const ra = await bookSlot(db, null, a, { locale: 'nl' })
    await bookSlot(db, null, b, { locale: 'en' })
    const rc = await bookSlot(db, null, c, { locale: 'nl' })
    await bookSlot(db, null, x, { locale: 'en' })
    const offerTo = async (to: string) => (await rowsTo(to)).find((r) => r.template.mail === 'offer')

    await cancelByToken(db, ra.token, { locale: 'nl' })
    const offerB = (await offerTo(b.email))!
    expect(offerB.template.locale).toBe('en')
    // Bram declines (his page in English): Cees, next in line, gets the place in Dutch, her booking's language.
    await declineOffer(db, tokenIn(offerB.text)!, { locale: 'en' })
    expect((await offerTo(c.email))!).toMatchObject({ sentAt: null, template: { locale: 'nl' }, subject: 'Er is een plek vrij: proefstuderen Verpleegkunde' })
    expect((await db.slotBooking.findUniqueOrThrow({ where: { id: rc.id } })).status).toBe('OFFERED')

    // Cees lets the offer lapse: the job (no request language) offers it to Xander in English, through the outbox.
    const sent: Mail[] = []
    expect(await expireHolds(db, { now: new Date(Date.now() + 25 * HOUR), scope: { organisationId: w.a.mbo.id }, send: async (m) => void sent.push(m) })).toBeGreaterThanOrEqual(1)
    expect(sent.map((m) => [m.to, m.subject])).toEqual([[x.email, 'A place is free: trial day Verpleegkunde']])

    // A slot raised by a publisher working in Dutch: the new place goes to the next waiting pupil in her language.
    const raised = await makeSlot(1)
    const [p1, p2] = [pupil(raised.id, 'Pien'), pupil(raised.id, 'Quinn')]
    await bookSlot(db, null, p1, { locale: 'nl' })
    const rq = await bookSlot(db, null, p2, { locale: 'en' })
    const publisher = await callerFor(w.a.publisher.id, 'nl')
    await publisher.slots.update({ id: raised.id, capacity: 2, location: 'Aula' })
    expect((await db.slotBooking.findUniqueOrThrow({ where: { id: rq.id } })).status).toBe('OFFERED')
    expect((await offerTo(p2.email))!).toMatchObject({ sentAt: null, template: { locale: 'en' }, subject: 'A place is free: trial day Verpleegkunde' })

    // The publisher cancels the slot: each pupil is told in their own booking's language, through the outbox.
    await publisher.slots.cancel({ id: raised.id })
    const endOf = async (to: string) => (await rowsTo(to)).find((r) => r.template.mail === 'slotCancelled')
    expect(await endOf(p1.email)).toMatchObject({ sentAt: null, template: { locale: 'nl' }, subject: 'Geannuleerd: proefstuderen Verpleegkunde' })
    expect(await endOf(p2.email)).toMatchObject({ sentAt: null, template: { locale: 'en' }, subject: 'Cancelled: trial day Verpleegkunde' })
    expect(sentDirectly).toEqual([])
  })
})
