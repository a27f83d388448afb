/**
 * Pupils' reminders before their trial day / meeloopdag: 3 days and 1 day before the slot, by e-mail (pupils have
 * no account, so no inbox and no preferences), with the slot as an ICS attachment (METHOD:PUBLISH, `ics`).
 *
 * Windows: the 3-day reminder goes when the slot starts in (2, 3] days, the 1-day reminder in (0, 1] day; a booking
 * confirmed inside a window gets that window's reminder on the next run. Idempotent: each reminder is an outbox
 * row keyed by booking and window (`slots.reminder.<booking>.<3d|1d>`), so a rerun or a restarted worker adds
 * nothing twice; the outbox sends it and retries on failure. `now` is injectable for tests.
 *
 * Language: the one the pupil booked in (`SlotBooking.locale`, the UI language at booking time; Dutch when unknown).
 *
 * Cancel link: only a hash of the booking's own link token is stored, so a later mail cannot repeat that link.
 * Each reminder issues a link of its own (a fresh token, stored hashed in `SlotBookingLink` in the same transaction
 * as the outbox row), which opens the same booking page (`/boeking/<token>`: view, cancel) for as long as the
 * booking's own link works (until the purge). The confirmation mail's link keeps working. Concurrent runs are
 * serialised by an advisory lock, and a reminder already in the outbox gets no new link.
 */
import { createEvent } from 'ics'
import type { Db } from '../db/client.ts'
import { enqueueMails, type OutboxMail } from '../mail/outbox.ts'
import { translator } from '../i18n/translate.ts'
import { formatAmsterdam } from '../lib/time.ts'
import { newLinkToken } from '../lib/link-token.ts'
import { publicUrl } from '../lib/url.ts'
import { foldIcs } from '../lib/ics-fold.ts'
import { escapeHtml, localeOf } from './render.ts'

const DAY = 86_400_000
export const REMINDER_WINDOWS = [
  { key: '3d', fromDays: 2, toDays: 3 },
  { key: '1d', fromDays: 0, toDays: 1 },
] as const

type Due = { id: string; pupilEmail: string | null; slotId: string; locale: string | null; slot: { startsAt: Date; endsAt: Date; location: string; programme: { name: string }; organisation: { name: string } } }

export function reminderIcs(b: Due): string {
  const { error, value } = createEvent({
    uid: `booking-${b.id}@overstap.nl`,
    productId: '-//Overstap//Herinnering//NL',
    method: 'PUBLISH',
    title: `${b.slot.programme.name} (${b.slot.organisation.name})`,
    location: b.slot.location,
    start: b.slot.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: b.slot.endsAt.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    status: 'CONFIRMED',
  })
  if (error || !value) throw error ?? new Error('ics: no output')
  // `ics` folds by characters: refolded at 75 octets, or a Dutch name with diacritics gives over-long lines.
  return foldIcs(value)
}

/** The key of a booking's reminder in the outbox (one per booking and window). */
export const reminderKey = (bookingId: string, window: '3d' | '1d') => `slots.reminder.${bookingId}.${window}`

/** `token`: the reminder's own link token (plain; only its hash is stored). */
export function reminderMail(b: Due, window: '3d' | '1d', token: string): OutboxMail {
  const locale = localeOf(b.locale)
  const t = translator(locale, 'notifications.reminder')
  const params = {
    programme: b.slot.programme.name,
    institution: b.slot.organisation.name,
    when: formatAmsterdam(b.slot.startsAt, 'EEEE d MMMM yyyy, HH:mm', locale),
    location: b.slot.location,
  }
  const body = t(`body${window}`, params)
  const cancel = t('cancel')
  const link = publicUrl(`/boeking/${token}`)
  return {
    key: reminderKey(b.id, window),
    to: b.pupilEmail!,
    subject: t(`subject${window}`, params),
    text: `${body}\n\n${cancel}\n${link}\n`,
    html: `<p>${escapeHtml(body)}</p><p>${escapeHtml(cancel)}<br><a href="${escapeHtml(link)}">${escapeHtml(t('cancelLink'))}</a></p>`,
    attachments: [{ filename: locale === 'en' ? 'appointment.ics' : 'afspraak.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: reminderIcs(b) }],
  }
}

/**
 * Enqueues every reminder due now (idempotent). Returns how many bookings were due per window. `scope`: only one
 * institution's bookings (tests run side by side on one database).
 */
export async function sendSlotReminders(db: Db, opts: { now?: Date; scope?: { organisationId: string } } = {}): Promise<Record<string, number>> {
  const now = opts.now ?? new Date()
  const out: Record<string, number> = {}
  for (const w of REMINDER_WINDOWS) {
    const due = await db.slotBooking.findMany({
      where: {
        status: 'CONFIRMED',
        pupilEmail: { not: null },
        ...(opts.scope ? { organisationId: opts.scope.organisationId } : {}),
        slot: { status: 'PUBLISHED', startsAt: { gt: new Date(now.getTime() + w.fromDays * DAY), lte: new Date(now.getTime() + w.toDays * DAY) } },
      },
      select: { id: true, pupilEmail: true, slotId: true, locale: true, slot: { select: { startsAt: true, endsAt: true, location: true, programme: { select: { name: true } }, organisation: { select: { name: true } } } } },
      orderBy: { id: 'asc' },
      take: 5_000,
    })
    // One transaction per batch, one run at a time: reminders already in the outbox (sent or waiting) are left
    // alone, each new one gets its link token and its outbox row together.
    for (let i = 0; i < due.length; i += 200) {
      const batch = due.slice(i, i + 200)
      await db.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('notifications:slot-reminders'))`
        const present = new Set((await tx.mailOutbox.findMany({ where: { key: { in: batch.map((b) => reminderKey(b.id, w.key)) } }, select: { key: true } })).map((r) => r.key))
        const fresh = batch.filter((b) => !present.has(reminderKey(b.id, w.key))).map((b) => ({ b, link: newLinkToken() }))
        if (!fresh.length) return
        await tx.slotBookingLink.createMany({ data: fresh.map(({ b, link }) => ({ tokenHash: link.hash, bookingId: b.id })) })
        await enqueueMails(tx, fresh.map(({ b, link }) => reminderMail(b, w.key, link.token)))
      })
    }
    out[w.key] = due.length
  }
  return out
}
