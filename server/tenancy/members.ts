import type { Db, DbTx, Prisma } from '../db/client.ts'
import type { Role } from '../db/generated/enums.ts'
import { audit } from '../db/audit.ts'
import {
  actionScope,
  grantingMemberships,
  invitableRoles,
  roleScope,
  scopeWhere,
  type Actor,
  type Tenant,
  type TenantPaths,
} from '../auth/policy.ts'
import { forbidden, invalid, notFound } from '../lib/errors.ts'
import type { z } from 'zod'
import type { InviteInput, ZListMembersInput } from './schema.ts'
import { afterKeyset, keysetPage } from '../lib/keyset.ts'
import { loadOrganisationTenant } from './organisations.ts'
import { sendMail } from '../mail/mailer.ts'
import { translator } from '../i18n/translate.ts'
import { defaultLocale } from '../i18n/config.ts'
import { publicUrl } from '../lib/url.ts'
import { grantRole, type Scope } from '../auth/invitations.ts'

const INVITATION_DAYS = 14

/** A membership or invitation belongs to a region directly, or through its organisation or board. */
const inRegions = (ids: string[]) => ({
  OR: [
    { regionId: { in: ids } },
    { organisation: { regions: { some: { regionId: { in: ids } } } } },
    { board: { organisations: { some: { regions: { some: { regionId: { in: ids } } } } } } },
  ],
})
export const membershipPaths: TenantPaths<Prisma.RoleMembershipWhereInput> = { region: inRegions }
const invitationPaths: TenantPaths<Prisma.InvitationWhereInput> = { region: inRegions }

/** Checks the scope fields fit the role and returns the tenant the role would be held in. */
async function tenantOfScope(db: DbTx, role: Role, scope: Scope): Promise<Tenant> {
  const kind = roleScope[role]
  const given = (['regionId', 'boardId', 'organisationId'] as const).filter((k) => scope[k])
  const expected = { platform: [], region: ['regionId'], board: ['boardId'], organisation: ['organisationId'] }[kind]
  if (given.length !== expected.length || !given.every((k) => (expected as string[]).includes(k))) throw invalid('scopeMismatch')
  if (kind === 'region') {
    if (!(await db.region.findUnique({ where: { id: scope.regionId! }, select: { id: true } }))) throw notFound()
    return { regionIds: [scope.regionId!] }
  }
  if (kind === 'board') {
    const regions = await db.organisationRegion.findMany({ where: { organisation: { boardId: scope.boardId! } }, select: { regionId: true } })
    if (!(await db.board.findUnique({ where: { id: scope.boardId! }, select: { id: true } }))) throw notFound()
    return { boardId: scope.boardId, regionIds: [...new Set(regions.map((r) => r.regionId))] }
  }
  if (kind === 'organisation') {
    const tenant = await loadOrganisationTenant(db, scope.organisationId!)
    if (role === 'INSTITUTION_PUBLISHER') {
      const org = await db.organisation.findUniqueOrThrow({ where: { id: scope.organisationId! }, select: { sector: true } })
      if (org.sector === 'VO') throw invalid('publisherNeedsInstitution')
    }
    return tenant
  }
  return {}
}

/**
 * May the actor hand out (or take away) `role` in `tenant`? Only within tenants the actor already covers: a
 * region role in a region they coordinate; an organisation role for an organisation taking part in one of their
 * regions (it joined with consent); a board role only if EVERY region of the board's organisations is one of
 * theirs — a board reporter reads and reports the board's fund lines in all those regions.
 */
function assertMayGrant(actor: Actor, role: Role, tenant: Tenant) {
  const granting = grantingMemberships(actor, 'member.invite').filter((m) => invitableRoles[m.role].includes(role))
  if (granting.some((m) => roleScope[m.role] === 'platform')) return
  const covered = new Set(granting.flatMap((m) => (roleScope[m.role] === 'region' && m.regionId ? [m.regionId] : [])))
  const regionIds = tenant.regionIds ?? []
  const ok = roleScope[role] === 'board' ? regionIds.length > 0 && regionIds.every((r) => covered.has(r)) : regionIds.some((r) => covered.has(r))
  if (!ok) throw forbidden()
}

