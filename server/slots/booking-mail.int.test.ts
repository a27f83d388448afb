/**
 * The booking's own mail goes through the transactional outbox, written by the booking statement itself (slot_book,
 * issue 17): one row per booking (key slot-booking:<id>) holding the mail's template (status and waiting-list position
 * filled in by the database), rendered when it is sent into the text the pupil always got (status, language,
 * position), none for a refused booking, and sent by the outbox flush as the worker does.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { uniq } from '../db/factories.ts'
import { db } from '../test/helpers.ts'
import { createMboProgramme, DAY, HOUR, slotData, twoRegionWorldBeforeAll } from '../test/world.ts'
import { loadActor } from '../auth/actor.ts'
import type { Mail } from '../mail/mailer.ts'
import { flushOutbox, renderMailTemplate, type MailTemplate } from '../mail/outbox.ts'
import { AppError } from '../lib/errors.ts'
import { bookSlot, bookingLink, bookingMailKey } from './booking.ts'
import { bookingMail } from './mail.ts'

const w = twoRegionWorldBeforeAll()
let programmeId: string

beforeAll(async () => {
  programmeId = await createMboProgramme(w)
})

async function makeSlot(capacity: number) {
  const now = Date.now()
  return db.slot.create({
    data: slotData({ programmeId, organisationId: w.a.mbo.id, capacity, startsAt: new Date(now + 14 * DAY), bookingOpensAt: new Date(now - HOUR), bookingClosesAt: new Date(now + 13 * DAY), location: 'Hoofdgebouw — zaal {1}' }),
    include: { programme: { select: { name: true } }, organisation: { select: { name: true, slotSettings: { select: { purgeAfterDays: true } } } } },
  })
}

const pupil = (slotId: string, email = `pupil@${uniq()}.example.test`) => ({ slotId, name: 'Sam de Vries', email, schoolId: w.a.school.id, level: 'HAVO' as const, year: 4, answers: {} })
const row = (bookingId: string) => db.mailOutbox.findUnique({ where: { key: bookingMailKey(bookingId) } })
/** The outbox row of a booking with its mail as the worker renders it from the row's template. */
const rendered = async (bookingId: string) => {
  const r = (await row(bookingId))!
  return { to: r.to, sentAt: r.sentAt, ...renderMailTemplate(r.template as MailTemplate) }
}

