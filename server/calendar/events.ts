/**
 * Calendar workflow: create (one date or a weekly series), edit, propose to regions, publish/reject per region,
 * cancel. Every transition is one transaction with its audit entry; e-mails go out after the commit.
 */
import { randomUUID } from 'node:crypto'
import type { Db, DbTx, Prisma } from '../db/client.ts'
import type { CalendarEventStatus, CalendarRegionDecision } from '../db/generated/enums.ts'
import { audit } from '../db/audit.ts'
import { actionScope, authorize, can, canReadRegion, type Actor } from '../auth/policy.ts'
import { forbidden, invalid, notFound } from '../lib/errors.ts'
import { addLocalDays, eventTimes, localDayDiff, weeklyDates } from './time.ts'
import type { CreateEventInput, EventFieldsInput, UpdateEventInput } from './schema.ts'
import { findConflicts, type Conflict } from './query.ts'
import { notify } from '../notifications/notify.ts'
import { approvableIn, assertRegionsOfOrganisers, changesBetween, contentData, contentOf, mayConsentFor, organiserNames, parseContent, setOrganisers, type ContentChange, type EventContent } from './revisions.ts'

export const eventInclude = {
  organisers: { include: { organisation: { select: { id: true, name: true, sector: true } } } },
  regions: { include: { region: { select: { id: true, name: true, slug: true } } }, orderBy: { regionId: 'asc' } },
  invitations: { select: { organisationId: true, createdAt: true, organisation: { select: { name: true } } } },
  revision: true,
} satisfies Prisma.CalendarEventInclude

export type LoadedEvent = Prisma.CalendarEventGetPayload<{ include: typeof eventInclude }>

/** The event's overall status from its own state and the regions' decisions. */
export function summariseStatus(current: CalendarEventStatus, decisions: CalendarRegionDecision[]): CalendarEventStatus {
  if (current === 'CANCELLED' || current === 'DRAFT') return current
  if (decisions.includes('PUBLISHED')) return 'PUBLISHED'
  if (decisions.includes('PENDING')) return 'PROPOSED'
  return 'REJECTED'
}

const regionIdsOf = (ev: { regions: { regionId: string }[] }) => ev.regions.map((r) => r.regionId)
const organisationIdsOf = (ev: { organisers: { organisationId: string }[] }) => ev.organisers.map((o) => o.organisationId)

/** Staff of an organising organisation, or a coordinator of every region the event is shared with (or an admin). */
export function mayEdit(actor: Actor, ev: { organisers: { organisationId: string }[]; regions: { regionId: string }[] }): boolean {
  const regionIds = regionIdsOf(ev)
  const coordinatesAll = regionIds.length > 0 && regionIds.every((r) => can(actor, 'calendar.propose', { regionIds: [r] }))
  return coordinatesAll || ev.organisers.some((o) => can(actor, 'calendar.propose', { organisationId: o.organisationId }))
}

/**
 * Who proposes an event to its regions: the staff of an organising organisation or its author. A coordinator
 * who reviews a school's event edits it when needed but does not propose it to themselves (after a rejection
 * the school decides whether to propose it again).
 */
export function mayPropose(actor: Actor, ev: { createdById: string | null; organisers: { organisationId: string }[] }): boolean {
  return ev.createdById === actor.userId || ev.organisers.some((o) => can(actor, 'calendar.propose', { organisationId: o.organisationId }))
}

/** Regions of the event in which the actor may publish or reject. */
export function approvableRegions(actor: Actor, ev: { regions: { regionId: string }[] }): string[] {
  return regionIdsOf(ev).filter((regionId) => can(actor, 'calendar.approve', { regionIds: [regionId] }))
}

/** Who may see a (not necessarily published) event: its editors, its approvers, and region readers once published. */
export function mayView(actor: Actor, ev: LoadedEvent): boolean {
  if (mayEdit(actor, ev)) return true
  // An invited organisation's staff see what they are asked to co-organise.
  if (ev.status !== 'CANCELLED' && ev.invitations.some((i) => can(actor, 'calendar.propose', { organisationId: i.organisationId }))) return true
  if (ev.status !== 'DRAFT' && approvableRegions(actor, ev).length) return true
  return ev.regions.some((r) => r.decision === 'PUBLISHED' && canReadRegion(actor, r.regionId))
}

