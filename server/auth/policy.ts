/**
 * Who may do what. The one place for authorization decisions.
 *
 * A role is held in a scope: PLATFORM_ADMIN on the platform, REGION_COORDINATOR in a region, BOARD_REPORTER for a
 * board, ORG_STAFF and INSTITUTION_PUBLISHER for an organisation. An action is granted to roles in `grants`. A
 * resource has a tenant (the regions, board and organisation it belongs to); a role's grant applies when its scope
 * contains that tenant. The same table drives:
 *   - `can` / `authorize`   — decide for one loaded resource,
 *   - `scopeWhere`          — a Prisma `where` fragment so that a scoped query cannot return another tenant's rows,
 *   - `holdsAction`         — the coarse check every tRPC procedure declares (has any role that grants the action).
 */
import type { Role } from '../db/generated/enums.ts'
import { forbidden } from '../lib/errors.ts'

export const ROLES = ['PLATFORM_ADMIN', 'REGION_COORDINATOR', 'BOARD_REPORTER', 'ORG_STAFF', 'INSTITUTION_PUBLISHER'] as const satisfies readonly Role[]

export type ScopeKind = 'platform' | 'region' | 'board' | 'organisation'
export const roleScope: Record<Role, ScopeKind> = {
  PLATFORM_ADMIN: 'platform',
  REGION_COORDINATOR: 'region',
  BOARD_REPORTER: 'board',
  ORG_STAFF: 'organisation',
  INSTITUTION_PUBLISHER: 'organisation',
}

export type Membership = {
  role: Role
  regionId: string | null
  boardId: string | null
  organisationId: string | null
}

export type Actor = {
  userId: string
  email: string
  name: string | null
  memberships: Membership[]
  /** Regions the actor takes part in through any membership (a region, or the regions of an org/board). */
  regionIds: string[]
}

/** The tenant of a resource. Omitted parts do not match any scoped role. */
export type Tenant = {
  regionIds?: readonly string[]
  boardId?: string | null
  organisationId?: string | null
}

const ADMIN = ['PLATFORM_ADMIN'] as const
const COORD = ['PLATFORM_ADMIN', 'REGION_COORDINATOR'] as const
const ANY = ROLES

/**
 * Action → roles granting it (within their scope). The whole vocabulary of permissions, every domain's, is in
 * this one table, grouped per domain, so "who may do what" reads in one place. Domains name these strings in
 * their procedures (`procedure('slots.publish')`); this file imports no domain code.
 */
