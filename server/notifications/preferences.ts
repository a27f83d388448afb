/** Mail preferences per user and kind (in-app notifications are always on), and one-click unsubscribe. */
import type { Db } from '../db/client.ts'
import type { Actor } from '../auth/policy.ts'
import { audit } from '../db/audit.ts'
import { invalid } from '../lib/errors.ts'
import { NOTIFICATION_KINDS, type NotificationKind, type NotificationModeValue } from './kinds.ts'
import { readUnsubscribeToken } from './unsubscribe-token.ts'
import type { SetPreferenceInput } from './schema.ts'

export async function listPreferences(db: Db, actor: Actor): Promise<{ kind: NotificationKind; mode: NotificationModeValue }[]> {
  const rows = await db.notificationPreference.findMany({ where: { userId: actor.userId }, select: { kind: true, mode: true } })
  const byKind = new Map(rows.map((r) => [r.kind, r.mode]))
  return NOTIFICATION_KINDS.map((kind) => ({ kind, mode: byKind.get(kind) ?? 'IMMEDIATE' }))
}

async function setMode(db: Db, actor: Actor | null, userId: string, kind: NotificationKind, mode: NotificationModeValue, action: string) {
  return db.$transaction(async (tx) => {
    const before = await tx.notificationPreference.findUnique({ where: { userId_kind: { userId, kind } }, select: { mode: true } })
    await tx.notificationPreference.upsert({ where: { userId_kind: { userId, kind } }, create: { userId, kind, mode }, update: { mode } })
    // A preference switched away from the digest leaves nothing waiting for it.
    if (mode !== 'DIGEST') await tx.notification.updateMany({ where: { userId, kind, digestPending: true }, data: { digestPending: false } })
    await audit(tx, actor, { action, entityType: 'NotificationPreference', entityId: `${userId}:${kind}`, before: { mode: before?.mode ?? 'IMMEDIATE' }, after: { mode } })
    return { kind, mode }
  })
}

export function setPreference(db: Db, actor: Actor, input: SetPreferenceInput) {
  return setMode(db, actor, actor.userId, input.kind, input.mode, 'notification.preference')
}

/** One-click unsubscribe from a signed link: that kind's mails off for that user. An invalid token is a 400. */
export async function unsubscribe(db: Db, token: string) {
  const t = readUnsubscribeToken(token)
  if (!t) throw invalid('notifications.errors.badToken')
  const user = await db.user.findUnique({ where: { id: t.userId }, select: { id: true } })
  if (!user) throw invalid('notifications.errors.badToken')
  if (t.kind !== 'digest') return setMode(db, null, t.userId, t.kind, 'OFF', 'notification.unsubscribe')
  // The digest's own link: every kind the user gets in the digest goes off (nothing waits for a digest any more).
  return db.$transaction(async (tx) => {
    const { count } = await tx.notificationPreference.updateMany({ where: { userId: t.userId, mode: 'DIGEST' }, data: { mode: 'OFF' } })
    await tx.notification.updateMany({ where: { userId: t.userId, digestPending: true }, data: { digestPending: false } })
    await audit(tx, null, { action: 'notification.unsubscribe', entityType: 'NotificationPreference', entityId: `${t.userId}:digest`, after: { mode: 'OFF', kinds: count } })
    return { kind: 'digest' as const, mode: 'OFF' as const }
  })
}
