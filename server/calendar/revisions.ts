/**
 * Review of edits to published events, and co-organiser consent.
 *
 * Substantive fields — what a reader relies on: title, description, type, times (start, end, all-day), audience
 * (levels, school years), location, online link, registration link, attachments and the organisers. Capacity is
 * not substantive (it only limits places); the regions an event is shared with are decided per region anyway
 * (a newly added region reviews the event, a removed one no longer shows it).
 *
 * A substantive edit of an event that is published somewhere, by someone who may not publish it in every region
 * where it is published, does not change the event: it is stored as its pending revision. The event row keeps
 * the last approved version, which every public view, feed and the fund keep showing. The coordinator of each
 * region where the event is published sees the changes (before → after) in the approval queue and approves or
 * rejects; when all have approved, the revision is applied (SEQUENCE bumped, the other organisers told about a new
 * time); a rejection keeps the approved version and tells the editors why.
 */
import type { DbTx, Prisma } from '../db/client.ts'
import type { Actor } from '../auth/policy.ts'
import { can } from '../auth/policy.ts'
import { invalid } from '../lib/errors.ts'

export type EventContent = {
  title: string
  description: string
  type: string
  startsAt: string
  endsAt: string
  allDay: boolean
  audienceLevels: string[]
  schoolYears: number[]
  locationAddress: string | null
  onlineUrl: string | null
  registrationUrl: string | null
  attachments: string[]
  organiserIds: string[]
}

export const SUBSTANTIVE_FIELDS = [
  'title',
  'description',
  'type',
  'startsAt',
  'endsAt',
  'allDay',
  'audienceLevels',
  'schoolYears',
  'locationAddress',
  'onlineUrl',
  'registrationUrl',
  'attachments',
  'organiserIds',
] as const satisfies readonly (keyof EventContent)[]

/** An event row (or new values): the content's fields, with its times as dates and without the organisers. */
type ContentSource = Omit<EventContent, 'startsAt' | 'endsAt' | 'organiserIds'> & { startsAt: Date; endsAt: Date }

/** The substantive content of an event row (or of new values), in a canonical form for comparison. */
export function contentOf(ev: ContentSource, organiserIds: string[]): EventContent {
  return {
    title: ev.title,
    description: ev.description,
    type: ev.type,
    startsAt: ev.startsAt.toISOString(),
    endsAt: ev.endsAt.toISOString(),
    allDay: ev.allDay,
    audienceLevels: [...new Set(ev.audienceLevels)].sort(),
    schoolYears: [...new Set(ev.schoolYears)].sort(),
    locationAddress: ev.locationAddress,
    onlineUrl: ev.onlineUrl,
    registrationUrl: ev.registrationUrl,
    attachments: ev.attachments,
    organiserIds: [...new Set(organiserIds)].sort(),
  }
}

export type ContentChange = { field: (typeof SUBSTANTIVE_FIELDS)[number]; before: unknown; after: unknown }

/** The substantive fields that differ. */
export function changesBetween(before: EventContent, after: EventContent): ContentChange[] {
  return SUBSTANTIVE_FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f])).map((field) => ({ field, before: before[field], after: after[field] }))
}

/** The event columns a content sets. */
export function contentData(c: EventContent) {
  return {
    title: c.title,
    description: c.description,
    type: c.type as Prisma.CalendarEventUpdateInput['type'] & string,
    startsAt: new Date(c.startsAt),
    endsAt: new Date(c.endsAt),
    allDay: c.allDay,
    audienceLevels: c.audienceLevels,
    schoolYears: c.schoolYears,
    locationAddress: c.locationAddress,
    onlineUrl: c.onlineUrl,
    registrationUrl: c.registrationUrl,
    attachments: c.attachments,
  }
}

export const parseContent = (json: Prisma.JsonValue): EventContent => json as unknown as EventContent

/** Regions (of those given) in which the actor may publish. */
export const approvableIn = (actor: Actor, regionIds: string[]) => regionIds.filter((regionId) => can(actor, 'calendar.approve', { regionIds: [regionId] }))

/**
 * The actor may name this organisation as organiser without asking it: its own staff (or a platform admin), or
 * the coordinator of every region the event is shared with, when the organisation takes part in one of those
 * regions (the coordinator publishes it there anyway, and the organisation is theirs to speak for). Any other
 * organisation is invited and becomes organiser only when its own staff accept.
 */
export function mayConsentFor(actor: Actor, organisation: { id: string; regionIds: readonly string[] }, regionIds: string[]): boolean {
  if (can(actor, 'calendar.propose', { organisationId: organisation.id })) return true
  const coordinatesAll = regionIds.length > 0 && approvableIn(actor, regionIds).length === regionIds.length
  return coordinatesAll && regionIds.some((r) => organisation.regionIds.includes(r))
}

/**
 * Every region an event is shared with must be one its organisers take part in. Only organisers count, not the
 * organisations merely invited: an organisation cannot bring an event into another region by inviting a
 * co-organiser from there who never accepts.
 */
export async function assertRegionsOfOrganisers(tx: DbTx, organiserIds: string[], regionIds: string[]) {
  const rows = await tx.organisationRegion.findMany({ where: { organisationId: { in: organiserIds }, regionId: { in: regionIds } }, select: { regionId: true } })
  const covered = new Set(rows.map((r) => r.regionId))
  if (!regionIds.every((r) => covered.has(r))) throw invalid('calendar.errors.regionNotOfOrganisers')
}

/** Sets the event's organisers to exactly these organisations. */
export async function setOrganisers(tx: DbTx, eventId: string, organiserIds: string[]) {
  await tx.calendarEventOrganiser.deleteMany({ where: { eventId, organisationId: { notIn: organiserIds } } })
  await tx.calendarEventOrganiser.createMany({ data: organiserIds.map((organisationId) => ({ eventId, organisationId })), skipDuplicates: true })
}

/** Organisation names for the organiser ids in a list of changes (the UI shows names, not ids). */
export async function organiserNames(tx: DbTx, changes: ContentChange[]): Promise<Record<string, string>> {
  const ids = changes.filter((c) => c.field === 'organiserIds').flatMap((c) => [...(c.before as string[]), ...(c.after as string[])])
  if (!ids.length) return {}
  const orgs = await tx.organisation.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })
  return Object.fromEntries(orgs.map((o) => [o.id, o.name]))
}
