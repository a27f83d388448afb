/**
 * The daily digest: every notification waiting for it (the user chose "daily digest" for its kind) in one mail per
 * user, written to the outbox in the same transaction that clears the waiting flags. Idempotent: a rerun finds
 * nothing waiting, and the outbox key (user + local date) keeps a crashed-and-retried run from mailing twice.
 */
import type { Db } from '../db/client.ts'
import { enqueueMails } from '../mail/outbox.ts'
import { formatAmsterdam } from '../lib/time.ts'
import { isNotificationKind } from './kinds.ts'
import { digestMail, localeOf, type Params } from './render.ts'

export async function sendDigests(db: Db, opts: { now?: Date; limitUsers?: number } = {}): Promise<{ users: number; notifications: number }> {
  const now = opts.now ?? new Date()
  const day = formatAmsterdam(now, 'yyyy-MM-dd')
  const waiting = await db.notification.findMany({ where: { digestPending: true }, select: { userId: true }, distinct: ['userId'], take: opts.limitUsers ?? 1000 })
  let users = 0
  let notifications = 0
  for (const { userId } of waiting) {
    const n = await db.$transaction(async (tx) => {
      const rows = await tx.notification.findMany({ where: { userId, digestPending: true }, orderBy: { createdAt: 'desc' }, select: { id: true, kind: true, params: true, link: true } })
      if (!rows.length) return 0
      await tx.notification.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { digestPending: false } })
      const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true, locale: true } })
      if (!user) return 0
      const items = rows.filter((r) => isNotificationKind(r.kind)).map((r) => ({ kind: r.kind as never, params: r.params as Params, link: r.link }))
      if (items.length) await enqueueMails(tx, [{ key: `digest:${userId}:${day}:${rows[0]!.id}`, ...digestMail({ to: user.email, userId, locale: localeOf(user.locale), items }) }])
      return items.length
    })
    if (n) {
      users++
      notifications += n
    }
  }
  return { users, notifications }
}