async function loadEvent(tx: DbTx, id: string): Promise<LoadedEvent> {
  const ev = await tx.calendarEvent.findUnique({ where: { id }, include: eventInclude })
  if (!ev) throw notFound()
  return ev
}

function assertEditable(actor: Actor, ev: LoadedEvent) {
  if (!mayEdit(actor, ev)) throw forbidden()
  if (ev.status === 'CANCELLED') throw invalid('calendar.errors.cancelled')
}

/**
 * Checks the organisers and regions exist and that the actor may act for at least one organiser (or coordinates
 * every chosen region). Returns the requested organisations (in the order asked) with the regions they take part
 * in; which of them become organisers at once and whether those cover the regions is decided by the caller.
 */
async function checkReferences(tx: DbTx, actor: Actor, input: Pick<EventFieldsInput, 'organiserIds' | 'regionIds'>) {
  const organiserIds = [...new Set(input.organiserIds)]
  const regionIds = [...new Set(input.regionIds)]
  // One after the other: a transaction's single connection must not be asked to run two queries at once.
  const orgs = await tx.organisation.findMany({ where: { id: { in: organiserIds } }, select: { id: true, regions: { select: { regionId: true } } } })
  const regions = await tx.region.findMany({ where: { id: { in: regionIds } }, select: { id: true } })
  if (orgs.length !== organiserIds.length) throw invalid('calendar.errors.unknownOrganisation')
  if (regions.length !== regionIds.length) throw invalid('calendar.errors.unknownRegion')
  const actsForOrganiser = orgs.some((o) => can(actor, 'calendar.propose', { organisationId: o.id }))
  const coordinatesAll = regionIds.every((r) => can(actor, 'calendar.propose', { regionIds: [r] }))
  if (!actsForOrganiser && !coordinatesAll) throw forbidden()
  const byId = new Map(orgs.map((o) => [o.id, { id: o.id, regionIds: o.regions.map((r) => r.regionId) }]))
  return { organisations: organiserIds.map((id) => byId.get(id)!), regionIds }
}

/** Server-side re-check of the times (the schema checks them too): nothing is written with end before start. */
function timesOf(input: EventFieldsInput) {
  const t = eventTimes(input)
  if (t.endsAt <= t.startsAt) throw invalid('calendar.errors.endBeforeStart')
  return t
}

function eventData(input: EventFieldsInput) {
  return {
    title: input.title,
    description: input.description,
    type: input.type,
    allDay: input.allDay,
    audienceLevels: [...new Set(input.audienceLevels)],
    schoolYears: [...new Set(input.schoolYears)].sort(),
    locationAddress: input.locationAddress ?? null,
    onlineUrl: input.onlineUrl ?? null,
    capacity: input.capacity ?? null,
    registrationUrl: input.registrationUrl ?? null,
    attachments: input.attachments,
  }
}

const auditTenant = (ev: { organisers: { organisationId: string }[]; regions: { regionId: string }[] }) => ({
  regionId: ev.regions[0]?.regionId ?? null,
  organisationId: ev.organisers[0]?.organisationId ?? null,
})

/** Creates a draft, or a weekly series of drafts sharing a seriesId (each date its own event). */
export async function createEvent(db: Db, actor: Actor, input: CreateEventInput) {
  const { repeatWeeklyUntil, ...fields } = input
  timesOf(fields)
  const dates = weeklyDates(fields.startDate, repeatWeeklyUntil)
  const span = localDayDiff(fields.startDate, fields.endDate)
  return db.$transaction(async (tx) => {
    const { organisations, regionIds } = await checkReferences(tx, actor, fields)
    const organiserIds = organisations.filter((o) => mayConsentFor(actor, o, regionIds)).map((o) => o.id)
    if (!organiserIds.length) throw invalid('calendar.errors.organiserConsent')
    await assertRegionsOfOrganisers(tx, organiserIds, regionIds)
    const invited = organisations.map((o) => o.id).filter((o) => !organiserIds.includes(o))
    const seriesId = dates.length > 1 ? randomUUID() : null
    const ids: string[] = []
    for (const startDate of dates) {
      const times = eventTimes({ ...fields, startDate, endDate: addLocalDays(startDate, span) })
      const ev = await tx.calendarEvent.create({
        data: {
          ...eventData(fields),
          ...times,
          seriesId,
          createdById: actor.userId,
          organisers: { create: organiserIds.map((organisationId) => ({ organisationId })) },
          regions: { create: regionIds.map((regionId) => ({ regionId })) },
          invitations: { create: invited.map((organisationId) => ({ organisationId })) },
        },
        include: eventInclude,
      })
      await audit(tx, actor, { action: 'calendar.create', entityType: 'CalendarEvent', entityId: ev.id, ...auditTenant(ev), after: ev })
      for (const organisationId of invited) await auditInvite(tx, actor, ev, organisationId)
      ids.push(ev.id)
    }
    return { ids, seriesId }
  })
}

