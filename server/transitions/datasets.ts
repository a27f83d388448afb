/**
 * Transition datasets: listing, consent (sharing) and the reports (flow + indicators). Everything a non-owner
 * receives goes through server/transitions/disclosure.ts here, on the server.
 */
import type { z } from 'zod'
import type { Db, DbTx } from '../db/client.ts'
import type { Prisma } from '../db/generated/client.ts'
import { audit } from '../db/audit.ts'
import { actionScope, authorize, can, canReadRegion, holdsAction, isPlatformAdmin, scopeWhere, type Actor } from '../auth/policy.ts'
import { forbidden, invalid, notFound } from '../lib/errors.ts'
import { loadOrganisationTenant } from '../tenancy/organisations.ts'
import type { ZCreateDatasetInput, ZReportInput, ZSetSharingInput } from './schema.ts'
import { reportView, tableSet, type Contribution, type Protection } from './disclosure.ts'
import { refreshRegionTables, regionTables, type RegionProtection } from './region-tables.ts'
import { disclosure } from './config.ts'

const datasetInclude = {
  organisation: { select: { id: true, name: true, brin: true, boardId: true, regions: { select: { regionId: true, region: { select: { id: true, name: true } } } } } },
  region: { select: { id: true, name: true } },
  shares: { select: { organisationId: true, organisation: { select: { id: true, name: true, brin: true } } } },
} satisfies Prisma.TransitionDatasetInclude

type LoadedDataset = Prisma.TransitionDatasetGetPayload<{ include: typeof datasetInclude }>

/** The owner organisation's own staff (transitions.manage on it) see raw figures; nobody else does. */
export function isOwner(actor: Actor, ds: { organisationId: string }): boolean {
  return can(actor, 'transitions.manage', { organisationId: ds.organisationId })
}

/**
 * Consent decides who else sees a dataset on its own: named partner organisations. A dataset shared with the region
 * is not shown on its own to anyone but its owner: it adds to the region's figures, which region readers see as one
 * aggregate protected over its contributors (server/transitions/disclosure.ts) — otherwise the region cell minus
 * the other datasets' visible cells would give away a hidden one.
 */
export function canView(actor: Actor, ds: Pick<LoadedDataset, 'organisationId' | 'sharing' | 'regionId' | 'shares'>): boolean {
  if (isOwner(actor, ds)) return true
  if (!holdsAction(actor, 'transitions.read') || ds.sharing !== 'PARTNERS') return false
  const orgs = actionScope(actor, 'transitions.read').organisationIds
  return ds.shares.some((s) => orgs.includes(s.organisationId))
}

/** Datasets the actor may see on their own, as a where fragment (own organisations' datasets + partner consent). */
export function visibleDatasetsWhere(actor: Actor): Prisma.TransitionDatasetWhereInput {
  const own = scopeWhere<Prisma.TransitionDatasetWhereInput>(actor, 'transitions.manage', { organisation: (ids) => ({ organisationId: { in: ids } }) })
  const partnerOrgs = actionScope(actor, 'transitions.read').organisationIds
  return { OR: [own, { sharing: 'PARTNERS', shares: { some: { organisationId: { in: partnerOrgs } } } }] }
}

async function loadDataset(db: DbTx, id: string): Promise<LoadedDataset> {
  const ds = await db.transitionDataset.findUnique({ where: { id }, include: datasetInclude })
  if (!ds) throw notFound()
  return ds
}

/** Loads a dataset its owner manages: NOT_FOUND / FORBIDDEN otherwise. */
export async function loadOwnedDataset(db: DbTx, actor: Actor, id: string): Promise<LoadedDataset> {
  const ds = await loadDataset(db, id)
  authorize(actor, 'transitions.manage', { organisationId: ds.organisationId })
  return ds
}

