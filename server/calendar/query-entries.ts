/**
 * The calendar views' read path in ONE statement: a region's published events (with their organisers) and the
 * proefstudeer/meeloop slots of its institutions (with programme and institution), each ordered and limited, as two
 * JSON arrays of one row — one round trip and one value to decode, instead of the six statements the ORM issued
 * (events, organiser links, organisations, institutions, slots, programmes) and a column per field per row. Both
 * parts keep the rules of `publishedIn` (./query.ts) and `slotEntries` (./slot-query.ts) and the filters, and are
 * merged by (start, id), so the views list exactly the entries they listed before. The entries carry only what the
 * month, week and list views render (EventEntry, SlotViewEntry): no school years, registration link, description,
 * event capacity or slot timestamps (an event's page and the ICS feeds read those) — about a fifth less to encode,
 * send and decode per month. Index use: events through CalendarEventRegion(regionId, decision,
 * eventId) or CalendarEvent(startsAt), slots through Slot(organisationId, startsAt) per institution of the region;
 * programmes and institutions are joined to the page of slots only.
 */
import type { Db } from '../db/client.ts'
import { Prisma } from '../db/generated/client.ts'
import type { Actor } from '../auth/policy.ts'
import type { CalendarFilters } from './schema.ts'
import { MAX_EVENT_MS } from './time.ts'
import { MAX_SLOT_MS, pupilLevelsFor, sectorsForTypes } from './slot-entries.ts'
import { mergeByStart, slotViewEntry, type SlotViewEntry } from './slot-query.ts'

/** The fields of an event in the calendar's views and feeds. */
export const eventListSelect = {
  id: true,
  title: true,
  type: true,
  status: true,
  startsAt: true,
  endsAt: true,
  allDay: true,
  locationAddress: true,
  onlineUrl: true,
  audienceLevels: true,
  schoolYears: true,
  registrationUrl: true,
  organisers: { select: { organisation: { select: { id: true, name: true } } } },
} satisfies Prisma.CalendarEventSelect
export type EventListItem = Prisma.CalendarEventGetPayload<{ select: typeof eventListSelect }>

/** Overlapping [from, to) (month/week views), or starting at/after `from` and after the cursor (list view). */
export type EntryWindow = { from: Date; to: Date } | { startsFrom: Date; after?: { startsAt: Date; id: string } }

export type EntryQuery = {
  regionId: string
  filters: Partial<CalendarFilters>
  window: EntryWindow
  /** Rows read of each source (events, slots) before merging. */
  take: number
  /** Signed-in readers: publishers open their own slots in the app (see slotEntries). */
  actor?: Actor | null
}

/**
 * An event as the calendar views show it: the fields the month, week and list views render (title, type, status,
 * times, where, audience, organisers) — not its school years, registration link, description or capacity, which its
 * own page and the feeds read.
 */
export type EventEntry = Omit<EventListItem, 'schoolYears' | 'registrationUrl'> & { kind: 'event' }

/** A slot as the statement returns it (JSON; instants as epoch milliseconds). */
type SlotJson = {
  id: string
  startsAt: number
  endsAt: number
  location: string
  capacity: number
  confirmedCount: number
  status: SlotViewEntry['status']
  audienceLevels: Parameters<typeof slotViewEntry>[0]['audienceLevels']
  name: string
  sector: 'MBO' | 'HBO' | 'WO'
  orgId: string
  orgName: string
  brin: string
}
type EventJson = Omit<EventEntry, 'startsAt' | 'endsAt' | 'kind'> & { startsAt: number; endsAt: number }

/** A `timestamp(3)` column (UTC) as epoch milliseconds in the JSON: a number is cheaper to turn into a Date than text. */
const ms = (column: string) => Prisma.raw(`(extract(epoch FROM ${column}) * 1000)::bigint`)

function eventsPart(q: EntryQuery): Prisma.Sql {
  const f = q.filters
  const w = q.window
  const conds: Prisma.Sql[] = [
    Prisma.sql`e."status" IN ('PUBLISHED', 'CANCELLED')`,
    Prisma.sql`EXISTS (SELECT 1 FROM "CalendarEventRegion" r WHERE r."eventId" = e."id" AND r."regionId" = ${q.regionId} AND r."decision" = 'PUBLISHED')`,
  ]
  if ('to' in w) conds.push(Prisma.sql`e."startsAt" >= ${new Date(w.from.getTime() - MAX_EVENT_MS)} AND e."startsAt" < ${w.to} AND e."endsAt" > ${w.from}`)
  else {
    conds.push(Prisma.sql`e."startsAt" >= ${w.startsFrom}`)
    if (w.after) conds.push(Prisma.sql`(e."startsAt" > ${w.after.startsAt} OR (e."startsAt" = ${w.after.startsAt} AND e."id" > ${w.after.id}))`)
  }
  if (f.types?.length) conds.push(Prisma.sql`e."type"::text IN (${Prisma.join(f.types)})`)
  if (f.level) conds.push(Prisma.sql`${f.level} = ANY(e."audienceLevels")`)
  if (f.organisationId || f.sector)
    conds.push(Prisma.sql`EXISTS (SELECT 1 FROM "CalendarEventOrganiser" fo JOIN "Organisation" fg ON fg."id" = fo."organisationId" WHERE fo."eventId" = e."id"
      ${f.organisationId ? Prisma.sql`AND fo."organisationId" = ${f.organisationId}` : Prisma.empty} ${f.sector ? Prisma.sql`AND fg."sector"::text = ${f.sector}` : Prisma.empty})`)
  return Prisma.sql`
    SELECT e."id", e."title", e."type", e."status", ${ms('e."startsAt"')} AS "startsAt", ${ms('e."endsAt"')} AS "endsAt", e."allDay", e."locationAddress", e."onlineUrl", e."audienceLevels",
           (SELECT COALESCE(json_agg(json_build_object('organisation', json_build_object('id', o."id", 'name', o."name")) ORDER BY eo."organisationId"), '[]'::json)
              FROM "CalendarEventOrganiser" eo JOIN "Organisation" o ON o."id" = eo."organisationId" WHERE eo."eventId" = e."id") AS "organisers"
      FROM "CalendarEvent" e
     WHERE ${Prisma.join(conds, ' AND ')}
     ORDER BY e."startsAt", e."id" LIMIT ${q.take}`
}