async function auditInvite(tx: DbTx, actor: Actor, ev: LoadedEvent, organisationId: string) {
  await audit(tx, actor, { action: 'calendar.organiser.invite', entityType: 'CalendarEvent', entityId: ev.id, regionId: ev.regions[0]?.regionId ?? null, organisationId, after: { organisationId } })
}

/** Regions where the event is public (decision PUBLISHED). */
const publishedRegionIds = (regions: { regionId: string; decision: CalendarRegionDecision }[]) => regions.filter((r) => r.decision === 'PUBLISHED').map((r) => r.regionId)

/**
 * Writes a content to the event (the approved version from now on): fields, organisers, SEQUENCE bumped once the
 * event left draft. Drops a pending revision, which this content replaces.
 */
async function applyContent(tx: DbTx, before: LoadedEvent, content: EventContent, extra: { capacity?: number | null } = {}) {
  await setOrganisers(tx, before.id, content.organiserIds)
  await tx.calendarEventRevision.deleteMany({ where: { eventId: before.id } })
  const decisions = (await tx.calendarEventRegion.findMany({ where: { eventId: before.id }, select: { decision: true } })).map((r) => r.decision)
  return tx.calendarEvent.update({
    where: { id: before.id },
    data: {
      ...contentData(content),
      ...extra,
      status: summariseStatus(before.status, decisions),
      sequence: before.status === 'DRAFT' ? before.sequence : before.sequence + 1,
    },
    include: eventInclude,
  })
}

const movedBetween = (a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }) =>
  a.startsAt.getTime() !== b.startsAt.getTime() || a.endsAt.getTime() !== b.endsAt.getTime()

/**
 * Edits an event. Regions change at once (a new region reviews the event). Organisations the actor may not speak
 * for are invited, not added. A substantive change of an event published somewhere goes live only when the actor
 * may publish in every region where it is published; otherwise it becomes the event's pending revision and the
 * approved version stays public (see revisions.ts). After it left draft every applied change bumps SEQUENCE;
 * moving a published event e-mails the other organisers and returns the audience conflicts at the new time.
 */
