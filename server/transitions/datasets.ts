/**
 * Transition datasets: listing, consent (sharing) and the reports (flow + indicators). Everything a non-owner
 * receives goes through server/transitions/suppression.ts here, on the server.
 */
import type { z } from 'zod'
import type { Db, DbTx, Prisma } from '../db/client.ts'
import { audit } from '../db/audit.ts'
import { actionScope, authorize, can, canReadRegion, holdsAction, isPlatformAdmin, scopeWhere, type Actor } from '../auth/policy.ts'
import { forbidden, invalid, notFound } from '../lib/errors.ts'
import { loadOrganisationTenant } from '../tenancy/organisations.ts'
import { DESTINATIONS, ORIGIN_TRACKS, type Destination, type OriginTrack, type ZCreateDatasetInput, type ZReportInput, type ZSetSharingInput } from './schema.ts'
import { crossTable, maskCount, maskCrossTable, maskPercent, percent, type CrossTable, type Masked } from './suppression.ts'
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

/** Consent decides who else sees a dataset: named partner organisations, or everyone taking part in the region. */
export function canView(actor: Actor, ds: Pick<LoadedDataset, 'organisationId' | 'sharing' | 'regionId' | 'shares'>): boolean {
  if (isOwner(actor, ds)) return true
  if (!holdsAction(actor, 'transitions.read')) return false
  if (ds.sharing === 'PARTNERS') {
    const orgs = actionScope(actor, 'transitions.read').organisationIds
    return ds.shares.some((s) => orgs.includes(s.organisationId))
  }
  return ds.sharing === 'REGION' && !!ds.regionId && canReadRegion(actor, ds.regionId)
}

/** Datasets the actor may see, as a where fragment (own organisations' datasets + consented ones). */
export function visibleDatasetsWhere(actor: Actor): Prisma.TransitionDatasetWhereInput {
  const own = scopeWhere<Prisma.TransitionDatasetWhereInput>(actor, 'transitions.manage', { organisation: (ids) => ({ organisationId: { in: ids } }) })
  const partnerOrgs = actionScope(actor, 'transitions.read').organisationIds
  return {
    OR: [
      own,
      { sharing: 'PARTNERS', shares: { some: { organisationId: { in: partnerOrgs } } } },
      { sharing: 'REGION', regionId: isPlatformAdmin(actor) ? { not: null } : { in: actor.regionIds } },
    ],
  }
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
  return db.$transaction(async (tx) => {
    const ds = await loadOwnedDataset(tx, actor, id)
    const rows = await tx.transitionRow.count({ where: { datasetId: id } })
    await tx.transitionDataset.delete({ where: { id } })
    await audit(tx, actor, { action: 'transitions.deleteDataset', entityType: 'TransitionDataset', entityId: id, organisationId: ds.organisationId, regionId: ds.regionId, before: { description: ds.description, sharing: ds.sharing, rows } })
    return { id }
  })
}

/** Consent: share with nobody, named partners, or a region of the owner. Takes effect on the next request. */
export async function setSharing(db: Db, actor: Actor, input: z.infer<typeof ZSetSharingInput>) {
  return db.$transaction(async (tx) => {
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
    return after
  })
}

// ---- Reports ----

type Sums = { started: number; enrolledAfterYear1: number; switched: number; droppedOut: number; diplomaNominal: number }
type Group = { cohortYear: number; originTrack: OriginTrack; destinationSector: Destination; sum: Sums }

async function aggregate(db: Db, where: Prisma.TransitionRowWhereInput): Promise<Group[]> {
  const groups = await db.transitionRow.groupBy({
    by: ['cohortYear', 'originTrack', 'destinationSector'],
    where,
    _sum: { started: true, enrolledAfterYear1: true, switched: true, droppedOut: true, diplomaNominal: true },
  })
  return groups.map((g) => ({
    cohortYear: g.cohortYear,
    originTrack: g.originTrack,
    destinationSector: g.destinationSector,
    sum: { started: g._sum.started ?? 0, enrolledAfterYear1: g._sum.enrolledAfterYear1 ?? 0, switched: g._sum.switched ?? 0, droppedOut: g._sum.droppedOut ?? 0, diplomaNominal: g._sum.diplomaNominal ?? 0 },
  }))
}

export type Indicator = {
  cohortYear: number
  track: OriginTrack
  started: Masked
  enrolledPct: Masked | null
  switchedPct: Masked | null
  droppedOutPct: Masked | null
  diplomaPct: Masked | null
}

