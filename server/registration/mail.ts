import { defaultLocale, type Locale } from '../i18n/config.ts'
import { translator } from '../i18n/translate.ts'
import { formatAmsterdam } from '../lib/time.ts'
import type { Mail } from '../mail/mailer.ts'
import { registerMailTemplate, type MailTemplate } from '../mail/outbox.ts'
import { publicUrl } from '../lib/url.ts'

export type RegistrationMailKind = 'pending' | 'confirmed' | 'waitlisted' | 'offer' | 'eventCancelled' | 'cancelled'
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
  p: { to: string; name: string; event: { title: string }; sessions: MailSession[]; link?: string; expiresAt?: Date; keepDays?: number },
  locale: Locale = defaultLocale,
): Mail {
  const t = translator(locale, 'registration.mail')
  const ts = translator(locale, 'slots')
  const vars = { name: p.name, event: p.event.title, expires: p.expiresAt ? formatAmsterdam(p.expiresAt, 'EEEE d MMMM, HH:mm', locale) : '' }
  const lines = [t('greeting', vars), '', t(`${kind}.body`, vars), '']
  for (const s of p.sessions) lines.push(`- ${s.title}: ${when(s, locale)}${s.room ? ` (${s.room})` : ''}${s.status ? ` · ${ts(`status.${s.status}`)}` : ''}`)
  if (p.link) lines.push('', t(`${kind}.link`, vars), p.link)
  // An offer comes with a new link (registrationOffers): the one in the earlier mails no longer works.
  if (p.link && kind === 'offer') lines.push(t('offer.newLink'))
  // The days after the event the purge keeps the registrant's data, as the form said (registrantKeepDays; none given,
  // as in an outbox row written before it was a parameter: the footer names the period without its number).
  lines.push('', t('footer', { days: p.keepDays ?? 0 }))
  return { to: p.to, subject: t(`${kind}.subject`, vars), text: lines.join('\n') }
}

/** The outbox template of a registrant's own mail after registering (MailOutbox.template), rendered when it is sent. */
const REGISTRATION_MAIL_TEMPLATE = 'registration.register'
type TemplateSession = { id: string; title: string; room: string; startsAt: string; endsAt: string }

/**
 * A registration's mail as outbox parameters (registration_register's p_mail): what registrationMail needs, dates
 * as ISO strings, the sessions in the order of the seats. The statement adds the status it stored for each seat
 * ("statuses", by session id), which only the database knows; the sender renders the mail from them.
 */
export function registrationMailTemplate(p: { name: string; event: { title: string }; sessions: (MailSession & { id: string })[]; link: string; expiresAt: Date | null; keepDays: number }, locale: Locale | null) {
  return {
    kind: REGISTRATION_MAIL_TEMPLATE,
    locale,
    name: p.name,
    event: p.event.title,
    link: p.link,
    expiresAt: p.expiresAt?.toISOString() ?? null,
    keepDays: p.keepDays,
    sessions: p.sessions.map((s): TemplateSession => ({ id: s.id, title: s.title, room: s.room, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() })),
  }
}
/** `keepDays` is missing from a row written before it was a parameter. */
type RegistrationTemplateRow = Omit<ReturnType<typeof registrationMailTemplate>, 'keepDays'> & { keepDays?: number; statuses: Record<string, string> }

/** Which mail a new registration gets: pending while a place waits for the link, else confirmed, else waitlisted. */
function registrationMailKind(statuses: string[]): 'pending' | 'confirmed' | 'waitlisted' {
  return statuses.includes('PENDING') ? 'pending' : statuses.includes('CONFIRMED') ? 'confirmed' : 'waitlisted'
}

registerMailTemplate(REGISTRATION_MAIL_TEMPLATE, (template: MailTemplate) => {
  const t = template as unknown as RegistrationTemplateRow
  const sessions = t.sessions.map((s) => ({ title: s.title, room: s.room, startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt), status: t.statuses[s.id] }))
  const kind = registrationMailKind(sessions.map((s) => s.status ?? ''))
  const { subject, text } = registrationMail(kind, { to: '', name: t.name, event: { title: t.event }, sessions, link: t.link, expiresAt: t.expiresAt ? new Date(t.expiresAt) : undefined, keepDays: t.keepDays }, t.locale ?? undefined)
  return { subject, text }
})

/** An organiser's message to registrants: their text, framed by the event's name. */
export function organiserMessage(p: { to: string; event: { title: string }; subject: string; body: string }, locale: Locale = defaultLocale): Mail {
  const t = translator(locale, 'registration.mail')
  return { to: p.to, subject: `${p.event.title}: ${p.subject}`, text: [p.body, '', t('messageFooter', { event: p.event.title })].join('\n') }
}