export async function updateEvent(db: Db, actor: Actor, input: UpdateEventInput) {
  const { id, ...fields } = input
  const times = timesOf(fields)
  const result = await db.$transaction(async (tx) => {
    const before = await loadEvent(tx, id)
    assertEditable(actor, before)
    const { organisations, regionIds } = await checkReferences(tx, actor, fields)
    const current = before.organisers.map((o) => o.organisationId)
    const organiserIds = organisations.filter((o) => current.includes(o.id) || mayConsentFor(actor, o, regionIds)).map((o) => o.id)
    if (!organiserIds.length) throw invalid('calendar.errors.organiserConsent')
    // The regions must be the organisers' once this edit applies (newly invited organisations do not count).
    await assertRegionsOfOrganisers(tx, organiserIds, regionIds)
    const invited = organisations.map((o) => o.id).filter((o) => !organiserIds.includes(o))
    // Invitations: new ones for organisations not asked yet; withdrawn for those no longer wanted or now added.
    await tx.calendarOrganiserInvitation.deleteMany({ where: { eventId: id, organisationId: { notIn: invited } } })
    const asked = new Set(before.invitations.map((i) => i.organisationId))
    await tx.calendarOrganiserInvitation.createMany({ data: invited.map((organisationId) => ({ eventId: id, organisationId })), skipDuplicates: true })
    for (const o of invited.filter((o) => !asked.has(o))) await auditInvite(tx, actor, before, o)
    // Regions keep their decision; newly added ones wait for their coordinator (pending once proposed).
    await tx.calendarEventRegion.deleteMany({ where: { eventId: id, regionId: { notIn: regionIds } } })
    await tx.calendarEventRegion.createMany({ data: regionIds.map((regionId) => ({ eventId: id, regionId })), skipDuplicates: true })
    const regions = await tx.calendarEventRegion.findMany({ where: { eventId: id }, select: { regionId: true, decision: true } })

    const approved = contentOf(before, current)
    const proposed = contentOf({ ...eventData(fields), ...times }, organiserIds)
    const changes = changesBetween(approved, proposed)
    const published = publishedRegionIds(regions)
    const mayPublishAll = approvableIn(actor, published).length === published.length
    if (changes.length && published.length && before.status === 'PUBLISHED' && !mayPublishAll) {
      // Stays as it was in public; the edit waits for the coordinators of the regions where it is published.
      // The regions change now, while the organisers stay as they are until then: they must take part in them too.
      await assertRegionsOfOrganisers(tx, current, regionIds)
      const revision = { content: proposed as unknown as Prisma.InputJsonValue, status: 'PENDING' as const, approvedRegionIds: approvableIn(actor, published), rejectReason: null }
      await tx.calendarEventRevision.upsert({ where: { eventId: id }, create: { eventId: id, ...revision }, update: revision })
      const after = await tx.calendarEvent.update({ where: { id }, data: { capacity: fields.capacity ?? null }, include: eventInclude })
      await audit(tx, actor, { action: 'calendar.revise', entityType: 'CalendarEvent', entityId: id, ...auditTenant(after), before: approved, after: proposed })
      return { before, after, moved: false, revised: true }
    }
    const after = await applyContent(tx, before, proposed, { capacity: fields.capacity ?? null })
    const moved = movedBetween(before, after)
    await audit(tx, actor, { action: moved ? 'calendar.move' : 'calendar.update', entityType: 'CalendarEvent', entityId: id, ...auditTenant(after), before, after })
    if (moved && before.status === 'PUBLISHED') await notify(tx, { kind: 'calendar.moved', eventId: id, title: after.title, startsAt: after.startsAt, organisationIds: organisationIdsOf(after), sequence: after.sequence, actorId: actor.userId })
    return { before, after, moved, revised: false }
  })
  const conflicts = result.moved && result.after.status !== 'DRAFT' ? await findConflicts(db, result.after) : []
  return { event: result.after, conflicts, revised: result.revised }
}

/**
 * A region's coordinator approves the pending revision for their region; once every region where the event is
 * published approved it, it becomes the event (and the other organisers hear of a new time).
 */
export async function approveRevision(db: Db, actor: Actor, input: { id: string; regionId: string }) {
  authorize(actor, 'calendar.approve', { regionIds: [input.regionId] })
  const result = await db.$transaction(async (tx) => {
    const before = await loadEvent(tx, input.id)
    const rev = before.revision
    if (!rev || rev.status !== 'PENDING') throw invalid('calendar.errors.noPendingRevision')
    const published = publishedRegionIds(before.regions)
    if (!published.includes(input.regionId)) throw invalid('calendar.errors.notSharedWithRegion')
    if (before.status === 'CANCELLED') throw invalid('calendar.errors.cancelled')
    const approvedRegionIds = [...new Set([...rev.approvedRegionIds, input.regionId])]
    const tenant = { regionId: input.regionId, organisationId: before.organisers[0]?.organisationId ?? null }
    if (!published.every((r) => approvedRegionIds.includes(r))) {
      await tx.calendarEventRevision.update({ where: { eventId: input.id }, data: { approvedRegionIds } })
      await audit(tx, actor, { action: 'calendar.revision.approve', entityType: 'CalendarEvent', entityId: input.id, ...tenant, after: { approvedRegionIds } })
      return { before, after: await loadEvent(tx, input.id), applied: false }
    }
    const content = parseContent(rev.content)
    const after = await applyContent(tx, before, content)
    await audit(tx, actor, { action: 'calendar.revision.apply', entityType: 'CalendarEvent', entityId: input.id, ...tenant, before: contentOf(before, before.organisers.map((o) => o.organisationId)), after: content })
    if (movedBetween(before, after)) await notify(tx, { kind: 'calendar.moved', eventId: input.id, title: after.title, startsAt: after.startsAt, organisationIds: organisationIdsOf(after), sequence: after.sequence, actorId: actor.userId })
    return { before, after, applied: true }
  })
  return { event: result.after, applied: result.applied }
}