function slotsPart(q: EntryQuery): Prisma.Sql | null {
  const f = q.filters
  const w = q.window
  const sectors = sectorsForTypes(f.types ?? []).filter((s) => !f.sector || s === f.sector)
  if (!sectors.length) return null
  const levels = f.level ? pupilLevelsFor(f.level) : null
  const conds: Prisma.Sql[] = [
    Prisma.sql`s."organisationId" IN (SELECT m."organisationId" FROM "OrganisationRegion" m WHERE m."regionId" = ${q.regionId})`,
    Prisma.sql`o."sector"::text IN (${Prisma.join(sectors)})`,
    Prisma.sql`s."status" IN ('PUBLISHED', 'CANCELLED')`,
  ]
  if (f.organisationId) conds.push(Prisma.sql`s."organisationId" = ${f.organisationId}`)
  if ('to' in w) conds.push(Prisma.sql`s."startsAt" >= ${new Date(w.from.getTime() - MAX_SLOT_MS)} AND s."startsAt" < ${w.to} AND s."endsAt" > ${w.from}`)
  else {
    conds.push(Prisma.sql`s."startsAt" >= ${w.startsFrom}`)
    if (w.after) conds.push(Prisma.sql`(s."startsAt" > ${w.after.startsAt} OR (s."startsAt" = ${w.after.startsAt} AND s."id" > ${w.after.id}))`)
  }
  if (levels) conds.push(levels.length ? Prisma.sql`s."audienceLevels"::text[] && ARRAY[${Prisma.join(levels)}]::text[]` : Prisma.sql`false`)
  // The page of slots first (index order per institution, then the top `take`), then its programmes and institutions.
  return Prisma.sql`
    SELECT s."id", ${ms('s."startsAt"')} AS "startsAt", ${ms('s."endsAt"')} AS "endsAt", s."location", s."capacity", s."confirmedCount", s."status", s."audienceLevels",
           p."name", p."sector", o."id" AS "orgId", o."name" AS "orgName", o."brin"
      FROM (SELECT s."id", s."programmeId", s."organisationId", s."startsAt", s."endsAt", s."location", s."capacity", s."confirmedCount", s."status",
                   s."audienceLevels"
              FROM "Slot" s JOIN "Organisation" o ON o."id" = s."organisationId"
             WHERE ${Prisma.join(conds, ' AND ')}
             ORDER BY s."startsAt", s."id" LIMIT ${q.take}) s
      JOIN "Organisation" o ON o."id" = s."organisationId" JOIN "SlotProgramme" p ON p."id" = s."programmeId"`
}

/** A region's events and slots for a calendar view, ordered by (start, id): each source limited to `take`. */
export async function calendarEntries(db: Db, q: EntryQuery): Promise<(EventEntry | SlotViewEntry)[]> {
  const slots = slotsPart(q)
  // One row: both parts as JSON arrays, sent as text and parsed here — one value to decode instead of a column per
  // field per row (Prisma's raw-result decoding of a json value costs several times JSON.parse of its text).
  const [row] = await db.$queryRaw<{ events: string | null; slots: string | null }[]>`
    SELECT (SELECT json_agg(x) FROM (${eventsPart(q)}) x)::text AS "events",
           ${slots ? Prisma.sql`(SELECT json_agg(y) FROM (${slots}) y)::text` : Prisma.sql`NULL::text`} AS "slots"`
  const parsed = { events: row?.events ? (JSON.parse(row.events) as EventJson[]) : [], slots: row?.slots ? (JSON.parse(row.slots) as SlotJson[]) : [] }
  const events: EventEntry[] = parsed.events.map((e) => ({ ...e, startsAt: new Date(e.startsAt), endsAt: new Date(e.endsAt), kind: 'event' as const }))
  const slotRows: SlotViewEntry[] = parsed.slots.map((s) =>
    slotViewEntry(
      {
        id: s.id,
        startsAt: new Date(s.startsAt),
        endsAt: new Date(s.endsAt),
        location: s.location,
        capacity: s.capacity,
        confirmedCount: s.confirmedCount,
        status: s.status,
        audienceLevels: s.audienceLevels,
        programme: { name: s.name, sector: s.sector },
      },
      { id: s.orgId, name: s.orgName, brin: s.brin },
      q.actor,
    ),
  )
  return mergeByStart(events, slotRows)
}