export const grants = {
  // ── tenancy: regions, boards, organisations, members, audit log ──
  'region.read': ANY,
  'region.manage': ADMIN,
  'board.read': ['PLATFORM_ADMIN', 'REGION_COORDINATOR', 'BOARD_REPORTER'],
  'board.manage': ADMIN,
  'organisation.read': ANY,
  'organisation.create': COORD,
  'organisation.update': COORD,
  /** Add an organisation to / remove it from the coordinator's own region (adding needs the organisation's consent). */
  'organisation.manageRegions': COORD,
  /**
   * Consent, for the organisation, to a region's request to include it: its own staff, a coordinator of a region
   * it already belongs to, or a platform admin (the tenant passed is the organisation with its current regions).
   */
  'organisation.consentRegion': ['PLATFORM_ADMIN', 'REGION_COORDINATOR', 'ORG_STAFF', 'INSTITUTION_PUBLISHER'],
  'member.read': COORD,
  'member.invite': COORD,
  'member.revoke': COORD,
  'audit.read': COORD,
  /** The background jobs' status: queues, failures, last runs, the mail outbox (`/admin/taken`). */
  'ops.jobs': ADMIN,

  // ── calendar ── Reading a region's calendar is decided by `canReadRegion` (anyone taking part in the region).
  /** The signed-in calendar views and the personal feed (any role; scoped per region). */
  'calendar.read': ANY,
  /** Create, edit, propose and cancel events of one's organisation (coordinators: their region). */
  'calendar.propose': ['PLATFORM_ADMIN', 'REGION_COORDINATOR', 'ORG_STAFF', 'INSTITUTION_PUBLISHER'],
  /** Publish or reject events shared with one's region. */
  'calendar.approve': COORD,

  // ── slots (proefstuderen / meeloopdagen) ──
  /** Programmes, slots, participants, attendance, exports and booking rules of the publisher's institution. */
  'slots.publish': ['PLATFORM_ADMIN', 'INSTITUTION_PUBLISHER'],
  /** A decaan: bookings of pupils who chose their school, booking on a pupil's behalf, show-up rates. */
  'slots.schoolBookings': ['PLATFORM_ADMIN', 'ORG_STAFF'],

  // ── registration ── (sign-up for calendar events; which events is decided by the calendar's edit rule)
  /** Registration of one's events: audiences, sessions, registrant list, exports, messages, cancelling, check-in. */
  'registration.manage': ['PLATFORM_ADMIN', 'REGION_COORDINATOR', 'ORG_STAFF', 'INSTITUTION_PUBLISHER'],

  // ── fund ──
  /** See a grant's budget and reports — coordinators for their region, reporters for their board. */
  'fund.read': ['PLATFORM_ADMIN', 'REGION_COORDINATOR', 'BOARD_REPORTER'],
  /** Write and submit expenditure reports (and evidence) for the reporter's own board. */
  'fund.report': ['BOARD_REPORTER'],
  /** Approve or reject submitted reports of the region. */
  'fund.approve': COORD,
  /** Grants, allocations, budget lines, closing years, the accountability export of the region. */
  'fund.manage': COORD,
  /**
   * Record the penvoerder's payments to boards and see the grant's payments: the region's coordinators, and the staff
   * of the grant's penvoerder organisation (tenant: the grant's region and its penvoerder) — no other fund power.
   */
  'fund.pay': ['PLATFORM_ADMIN', 'REGION_COORDINATOR', 'ORG_STAFF'],

  // ── transitions ── Which datasets a reader reaches is decided in server/transitions/datasets.ts (consent).
  /** Import, share and delete the datasets of one's own organisation (the owner sees raw figures). */
  'transitions.manage': ['ORG_STAFF', 'INSTITUTION_PUBLISHER'],
  /** Look at datasets shared with one's organisation or region (always suppressed). */
  'transitions.read': ANY,

  // ── plan ── Which plans a reader reaches is decided in server/plan/access.ts (anyone taking part in the region).
  /** Read a region's plan, its evaluations and dashboard. */
  'plan.read': ANY,
  /** Write the region's plan: goals, indicators, agreements, links, versions, evaluations and decisions. */
  'plan.manage': COORD,
  /** Agree or object to a plan version for the reporter's board (a board with organisations in the region). */
  'plan.endorse': ['BOARD_REPORTER'],
  /** Add one's own school's contribution to a year's evaluation. */
  'plan.contribute': ['ORG_STAFF'],
  /** The themes (data) that goals are grouped by. */
  'plan.themes': ADMIN,

  // ── monitor ── (the schools' LOB self-assessment; region figures only through server/monitor/region.ts)
  /** Fill in, submit, reopen and share the self-assessment of one's own school; its action points. */
  'monitor.fill': ['ORG_STAFF'],
  /** The region's protected distribution per criterion, and the assessments schools chose to share. */
  'monitor.regionRead': COORD,
  /** The same protected distribution (no school named, nothing below 3 schools) as figures of the region's plan,
   *  for anyone taking part in the region (checked with canReadRegion in server/monitor/region.ts). */
  'monitor.regionFigures': ANY,
  /** Close a school year's round for the region (freezes the contributing schools and their counts). */
  'monitor.regionManage': COORD,
  /** The quality framework: versions, sections, criteria, level descriptors. */
  'monitor.manageFramework': ADMIN,

  // ── participation ── (class lists, personal booking links, campaigns, reserved places, reach; server/participation)
  /** A decaan: the class lists of one's own school, pupils' links and reminders, the overview, export and AVG requests. */
  'participation.school': ['PLATFORM_ADMIN', 'ORG_STAFF'],
  /** Regional campaigns over slots with their booking rules (the coordinator's region). */
  'participation.campaigns': COORD,
  /** Reserve places of a slot for a school: the institution's publishers, or the coordinator of its region. */
  'participation.reserve': ['PLATFORM_ADMIN', 'REGION_COORDINATOR', 'INSTITUTION_PUBLISHER'],
  /** The reach report: a school its own (raw), a coordinator the region's (consenting schools, else aggregated; suppressed). */
  'participation.reach': ['PLATFORM_ADMIN', 'REGION_COORDINATOR', 'ORG_STAFF'],
  /** An institution's rule that only pupils on a class list may book its slots (per organisation or programme). */
  'participation.institution': ['PLATFORM_ADMIN', 'INSTITUTION_PUBLISHER'],
  /** Post-slot evaluations, aggregated (groups of more than 5 answers): an institution's slots, or a school's own pupils' answers. */
  'participation.evaluations': ['PLATFORM_ADMIN', 'INSTITUTION_PUBLISHER', 'ORG_STAFF'],
} as const satisfies Record<string, readonly Role[]>

export type Action = keyof typeof grants