/** A region's coordinator rejects the pending revision with a reason: the approved version stays. */
export async function rejectRevision(db: Db, actor: Actor, input: { id: string; regionId: string; reason: string }) {
  authorize(actor, 'calendar.approve', { regionIds: [input.regionId] })
  return db.$transaction(async (tx) => {
    const before = await loadEvent(tx, input.id)
    if (!before.revision || before.revision.status !== 'PENDING') throw invalid('calendar.errors.noPendingRevision')
    if (!publishedRegionIds(before.regions).includes(input.regionId)) throw invalid('calendar.errors.notSharedWithRegion')
    await tx.calendarEventRevision.update({ where: { eventId: input.id }, data: { status: 'REJECTED', rejectReason: input.reason, approvedRegionIds: [] } })
    await audit(tx, actor, {
      action: 'calendar.revision.reject',
      entityType: 'CalendarEvent',
      entityId: input.id,
      regionId: input.regionId,
      organisationId: before.organisers[0]?.organisationId ?? null,
      after: { reason: input.reason },
    })
    return loadEvent(tx, input.id)
  })
}

/**
 * The invited organisation's staff accept or decline being co-organiser. Accepting a published event is itself
 * a substantive change: it joins the pending revision unless the actor may publish everywhere it is published.
 */
export async function respondToInvitation(db: Db, actor: Actor, input: { id: string; organisationId: string; accept: boolean }) {
  authorize(actor, 'calendar.propose', { organisationId: input.organisationId })
  return db.$transaction(async (tx) => {
    const ev = await loadEvent(tx, input.id)
    if (!ev.invitations.some((i) => i.organisationId === input.organisationId)) throw notFound()
    if (ev.status === 'CANCELLED') throw invalid('calendar.errors.cancelled')
    await tx.calendarOrganiserInvitation.delete({ where: { eventId_organisationId: { eventId: input.id, organisationId: input.organisationId } } })
    const tenant = { regionId: ev.regions[0]?.regionId ?? null, organisationId: input.organisationId }
    await audit(tx, actor, { action: input.accept ? 'calendar.organiser.accept' : 'calendar.organiser.decline', entityType: 'CalendarEvent', entityId: input.id, ...tenant, after: { organisationId: input.organisationId } })
    if (!input.accept) return { accepted: false, revised: false }
    const published = publishedRegionIds(ev.regions)
    if (ev.status === 'PUBLISHED' && published.length && approvableIn(actor, published).length < published.length) {
      const base = ev.revision?.status === 'PENDING' ? parseContent(ev.revision.content) : contentOf(ev, ev.organisers.map((o) => o.organisationId))
      const content = { ...base, organiserIds: [...new Set([...base.organiserIds, input.organisationId])].sort() }
      const revision = { content: content as unknown as Prisma.InputJsonValue, status: 'PENDING' as const, approvedRegionIds: [], rejectReason: null }
      await tx.calendarEventRevision.upsert({ where: { eventId: input.id }, create: { eventId: input.id, ...revision }, update: revision })
      return { accepted: true, revised: true }
    }
    await tx.calendarEventOrganiser.create({ data: { eventId: input.id, organisationId: input.organisationId } })
    if (ev.status !== 'DRAFT') await tx.calendarEvent.update({ where: { id: input.id }, data: { sequence: ev.sequence + 1 } })
    return { accepted: true, revised: false }
  })
}

/** Open invitations to co-organise, for the organisations the actor acts for. */
export async function listInvitations(db: Db, actor: Actor) {
  const scope = actionScope(actor, 'calendar.propose')
  if (!scope.all && !scope.organisationIds.length) return []
  return db.calendarOrganiserInvitation.findMany({
    where: { ...(scope.all ? {} : { organisationId: { in: scope.organisationIds } }), event: { status: { not: 'CANCELLED' } } },
    select: {
      organisationId: true,
      organisation: { select: { name: true } },
      event: { select: { id: true, title: true, startsAt: true, organisers: { select: { organisation: { select: { name: true } } } } } },
    },
    orderBy: { createdAt: 'asc' },
    take: 100,
  })
}

export type RevisionView = { status: 'PENDING' | 'REJECTED'; rejectReason: string | null; approvedRegionIds: string[]; changes: ContentChange[]; organiserNames: Record<string, string> }

