import { defaultLocale, type Locale } from '../i18n/config.ts'
import { translator, type Translate } from '../i18n/translate.ts'
import { formatAmsterdam } from '../lib/time.ts'
import type { Mail } from '../mail/mailer.ts'
import { registerMailTemplate, type MailTemplate } from '../mail/outbox.ts'
import { retentionDays } from './schema.ts'

/** `slotSettings`: the institution's settings row (null: none, the defaults apply); its purge period is in the footer. */
export type MailSlot = { startsAt: Date; endsAt: Date; location: string; programme: { name: string }; organisation: { name: string; slotSettings: { purgeAfterDays: number } | null } }
export type BookingMailKind = 'pending' | 'confirmed' | 'waitlisted' | 'offer' | 'slotCancelled' | 'cancelled' | 'leftWaitlist'

/**
 * One translator per locale for the booking mails, kept: a translator caches its compiled messages, and a new one
 * per mail compiled them again on every booking (≈ 1 ms CPU of a booking in the rush bench).
 */
const translators = new Map<Locale, Translate>()
function mailTranslator(locale: Locale): Translate {
  let t = translators.get(locale)
  if (!t) translators.set(locale, (t = translator(locale, 'slots.mail')))
  return t
}

/**
 * The e-mails to pupils (translated, Amsterdam times); the link is the only way to view or change a booking.
 * Everything in them comes from the institution's slot except `name`, the pupil's own name (a validated name,
 * see schema.zPupilName): no intake answers or other free text from the booking form.
 */
export function bookingMail(
  kind: BookingMailKind,
  p: { to: string; name: string; slot: MailSlot; link?: string; position?: number | null; expiresAt?: Date },
  locale: Locale = defaultLocale,
): Mail {
  return bookingMails([kind], p, locale)[kind]!
}

/**
 * Several kinds of the same booking's mail at once (one translator, the dates formatted once): the booking renders
 * each mail its status may turn out to be before the database decides (server/slots/booking.ts). `position` may be
 * a placeholder string the database replaces with the waiting-list position (rendered as String(n), like a number).
 */
export function bookingMails<K extends BookingMailKind>(
  kinds: readonly K[],
  p: { to: string; name: string; slot: MailSlot; link?: string; position?: number | string | null; expiresAt?: Date },
  locale: Locale = defaultLocale,
): Partial<Record<K, Mail>> {
  const t = mailTranslator(locale)
  const when = `${formatAmsterdam(p.slot.startsAt, 'EEEE d MMMM yyyy, HH:mm', locale)}–${formatAmsterdam(p.slot.endsAt, 'HH:mm', locale)}`
  const vars = {
    name: p.name,
    programme: p.slot.programme.name,
    institution: p.slot.organisation.name,
    when,
    location: p.slot.location,
    position: p.position ?? 0,
    expires: p.expiresAt ? formatAmsterdam(p.expiresAt, 'EEEE d MMMM, HH:mm', locale) : '',
  }
  const head = [t('greeting', vars), '']
  const tail = ['', t('details', vars)]
  // The days after the slot the purge keeps the booking's personal data, as the form said (0: a template row written
  // before the period was part of it; the footer then names the institution's period without the number).
  const footer = ['', t('footer', { days: retentionDays(p.slot.organisation.slotSettings?.purgeAfterDays) })]
  const out: Partial<Record<K, Mail>> = {}
  for (const kind of kinds) {
    const lines = [...head, t(`${kind}.body`, vars), ...tail]
    if (p.link) lines.push('', t(`${kind}.link`, vars), p.link)
    lines.push(...footer)
    out[kind] = { to: p.to, subject: t(`${kind}.subject`, vars), text: lines.join('\n') }
  }
  return out
}

/** The outbox template of a booking's own mail (MailOutbox.template), rendered by the worker when it sends. */
export const BOOKING_MAIL_TEMPLATE = 'slots.booking'
const STATUS_MAIL = { PENDING: 'pending', CONFIRMED: 'confirmed', WAITLISTED: 'waitlisted' } as const satisfies Record<string, BookingMailKind>

/**
 * The mail a new booking gets for the status it was stored with. `confirmsAtOnce`: the caller proved the pupil's
 * address and confirms a PENDING hold right after (the participation's personal link, server/participation/link.ts),
 * so the pupil gets "confirmed", never "confirm your booking".
 */
export function bookingStatusMail(status: keyof typeof STATUS_MAIL, confirmsAtOnce = false): BookingMailKind {
  return status === 'PENDING' && confirmsAtOnce ? 'confirmed' : STATUS_MAIL[status]
}

/**
 * A booking's mail as outbox parameters (slot_book's p_mail.template): what bookingMail needs, dates as ISO strings.
 * The booking statement adds the status it stored and the waiting-list position ("status", "position"), which only
 * the database knows; the worker renders the mail from them (same text and language as bookingMail at booking time).
 * `mail`: a mail that does not follow from the stored status (an offered place, a cancellation), written into the
 * outbox in the transaction of the change that causes it (server/slots/booking.ts, slotMail).
 */
export function bookingMailTemplate(p: { name: string; slot: MailSlot; link: string | null; expiresAt: Date | null }, locale: Locale | null, mail?: BookingMailKind) {
  return {
    kind: BOOKING_MAIL_TEMPLATE,
    ...(mail ? { mail } : {}),
    locale,
    name: p.name,
    link: p.link,
    startsAt: p.slot.startsAt.toISOString(),
    endsAt: p.slot.endsAt.toISOString(),
    location: p.slot.location,
    programme: p.slot.programme.name,
    institution: p.slot.organisation.name,
    purgeAfterDays: retentionDays(p.slot.organisation.slotSettings?.purgeAfterDays),
    expiresAt: p.expiresAt?.toISOString() ?? null,
  }
}
type BookingTemplateRow = Omit<ReturnType<typeof bookingMailTemplate>, 'purgeAfterDays'> & {
  mail?: BookingMailKind
  status?: keyof typeof STATUS_MAIL
  position?: number | null
  purgeAfterDays?: number
  /** See bookingStatusMail (set by outboxBookingMail, server/slots/booking.ts). */
  confirmsAtOnce?: boolean
}

registerMailTemplate(BOOKING_MAIL_TEMPLATE, (template: MailTemplate) => {
  const t = template as unknown as BookingTemplateRow
  const kind = t.mail ?? (t.status ? bookingStatusMail(t.status, t.confirmsAtOnce) : undefined)
  if (!kind) throw new Error(`booking mail template: no mail for status ${String(t.status)}`)
  // A row from before the purge period was a parameter has none: 0 (the footer names the period without its number).
  const slotSettings = { purgeAfterDays: t.purgeAfterDays ?? 0 }
  const slot = { startsAt: new Date(t.startsAt), endsAt: new Date(t.endsAt), location: t.location, programme: { name: t.programme }, organisation: { name: t.institution, slotSettings } }
  const { subject, text } = bookingMail(kind, { to: '', name: t.name, slot, link: t.link ?? undefined, position: t.position, expiresAt: t.expiresAt ? new Date(t.expiresAt) : undefined }, t.locale ?? undefined)
  return { subject, text }
})
