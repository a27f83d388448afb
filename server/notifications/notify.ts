/**
 * `notify(tx, event)`: the single entry point through which domains report what happened. Called inside the
 * domain's own transaction, it writes one in-app notification per recipient and, for recipients who want it
 * immediately, the e-mail into the transactional outbox (server/mail/outbox.ts) — so a rolled-back change tells
 * nobody, a committed one cannot lose its mail, and a down mail server delays mail without failing the change.
 * Recipients who chose the daily digest get the notification marked for it; "off" means in-app only.
 */
import type { DbTx } from '../db/client.ts'
import { enqueueMails } from '../mail/outbox.ts'
import { describe, type NotificationEvent } from './events.ts'
import { localeOf, notificationMail } from './render.ts'

export type { NotificationEvent } from './events.ts'

/** Outbox key of a notification's immediate mail (idempotent: one mail per user and notification). */
export const mailKey = (userId: string, key: string) => `notification:${userId}:${key}`

/** Writes the event's notifications (and immediate mails) in the caller's transaction. Returns how many recipients. */
export async function notify(tx: DbTx, event: NotificationEvent): Promise<number> {
  const spec = await describe(tx, event)
  if (!spec || !spec.recipients.length) return 0
  const users = await tx.user.findMany({
    where: { id: { in: [...new Set(spec.recipients)] } },
    select: { id: true, email: true, locale: true, notificationPreferences: { where: { kind: spec.kind }, select: { mode: true } } },
    orderBy: { id: 'asc' },
  })
  const mode = (u: (typeof users)[number]) => u.notificationPreferences[0]?.mode ?? 'IMMEDIATE'
  await tx.notification.createMany({
    data: users.map((u) => ({ userId: u.id, kind: spec.kind, key: spec.key, params: spec.params, link: spec.link, digestPending: mode(u) === 'DIGEST' })),
    skipDuplicates: true,
  })
  await enqueueMails(
    tx,
    users
      .filter((u) => mode(u) === 'IMMEDIATE')
      .map((u) => ({ key: mailKey(u.id, spec.key), ...notificationMail({ to: u.email, userId: u.id, locale: localeOf(u.locale), kind: spec.kind, params: spec.params, link: spec.link }) })),
  )
  return users.length
}
