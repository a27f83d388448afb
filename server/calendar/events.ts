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
import { notifyTimeChange } from './mail.ts'

export const eventInclude = {
  organisers: { include: { organisation: { select: { id: true, name: true, sector: true } } } },
  regions: { include: { region: { select: { id: true, name: true, slug: true } } }, orderBy: { regionId: 'asc' } },
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

/** Staff of an organising organisation, or a coordinator of every region the event is shared with (or an admin). */
export function mayEdit(actor: Actor, ev: { organisers: { organisationId: string }[]; regions: { regionId: string }[] }): boolean {
  const regionIds = regionIdsOf(ev)
  const coordinatesAll = regionIds.length > 0 && regionIds.every((r) => can(actor, 'calendar.propose', { regionIds: [r] }))
  return coordinatesAll || ev.organisers.some((o) => can(actor, 'calendar.propose', { organisationId: o.organisationId }))
}

/** Regions of the event in which the actor may publish or reject. */
export function approvableRegions(actor: Actor, ev: { regions: { regionId: string }[] }): string[] {
  return regionIdsOf(ev).filter((regionId) => can(actor, 'calendar.approve', { regionIds: [regionId] }))
}

/** Who may see a (not necessarily published) event: its editors, its approvers, and region readers once published. */
export function mayView(actor: Actor, ev: LoadedEvent): boolean {
  if (mayEdit(actor, ev)) return true
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
 * Checks the organisers and regions exist, that each region is one the organisers take part in, and that the
 * actor may act for at least one organiser (or coordinates every chosen region).
 */
async function checkReferences(tx: DbTx, actor: Actor, input: Pick<EventFieldsInput, 'organiserIds' | 'regionIds'>) {
  const organiserIds = [...new Set(input.organiserIds)]
  const regionIds = [...new Set(input.regionIds)]
  // One after the other: a transaction's single connection must not be asked to run two queries at once.
  const orgs = await tx.organisation.findMany({ where: { id: { in: organiserIds } }, select: { id: true, regions: { select: { regionId: true } } } })
  const regions = await tx.region.findMany({ where: { id: { in: regionIds } }, select: { id: true } })
  if (orgs.length !== organiserIds.length) throw invalid('calendar.errors.unknownOrganisation')
  if (regions.length !== regionIds.length) throw invalid('calendar.errors.unknownRegion')
  const orgRegions = new Set(orgs.flatMap((o) => o.regions.map((r) => r.regionId)))
  if (!regionIds.every((r) => orgRegions.has(r))) throw invalid('calendar.errors.regionNotOfOrganisers')
  const actsForOrganiser = orgs.some((o) => can(actor, 'calendar.propose', { organisationId: o.id }))
  const coordinatesAll = regionIds.every((r) => can(actor, 'calendar.propose', { regionIds: [r] }))
  if (!actsForOrganiser && !coordinatesAll) throw forbidden()
  return { organiserIds, regionIds }
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
    const { organiserIds, regionIds } = await checkReferences(tx, actor, fields)
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
        },
        include: eventInclude,
      })
      await audit(tx, actor, { action: 'calendar.create', entityType: 'CalendarEvent', entityId: ev.id, ...auditTenant(ev), after: ev })
      ids.push(ev.id)
    }
    return { ids, seriesId }
  })
}

/**
 * Edits an event. After it left draft every change bumps SEQUENCE; moving a published event e-mails the other
 * organisers (after the commit) and returns the audience conflicts at the new time.
 */
export async function updateEvent(db: Db, actor: Actor, input: UpdateEventInput) {
  const { id, ...fields } = input
  const times = timesOf(fields)
  const result = await db.$transaction(async (tx) => {
    const before = await loadEvent(tx, id)
    assertEditable(actor, before)
    const { organiserIds, regionIds } = await checkReferences(tx, actor, fields)
    const moved = before.startsAt.getTime() !== times.startsAt.getTime() || before.endsAt.getTime() !== times.endsAt.getTime()
    // Regions keep their decision; newly added ones wait for their coordinator (pending once proposed).
    await tx.calendarEventRegion.deleteMany({ where: { eventId: id, regionId: { notIn: regionIds } } })
    await tx.calendarEventRegion.createMany({ data: regionIds.map((regionId) => ({ eventId: id, regionId })), skipDuplicates: true })
    await tx.calendarEventOrganiser.deleteMany({ where: { eventId: id, organisationId: { notIn: organiserIds } } })
    await tx.calendarEventOrganiser.createMany({ data: organiserIds.map((organisationId) => ({ eventId: id, organisationId })), skipDuplicates: true })
    const decisions = (await tx.calendarEventRegion.findMany({ where: { eventId: id }, select: { decision: true } })).map((r) => r.decision)
    const after = await tx.calendarEvent.update({
      where: { id },
      data: {
        ...eventData(fields),
        ...times,
        status: summariseStatus(before.status, decisions),
        sequence: before.status === 'DRAFT' ? before.sequence : before.sequence + 1,
      },
      include: eventInclude,
    })
    await audit(tx, actor, { action: moved ? 'calendar.move' : 'calendar.update', entityType: 'CalendarEvent', entityId: id, ...auditTenant(after), before, after })
    return { before, after, moved }
  })
  if (result.moved && result.before.status === 'PUBLISHED') await notifyTimeChange(db, actor, result.before, result.after)
  const conflicts = result.moved && result.after.status !== 'DRAFT' ? await findConflicts(db, result.after) : []
  return { event: result.after, conflicts }
}

