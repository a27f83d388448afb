/**
 * Invitations become roles at sign-in. Sign-in (server/auth/config.ts) admits known users and open invitations;
 * granting a role is shared with the tenancy domain's `inviteMember`, which decides who may invite whom.
 */
import type { Db, DbTx } from '../db/client.ts'
import type { Role } from '../db/generated/enums.ts'
import { audit } from '../db/audit.ts'
import type { Actor } from './policy.ts'

export type Scope = { regionId: string | null; boardId: string | null; organisationId: string | null }

/** Creates a role membership (idempotent: an identical one is returned as it is), audited. */
export async function grantRole(tx: DbTx, actor: Actor | null, userId: string, role: Role, scope: Scope) {
  const dup = await tx.roleMembership.findFirst({ where: { userId, role, ...scope } })
  if (dup) return dup
  const m = await tx.roleMembership.create({ data: { userId, role, ...scope, grantedById: actor?.userId ?? null } })
  await audit(tx, actor, { action: 'membership.create', entityType: 'RoleMembership', entityId: m.id, ...scope, after: m })
  return m
}

/** On sign-in: turn the user's open invitations into role memberships. */
export async function acceptInvitations(db: Db, userId: string, email: string): Promise<number> {
  return db.$transaction(async (tx) => {
    const open = await tx.invitation.findMany({
      where: { email: email.toLowerCase(), acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    })
    for (const inv of open) {
      await grantRole(tx, null, userId, inv.role, { regionId: inv.regionId, boardId: inv.boardId, organisationId: inv.organisationId })
      await tx.invitation.update({ where: { id: inv.id }, data: { acceptedAt: new Date(), email: null } })
      await audit(tx, null, { action: 'invitation.accept', entityType: 'Invitation', entityId: inv.id, regionId: inv.regionId, boardId: inv.boardId, organisationId: inv.organisationId, after: { userId } })
    }
    return open.length
  })
}

/** Whether an address may sign in: a known user or an open invitation. */
export async function mayStartSignIn(db: Db, email: string): Promise<boolean> {
  const e = email.toLowerCase()
  const [user, inv] = await Promise.all([
    db.user.findUnique({ where: { email: e }, select: { id: true } }),
    db.invitation.findFirst({ where: { email: e, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } }, select: { id: true } }),
  ])
  return !!user || !!inv
}

/**
 * Erases the address of invitations that can no longer be accepted (expired or revoked); accepted ones lose it on
 * acceptance. Idempotent; run nightly by the tenancy domain's job. Returns how many were erased.
 */
export async function purgeInvitationAddresses(db: Db, now = new Date(), scope?: { organisationId: string }): Promise<number> {
  const { count } = await db.invitation.updateMany({
    // scope: one organisation's invitations only (tests run side by side on one database); the job runs unscoped
    where: { email: { not: null }, OR: [{ expiresAt: { lte: now } }, { revokedAt: { not: null } }, { acceptedAt: { not: null } }], ...(scope ? { organisationId: scope.organisationId } : {}) },
    data: { email: null },
  })
  return count
}
