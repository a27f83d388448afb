/**
 * Calendar reads: month/week ranges, the paged list, the public region calendar and audience conflicts.
 * Range queries bound startsAt on both sides (events last at most MAX_EVENT_DAYS) so they stay on the
 * CalendarEvent(startsAt) index, and reach a region through CalendarEventRegion(regionId, decision, eventId).
 */
import { sqlOf, type Db, type DbTx, type Prisma } from '../db/client.ts'
import { canReadRegion, type Actor } from '../auth/policy.ts'
import { forbidden, notFound } from '../lib/errors.ts'
import { fromAmsterdam } from '../lib/time.ts'
import { MAX_EVENT_MS } from './time.ts'
import { encodeCursor } from './cursor.ts'
import type { CalendarFilters } from './schema.ts'
import { conflictingSlots, mergeByStart, type SlotViewEntry } from './slot-query.ts'
import { calendarPage, calendarRangeText, ENTRY_TAGS, type EventEntry } from './query-entries.ts'
import { jsonText } from '../api/transformer.ts'

export { eventListSelect, type EventListItem } from './query-entries.ts'

/** Published in the region (cancelled ones stay visible as cancelled). */
export const publishedIn = (regionId: string): Prisma.CalendarEventWhereInput => ({
  status: { in: ['PUBLISHED', 'CANCELLED'] },
  regions: { some: { regionId, decision: 'PUBLISHED' } },
})

/** Events overlapping [from, to). */
export function overlapping(from: Date, to: Date): Prisma.CalendarEventWhereInput {
  return { startsAt: { gte: new Date(from.getTime() - MAX_EVENT_MS), lt: to }, endsAt: { gt: from } }
}


/** What calendar views show: the region's events and the proefstudeer/meeloop slots of its institutions (only what they render). */
export type CalendarEntry = EventEntry | SlotViewEntry

const RANGE_LIMIT = 2000

function assertRegionReader(actor: Actor, regionId: string) {
  if (!canReadRegion(actor, regionId)) throw forbidden()
}

/** Month and week views: published events and slots of a region overlapping the local date range [from, to). */
export async function listEventRange(db: Db, actor: Actor, input: CalendarFilters & { regionId: string; from: string; to: string }): Promise<CalendarEntry[]> {
  assertRegionReader(actor, input.regionId)
  const [from, to] = [fromAmsterdam(input.from), fromAmsterdam(input.to)]
  const text = await calendarRangeText(db, { regionId: input.regionId, filters: input, window: { from, to }, take: RANGE_LIMIT, actor })
  return jsonText<CalendarEntry[]>(text, ENTRY_TAGS)
}

/**
 * List view: published events and slots of a region starting on or after a local date, in pages of `limit`.
 * The cursor is a keyset over (startsAt, id) across both sources.
 */
export async function listEvents(
  db: Db,
  actor: Actor,
  input: CalendarFilters & { regionId: string; from: string; cursor?: { startsAt: Date; id: string }; limit: number },
): Promise<{ items: CalendarEntry[]; nextCursor: string | null }> {
  assertRegionReader(actor, input.regionId)
  const page = await calendarPage(db, { regionId: input.regionId, filters: input, window: { startsFrom: fromAmsterdam(input.from), after: input.cursor }, take: input.limit + 1, actor }, input.limit)
  const more = page.total > input.limit
  return { items: jsonText<CalendarEntry[]>(page.text, ENTRY_TAGS), nextCursor: more && page.last ? encodeCursor(page.last) : null }
}

/** The public calendar of a region (no sign-in): its published events and slots in a local date range. */
export async function publicRegionCalendar(db: Db, input: Pick<CalendarFilters, 'types' | 'level'> & { slug: string; from: string; to: string }) {
  // Over the pool, as the entries (no ORM compile on the public page's path).
  const { rows } = await sqlOf(db).query<{ id: string; name: string; slug: string }>('SELECT "id", "name", "slug" FROM "Region" WHERE "slug" = $1', [input.slug])
  const region = rows[0]
  if (!region) throw notFound()
  const [from, to] = [fromAmsterdam(input.from), fromAmsterdam(input.to)]
  const text = await calendarRangeText(db, { regionId: region.id, filters: input, window: { from, to }, take: RANGE_LIMIT })
  return { region, events: jsonText<CalendarEntry[]>(text, ENTRY_TAGS) }
}

export type Conflict = { id: string; title: string; type: string; startsAt: Date; endsAt: Date; audienceLevels: string[]; organisers: { organisation: { name: string } }[] }

/**
 * Audience conflicts: published events in the same region(s) whose time overlaps and whose audience levels
 * share at least one level (e.g. two havo open days on the same Saturday morning), and the region's
 * proefstudeer/meeloop slots that do the same.
 */
export async function findConflicts(
  db: DbTx,
  ev: { id?: string; startsAt: Date; endsAt: Date; audienceLevels: string[]; regions: { regionId: string }[] },
): Promise<Conflict[]> {
  const regionIds = ev.regions.map((r) => r.regionId)
  if (!regionIds.length || !ev.audienceLevels.length) return []
  // Sequential: `db` may be a transaction, whose one connection must not run two queries at once.
  const events = await db.calendarEvent.findMany({
    where: {
      ...(ev.id ? { id: { not: ev.id } } : {}),
      status: 'PUBLISHED',
      ...overlapping(ev.startsAt, ev.endsAt),
      audienceLevels: { hasSome: ev.audienceLevels },
      regions: { some: { regionId: { in: regionIds }, decision: 'PUBLISHED' } },
    },
    select: { id: true, title: true, type: true, startsAt: true, endsAt: true, audienceLevels: true, organisers: { select: { organisation: { select: { name: true } } } } },
    orderBy: [{ startsAt: 'asc' }],
    take: 50,
  })
  return mergeByStart(events, await conflictingSlots(db, ev, regionIds))
}

/** The regions the actor can open the calendar of (for the region picker): their own, or all for admins. */
export async function calendarRegions(db: Db, actor: Actor) {
  const admin = actor.memberships.some((m) => m.role === 'PLATFORM_ADMIN')
  return db.region.findMany({ where: admin ? {} : { id: { in: actor.regionIds } }, select: { id: true, name: true, slug: true }, orderBy: { name: 'asc' } })
}

/** Organisations of a region (for filters and the organiser picker), with what the actor may organise for. */
export async function regionOrganisations(db: Db, actor: Actor, regionId: string) {
  assertRegionReader(actor, regionId)
  return db.organisation.findMany({
    where: { regions: { some: { regionId } } },
    select: { id: true, name: true, sector: true, regions: { select: { regionId: true } } },
    orderBy: { name: 'asc' },
  })
}
