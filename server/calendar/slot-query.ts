/**
 * Proefstudeer/meeloop slots as calendar entries. A region's calendar shows the published (and cancelled)
 * slots of the institutions that belong to the region, next to its events, with the same filters.
 * Queries resolve the region's institutions first (a few dozen ids) and then read Slot(organisationId, startsAt)
 * by index, bounded on startsAt on both sides.
 */
import type { DbTx, Prisma } from '../db/client.ts'
import { can, type Actor } from '../auth/policy.ts'
import type { CalendarFilters } from './schema.ts'
import { slotCardSelect } from '../slots/publishing.ts'
import { audienceOfSlot, entryFree, MAX_SLOT_MS, pupilLevelsFor, sectorsForTypes, slotAppPath, slotEventType } from './slot-entries.ts'
import type { SlotRules } from '../participation/slot-rules.ts'
import { afterKey } from './cursor.ts'

const slotSelect = {
  ...slotCardSelect,
  status: true,
  audienceLevels: true,
  organisationId: true,
  createdAt: true,
  updatedAt: true,
  programme: { select: { name: true, sector: true } },
} satisfies Prisma.SlotSelect
type SlotRow = Prisma.SlotGetPayload<{ select: typeof slotSelect }>
type Institution = { id: string; name: string; brin: string }

/** A slot as the calendar views show it (see EventEntry in ./query-entries.ts): its free places and where to open it. */
export type SlotViewEntry = ReturnType<typeof slotViewEntry>
/** A slot in the calendar's shape (see EventListItem) with what feeds need besides: created/modified. No place figures. */
export type SlotEntry = ReturnType<typeof slotEntry>

type SlotViewRow = Pick<SlotRow, 'id' | 'startsAt' | 'endsAt' | 'location' | 'capacity' | 'confirmedCount' | 'status' | 'audienceLevels' | 'programme'>

/** Whether the reader publishes for the institution: opens its slots in the app and reads their places (entryFree). */
const publishesFor = (org: Institution, actor?: Actor | null) => !!actor && can(actor, 'slots.publish', { organisationId: org.id })

/** What every calendar entry of a slot carries: what it is, when, where, for whom, by whom, and where to open it. */
function slotBase(s: Omit<SlotViewRow, 'capacity' | 'confirmedCount'>, org: Institution, actor?: Actor | null) {
  return {
    kind: 'slot' as const,
    id: s.id,
    title: s.programme.name,
    type: slotEventType(s.programme.sector as 'MBO' | 'HBO' | 'WO'),
    status: s.status,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    allDay: false,
    locationAddress: s.location as string | null,
    onlineUrl: null as string | null,
    audienceLevels: audienceOfSlot(s.audienceLevels) as string[],
    organisers: [{ organisation: { id: org.id, name: org.name } }],
    /** The slot's page in the app for a publisher of its institution, else null: open it with slotEntryHref. */
    appHref: publishesFor(org, actor) ? slotAppPath(s.id) : (null as string | null),
    brin: org.brin,
  }
}

/**
 * A slot row as a calendar view entry. Signed-in readers: publishers open their own slots in the app, everybody else
 * the public booking page (slotEntryHref). Its free places: the number to the slot's institution, else null on a
 * personal-link-only slot or one that has ended at `now` (entryFree). The JS form of the one-statement calendar read
 * (./query-entries.ts), which writes exactly this entry (./hidden-places.int.test.ts compares the two).
 */
export function slotViewEntry(s: SlotViewRow, org: Institution, rules: Pick<SlotRules, 'personalLinkOnly'>, actor: Actor | null | undefined, now: Date) {
  return { ...slotBase(s, org, actor), capacity: s.capacity, free: entryFree(s, rules, publishesFor(org, actor), now) }
}

/**
 * A slot row as a calendar entry for feeds and conflict warnings: no place figures (feeds leave them out, as they change
 * with every booking; conflict warnings do not show them), so neither reads the slot's participation rules and
 * neither can show a personal-link-only slot's places; its created/modified times for the feeds.
 */
