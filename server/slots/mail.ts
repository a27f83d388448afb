import { defaultLocale, type Locale } from '../i18n/config.ts'
import { translator } from '../i18n/translate.ts'
import { formatAmsterdam } from '../lib/time.ts'
import type { Mail } from '../mail/mailer.ts'

type MailSlot = { startsAt: Date; endsAt: Date; location: string; programme: { name: string }; organisation: { name: string } }
export type BookingMailKind = 'pending' | 'confirmed' | 'waitlisted' | 'offer' | 'slotCancelled' | 'cancelled' | 'leftWaitlist'

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
  const t = translator(locale, 'slots.mail')
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
  const lines = [t('greeting', vars), '', t(`${kind}.body`, vars), '', t('details', vars)]
  if (p.link) lines.push('', t(`${kind}.link`, vars), p.link)
  lines.push('', t('footer'))
  return { to: p.to, subject: t(`${kind}.subject`, vars), text: lines.join('\n') }
}