const trackOrder = (a: OriginTrack, b: OriginTrack) => ORIGIN_TRACKS.indexOf(a) - ORIGIN_TRACKS.indexOf(b)
const destOrder = (a: Destination, b: Destination) => DESTINATIONS.indexOf(a) - DESTINATIONS.indexOf(b)

/** Flow table and indicators of aggregated groups; masked unless the viewer owns the figures. */
export function buildReport(groups: Group[], masked: boolean, cohortYear?: number) {
  const cfg = disclosure()
  const cohorts = [...new Set(groups.map((g) => g.cohortYear))].sort((a, b) => a - b)
  const year = cohortYear !== undefined && cohorts.includes(cohortYear) ? cohortYear : (cohorts.at(-1) ?? null)
  const pct = (part: number, base: number) => (masked ? maskPercent(part, base, cfg) : percent(part, base))

  const byTrack = new Map<string, { cohortYear: number; track: OriginTrack; sum: Sums }>()
  for (const g of groups) {
    const k = `${g.cohortYear}|${g.originTrack}`
    const cur = byTrack.get(k) ?? { cohortYear: g.cohortYear, track: g.originTrack, sum: { started: 0, enrolledAfterYear1: 0, switched: 0, droppedOut: 0, diplomaNominal: 0 } }
    for (const f of Object.keys(cur.sum) as (keyof Sums)[]) cur.sum[f] += g.sum[f]
    byTrack.set(k, cur)
  }
  const current = groups.filter((g) => g.cohortYear === year).sort((a, b) => trackOrder(a.originTrack, b.originTrack) || destOrder(a.destinationSector, b.destinationSector))
  const raw = crossTable(current.map((g) => ({ row: g.originTrack, col: g.destinationSector, value: g.sum.started })))
  const flow: CrossTable<OriginTrack, Destination, Masked> = masked ? maskCrossTable(raw, cfg) : raw
  const startedOf = (cy: number, track: OriginTrack, n: number): Masked => (cy === year ? flow.rowTotals.find((r) => r.key === track)!.value : masked ? maskCount(n, cfg) : n)

  const indicators: Indicator[] = [...byTrack.values()]
    .sort((a, b) => a.cohortYear - b.cohortYear || trackOrder(a.track, b.track))
    .map(({ cohortYear: cy, track, sum }) => ({
      cohortYear: cy,
      track,
      started: startedOf(cy, track, sum.started),
      enrolledPct: pct(sum.enrolledAfterYear1, sum.started),
      switchedPct: pct(sum.switched, sum.started),
      droppedOutPct: pct(sum.droppedOut, sum.started),
      diplomaPct: pct(sum.diplomaNominal, sum.started),
    }))
  return { masked, threshold: cfg.threshold, minPercent: cfg.minPercent, maxPercent: cfg.maxPercent, cohorts, cohortYear: year, flow, indicators }
}

const regionRows = (regionId: string): Prisma.TransitionRowWhereInput => ({ dataset: { sharing: 'REGION', regionId } })

/**
 * The report of one dataset (raw for its owner, suppressed for partners) with the region average next to it, or of
 * everything shared with a region (always suppressed).
 */
export async function report(db: Db, actor: Actor, input: z.infer<typeof ZReportInput>) {
  if (input.regionId) {
    if (!holdsAction(actor, 'transitions.read') || !canReadRegion(actor, input.regionId)) throw forbidden()
    const region = await db.region.findUnique({ where: { id: input.regionId }, select: { id: true, name: true } })
    if (!region) throw notFound()
    return { subject: { kind: 'region' as const, name: region.name }, ...buildReport(await aggregate(db, regionRows(region.id)), true, input.cohortYear), region: null }
  }
  const ds = await loadDataset(db, input.datasetId!)
  if (!canView(actor, ds)) throw forbidden()
  const own = buildReport(await aggregate(db, { datasetId: ds.id }), !isOwner(actor, ds), input.cohortYear)
  const regionId = ds.regionId ?? ds.organisation.regions[0]?.regionId
  const regionName = ds.region?.name ?? ds.organisation.regions[0]?.region.name
  const region =
    regionId && canReadRegion(actor, regionId)
      ? { id: regionId, name: regionName!, ...buildReport(await aggregate(db, regionRows(regionId)), true, own.cohortYear ?? undefined) }
      : null
  return {
    subject: { kind: 'dataset' as const, name: `${ds.organisation.name} — ${ds.description}` },
    ...own,
    region: region ? { id: region.id, name: region.name, cohortYear: region.cohortYear, indicators: region.indicators } : null,
  }
}
export type Report = Awaited<ReturnType<typeof report>>
