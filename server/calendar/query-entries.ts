/**
 * The calendar views' read path in ONE statement: a region's published events (with their organisers) and the
 * proefstudeer/meeloop slots of its institutions (with programme and institution), as two ordered, limited parts
 * of one UNION ALL — one round trip instead of the six the ORM issued (events, organiser links, organisations,
 * institutions, slots, programmes), narrow columns only. Both parts keep the rules of `publishedIn` / `filterWhere`
 * (./query.ts) and `slotEntries` (./slot-query.ts); the rows come back in the same shapes (EventListItem, SlotEntry)
 * and are merged by (start, id) in the same way, so the views return exactly what they returned before.
 * Index use: events through CalendarEventRegion(regionId, decision, eventId) or CalendarEvent(startsAt), slots
 * through Slot(organisationId, startsAt) for each of the region's institutions.
 */
import type { Db } from '../db/client.ts'
import { Prisma } from '../db/generated/client.ts'
import type { Actor } from '../auth/policy.ts'
import type { CalendarFilters } from './schema.ts'
import { MAX_EVENT_MS } from './time.ts'
import { MAX_SLOT_MS, pupilLevelsFor, sectorsForTypes } from './slot-entries.ts'
import { mergeByStart, slotEntry, type SlotEntry } from './slot-query.ts'
import type { EventListItem } from './query.ts'

/** Overlapping [from, to) (month/week views), or starting at/after `from` and after the cursor (list view). */
export type EntryWindow = { from: Date; to: Date } | { startsFrom: Date; after?: { startsAt: Date; id: string } }

export type EntryQuery = {
  regionId: string
  filters: Partial<CalendarFilters>
  window: EntryWindow
  /** Rows read of each source (events, slots) before merging. */
  take: number
  /** Public calendar: events also carry their description and capacity. */
  details?: boolean
  /** Signed-in readers: publishers open their own slots in the app (see slotEntries). */
  actor?: Actor | null
}

export type EventEntry = EventListItem & { kind: 'event'; description?: string; capacity?: number | null }

type Row = {
  kind: 'event' | 'slot'
  id: string
  title: string
  type: string | null
  status: string
  startsAt: Date
  endsAt: Date
  allDay: boolean
  locationAddress: string | null
  onlineUrl: string | null
  audienceLevels: string[]
  schoolYears: number[] | null
  registrationUrl: string | null
  organisers: { id: string; name: string }[] | null
  description: string | null
  capacity: number | null
  confirmedCount: number | null
  sector: string | null
  orgId: string | null
  orgName: string | null
  brin: string | null
  createdAt: Date | null
  updatedAt: Date | null
}

const none = Prisma.sql`NULL`

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
    (SELECT 'event' AS "kind", e."id", e."title", e."type"::text AS "type", e."status"::text AS "status", e."startsAt", e."endsAt", e."allDay",
            e."locationAddress", e."onlineUrl", e."audienceLevels", e."schoolYears", e."registrationUrl",
            (SELECT COALESCE(json_agg(json_build_object('id', o."id", 'name', o."name") ORDER BY eo."organisationId"), '[]'::json)
               FROM "CalendarEventOrganiser" eo JOIN "Organisation" o ON o."id" = eo."organisationId" WHERE eo."eventId" = e."id") AS "organisers",
            ${q.details ? Prisma.sql`e."description"` : none} AS "description", ${q.details ? Prisma.sql`e."capacity"` : Prisma.sql`NULL::int`} AS "capacity",
            NULL::int AS "confirmedCount", NULL AS "sector", NULL AS "orgId", NULL AS "orgName", NULL AS "brin", NULL::timestamp AS "createdAt", NULL::timestamp AS "updatedAt"
       FROM "CalendarEvent" e
      WHERE ${Prisma.join(conds, ' AND ')}
      ORDER BY e."startsAt", e."id" LIMIT ${q.take})`
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
  return Prisma.sql`
    (SELECT 'slot' AS "kind", s."id", p."name" AS "title", NULL AS "type", s."status"::text AS "status", s."startsAt", s."endsAt", false AS "allDay",
            s."location" AS "locationAddress", NULL AS "onlineUrl", s."audienceLevels"::text[] AS "audienceLevels", NULL::int[] AS "schoolYears", NULL AS "registrationUrl",
            NULL::json AS "organisers", NULL AS "description", s."capacity", s."confirmedCount", p."sector"::text AS "sector",
            o."id" AS "orgId", o."name" AS "orgName", o."brin", s."createdAt", s."updatedAt"
       FROM "Slot" s JOIN "Organisation" o ON o."id" = s."organisationId" JOIN "SlotProgramme" p ON p."id" = s."programmeId"
      WHERE ${Prisma.join(conds, ' AND ')}
      ORDER BY s."startsAt", s."id" LIMIT ${q.take})`
}

function toEvent(r: Row, details: boolean): EventEntry {
  const e: EventEntry = {
    id: r.id,
    title: r.title,
    type: r.type as EventListItem['type'],
    status: r.status as EventListItem['status'],
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    allDay: r.allDay,
    locationAddress: r.locationAddress,
    onlineUrl: r.onlineUrl,
    audienceLevels: r.audienceLevels,
    schoolYears: r.schoolYears ?? [],
    registrationUrl: r.registrationUrl,
    organisers: (r.organisers ?? []).map((o) => ({ organisation: { id: o.id, name: o.name } })),
    kind: 'event',
  }
  if (details) Object.assign(e, { description: r.description ?? '', capacity: r.capacity })
  return e
}

/** A region's events and slots for a calendar view, ordered by (start, id): each source limited to `take`. */
export async function calendarEntries(db: Db, q: EntryQuery): Promise<(EventEntry | SlotEntry)[]> {
  const slots = slotsPart(q)
  const rows = await db.$queryRaw<Row[]>(slots ? Prisma.sql`${eventsPart(q)} UNION ALL ${slots}` : eventsPart(q))
  const events: EventEntry[] = []
  const slotRows: SlotEntry[] = []
  for (const r of rows) {
    if (r.kind === 'event') events.push(toEvent(r, !!q.details))
    else
      slotRows.push(
        slotEntry(
          {
            id: r.id,
            startsAt: r.startsAt,
            endsAt: r.endsAt,
            location: r.locationAddress ?? '',
            capacity: r.capacity!,
            confirmedCount: r.confirmedCount!,
            status: r.status as SlotEntry['status'],
            audienceLevels: r.audienceLevels as Parameters<typeof slotEntry>[0]['audienceLevels'],
            organisationId: r.orgId!,
            createdAt: r.createdAt!,
            updatedAt: r.updatedAt!,
            programme: { name: r.title, sector: r.sector as 'MBO' },
          },
          { id: r.orgId!, name: r.orgName!, brin: r.brin! },
          q.actor,
        ),
      )
  }
  return mergeByStart(events, slotRows)
}
