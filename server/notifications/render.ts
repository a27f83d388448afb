/**
 * Notification texts in the recipient's language: the inbox line (title), and e-mails as plain text and HTML with
 * a link to the subject, a link to the preferences and a one-click unsubscribe for the kind (RFC 8058 headers).
 */
import { translator } from '../i18n/translate.ts'
import { pickLocale, type Locale } from '../i18n/config.ts'
import { formatAmsterdam, fromAmsterdam } from '../lib/time.ts'
import { publicUrl } from '../lib/url.ts'
import type { Mail } from '../mail/mailer.ts'
import type { NotificationKind } from './kinds.ts'
import { unsubscribeToken, type UnsubscribeKind } from './unsubscribe-token.ts'

export const localeOf = (l: string | null | undefined): Locale => pickLocale(l)

export type Params = Record<string, string | number>

/** Dates travel as ISO strings (params ending in "At") and are shown in Europe/Amsterdam in the reader's language. */
export function displayParams(params: Params, locale: Locale): Params {
  const t = translator(locale)
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => {
      if (k.endsWith('At') && typeof v === 'string') return [k, formatAmsterdam(new Date(v), 'EEEE d MMMM yyyy, HH:mm', locale)]
      if (k.endsWith('On') && typeof v === 'string') return [k, formatAmsterdam(fromAmsterdam(v, '12:00'), 'EEEE d MMMM yyyy', locale)]
      if (k === 'role' && typeof v === 'string' && t.has(`roles.${v}`)) return [k, t(`roles.${v}`)]
      return [k, v]
    }),
  )
}

export function notificationTitle(kind: string, params: Params, locale: Locale): string {
  const t = translator(locale)
  const key = `notifications.kinds.${kind}.title`
  return t.has(key) ? t(key, displayParams(params, locale)) : kind
}

export function notificationBody(kind: string, params: Params, locale: Locale): string {
  const t = translator(locale)
  const key = `notifications.kinds.${kind}.body`
  return t.has(key) ? t(key, displayParams(params, locale)) : ''
}

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

export const unsubscribeApiUrl = (token: string) => publicUrl(`/api/notifications/unsubscribe?token=${encodeURIComponent(token)}`)
export const unsubscribePageUrl = (token: string) => publicUrl(`/afmelden?token=${encodeURIComponent(token)}`)

/** RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" to the https URL; no confirmation page. */
export function unsubscribeHeaders(userId: string, kind: UnsubscribeKind): Record<string, string> {
  return { 'List-Unsubscribe': `<${unsubscribeApiUrl(unsubscribeToken(userId, kind))}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
}

function footer(locale: Locale, userId: string, kind: NotificationKind): { text: string; html: string } {
  const t = translator(locale, 'notifications.mail')
  const unsubscribe = unsubscribePageUrl(unsubscribeToken(userId, kind))
  const prefs = publicUrl('/meldingen/voorkeuren')
  const kindName = translator(locale)(`notifications.kinds.${kind}.name`)
  return {
    text: `—\n${t('footer', { kind: kindName })}\n${t('preferences')}: ${prefs}\n${t('unsubscribe')}: ${unsubscribe}`,
    html: `<hr><p style="color:#475569;font-size:13px">${escapeHtml(t('footer', { kind: kindName }))}<br><a href="${escapeHtml(prefs)}">${escapeHtml(t('preferences'))}</a> · <a href="${escapeHtml(unsubscribe)}">${escapeHtml(t('unsubscribe'))}</a></p>`,
  }
}

/** One notification as an e-mail (immediate delivery). */
export function notificationMail(p: { to: string; userId: string; locale: Locale; kind: NotificationKind; params: Params; link: string }): Mail {
  const t = translator(p.locale, 'notifications.mail')
  const title = notificationTitle(p.kind, p.params, p.locale)
  const body = notificationBody(p.kind, p.params, p.locale)
  const url = publicUrl(p.link)
  const f = footer(p.locale, p.userId, p.kind)
  return {
    to: p.to,
    subject: title,
    text: `${body}\n\n${t('open')}: ${url}\n\n${f.text}\n`,
    html: `<p>${escapeHtml(body)}</p><p><a href="${escapeHtml(url)}">${escapeHtml(t('open'))}</a></p>${f.html}`,
    headers: unsubscribeHeaders(p.userId, p.kind),
  }
}

/** The daily digest: every waiting notification of one user in one mail, newest first. */
export function digestMail(p: { to: string; userId: string; locale: Locale; items: { kind: NotificationKind; params: Params; link: string }[] }): Mail {
  const t = translator(p.locale, 'notifications.mail')
  const lines = p.items.map((i) => ({ title: notificationTitle(i.kind, i.params, p.locale), url: publicUrl(i.link) }))
  const prefs = publicUrl('/meldingen/voorkeuren')
  const inbox = publicUrl('/meldingen')
  const unsubscribe = unsubscribePageUrl(unsubscribeToken(p.userId, 'digest'))
  return {
    headers: unsubscribeHeaders(p.userId, 'digest'),
    to: p.to,
    subject: t('digestSubject', { count: p.items.length }),
    text: `${t('digestIntro', { count: p.items.length })}\n\n${lines.map((l) => `- ${l.title}\n  ${l.url}`).join('\n')}\n\n${t('inbox')}: ${inbox}\n—\n${t('preferences')}: ${prefs}\n${t('unsubscribeDigest')}: ${unsubscribe}\n`,
    html:
      `<p>${escapeHtml(t('digestIntro', { count: p.items.length }))}</p><ul>${lines.map((l) => `<li><a href="${escapeHtml(l.url)}">${escapeHtml(l.title)}</a></li>`).join('')}</ul>` +
      `<p><a href="${escapeHtml(inbox)}">${escapeHtml(t('inbox'))}</a></p><hr><p style="color:#475569;font-size:13px"><a href="${escapeHtml(prefs)}">${escapeHtml(t('preferences'))}</a> · <a href="${escapeHtml(unsubscribe)}">${escapeHtml(t('unsubscribeDigest'))}</a></p>`,
  }
}