/** What the audit log keeps of an invitation: a reference and its scope, never the address (personal data). */
function invitationAuditView(inv: { id: string; role: Role; regionId: string | null; boardId: string | null; organisationId: string | null; expiresAt: Date; acceptedAt: Date | null }) {
  return { id: inv.id, role: inv.role, regionId: inv.regionId, boardId: inv.boardId, organisationId: inv.organisationId, expiresAt: inv.expiresAt, accepted: !!inv.acceptedAt }
}

/**
 * Invites someone to a role. An existing user gets the role at once; a new address gets it when it first
 * signs in. Either way an e-mail goes out.
 */
export async function inviteMember(db: Db, actor: Actor, input: InviteInput) {
  const scope: Scope = { regionId: input.regionId ?? null, boardId: input.boardId ?? null, organisationId: input.organisationId ?? null }
  // Nobody hands themselves a role: it would widen their own reach without anyone else's say.
  if (input.email === actor.email.toLowerCase()) throw forbidden('cannotInviteSelf')
  const result = await db.$transaction(async (tx) => {
    const tenant = await tenantOfScope(tx, input.role, scope)
    assertMayGrant(actor, input.role, tenant)
    const existing = await tx.user.findUnique({ where: { email: input.email } })
    const invitation = await tx.invitation.create({
      data: {
        // An existing user gets the role now: the invitation is accepted at once and keeps no address.
        email: existing ? null : input.email,
        role: input.role,
        ...scope,
        invitedById: actor.userId,
        expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
        acceptedAt: existing ? new Date() : null,
      },
    })
    await audit(tx, actor, { action: 'invitation.create', entityType: 'Invitation', entityId: invitation.id, ...scope, after: invitationAuditView(invitation) })
    if (existing) await grantRole(tx, actor, existing.id, input.role, scope)
    return { invitation, existingUser: !!existing }
  })
  await sendInvitationMail(input.email, input.role)
  return result
}

/** The invitation e-mail: which role, and where to sign in. */
async function sendInvitationMail(to: string, role: Role) {
  const t = translator(defaultLocale, 'mail.invitation')
  await sendMail({ to, subject: t('subject'), text: t('body', { role: translator(defaultLocale)(`roles.${role}`), url: publicUrl('/signin') }) })
}

/** The memberships' and invitations' own filter: the actor's scope, narrowed to one region the actor may read. */
function membersWhere<W extends object>(actor: Actor, paths: TenantPaths<W>, regionId: string | undefined): W[] {
  if (regionId) {
    const s = actionScope(actor, 'member.read')
    if (!s.all && !s.regionIds.includes(regionId)) throw forbidden()
  }
  return [scopeWhere(actor, 'member.read', paths) as W, ...(regionId ? [inRegions([regionId]) as W] : [])]
}

