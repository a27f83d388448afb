/**
 * "Your invitation was accepted" for the inviter. Invitations are accepted at sign-in by server/auth (infrastructure,
 * which may not call a domain), so this job finds accepted invitations of the last LOOKBACK_MS and notifies once per
 * invitation (the notification key is the invitation's id: a rerun adds nothing).
 */
import type { Db } from '../db/client.ts'
import { notify } from './notify.ts'

export const LOOKBACK_MS = 2 * 24 * 3_600_000

export async function notifyAcceptedInvitations(db: Db, now = new Date()): Promise<number> {
  const accepted = await db.invitation.findMany({
    where: { acceptedAt: { gte: new Date(now.getTime() - LOOKBACK_MS), lte: now } },
    select: { id: true, role: true, invitedById: true, region: { select: { name: true } }, board: { select: { name: true } }, organisation: { select: { name: true } } },
    orderBy: { acceptedAt: 'asc' },
    take: 500,
  })
  if (!accepted.length) return 0
  const done = new Set(
    (await db.notification.findMany({ where: { kind: 'tenancy.invitationAccepted', key: { in: accepted.map((i) => `tenancy.invitationAccepted:${i.id}`) } }, select: { key: true } })).map((n) => n.key),
  )
  let sent = 0
  for (const inv of accepted.filter((i) => !done.has(`tenancy.invitationAccepted:${i.id}`))) {
    const scopeName = inv.region?.name ?? inv.board?.name ?? inv.organisation?.name ?? ''
    sent += await db.$transaction((tx) => notify(tx, { kind: 'tenancy.invitationAccepted', invitationId: inv.id, invitedById: inv.invitedById, role: inv.role, scopeName }))
  }
  return sent
}