/** Draft (or rejected) → proposed to its regions. Returns the audience conflicts to warn the proposer. */
export async function proposeEvent(db: Db, actor: Actor, id: string) {
  const ev = await db.$transaction(async (tx) => {
    const before = await loadEvent(tx, id)
    assertEditable(actor, before)
    if (before.status !== 'DRAFT' && before.status !== 'REJECTED') throw invalid('calendar.errors.notProposable')
    await tx.calendarEventRegion.updateMany({ where: { eventId: id, decision: 'REJECTED' }, data: { decision: 'PENDING', rejectReason: null, decidedAt: null, decidedById: null } })
    const decisions = (await tx.calendarEventRegion.findMany({ where: { eventId: id }, select: { decision: true } })).map((r) => r.decision)
    const after = await tx.calendarEvent.update({ where: { id }, data: { status: summariseStatus('PROPOSED', decisions) }, include: eventInclude })
    await audit(tx, actor, { action: 'calendar.propose', entityType: 'CalendarEvent', entityId: id, ...auditTenant(after), before: { status: before.status }, after: { status: after.status } })
    return after
  })
  return { event: ev, conflicts: await findConflicts(db, ev) }
}

/** Records a region's decision; only that region's coordinator (or an admin) decides. */
async function decide(db: Db, actor: Actor, input: { id: string; regionId: string; reason?: string }, decision: 'PUBLISHED' | 'REJECTED') {
  authorize(actor, 'calendar.approve', { regionIds: [input.regionId] })
  return db.$transaction(async (tx) => {
    const before = await loadEvent(tx, input.id)
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
    return after
  })
}

export const publishEvent = (db: Db, actor: Actor, input: { id: string; regionId: string }) => decide(db, actor, input, 'PUBLISHED')
export const rejectEvent = (db: Db, actor: Actor, input: { id: string; regionId: string; reason: string }) => decide(db, actor, input, 'REJECTED')

/** Cancels an event: it stays visible (and in feeds) as cancelled, with SEQUENCE bumped. */
export async function cancelEvent(db: Db, actor: Actor, id: string) {
  return db.$transaction(async (tx) => {
    const before = await loadEvent(tx, id)
    assertEditable(actor, before)
    const after = await tx.calendarEvent.update({
      where: { id },
      data: { status: 'CANCELLED', cancelledAt: new Date(), sequence: before.sequence + 1 },
      include: eventInclude,
    })
    await audit(tx, actor, { action: 'calendar.cancel', entityType: 'CalendarEvent', entityId: id, ...auditTenant(after), before: { status: before.status }, after: { status: after.status } })
    return after
  })
}

export type EventDetail = LoadedEvent & { canEdit: boolean; approvableRegionIds: string[]; conflicts: Conflict[] }

/** One event with what the actor may do with it, and its audience conflicts (for proposers and approvers). */
export async function getEvent(db: Db, actor: Actor, id: string): Promise<EventDetail> {
  const ev = await loadEvent(db, id)
  if (!mayView(actor, ev)) throw forbidden()
  const canEdit = mayEdit(actor, ev) && ev.status !== 'CANCELLED'
  // Regions where the actor can still decide: not yet published there, and a draft only when it is their own.
  const decidable = ev.status !== 'CANCELLED' && (ev.status !== 'DRAFT' || ev.createdById === actor.userId)
  const approvableRegionIds = decidable ? approvableRegions(actor, ev).filter((r) => ev.regions.find((x) => x.regionId === r)?.decision !== 'PUBLISHED') : []
  const conflicts = ev.status === 'CANCELLED' || (!canEdit && !approvableRegionIds.length) ? [] : await findConflicts(db, ev)
  return { ...ev, canEdit, approvableRegionIds, conflicts }
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
  const events = await db.calendarEvent.findMany({
    where: { status: { in: ['PROPOSED', 'PUBLISHED'] }, regions: { some: pending } },
    include: eventInclude,
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    take: 100,
  })
  return Promise.all(events.map(async (ev) => ({ ...ev, approvableRegionIds: approvableRegions(actor, ev).filter((r) => ev.regions.find((x) => x.regionId === r)?.decision === 'PENDING'), conflicts: await findConflicts(db, ev) })))
}
