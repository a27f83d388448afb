import { defaultLocale, type Locale } from '../i18n/config.ts'
import { translator } from '../i18n/translate.ts'
import { formatAmsterdam } from '../lib/time.ts'
import type { Mail } from '../mail/mailer.ts'
import { publicUrl } from '../lib/url.ts'

export type RegistrationMailKind = 'pending' | 'confirmed' | 'waitlisted' | 'offer' | 'eventCancelled'
export type MailSession = { title: string; startsAt: Date; endsAt: Date; room: string; status?: string }

export const registrationLink = (token: string) => publicUrl(`/aanmelding/${token}`)

const when = (s: { startsAt: Date; endsAt: Date }, locale: Locale) => `${formatAmsterdam(s.startsAt, 'EEEE d MMMM yyyy, HH:mm', locale)}–${formatAmsterdam(s.endsAt, 'HH:mm', locale)}`

/**
 * The e-mails to registrants (translated, Amsterdam times); the link is the only way to view or change a
 * registration. Everything in them comes from the organiser's event except `name`, the registrant's own validated
 * name (see slots/schema.zPupilName): no other free text from the form.
 */
export function registrationMail(
  kind: RegistrationMailKind,
  p: { to: string; name: string; event: { title: string }; sessions: MailSession[]; link?: string; expiresAt?: Date },
  locale: Locale = defaultLocale,
): Mail {
  const t = translator(locale, 'registration.mail')
  const ts = translator(locale, 'slots')
  const vars = { name: p.name, event: p.event.title, expires: p.expiresAt ? formatAmsterdam(p.expiresAt, 'EEEE d MMMM, HH:mm', locale) : '' }
  const lines = [t('greeting', vars), '', t(`${kind}.body`, vars), '']
  for (const s of p.sessions) lines.push(`- ${s.title}: ${when(s, locale)}${s.room ? ` (${s.room})` : ''}${s.status ? ` · ${ts(`status.${s.status}`)}` : ''}`)
  if (p.link) lines.push('', t(`${kind}.link`, vars), p.link)
  lines.push('', t('footer'))
  return { to: p.to, subject: t(`${kind}.subject`, vars), text: lines.join('\n') }
}

/** An organiser's message to registrants: their text, framed by the event's name. */
export function organiserMessage(p: { to: string; event: { title: string }; subject: string; body: string }, locale: Locale = defaultLocale): Mail {
  const t = translator(locale, 'registration.mail')
  return { to: p.to, subject: `${p.event.title}: ${p.subject}`, text: [p.body, '', t('messageFooter', { event: p.event.title })].join('\n') }
}
