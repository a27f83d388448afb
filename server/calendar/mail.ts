import type { Db } from '../db/client.ts'
import type { Actor } from '../auth/policy.ts'
import { sendMail } from '../mail/mailer.ts'
import { translator } from '../i18n/translate.ts'
import { defaultLocale, type Locale } from '../i18n/config.ts'
import { formatAmsterdam } from '../lib/time.ts'
import { publicUrl } from '../lib/url.ts'

type Moved = { id: string; title: string; startsAt: Date; endsAt: Date; organisers: { organisationId: string }[] }

const when = (ev: { startsAt: Date; endsAt: Date }, locale: Locale) =>
  `${formatAmsterdam(ev.startsAt, 'EEEE d MMMM yyyy HH:mm', locale)} – ${formatAmsterdam(ev.endsAt, 'HH:mm', locale)}`

/**
 * Tells the other organisers (staff of the organising organisations the actor does not act for) that a
 * published event moved. Runs after the transaction committed; a failing mail does not undo the change.
 */
export async function notifyTimeChange(db: Db, actor: Actor, before: Moved, after: Moved): Promise<void> {
  const actorOrgs = new Set(actor.memberships.map((m) => m.organisationId))
  const otherOrgs = after.organisers.map((o) => o.organisationId).filter((id) => !actorOrgs.has(id))
  if (!otherOrgs.length) return
  const users = await db.user.findMany({
    where: { id: { not: actor.userId }, roles: { some: { organisationId: { in: otherOrgs }, role: { in: ['ORG_STAFF', 'INSTITUTION_PUBLISHER'] } } } },
    select: { email: true, locale: true },
  })
  for (const u of users) {
    const locale: Locale = u.locale === 'en' ? 'en' : defaultLocale
    const t = translator(locale, 'calendar.mail.moved')
    try {
      await sendMail({
        to: u.email,
        subject: t('subject', { title: after.title }),
        text: t('body', { title: after.title, before: when(before, locale), after: when(after, locale), url: publicUrl(`/agenda/${after.id}`) }),
      })
    } catch (err) {
      console.error('[calendar] time-change mail failed', err)
    }
  }
}
