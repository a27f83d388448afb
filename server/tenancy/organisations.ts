import type { Db, DbTx, Prisma } from '../db/client.ts'
import { audit } from '../db/audit.ts'
import { authorize, can, canInAllRegions, canReadRegion, scopeWhere, type Action, type Actor, type Tenant, type TenantPaths } from '../auth/policy.ts'
import { forbidden, invalid, notFound } from '../lib/errors.ts'
import { afterKeyset, keysetPage } from '../lib/keyset.ts'
import type {
  CreateOrganisationInput,
  UpdateOrganisationInput,
  ZListOrganisationsInput,
  ZPageOrganisationsInput,
  ZSetOrganisationRegionInput,
} from './schema.ts'
import type { z } from 'zod'
import { joinRegion, mayConsentForOrganisation } from './region-requests.ts'

/** How an Organisation row reaches each tenant kind (for scopeWhere). */
export const organisationPaths: TenantPaths<Prisma.OrganisationWhereInput> = {
  region: (ids) => ({ regions: { some: { regionId: { in: ids } } } }),
  board: (ids) => ({ boardId: { in: ids } }),
  organisation: (ids) => ({ id: { in: ids } }),
}

export function organisationTenant(org: { id: string; boardId: string | null; regions: { regionId: string }[] }): Tenant {
  return { organisationId: org.id, boardId: org.boardId, regionIds: org.regions.map((r) => r.regionId) }
}

/** Loads an organisation with what its tenant needs: NOT_FOUND if it does not exist. */
export async function loadOrganisationTenant(db: DbTx, id: string) {
  const org = await db.organisation.findUnique({ where: { id }, select: { id: true, boardId: true, regions: { select: { regionId: true } } } })
  if (!org) throw notFound()
  return organisationTenant(org)
}

const listInclude = {
  board: { select: { id: true, name: true, number: true } },
  regions: { select: { regionId: true, region: { select: { name: true } } } },
  _count: { select: { locations: true } },
} satisfies Prisma.OrganisationInclude

/**
 * With a region: that region's directory (anyone taking part in the region). Without: the organisations the
 * actor may read through its roles. Filtered by sector and a search on name, BRIN code or city.
 */
function organisationsWhere(actor: Actor, input: z.infer<typeof ZListOrganisationsInput>): Prisma.OrganisationWhereInput {
  const where: Prisma.OrganisationWhereInput[] = []
  if (input.regionId) {
    if (!canReadRegion(actor, input.regionId)) throw forbidden()
    where.push({ regions: { some: { regionId: input.regionId } } })
  } else {
    where.push(scopeWhere(actor, 'organisation.read', organisationPaths))
  }
  if (input.sector) where.push({ sector: input.sector })
  if (input.search)
    where.push({ OR: [{ name: { contains: input.search, mode: 'insensitive' } }, { brin: { startsWith: input.search.toUpperCase() } }, { city: { contains: input.search, mode: 'insensitive' } }] })
  return { AND: where }
}

/** All of them at once (at most 500), for choosing one in a form. The list on /organisations: pageOrganisations. */
export async function listOrganisations(db: Db, actor: Actor, input: z.infer<typeof ZListOrganisationsInput>) {
  return db.organisation.findMany({ where: organisationsWhere(actor, input), orderBy: [{ name: 'asc' }], include: listInclude, take: 500 })
}

/** The same organisations a page at a time by name (keyset on name, id), with how many match in all. */
export async function pageOrganisations(db: Db, actor: Actor, input: z.infer<typeof ZPageOrganisationsInput>) {
  const where = organisationsWhere(actor, input)
  const [rows, total] = await Promise.all([
    db.organisation.findMany({
      where: input.cursor ? { AND: [where, afterKeyset('name', input.cursor.key, input.cursor.id)] } : where,
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      include: listInclude,
      take: input.limit + 1,
    }),
    db.organisation.count({ where }),
  ])
  return { ...keysetPage(rows, input.limit, (o) => o.name), total }
}

export async function getOrganisation(db: Db, actor: Actor, id: string) {
  const org = await db.organisation.findUnique({
    where: { id },
    include: { ...listInclude, locations: { orderBy: { vestiging: 'asc' } } },
  })
  if (!org) throw notFound()
  const tenant = organisationTenant(org)
  if (!can(actor, 'organisation.read', tenant) && !(tenant.regionIds ?? []).some((r) => canReadRegion(actor, r))) throw forbidden()
  return { ...org, canEdit: can(actor, 'organisation.update', tenant) }
}

/**
 * A board reaches every region its organisations take part in (a BOARD_REPORTER reads and reports on the board's
 * fund lines there). So an organisation may be put on a board only if, afterwards, all the board's organisations —
 * the one being placed included — lie within regions where the actor holds `action`; otherwise only a platform
 * admin may. Otherwise a coordinator could attach their school to another region's board and then invite a
 * reporter for it.
 */