describe('booking mail through the outbox', () => {
  it('a held place, then the waiting list with positions 1 and 2, each mail as the pupil got it before (nl and en); sent by the flush', async () => {
    const slot = await makeSlot(1)
    const first = pupil(slot.id)
    const held = await bookSlot(db, null, first, {})
    expect(held.status).toBe('PENDING')
    const expected = bookingMail('pending', { to: first.email, name: first.name, slot, link: bookingLink(held.token), expiresAt: held.holdExpiresAt! })
    expect(await rendered(held.id)).toMatchObject({ to: first.email, subject: expected.subject, text: expected.text, sentAt: null })
    // Nothing rendered on the booking's path: the row holds the template, no text.
    expect(await row(held.id)).toMatchObject({ subject: null, text: null, template: expect.objectContaining({ kind: 'slots.booking', status: 'PENDING' }) })

    const waiting = [pupil(slot.id), pupil(slot.id)]
    const w1 = await bookSlot(db, null, waiting[0]!, {})
    const w2 = await bookSlot(db, null, waiting[1]!, { locale: 'en' })
    expect([w1.status, w1.position, w2.status, w2.position]).toEqual(['WAITLISTED', 1, 'WAITLISTED', 2])
    const m1 = bookingMail('waitlisted', { to: waiting[0]!.email, name: 'Sam de Vries', slot, link: bookingLink(w1.token), position: 1, expiresAt: undefined })
    const m2 = bookingMail('waitlisted', { to: waiting[1]!.email, name: 'Sam de Vries', slot, link: bookingLink(w2.token), position: 2 }, 'en')
    expect(await rendered(w1.id)).toMatchObject({ subject: m1.subject, text: m1.text })
    expect(await rendered(w2.id)).toMatchObject({ subject: m2.subject, text: m2.text })
    expect(m2.text).toContain('position 2')

    const sent: Mail[] = []
    const keys = [held.id, w1.id, w2.id].map(bookingMailKey)
    expect(await flushOutbox(db, { keys, send: async (m) => void sent.push(m) })).toEqual({ sent: 3, failed: 0 })
    expect(sent.map((m) => m.text)).toEqual(expect.arrayContaining([expected.text, m1.text, m2.text]))
    expect(sent.every((m) => m.messageId?.startsWith('<slot-booking.'))).toBe(true)
    // Sent once: the row keeps no address or text, and a second flush sends nothing.
    expect(await row(held.id)).toMatchObject({ to: null, text: null, template: null })
    expect(await flushOutbox(db, { keys, send: async (m) => void sent.push(m) })).toEqual({ sent: 0, failed: 0 })
  })

  it('a refused booking writes no mail; the public API and a decaan booking on behalf write theirs; a caller with its own sender gets the mail itself', async () => {
    const slot = await makeSlot(5)
    const input = pupil(slot.id)
    const anon = (await import('../api/root.ts')).createCaller({ db, actor: null, locale: 'nl', ip: `10.9.${Math.floor(Math.random() * 250)}.7` })
    expect((await anon.slots.book(input)).status).toBe('PENDING')
    const mine = () => db.mailOutbox.count({ where: { to: input.email } })
    expect(await mine()).toBe(1)
    await expect(bookSlot(db, null, input, {})).rejects.toSatisfy((e) => e instanceof AppError && e.key === 'slots.errors.duplicate')
    expect(await mine()).toBe(1)

    const staff = await loadActor(db, w.a.staff.id)
    const forPupil = pupil(slot.id)
    const booked = await bookSlot(db, staff, forPupil, {})
    expect(booked.status).toBe('CONFIRMED')
    const m = bookingMail('confirmed', { to: forPupil.email, name: forPupil.name, slot, link: bookingLink(booked.token) })
    expect(await rendered(booked.id)).toMatchObject({ to: forPupil.email, subject: m.subject, text: m.text })

    const own: Mail[] = []
    const direct = await bookSlot(db, null, pupil(slot.id), { send: async (x) => void own.push(x) })
    expect(own).toHaveLength(1)
    expect(await row(direct.id)).toBeNull()
  })

  it("every booking mail states the institution's purge period (as the form does), not 'after the day'", async () => {
    const slot = await makeSlot(5)
    // No settings row: the default period.
    const before = pupil(slot.id)
    const b1 = await bookSlot(db, null, before, {})
    expect((await rendered(b1.id)).text).toContain('Je gegevens worden 30 dagen na de dag automatisch verwijderd.')
    // The institution's own period, in the outbox template and in a mail sent directly (cancellation, offer).
    await db.slotSettings.upsert({ where: { organisationId: w.a.mbo.id }, create: { organisationId: w.a.mbo.id, purgeAfterDays: 90 }, update: { purgeAfterDays: 90 } })
    try {
      const b2 = await bookSlot(db, null, pupil(slot.id), { locale: 'en' })
      expect((await rendered(b2.id)).text).toContain('Your details are deleted automatically 90 days after the day.')
      const own: Mail[] = []
      const b3 = await bookSlot(db, null, pupil(slot.id), { send: async (m) => void own.push(m) })
      await (await import('./booking.ts')).cancelByToken(db, b3.token, { send: async (m) => void own.push(m) })
      expect(own).toHaveLength(2)
      expect(own.every((m) => m.text.includes('Je gegevens worden 90 dagen na de dag automatisch verwijderd.'))).toBe(true)
      // A template row written before the period was one of its parameters: the period without a number.
      const { purgeAfterDays, ...legacy } = (await row(b2.id))!.template as MailTemplate
      expect(purgeAfterDays).toBe(90)
      expect(renderMailTemplate({ ...legacy, kind: legacy.kind as string, locale: 'nl' }).text).toContain('Je gegevens worden na de bewaartermijn van de instelling automatisch verwijderd.')
    } finally {
      await db.slotSettings.delete({ where: { organisationId: w.a.mbo.id } })
    }
  })

  it('a template row whose kind has no renderer in the process is not sent: it fails like a refused send and waits (backoff)', async () => {
    const key = `test-template:${uniq()}`
    await db.mailOutbox.create({ data: { key, to: 'pupil@example.test', template: { kind: 'no-such-kind' } } })
    const sent: Mail[] = []
    expect(await flushOutbox(db, { keys: [key], send: async (m) => void sent.push(m) })).toEqual({ sent: 0, failed: 1 })
    expect(sent).toHaveLength(0)
    const r = await db.mailOutbox.findUnique({ where: { key } })
    expect(r).toMatchObject({ sentAt: null, claimedAt: null, to: 'pupil@example.test', lastError: expect.stringContaining('no-such-kind') })
    expect(r!.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now())
  })
})