/** The pending (or rejected) revision of an event as changes against the approved version. */
async function revisionView(tx: DbTx, ev: LoadedEvent): Promise<RevisionView | null> {
  if (!ev.revision) return null
  const changes = changesBetween(contentOf(ev, ev.organisers.map((o) => o.organisationId)), parseContent(ev.revision.content))
  return { status: ev.revision.status, rejectReason: ev.revision.rejectReason, approvedRegionIds: ev.revision.approvedRegionIds, changes, organiserNames: await organiserNames(tx, changes) }
}

/** Regions in which the actor can still approve or reject the event's pending revision. */
function revisionRegions(actor: Actor, ev: LoadedEvent): string[] {
  if (ev.revision?.status !== 'PENDING' || ev.status === 'CANCELLED') return []
  return approvableIn(actor, publishedRegionIds(ev.regions)).filter((r) => !ev.revision!.approvedRegionIds.includes(r))
}

/** Draft (or rejected) → proposed to its regions. Returns the audience conflicts to warn the proposer. */
export async function proposeEvent(db: Db, actor: Actor, id: string) {
  const ev = await db.$transaction(async (tx) => {
    const before = await loadEvent(tx, id)
    assertEditable(actor, before)
    if (!mayPropose(actor, before)) throw forbidden()
    if (before.status !== 'DRAFT' && before.status !== 'REJECTED') throw invalid('calendar.errors.notProposable')
    await tx.calendarEventRegion.updateMany({ where: { eventId: id, decision: 'REJECTED' }, data: { decision: 'PENDING', rejectReason: null, decidedAt: null, decidedById: null } })
    const decisions = (await tx.calendarEventRegion.findMany({ where: { eventId: id }, select: { decision: true } })).map((r) => r.decision)
    const after = await tx.calendarEvent.update({ where: { id }, data: { status: summariseStatus('PROPOSED', decisions) }, include: eventInclude })
    await audit(tx, actor, { action: 'calendar.propose', entityType: 'CalendarEvent', entityId: id, ...auditTenant(after), before: { status: before.status }, after: { status: after.status } })
    await notify(tx, { kind: 'calendar.proposed', eventId: id, title: after.title, regionIds: after.regions.filter((r) => r.decision === 'PENDING').map((r) => r.regionId), actorId: actor.userId })
    return after
  })
  return { event: ev, conflicts: await findConflicts(db, ev) }
}

/** Records a region's decision; only that region's coordinator (or an admin) decides. */
async function decide(db: Db, actor: Actor, input: { id: string; regionId: string; reason?: string }, decision: 'PUBLISHED' | 'REJECTED') {
  authorize(actor, 'calendar.approve', { regionIds: [input.regionId] })
  return db.$transaction(async (tx) => decideIn(tx, actor, await loadEvent(tx, input.id), input, decision))
}

/** One region's decision on a loaded event, with its audit entry (inside the caller's transaction). */
async function decideIn(tx: DbTx, actor: Actor, before: LoadedEvent, input: { id: string; regionId: string; reason?: string }, decision: 'PUBLISHED' | 'REJECTED') {
  const row = before.regions.find((r) => r.regionId === input.regionId)
  if (!row) throw invalid('calendar.errors.notSharedWithRegion')
  if (before.status === 'CANCELLED') throw invalid('calendar.errors.cancelled')
  // A draft is its author's own work: a coordinator publishes a draft directly only when they wrote it.
  if (before.status === 'DRAFT' && (decision === 'REJECTED' || before.createdById !== actor.userId)) throw invalid('calendar.errors.notProposed')
  if (decision === 'REJECTED' && row.decision !== 'PENDING') throw invalid('calendar.errors.notPending')
  if (decision === 'PUBLISHED' && row.decision === 'PUBLISHED') throw invalid('calendar.errors.alreadyPublished')
  await tx.calendarEventRegion.update({
    where: { eventId_regionId: { eventId: input.id, regionId: input.regionId } },
    data: { decision, rejectReason: decision === 'REJECTED' ? input.reason! : null, decidedById: actor.userId, decidedAt: new Date() },
  })
  const decisions = before.regions.map((r) => (r.regionId === input.regionId ? decision : r.decision))
  const after = await tx.calendarEvent.update({
    where: { id: input.id },
    data: { status: summariseStatus(before.status === 'DRAFT' ? 'PROPOSED' : before.status, decisions) },
    include: eventInclude,
  })
  await audit(tx, actor, {
    action: decision === 'PUBLISHED' ? 'calendar.publish' : 'calendar.reject',
    entityType: 'CalendarEvent',
    entityId: input.id,
    regionId: input.regionId,
    organisationId: after.organisers[0]?.organisationId ?? null,
    before: { status: before.status, decision: row.decision },
    after: { status: after.status, decision, reason: input.reason },
  })
  const decided = { eventId: input.id, title: after.title, regionName: row.region.name, organisationIds: organisationIdsOf(after), actorId: actor.userId }
  await notify(tx, decision === 'PUBLISHED' ? { kind: 'calendar.published', ...decided } : { kind: 'calendar.rejected', ...decided, reason: input.reason ?? '' })
  return after
}

