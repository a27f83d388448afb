/**
 * An organisation joins a region only with consent. Taking part in a region gives that region's coordinator
 * reach over the organisation (edit it, invite its staff, its board's reporters), so a coordinator cannot simply
 * add another region's school to their own: they ask, and the organisation's side decides.
 *
 *   - Who asks: a coordinator of the target region (or a platform admin) — `requestRegionJoin`.
 *   - Who consents for the organisation: its own staff (ORG_STAFF, INSTITUTION_PUBLISHER), a coordinator of a
 *     region it already belongs to, or a platform admin (policy action `organisation.consentRegion`).
 *   - When the asker may consent as well (an admin; a coordinator of both regions), the organisation joins at once.
 *   - An organisation created by a coordinator starts in that coordinator's own regions without a request: it
 *     belonged to no region before, so no one else's consent is concerned. It can never drop its last region.
 *
 * Requests, decisions and joins are written to the audit log in the same transaction.
 */
import type { Db, DbTx, Prisma } from '../db/client.ts'
import { audit } from '../db/audit.ts'
import { authorize, can, scopeWhere, type Actor, type TenantPaths } from '../auth/policy.ts'
import { conflict, forbidden, notFound } from '../lib/errors.ts'
import type { DecideRegionJoinInput, RequestRegionJoinInput } from './schema.ts'

type OrgWithRegions = { id: string; regions: { regionId: string }[] }

/** May the actor consent, for this organisation, to it joining another region? */
export function mayConsentForOrganisation(actor: Actor, org: OrgWithRegions): boolean {
  return can(actor, 'organisation.consentRegion', { organisationId: org.id, regionIds: org.regions.map((r) => r.regionId) })
}

/** Adds the organisation to the region (the caller has checked consent), audited. */
export async function joinRegion(tx: DbTx, actor: Actor, organisationId: string, regionId: string, requestId?: string) {
  await tx.organisationRegion.create({ data: { organisationId, regionId } })
  await audit(tx, actor, {
    action: 'organisation.joinRegion',
    entityType: 'OrganisationRegion',
    entityId: `${organisationId}:${regionId}`,
    organisationId,
    regionId,
    before: { member: false },
    after: { member: true, ...(requestId ? { requestId } : {}) },
  })
}

/**
 * A coordinator asks to include an organisation (by id or BRIN) in their region. Returns `joined` when the actor
 * may consent for the organisation too, `pending` when the organisation's side has to decide, `member` when it
 * already takes part.
 */
export async function requestRegionJoin(db: Db, actor: Actor, input: RequestRegionJoinInput) {
  authorize(actor, 'organisation.manageRegions', { regionIds: [input.regionId] })
  return db.$transaction(async (tx) => {
    const [org, region] = await Promise.all([
      tx.organisation.findUnique({
        where: input.organisationId ? { id: input.organisationId } : { brin: input.brin! },
        select: { id: true, name: true, brin: true, regions: { select: { regionId: true } } },
      }),
      tx.region.findUnique({ where: { id: input.regionId }, select: { id: true } }),
    ])
    if (!org || !region) throw notFound()
    const organisation = { id: org.id, name: org.name, brin: org.brin }
    if (org.regions.some((r) => r.regionId === region.id)) return { status: 'member' as const, organisation }
    if (mayConsentForOrganisation(actor, org)) {
      await joinRegion(tx, actor, org.id, region.id)
      return { status: 'joined' as const, organisation }
    }
    const open = await tx.regionJoinRequest.findFirst({ where: { organisationId: org.id, regionId: region.id, status: 'PENDING' }, select: { id: true } })
    if (open) return { status: 'pending' as const, organisation, requestId: open.id }
    const req = await tx.regionJoinRequest.create({ data: { organisationId: org.id, regionId: region.id, requestedById: actor.userId } })
    await audit(tx, actor, {
      action: 'regionJoinRequest.create',
      entityType: 'RegionJoinRequest',
      entityId: req.id,
      organisationId: org.id,
      regionId: region.id,
      after: { status: req.status },
    })
    return { status: 'pending' as const, organisation, requestId: req.id }
  })
}

/** The organisation's side accepts (the organisation joins the region) or declines a pending request. */
export async function decideRegionJoin(db: Db, actor: Actor, input: DecideRegionJoinInput) {
  return db.$transaction(async (tx) => {
    const req = await tx.regionJoinRequest.findUnique({
      where: { id: input.requestId },
      include: { organisation: { select: { id: true, regions: { select: { regionId: true } } } } },
    })
    if (!req) throw notFound()
    if (!mayConsentForOrganisation(actor, req.organisation)) throw forbidden()
    const status = input.accept ? 'ACCEPTED' : 'DECLINED'
    // Conditional update: of two concurrent decisions only one finds the request still pending.
    const { count } = await tx.regionJoinRequest.updateMany({
      where: { id: req.id, status: 'PENDING' },
      data: { status, decidedById: actor.userId, decidedAt: new Date() },
    })
    if (count === 0) throw conflict('requestDecided')
    await audit(tx, actor, {
      action: input.accept ? 'regionJoinRequest.accept' : 'regionJoinRequest.decline',
      entityType: 'RegionJoinRequest',
      entityId: req.id,
      organisationId: req.organisationId,
      regionId: req.regionId,
      before: { status: 'PENDING' },
      after: { status },
    })
    const already = req.organisation.regions.some((r) => r.regionId === req.regionId)
    if (input.accept && !already) await joinRegion(tx, actor, req.organisationId, req.regionId, req.id)
    return { status }
  })
}

const byConsent: TenantPaths<Prisma.RegionJoinRequestWhereInput> = {
  region: (ids) => ({ organisation: { regions: { some: { regionId: { in: ids } } } } }),
  organisation: (ids) => ({ organisationId: { in: ids } }),
}
const byRequester: TenantPaths<Prisma.RegionJoinRequestWhereInput> = {
  region: (ids) => ({ regionId: { in: ids } }),
}

/**
 * Pending requests the actor is party to: those they may decide for an organisation (`canDecide`), and those
 * asked for a region they coordinate (waiting for the organisation's consent). Optionally for one organisation.
 */
export async function listRegionJoinRequests(db: Db, actor: Actor, input: { organisationId?: string }) {
  const rows = await db.regionJoinRequest.findMany({
    where: {
      status: 'PENDING',
      ...(input.organisationId ? { organisationId: input.organisationId } : {}),
      OR: [scopeWhere(actor, 'organisation.consentRegion', byConsent), scopeWhere(actor, 'organisation.manageRegions', byRequester)],
    },
    select: {
      id: true,
      createdAt: true,
      region: { select: { id: true, name: true } },
      organisation: { select: { id: true, name: true, brin: true, regions: { select: { regionId: true } } } },
      requestedBy: { select: { name: true } },
    },
    orderBy: { createdAt: 'asc' },
    take: 200,
  })
  return rows.map(({ organisation: { regions, ...organisation }, ...r }) => ({
    ...r,
    organisation,
    canDecide: mayConsentForOrganisation(actor, { id: organisation.id, regions }),
  }))
}