export async function listDatasets(db: Db, actor: Actor) {
  const rows = await db.transitionDataset.findMany({
    where: visibleDatasetsWhere(actor),
    include: { ...datasetInclude, _count: { select: { rows: true } } },
    orderBy: [{ organisation: { name: 'asc' } }, { createdAt: 'desc' }],
    take: 500,
  })
  const ids = rows.map((r) => r.id)
  const cohorts = ids.length ? await db.transitionRow.groupBy({ by: ['datasetId', 'cohortYear'], where: { datasetId: { in: ids } }, orderBy: { cohortYear: 'asc' } }) : []
  return rows.map((r) => {
    const owner = isOwner(actor, r)
    return {
      id: r.id,
      description: r.description,
      source: r.source,
      sharing: r.sharing,
      organisation: { id: r.organisation.id, name: r.organisation.name },
      region: r.region,
      isOwner: owner,
      // Row counts and consent details are the owner's business.
      rowCount: owner ? r._count.rows : null,
      partners: owner ? r.shares.map((s) => s.organisation) : [],
      cohorts: cohorts.filter((c) => c.datasetId === r.id).map((c) => c.cohortYear),
      updatedAt: r.updatedAt,
    }
  })
}

/** The organisations the actor may create datasets for (its own), and the regions it may look at. */
export async function overview(db: Db, actor: Actor) {
  const orgIds = actionScope(actor, 'transitions.manage').organisationIds
  const [organisations, regions] = await Promise.all([
    db.organisation.findMany({ where: { id: { in: orgIds } }, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    db.region.findMany({ where: isPlatformAdmin(actor) ? {} : { id: { in: actor.regionIds } }, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
  ])
  return { organisations, regions: holdsAction(actor, 'transitions.read') ? regions : [] }
}

export async function getDataset(db: Db, actor: Actor, id: string) {
  const ds = await loadDataset(db, id)
  if (!canView(actor, ds)) throw forbidden()
  const owner = isOwner(actor, ds)
  const regionIds = ds.organisation.regions.map((r) => r.regionId)
  const candidates = owner
    ? await db.organisation.findMany({
        where: { id: { not: ds.organisationId }, regions: { some: { regionId: { in: regionIds } } } },
        select: { id: true, name: true, brin: true },
        orderBy: { name: 'asc' },
      })
    : []
  return {
    id: ds.id,
    description: ds.description,
    source: ds.source,
    sharing: owner ? ds.sharing : null,
    regionId: owner ? ds.regionId : null,
    organisation: { id: ds.organisation.id, name: ds.organisation.name },
    isOwner: owner,
    partners: owner ? ds.shares.map((s) => s.organisation) : [],
    ownerRegions: owner ? ds.organisation.regions.map((r) => r.region) : [],
    partnerCandidates: candidates,
  }
}

export async function createDataset(db: Db, actor: Actor, input: z.infer<typeof ZCreateDatasetInput>) {
  const tenant = await loadOrganisationTenant(db, input.organisationId)
  authorize(actor, 'transitions.manage', { organisationId: tenant.organisationId })
  return db.$transaction(async (tx) => {
    const ds = await tx.transitionDataset.create({ data: { ...input, createdById: actor.userId } })
    await audit(tx, actor, { action: 'transitions.createDataset', entityType: 'TransitionDataset', entityId: ds.id, organisationId: ds.organisationId, boardId: tenant.boardId, after: ds })
    return ds
  })
}

export async function deleteDataset(db: Db, actor: Actor, id: string) {
  const deleted = await db.$transaction(async (tx) => {
    const ds = await loadOwnedDataset(tx, actor, id)
    const rows = await tx.transitionRow.count({ where: { datasetId: id } })
    await tx.transitionDataset.delete({ where: { id } })
    await audit(tx, actor, { action: 'transitions.deleteDataset', entityType: 'TransitionDataset', entityId: id, organisationId: ds.organisationId, regionId: ds.regionId, before: { description: ds.description, sharing: ds.sharing, rows } })
    return ds.sharing === 'REGION' ? ds.regionId : null
  })
  await refreshRegionTables(db, [deleted])
  return { id }
}

/** Consent: share with nobody, named partners, or a region of the owner. Takes effect on the next request. */
export async function setSharing(db: Db, actor: Actor, input: z.infer<typeof ZSetSharingInput>) {
  const { after, regions } = await db.$transaction(async (tx) => {
    const ds = await loadOwnedDataset(tx, actor, input.datasetId)
    const regionId = input.sharing === 'REGION' ? input.regionId! : null
    if (regionId && !ds.organisation.regions.some((r) => r.regionId === regionId)) throw invalid('transitions.errors.notOwnRegion')
    const partnerIds = input.sharing === 'PARTNERS' ? [...new Set(input.partnerIds)] : []
    if (partnerIds.includes(ds.organisationId)) throw invalid('transitions.errors.shareWithSelf')
    if (partnerIds.length && (await tx.organisation.count({ where: { id: { in: partnerIds } } })) !== partnerIds.length) throw invalid('reference')
    await tx.transitionDatasetShare.deleteMany({ where: { datasetId: ds.id, organisationId: { notIn: partnerIds } } })
    await tx.transitionDatasetShare.createMany({ data: partnerIds.map((organisationId) => ({ datasetId: ds.id, organisationId })), skipDuplicates: true })
    await tx.transitionDataset.update({ where: { id: ds.id }, data: { sharing: input.sharing, regionId } })
    const before = { sharing: ds.sharing, regionId: ds.regionId, partnerIds: ds.shares.map((s) => s.organisationId).sort() }
    const after = { sharing: input.sharing, regionId, partnerIds: partnerIds.sort() }
    await audit(tx, actor, {
      action: input.sharing === 'PRIVATE' ? 'transitions.withdrawConsent' : 'transitions.share',
      entityType: 'TransitionDataset',
      entityId: ds.id,
      organisationId: ds.organisationId,
      regionId: regionId ?? ds.regionId,
      before,
      after,
    })
    return { after, regions: [ds.sharing === 'REGION' ? ds.regionId : null, regionId] }
  })
  await refreshRegionTables(db, regions)
  return after
}

// ---- Reports ----

/** One dataset's figures, all from its owner organisation. */
async function datasetContributions(db: Db, ds: { id: string; organisationId: string }): Promise<Contribution[]> {
  const groups = await db.transitionRow.groupBy({
    by: ['cohortYear', 'originTrack', 'destinationSector'],
    where: { datasetId: ds.id },
    _sum: { started: true, enrolledAfterYear1: true, switched: true, droppedOut: true, diplomaNominal: true },
  })
  return groups.map((g) => ({
    organisationId: ds.organisationId,
    cohortYear: g.cohortYear,
    track: g.originTrack,
    destination: g.destinationSector,
    counts: { started: g._sum.started ?? 0, enrolledAfterYear1: g._sum.enrolledAfterYear1 ?? 0, switched: g._sum.switched ?? 0, droppedOut: g._sum.droppedOut ?? 0, diplomaNominal: g._sum.diplomaNominal ?? 0 },
  }))
}

/** A subject's report: its jointly protected table set (raw for the owner), viewed at one cohort year. */
export function buildReport(contribs: readonly Contribution[], protection: Protection, cohortYear?: number) {
  return reportView(tableSet(contribs, protection), protection, cohortYear)
}

/**
 * The report of one dataset (raw for its owner, protected for partners) with the region average next to it, or of
 * everything shared with a region (protected as an aggregate over organisations, for everyone).
 */
export async function report(db: Db, actor: Actor, input: z.infer<typeof ZReportInput>) {
  const rules = disclosure()
  const regional: RegionProtection = { kind: 'aggregate', rules }
  if (input.regionId) {
    if (!holdsAction(actor, 'transitions.read') || !canReadRegion(actor, input.regionId)) throw forbidden()
    const { region, set } = await regionTables(db, input.regionId, regional)
    if (!region) throw notFound()
    return { subject: { kind: 'region' as const, name: region.name }, ...reportView(set, regional, input.cohortYear), region: null }
  }
  const ds = await loadDataset(db, input.datasetId!)
  if (!canView(actor, ds)) throw forbidden()
  const own = buildReport(await datasetContributions(db, ds), isOwner(actor, ds) ? { kind: 'raw' } : { kind: 'single', rules }, input.cohortYear)
  const regionId = ds.regionId ?? ds.organisation.regions[0]?.regionId
  const regionName = ds.region?.name ?? ds.organisation.regions[0]?.region.name
  const region = regionId && canReadRegion(actor, regionId) ? { id: regionId, name: regionName!, ...reportView((await regionTables(db, regionId, regional)).set, regional, own.cohortYear ?? undefined) } : null
  return {
    subject: { kind: 'dataset' as const, name: `${ds.organisation.name} — ${ds.description}` },
    ...own,
    region: region ? { id: region.id, name: region.name, cohortYear: region.cohortYear, indicators: region.indicators } : null,
  }
}
export type Report = Awaited<ReturnType<typeof report>>