export function slotEntry(s: SlotRow, org: Institution, actor?: Actor | null) {
  return { ...slotBase(s, org, actor), schoolYears: [] as number[], registrationUrl: null as string | null, createdAt: s.createdAt, updatedAt: s.updatedAt }
}

/** The institutions whose slots a calendar shows (in a region, or given ids), narrowed by the filters. */
async function institutions(db: DbTx, owner: { regionIds: string[] } | { organisationId: string }, f: Partial<CalendarFilters>): Promise<Institution[]> {
  const sectors = sectorsForTypes(f.types ?? []).filter((s) => !f.sector || s === f.sector)
  if (!sectors.length) return []
  const where: Prisma.OrganisationWhereInput = {
    sector: { in: sectors },
    ...('organisationId' in owner ? { id: owner.organisationId } : { regions: { some: { regionId: { in: owner.regionIds } } } }),
    ...(f.organisationId ? { AND: [{ id: f.organisationId }] } : {}),
  }
  return db.organisation.findMany({ where, select: { id: true, name: true, brin: true }, take: 2000 })
}

export type SlotQuery = {
  owner: { regionIds: string[] } | { organisationId: string }
  filters?: Partial<CalendarFilters>
  /** Slots overlapping [from, to). */
  from?: Date
  to?: Date
  /** Slots starting at or after this instant (list view). */
  startsFrom?: Date
  /** Keyset: slots after this (startsAt, id). */
  after?: { startsAt: Date; id: string }
  /** Slots for any of these pupil levels (instead of filters.level). */
  levels?: ReturnType<typeof pupilLevelsFor>
  /** Leave out cancelled slots (conflict warnings); calendars show them as cancelled. */
  publishedOnly?: boolean
  take: number
  /** Signed-in readers: publishers open their own slots in the app, everybody else the public booking page. */
  actor?: Actor | null
}

/** Slots as calendar entries, ordered by start then id. */
export async function slotEntries(db: DbTx, q: SlotQuery): Promise<SlotEntry[]> {
  const f = q.filters ?? {}
  const orgs = await institutions(db, q.owner, f)
  if (!orgs.length) return []
  const levels = q.levels ?? (f.level ? pupilLevelsFor(f.level) : null)
  const where: Prisma.SlotWhereInput = {
    organisationId: { in: orgs.map((o) => o.id) },
    status: q.publishedOnly ? 'PUBLISHED' : { in: ['PUBLISHED', 'CANCELLED'] },
    startsAt: { ...(q.from ? { gte: new Date(q.from.getTime() - MAX_SLOT_MS) } : {}), ...(q.startsFrom ? { gte: q.startsFrom } : {}), ...(q.to ? { lt: q.to } : {}) },
    ...(q.from ? { endsAt: { gt: q.from } } : {}),
    ...(levels ? { audienceLevels: { hasSome: levels } } : {}),
    ...(q.after ? afterKey(q.after) : {}),
  }
  const rows = await db.slot.findMany({ where, select: slotSelect, orderBy: [{ startsAt: 'asc' }, { id: 'asc' }], take: q.take })
  const byId = new Map(orgs.map((o) => [o.id, o]))
  return rows.map((s) => slotEntry(s, byId.get(s.organisationId)!, q.actor))
}

/** Published slots in the given regions that overlap a time and share an audience level (for conflict warnings). */
export async function conflictingSlots(db: DbTx, ev: { startsAt: Date; endsAt: Date; audienceLevels: string[] }, regionIds: string[]) {
  const levels = [...new Set(ev.audienceLevels.flatMap(pupilLevelsFor))]
  if (!levels.length) return []
  return slotEntries(db, { owner: { regionIds }, from: ev.startsAt, to: ev.endsAt, levels, publishedOnly: true, take: 50 })
}

/** Merges events and slots (both ordered by start, then id) into one ordered list. */
export function mergeByStart<A extends { startsAt: Date; id: string }, B extends { startsAt: Date; id: string }>(a: A[], b: B[]): (A | B)[] {
  return [...a, ...b].sort((x, y) => x.startsAt.getTime() - y.startsAt.getTime() || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
}