/** Whether the actor can publish the event in the region now (proposed and waiting there, or their own draft). */
const publishableIn = (actor: Actor, ev: LoadedEvent, regionId: string) =>
  ev.status !== 'CANCELLED' &&
  (ev.status !== 'DRAFT' || ev.createdById === actor.userId) &&
  ev.regions.some((r) => r.regionId === regionId && r.decision === 'PENDING')

/**
 * Publishes every date of the event's weekly series that waits in the region (the event itself included) in one
 * transaction, each with its own audit entry. Dates already published, rejected, cancelled or someone else's
 * unproposed drafts are left as they are. Returns how many were published.
 */
export async function publishSeries(db: Db, actor: Actor, input: { id: string; regionId: string }) {
  authorize(actor, 'calendar.approve', { regionIds: [input.regionId] })
  return db.$transaction(async (tx) => {
    const ev = await loadEvent(tx, input.id)
    if (!ev.regions.some((r) => r.regionId === input.regionId)) throw invalid('calendar.errors.notSharedWithRegion')
    if (!ev.seriesId) throw invalid('calendar.errors.notASeries')
    const dates = await tx.calendarEvent.findMany({ where: { seriesId: ev.seriesId }, include: eventInclude, orderBy: [{ startsAt: 'asc' }, { id: 'asc' }] })
    const todo = dates.filter((d) => publishableIn(actor, d, input.regionId))
    if (!todo.length) throw invalid('calendar.errors.notPending')
    for (const d of todo) await decideIn(tx, actor, d, { id: d.id, regionId: input.regionId }, 'PUBLISHED')
    return { published: todo.length }
  })
}

/** For each region the actor may publish this event in: how many dates of its series would be published at once. */
async function seriesPublishable(db: Db, actor: Actor, ev: LoadedEvent, regionIds: string[]): Promise<Record<string, number>> {
  if (!ev.seriesId || !regionIds.length) return {}
  const dates = await db.calendarEvent.findMany({ where: { seriesId: ev.seriesId }, include: eventInclude })
  return Object.fromEntries(regionIds.map((r) => [r, dates.filter((d) => publishableIn(actor, d, r)).length]))
}

export const publishEvent = (db: Db, actor: Actor, input: { id: string; regionId: string }) => decide(db, actor, input, 'PUBLISHED')
export const rejectEvent = (db: Db, actor: Actor, input: { id: string; regionId: string; reason: string }) => decide(db, actor, input, 'REJECTED')

/** Cancels an event: it stays visible (and in feeds) as cancelled, with SEQUENCE bumped. */
export async function cancelEvent(db: Db, actor: Actor, id: string) {
  return db.$transaction(async (tx) => {
    const before = await loadEvent(tx, id)
    assertEditable(actor, before)
    await tx.calendarEventRevision.deleteMany({ where: { eventId: id } })
    await tx.calendarOrganiserInvitation.deleteMany({ where: { eventId: id } })
    const after = await tx.calendarEvent.update({
      where: { id },
      data: { status: 'CANCELLED', cancelledAt: new Date(), sequence: before.sequence + 1 },
      include: eventInclude,
    })
    await audit(tx, actor, { action: 'calendar.cancel', entityType: 'CalendarEvent', entityId: id, ...auditTenant(after), before: { status: before.status }, after: { status: after.status } })
    if (before.status !== 'DRAFT') await notify(tx, { kind: 'calendar.cancelled', eventId: id, title: after.title, organisationIds: organisationIdsOf(after), actorId: actor.userId })
    return after
  })
}