/** Role memberships the actor may read, oldest first, a page at a time (keyset on createdAt, id), with the total. */
export async function listMembers(db: Db, actor: Actor, input: z.infer<typeof ZListMembersInput>) {
  const where: Prisma.RoleMembershipWhereInput = { AND: membersWhere(actor, membershipPaths, input.regionId) }
  const [rows, total] = await Promise.all([
    db.roleMembership.findMany({
      where: input.cursor ? { AND: [where, afterKeyset('createdAt', new Date(input.cursor.key), input.cursor.id)] } : where,
      include: {
        user: { select: { id: true, name: true, email: true } },
        region: { select: { name: true } },
        board: { select: { name: true } },
        organisation: { select: { name: true } },
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: input.limit + 1,
    }),
    db.roleMembership.count({ where }),
  ])
  return { ...keysetPage(rows, input.limit, (m) => m.createdAt), total }
}

/** Pending invitations (not accepted, withdrawn or expired) the actor may read, newest first, a page at a time. */
export async function listInvitations(db: Db, actor: Actor, input: z.infer<typeof ZListMembersInput>, now = new Date()) {
  const where: Prisma.InvitationWhereInput = { acceptedAt: null, revokedAt: null, expiresAt: { gt: now }, AND: membersWhere(actor, invitationPaths, input.regionId) }
  const [rows, total] = await Promise.all([
    db.invitation.findMany({
      where: input.cursor ? { AND: [where, afterKeyset('createdAt', new Date(input.cursor.key), input.cursor.id, 'desc')] } : where,
      include: { region: { select: { name: true } }, board: { select: { name: true } }, organisation: { select: { name: true } } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: input.limit + 1,
    }),
    db.invitation.count({ where }),
  ])
  return { ...keysetPage(rows, input.limit, (i) => i.createdAt), total }
}

export async function revokeMembership(db: Db, actor: Actor, membershipId: string) {
  return db.$transaction(async (tx) => {
    const m = await tx.roleMembership.findUnique({ where: { id: membershipId } })
    if (!m) throw notFound()
    const tenant = await tenantOfScope(tx, m.role, m)
    assertMayGrant(actor, m.role, tenant)
    // Nobody revokes their own role (the members page shows no button for it): a region's last coordinator would
    // otherwise lock the region out until the platform admin steps in; a colleague or the admin does it.
    if (m.userId === actor.userId) throw invalid('cannotRevokeSelf')
    await tx.roleMembership.delete({ where: { id: m.id } })
    await audit(tx, actor, { action: 'membership.revoke', entityType: 'RoleMembership', entityId: m.id, regionId: m.regionId, boardId: m.boardId, organisationId: m.organisationId, before: m })
    return { ok: true }
  })
}

/** A pending invitation the actor may manage: the same rule as handing out its role. */
async function loadPendingInvitation(tx: DbTx, actor: Actor, invitationId: string) {
  const inv = await tx.invitation.findUnique({ where: { id: invitationId } })
  if (!inv || inv.acceptedAt || inv.revokedAt) throw notFound()
  assertMayGrant(actor, inv.role, await tenantOfScope(tx, inv.role, inv))
  return inv
}

/** Withdraws a pending invitation: it can no longer be accepted, and its address is erased. */
export async function withdrawInvitation(db: Db, actor: Actor, invitationId: string) {
  return db.$transaction(async (tx) => {
    const inv = await loadPendingInvitation(tx, actor, invitationId)
    const after = await tx.invitation.update({ where: { id: inv.id }, data: { revokedAt: new Date(), email: null } })
    await audit(tx, actor, { action: 'invitation.withdraw', entityType: 'Invitation', entityId: inv.id, regionId: inv.regionId, boardId: inv.boardId, organisationId: inv.organisationId, before: invitationAuditView(inv), after: invitationAuditView(after) })
    return { ok: true }
  })
}

/** Sends a pending invitation again, valid for another INVITATION_DAYS from now. */
export async function resendInvitation(db: Db, actor: Actor, invitationId: string) {
  const inv = await db.$transaction(async (tx) => {
    const inv = await loadPendingInvitation(tx, actor, invitationId)
    if (!inv.email) throw notFound()
    const after = await tx.invitation.update({ where: { id: inv.id }, data: { expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000) } })
    await audit(tx, actor, { action: 'invitation.resend', entityType: 'Invitation', entityId: inv.id, regionId: inv.regionId, boardId: inv.boardId, organisationId: inv.organisationId, before: invitationAuditView(inv), after: invitationAuditView(after) })
    return after
  })
  await sendInvitationMail(inv.email!, inv.role)
  return { ok: true, expiresAt: inv.expiresAt }
}