async function assertMaySetBoard(tx: DbTx, actor: Actor, action: Action, boardId: string, org: { id?: string; regionIds: readonly string[] }) {
  if (!(await tx.board.findUnique({ where: { id: boardId }, select: { id: true } }))) throw invalid('unknownBoard')
  const rows = await tx.organisationRegion.findMany({
    where: { organisation: { boardId }, ...(org.id ? { organisationId: { not: org.id } } : {}) },
    select: { regionId: true },
    distinct: ['regionId'],
  })
  const regionIds = [...new Set([...rows.map((r) => r.regionId), ...org.regionIds])]
  if (!canInAllRegions(actor, action, regionIds)) throw forbidden('boardOutsideRegions')
}

export async function createOrganisation(db: Db, actor: Actor, input: CreateOrganisationInput) {
  // A coordinator may only create organisations inside their own region(s).
  for (const regionId of input.regionIds) authorize(actor, 'organisation.create', { regionIds: [regionId] })
  const { regionIds, locations, ...data } = input
  return db.$transaction(async (tx) => {
    if (data.boardId) await assertMaySetBoard(tx, actor, 'organisation.create', data.boardId, { regionIds })
    const org = await tx.organisation.create({
      data: {
        ...data,
        regions: { create: regionIds.map((regionId) => ({ regionId })) },
        locations: { create: locations },
      },
      include: { locations: true, regions: true },
    })
    await audit(tx, actor, { action: 'organisation.create', entityType: 'Organisation', entityId: org.id, organisationId: org.id, boardId: org.boardId, after: org })
    return org
  })
}

export async function updateOrganisation(db: Db, actor: Actor, input: UpdateOrganisationInput) {
  const { id, locations, ...data } = input
  return db.$transaction(async (tx) => {
    const before = await tx.organisation.findUnique({ where: { id }, include: { locations: true, regions: true } })
    if (!before) throw notFound()
    authorize(actor, 'organisation.update', organisationTenant(before))
    if (data.boardId && data.boardId !== before.boardId)
      await assertMaySetBoard(tx, actor, 'organisation.update', data.boardId, { id, regionIds: before.regions.map((r) => r.regionId) })
    // Locations are replaced as a set keyed by vestiging number.
    const keep = locations.map((l) => l.vestiging)
    await tx.location.deleteMany({ where: { organisationId: id, vestiging: { notIn: keep } } })
    for (const l of locations)
      await tx.location.upsert({
        where: { organisationId_vestiging: { organisationId: id, vestiging: l.vestiging } },
        create: { ...l, organisationId: id },
        update: l,
      })
    const org = await tx.organisation.update({ where: { id }, data: { ...data, boardId: data.boardId ?? null, rioCode: data.rioCode ?? null }, include: { locations: true, regions: true } })
    await audit(tx, actor, { action: 'organisation.update', entityType: 'Organisation', entityId: id, organisationId: id, boardId: org.boardId, before, after: org })
    return org
  })
}

/**
 * Adds an organisation to a region or removes it, for the region's side (admin or that region's coordinator).
 * Adding takes effect only when the actor may also consent for the organisation (see region-requests.ts); anyone
 * else asks with `requestRegionJoin` and the organisation's side decides. Removing from one's own region needs no
 * consent: it only narrows that region's reach.
 */
export async function setOrganisationRegion(db: Db, actor: Actor, input: z.infer<typeof ZSetOrganisationRegionInput>) {
  authorize(actor, 'organisation.manageRegions', { regionIds: [input.regionId] })
  return db.$transaction(async (tx) => {
    const org = await tx.organisation.findUnique({ where: { id: input.organisationId }, include: { regions: true } })
    const region = await tx.region.findUnique({ where: { id: input.regionId } })
    if (!org || !region) throw notFound()
    const isMember = org.regions.some((r) => r.regionId === input.regionId)
    if (input.member && !isMember) {
      if (!mayConsentForOrganisation(actor, org)) throw forbidden('regionNeedsConsent')
      await joinRegion(tx, actor, org.id, region.id)
    }
    if (!input.member && isMember) {
      if (org.regions.length === 1) throw invalid('lastRegion')
      await tx.organisationRegion.delete({ where: { organisationId_regionId: { organisationId: org.id, regionId: region.id } } })
      await audit(tx, actor, {
        action: 'organisation.leaveRegion',
        entityType: 'OrganisationRegion',
        entityId: `${org.id}:${region.id}`,
        organisationId: org.id,
        regionId: region.id,
        before: { member: true },
        after: { member: false },
      })
    }
    return { member: input.member }
  })
}