export type EventDetail = Omit<LoadedEvent, 'revision'> & {
  canEdit: boolean
  /** Editors who propose it (its organisations' staff or its author; not a reviewing coordinator). */
  canPropose: boolean
  /** Per region the actor may publish in: how many dates of the series wait there (series only, ≥ 2 offered). */
  seriesPending: Record<string, number>
  /** Open co-organiser invitations the actor answers for their organisation. */
  myInvitations: { organisationId: string; name: string }[]
  approvableRegionIds: string[]
  conflicts: Conflict[]
  /** Editors and approvers only: the pending or rejected revision as changes; regions where the actor decides it. */
  revision: RevisionView | null
  revisionRegionIds: string[]
  /** Editors: the content to edit (the pending revision's, else the approved). */
  editContent: EventContent | null
}

/** One event with what the actor may do with it, and its audience conflicts (for proposers and approvers). */
export async function getEvent(db: Db, actor: Actor, id: string): Promise<EventDetail> {
  const ev = await loadEvent(db, id)
  if (!mayView(actor, ev)) throw forbidden()
  const canEdit = mayEdit(actor, ev) && ev.status !== 'CANCELLED'
  // Regions where the actor can still decide: not yet published there, and a draft only when it is their own.
  const decidable = ev.status !== 'CANCELLED' && (ev.status !== 'DRAFT' || ev.createdById === actor.userId)
  const approvableRegionIds = decidable ? approvableRegions(actor, ev).filter((r) => ev.regions.find((x) => x.regionId === r)?.decision !== 'PUBLISHED') : []
  const conflicts = ev.status === 'CANCELLED' || (!canEdit && !approvableRegionIds.length) ? [] : await findConflicts(db, ev)
  const revisionRegionIds = revisionRegions(actor, ev)
  const seesRevision = canEdit || approvableRegions(actor, ev).length > 0
  const editContent = canEdit ? (ev.revision ? parseContent(ev.revision.content) : contentOf(ev, ev.organisers.map((o) => o.organisationId))) : null
  const canPropose = canEdit && mayPropose(actor, ev) && (ev.status === 'DRAFT' || ev.status === 'REJECTED')
  const myInvitations = ev.status === 'CANCELLED' ? [] : ev.invitations.filter((i) => can(actor, 'calendar.propose', { organisationId: i.organisationId })).map((i) => ({ organisationId: i.organisationId, name: i.organisation.name }))
  const seriesPending = await seriesPublishable(db, actor, ev, approvableRegionIds)
  return { ...ev, canEdit, canPropose, seriesPending, myInvitations, approvableRegionIds, conflicts, revision: seesRevision ? await revisionView(db, ev) : null, revisionRegionIds, editContent }
}

/** The actor's own work: events they created or that their organisations organise (any status). */
export async function listMyEvents(db: Db, actor: Actor) {
  const orgIds = actor.memberships.flatMap((m) => (m.organisationId ? [m.organisationId] : []))
  return db.calendarEvent.findMany({
    where: {
      OR: [{ createdById: actor.userId }, { organisers: { some: { organisationId: { in: orgIds } } } }],
      endsAt: { gte: new Date(Date.now() - 30 * 86_400_000) },
    },
    include: eventInclude,
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    take: 200,
  })
}

/** The approval queue: events waiting for a decision in a region the actor coordinates, with their conflicts. */
export async function listPendingEvents(db: Db, actor: Actor) {
  const scope = actionScope(actor, 'calendar.approve')
  if (!scope.all && !scope.regionIds.length) throw forbidden()
  const pending: Prisma.CalendarEventRegionWhereInput = { decision: 'PENDING', ...(scope.all ? {} : { regionId: { in: scope.regionIds } }) }
  const inScope = scope.all ? {} : { regionId: { in: scope.regionIds } }
  const events = await db.calendarEvent.findMany({
    where: {
      status: { in: ['PROPOSED', 'PUBLISHED'] },
      OR: [{ regions: { some: pending } }, { revision: { status: 'PENDING' }, regions: { some: { decision: 'PUBLISHED', ...inScope } } }],
    },
    include: eventInclude,
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    take: 100,
  })
  const rows = await Promise.all(
    events.map(async (ev) => ({
      ...ev,
      approvableRegionIds: approvableRegions(actor, ev).filter((r) => ev.regions.find((x) => x.regionId === r)?.decision === 'PENDING'),
      revisionRegionIds: revisionRegions(actor, ev),
      revision: await revisionView(db, ev),
      conflicts: await findConflicts(db, ev),
    })),
  )
  return rows.filter((r) => r.approvableRegionIds.length || r.revisionRegionIds.length)
}
