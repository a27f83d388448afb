import { defaultLocale, type Locale } from '../i18n/config.ts'
import { translator } from '../i18n/translate.ts'
import { formatAmsterdam } from '../lib/time.ts'
import { env } from '../env.ts'
import { sendMail, type Mail } from '../mail/mailer.ts'
import { logger } from '../lib/logger.ts'

export type ParticipationDeps = { now?: Date; send?: (mail: Mail) => Promise<void>; locale?: Locale }

export function pupilLink(token: string): string {
  return `${(env.AUTH_URL ?? 'http://localhost:3000').replace(/\/$/, '')}/leerling/${token}`
}

/**
 * The language of the mails a school's staff send to pupils from their class list (personal link, reminder for a
 * campaign): a class list stores no language per pupil, so the platform's default (Dutch), never the sending
 * decaan's UI language. The one place for that decision.
 */
export const PUPIL_MAIL_LOCALE: Locale = defaultLocale

/**
 * The pupil's personal booking link (first mail or a reminder). Only the pupil's name from the class list and the
 * school's name go into it; the link is the only way in. In PUPIL_MAIL_LOCALE.
 */
export function linkMail(kind: 'link' | 'reminder', p: { to: string; name: string; school: string; link: string; expiresAt: Date; deletedOn: Date; campaign?: string }): Mail {
  const locale = PUPIL_MAIL_LOCALE
  const t = translator(locale, 'participation.mail')
  const vars = { name: p.name, school: p.school, expires: formatAmsterdam(p.expiresAt, 'd MMMM yyyy', locale), deleted: formatAmsterdam(p.deletedOn, 'd MMMM yyyy', locale), campaign: p.campaign ?? '' }
  return { to: p.to, subject: t(`${kind}.subject`, vars), text: [t('greeting', vars), '', t(`${kind}.body`, vars), '', p.link, '', t('expires', vars), '', t('privacy', vars), '', t('footer')].join('\n') }
}

/** Sends after the transaction committed; a failing mail server does not undo the change. No address in the log. */
export async function deliver(mails: Mail[], deps: ParticipationDeps = {}): Promise<number> {
  const send = deps.send ?? sendMail
  let sent = 0
  for (const m of mails)
    await send(m).then(
      () => void sent++,
      (err: unknown) => logger.error({ err }, 'participation: a mail failed'),
    )
  return sent
}
