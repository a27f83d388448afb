/** The signed-in user's own inbox: newest first, unread count, mark read. Every query is scoped to the actor. */
import { sqlOf, type Db } from '../db/client.ts'
import type { Actor } from '../auth/policy.ts'
import { audit } from '../db/audit.ts'
import { notFound } from '../lib/errors.ts'
import { localPath } from '../lib/local-path.ts'
import type { Locale } from '../i18n/config.ts'
import { notificationBody, notificationTitle, type Params } from './render.ts'
import type { ListInboxInput } from './schema.ts'

export const INBOX_PAGE = 30

export async function listInbox(db: Db, actor: Actor, input: ListInboxInput, locale: Locale) {
  const rows = await db.notification.findMany({
    where: { userId: actor.userId, ...(input.unreadOnly ? { readAt: null } : {}) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: INBOX_PAGE + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    select: { id: true, kind: true, params: true, link: true, readAt: true, createdAt: true },
  })
  const page = rows.slice(0, INBOX_PAGE)
  return {
    items: page.map((n) => ({
      id: n.id,
      kind: n.kind,
      title: notificationTitle(n.kind, n.params as Params, locale),
      body: notificationBody(n.kind, n.params as Params, locale),
      link: n.link,
      read: !!n.readAt,
      createdAt: n.createdAt,
    })),
    nextCursor: rows.length > INBOX_PAGE ? page.at(-1)!.id : null,
  }
}

/** On every signed-in page (the header's badge): one statement over the pool, no ORM compile (db/client.ts sqlOf). */
export async function unreadCount(db: Db, actor: Actor): Promise<number> {
  const { rows } = await sqlOf(db).query<{ n: number }>(`SELECT count(*)::int AS n FROM "Notification" WHERE "userId" = $1 AND "readAt" IS NULL`, [actor.userId])
  return rows[0]!.n
}

/** Marks one of the actor's notifications read (another user's is NOT_FOUND: its existence is not revealed). */
export async function markRead(db: Db, actor: Actor, id: string, now = new Date()) {
  return db.$transaction(async (tx) => {
    const n = await tx.notification.findFirst({ where: { id, userId: actor.userId }, select: { id: true, readAt: true } })
    if (!n) throw notFound()
    if (n.readAt) return { updated: 0 }
    await tx.notification.update({ where: { id }, data: { readAt: now } })
    await audit(tx, actor, { action: 'notification.read', entityType: 'Notification', entityId: id })
    return { updated: 1 }
  })
}

export async function markAllRead(db: Db, actor: Actor, now = new Date()) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.notification.updateMany({ where: { userId: actor.userId, readAt: null }, data: { readAt: now } })
    if (count) await audit(tx, actor, { action: 'notification.readAll', entityType: 'User', entityId: actor.userId, after: { count } })
    return { updated: count }
  })
}

/** Opening a notification: marks it read and returns its subject's path (only a path inside the app). */
export async function openNotification(db: Db, actor: Actor, id: string, now = new Date()): Promise<string> {
  const n = await db.notification.findFirst({ where: { id, userId: actor.userId }, select: { link: true, readAt: true } })
  if (!n) throw notFound()
  if (!n.readAt) await markRead(db, actor, id, now)
  return localPath(n.link, '/meldingen')
}