/** Roles a granting role may hand out by invitation (the inviter's scope must contain the invitation's tenant). */
export const invitableRoles: Record<Role, readonly Role[]> = {
  PLATFORM_ADMIN: ROLES,
  REGION_COORDINATOR: ['REGION_COORDINATOR', 'BOARD_REPORTER', 'ORG_STAFF', 'INSTITUTION_PUBLISHER'],
  BOARD_REPORTER: [],
  ORG_STAFF: [],
  INSTITUTION_PUBLISHER: [],
}

function grantedRoles(action: Action): readonly Role[] {
  return grants[action]
}

function membershipCovers(m: Membership, tenant: Tenant): boolean {
  switch (roleScope[m.role]) {
    case 'platform':
      return true
    case 'region':
      return !!m.regionId && (tenant.regionIds ?? []).includes(m.regionId)
    case 'board':
      return !!m.boardId && tenant.boardId === m.boardId
    case 'organisation':
      return !!m.organisationId && tenant.organisationId === m.organisationId
  }
}

/** Memberships of the actor that grant the action (regardless of tenant). */
export function grantingMemberships(actor: Actor, action: Action): Membership[] {
  const roles = grantedRoles(action)
  return actor.memberships.filter((m) => roles.includes(m.role))
}

export function holdsAction(actor: Actor, action: Action): boolean {
  return grantingMemberships(actor, action).length > 0
}

export function isPlatformAdmin(actor: Actor): boolean {
  return actor.memberships.some((m) => m.role === 'PLATFORM_ADMIN')
}

/** Region-wide directory reads (its organisations, its calendar): admins and anyone taking part in the region. */
export function canReadRegion(actor: Actor, regionId: string): boolean {
  return isPlatformAdmin(actor) || actor.regionIds.includes(regionId)
}

export function can(actor: Actor, action: Action, tenant: Tenant): boolean {
  return grantingMemberships(actor, action).some((m) => membershipCovers(m, tenant))
}

/**
 * Stricter than `can` for a tenant spanning several regions (a board, through its organisations): a region-scoped
 * role must hold the action in EVERY one of them, so acting on it never reaches into a region the actor does not
 * run. An empty list of regions is covered by platform admins only.
 */
export function canInAllRegions(actor: Actor, action: Action, regionIds: readonly string[]): boolean {
  const s = actionScope(actor, action)
  return s.all || (regionIds.length > 0 && regionIds.every((r) => s.regionIds.includes(r)))
}

/** Throws FORBIDDEN unless the actor may perform the action on a resource with this tenant. */
export function authorize(actor: Actor, action: Action, tenant: Tenant): void {
  if (!can(actor, action, tenant)) throw forbidden()
}

/** The ids of each scope kind in which the actor holds the action. `all` for platform admins. */
export type ActionScope = { all: boolean; regionIds: string[]; boardIds: string[]; organisationIds: string[] }

export function actionScope(actor: Actor, action: Action): ActionScope {
  const scope: ActionScope = { all: false, regionIds: [], boardIds: [], organisationIds: [] }
  for (const m of grantingMemberships(actor, action)) {
    const kind = roleScope[m.role]
    if (kind === 'platform') scope.all = true
    else if (kind === 'region' && m.regionId) scope.regionIds.push(m.regionId)
    else if (kind === 'board' && m.boardId) scope.boardIds.push(m.boardId)
    else if (kind === 'organisation' && m.organisationId) scope.organisationIds.push(m.organisationId)
  }
  return scope
}

/**
 * How a model reaches each kind of tenant, as Prisma where fragments. A model leaves out the kinds it cannot
 * be reached by; memberships of those kinds then match nothing.
 */
export type TenantPaths<W> = {
  region?: (regionIds: string[]) => W
  board?: (boardIds: string[]) => W
  organisation?: (organisationIds: string[]) => W
}

/**
 * A Prisma `where` fragment restricting a model to the rows whose tenant the actor may perform `action` on.
 * With no granting membership it matches nothing: a path with an empty id list (`{ x: { in: [] } }`).
 * Not `{ OR: [] }`: Prisma 6 treats an empty OR as false only at the top level and as TRUE when nested in
 * AND/OR (prisma/prisma#21856), so a scoped query would return every tenant's rows.
 */
export function scopeWhere<W extends object>(actor: Actor, action: Action, paths: TenantPaths<W>): W | { OR: W[] } {
  const s = actionScope(actor, action)
  if (s.all) return {} as W
  const or: W[] = []
  if (s.regionIds.length && paths.region) or.push(paths.region(s.regionIds))
  if (s.boardIds.length && paths.board) or.push(paths.board(s.boardIds))
  if (s.organisationIds.length && paths.organisation) or.push(paths.organisation(s.organisationIds))
  if (or.length) return { OR: or }
  const none = paths.region ?? paths.board ?? paths.organisation
  if (!none) throw new Error('scopeWhere: no tenant path given')
  return none([])
}
