/**
 * The calendar views' read path in ONE statement: a region's published events (with their organisers) and the
 * proefstudeer/meeloop slots of its institutions (with programme and institution), each ordered and limited, merged
 * by (start, id) and written as the response's JSON array by the statement — one round trip over the pool and one
 * text value, which the tRPC response passes on as it is (no parse, no Dates built, no re-encode on the server: that
 * double handling was most of the app's CPU per month view). Both parts keep the rules of `publishedIn` (./query.ts)
 * and `slotEntries` (./slot-query.ts) and the filters, and each entry is exactly what the JS mapping writes
 * (slotViewEntry; audienceOfSlot, slotEventType, slotAppPath and visibleFree have SQL twins generated from the same
 * rules in ./slot-entries.ts), so the views list exactly the entries they listed before. A slot's free places are
 * null to anyone but its institution on a slot that has ended or is personal-link-only (entryFree: placesHidden in
 * participation/slot-rules.ts; one comparison of the end time, then two index probes per slot that has not ended, none
 * for the institution's own). Two choices keep the
 * statement and its text small (the month view of the national set's largest region: 289 → 221 kB, its statement
 * 16.2 → 14.5 ms p50): each entry is written by row_to_json, which puts no spaces around keys and values as json_build_object does, and a slot carries
 * its institution's BRIN (and `appHref` for a publisher of it) instead of its booking path, which the views build
 * with slotEntryHref — encoding a path per slot in SQL cost more than all the rest of the slot's JSON. The entries
 * carry only what the month, week and list views render (EventEntry, SlotViewEntry): no school years, registration link, description,
 * event capacity or slot timestamps (an event's page and the ICS feeds read those) — about a fifth less to encode,
 * send and decode per month. Index use: events through CalendarEventRegion(regionId, decision,
 * eventId) or CalendarEvent(startsAt), slots through Slot(organisationId, startsAt) per institution of the region;
 * programmes and institutions are joined to the page of slots only.
 */
import { rawRows, type DbTx } from '../db/client.ts'
import { Prisma } from '../db/generated/client.ts'
import { actionScope, type Actor } from '../auth/policy.ts'
import type { Tags } from '../api/transformer.ts'
import type { CalendarFilters } from './schema.ts'
import { MAX_EVENT_MS } from './time.ts'
import { audienceOfSlotSql, freePlacesSql, MAX_SLOT_MS, pupilLevelsFor, sectorsForTypes, slotAppPathSql, slotEventTypeSql, visibleFreeSql } from './slot-entries.ts'
import { epochMs } from '../db/epoch.ts'

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
  /** The instant the slots' free places are read at (an ended slot's are hidden: placesHidden); default the clock's. */
  now?: Date
}

/**
 * An event as the calendar views show it: the fields the month, week and list views render (title, type, status,
 * times, where, audience, organisers) — not its school years, registration link, description or capacity, which its
 * own page and the feeds read.
 */
export type EventEntry = Omit<EventListItem, 'schoolYears' | 'registrationUrl'> & { kind: 'event' }

/** A `timestamp(3)` column (UTC) as epoch milliseconds in the JSON: the client revives it as a Date (tag 'D'). */

/** Where the entries' JSON holds Dates (the transformer's tags: every element's startsAt and endsAt). */
export const ENTRY_TAGS = { '*': { startsAt: 'D', endsAt: 'D' } } satisfies Tags

/**
 * The SQL twin of `publishedIn`'s region rule (./query.ts): event `alias` is published in the region (its decision
 * there is PUBLISHED). The event's own status is the caller's condition.
 */
export const publishedInRegionSql = (alias: string, region: string | string[]) =>
  Prisma.sql`EXISTS (SELECT 1 FROM "CalendarEventRegion" r WHERE r."eventId" = ${Prisma.raw(alias)}."id" AND ${
    typeof region === 'string' ? Prisma.sql`r."regionId" = ${region}` : Prisma.sql`r."regionId" = ANY(${region})`
  } AND r."decision" = 'PUBLISHED')`

function eventsPart(q: EntryQuery): Prisma.Sql {
  const f = q.filters
  const w = q.window
  const conds: Prisma.Sql[] = [
    Prisma.sql`e."status" IN ('PUBLISHED', 'CANCELLED')`,
    publishedInRegionSql('e', q.regionId),
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
  // The entry as the views read it (EventEntry), keyed by (start, id) for the merge: the start as the column in the list
  // (both parts ordered by it: Merge Append), as epoch ms in the month and week (as the slots part writes it there).
  return Prisma.sql`
    SELECT ${'to' in w ? epochMs('e."startsAt"') : Prisma.raw('e."startsAt"')} AS t, e."id", (SELECT row_to_json(x) FROM (SELECT e."id", e."title", e."type", e."status", ${epochMs('e."startsAt"')} AS "startsAt",
             ${epochMs('e."endsAt"')} AS "endsAt", e."allDay", e."locationAddress", e."onlineUrl", e."audienceLevels",
             (SELECT COALESCE(json_agg(json_build_object('organisation', json_build_object('id', o."id", 'name', o."name")) ORDER BY eo."organisationId"), '[]'::json)
                              FROM "CalendarEventOrganiser" eo JOIN "Organisation" o ON o."id" = eo."organisationId" WHERE eo."eventId" = e."id") AS "organisers",
             'event' AS "kind") x) AS j
      FROM "CalendarEvent" e
     WHERE ${Prisma.join(conds, ' AND ')}
     ORDER BY e."startsAt", e."id" COLLATE "C" LIMIT ${q.take}`
}

function slotsPart(q: EntryQuery): Prisma.Sql | null {
  const f = q.filters
  const w = q.window
  const sectors = sectorsForTypes(f.types ?? []).filter((s) => !f.sector || s === f.sector)
  if (!sectors.length) return null
  const levels = f.level ? pupilLevelsFor(f.level) : null
  const conds: Prisma.Sql[] = [
    Prisma.sql`s."organisationId" IN (SELECT m."organisationId" FROM "OrganisationRegion" m WHERE m."regionId" = ${q.regionId})`,
    Prisma.sql`o."sector" IN (${Prisma.join(sectors.map((x) => Prisma.sql`${x}::"Sector"`))})`,
    Prisma.sql`s."status" IN ('PUBLISHED', 'CANCELLED')`,
  ]
  if (f.organisationId) conds.push(Prisma.sql`s."organisationId" = ${f.organisationId}`)
  if ('to' in w) conds.push(Prisma.sql`s."startsAt" >= ${new Date(w.from.getTime() - MAX_SLOT_MS)} AND s."startsAt" < ${w.to} AND s."endsAt" > ${w.from}`)
  else {
    conds.push(Prisma.sql`s."startsAt" >= ${w.startsFrom}`)
    if (w.after) conds.push(Prisma.sql`(s."startsAt" > ${w.after.startsAt} OR (s."startsAt" = ${w.after.startsAt} AND s."id" > ${w.after.id}))`)
  }
  if (levels) conds.push(levels.length ? Prisma.sql`s."audienceLevels"::text[] && ARRAY[${Prisma.join(levels)}]::text[]` : Prisma.sql`false`)
  // Signed-in readers: publishers open their own slots in the app (slotViewEntry's rule: can(actor, 'slots.publish',
  // { organisationId }), i.e. a platform-wide grant or one for that organisation), everybody else the public booking page.
  // The same readers are the slot's institution for its free places (entryFree): everybody else reads visibleFree, null
  // on a slot that has ended or is personal-link-only (placesHidden, participation/slot-rules.ts) — the end time is
  // compared first, and the participation rules are read only for a slot that has not ended.
  const manage = q.actor ? actionScope(q.actor, 'slots.publish') : { all: false, organisationIds: [] as string[] }
  const institution = Prisma.sql`(${manage.all} OR o."id" = ANY(${manage.organisationIds}::text[]))`
  // The entry as the views read it (slotViewEntry, ./slot-query.ts), with the calendar audience of its levels (`audience`).
  const fields = (audience: string) => Prisma.sql`'slot' AS "kind", s."id", p."name" AS "title", ${Prisma.raw(slotEventTypeSql('p."sector"'))} AS "type", s."status",
             ${epochMs('s."startsAt"')} AS "startsAt", ${epochMs('s."endsAt"')} AS "endsAt", false AS "allDay", s."location" AS "locationAddress", NULL::text AS "onlineUrl",
             ${Prisma.raw(audience)} AS "audienceLevels", json_build_array(json_build_object('organisation', json_build_object('id', o."id", 'name', o."name"))) AS "organisers",
             CASE WHEN ${institution} THEN ${Prisma.raw(slotAppPathSql('s."id"'))} END AS "appHref", o."brin", s."capacity",
             CASE WHEN ${institution} THEN ${Prisma.raw(freePlacesSql('s'))} ELSE ${Prisma.raw(visibleFreeSql('s', q.now ?? new Date()))} END AS "free"`
  const order = Prisma.sql`ORDER BY s."startsAt", s."id" COLLATE "C"`
  // List (open-ended window): a plain ordered, limited join, no CTE, keyed by (start, id) for the merge — under the
  // list's outer LIMIT the merge reads only the slots it keeps, each with its programme, institution, audience and
  // participation rules, as the floor does.
  if (!('to' in w))
    return Prisma.sql`
    SELECT s."startsAt" AS t, s."id", (SELECT row_to_json(x) FROM (SELECT ${fields(audienceOfSlotSql('s."audienceLevels"'))}) x) AS j
      FROM "Slot" s JOIN "Organisation" o ON o."id" = s."organisationId" JOIN "SlotProgramme" p ON p."id" = s."programmeId"
     WHERE ${Prisma.join(conds, ' AND ')} ${order} LIMIT ${q.take}`
  // Month and week (every slot of the range is read anyway): the page of slots first (index order per institution,
  // then the top `take`), then its programmes and institutions and the calendar audience of each distinct set of
  // levels (a few per page, not one per slot). The participation rules are read per slot (two index probes each);
  // read once per programme and in one semi-join instead, a month of 2,000 slots was no faster (nor was the national
  // set's largest region with hash joins). Each entry is written as the whole row of the select (row_to_json(x)), keyed
  // by its own epoch-ms start and id — not by a sub-select per slot, which cost ≈ 1.6 ms more per month of that region
  // (statement alone, p50 of 80, the same text): the range's aggregate sorts every entry anyway.
  return Prisma.sql`
    WITH s AS (SELECT s."id", s."programmeId", s."organisationId", s."startsAt", s."endsAt", s."location", s."capacity", s."confirmedCount", s."status", s."audienceLevels"
                 FROM "Slot" s JOIN "Organisation" o ON o."id" = s."organisationId"
                WHERE ${Prisma.join(conds, ' AND ')} ${order} LIMIT ${q.take}),
         a AS (SELECT d.lv, ${Prisma.raw(audienceOfSlotSql('d.lv'))} AS a FROM (SELECT DISTINCT s."audienceLevels" AS lv FROM s) d)
    SELECT x."startsAt" AS t, x."id", row_to_json(x) AS j
      FROM (SELECT ${fields(`COALESCE(a.a, '[]'::json)`)}
              FROM s JOIN "Organisation" o ON o."id" = s."organisationId" JOIN "SlotProgramme" p ON p."id" = s."programmeId" LEFT JOIN a ON a.lv = s."audienceLevels") x`
}

/** Both parts of a calendar read: its events, and its slots when the filters let any through. */
function entryParts(q: EntryQuery): Prisma.Sql {
  const slots = slotsPart(q)
  return slots ? Prisma.sql`(${eventsPart(q)}) UNION ALL (${slots})` : eventsPart(q)
}

/**
 * The month and week views: a region's events and slots in the window, each part limited to `take`, merged by
 * (start as epoch ms, id) — id in code point order, as mergeByStart (./slot-query.ts) compares — and written as the response's JSON
 * by the statement itself (Dates as epoch ms: ENTRY_TAGS): one round trip over the pool (no ORM compile) and no parse
 * or re-encode here; the tRPC response sends the text as it is (`jsonText`, server/api/transformer.ts). The aggregate
 * orders its input itself (no numbering window over the merged rows: ≈ 1 ms less per month of the largest region).
 */
export async function calendarRangeText(db: DbTx, q: EntryQuery & { window: { from: Date; to: Date } }): Promise<string> {
  const query = Prisma.sql`SELECT (SELECT json_agg(u.j ORDER BY u.t, u."id" COLLATE "C") FROM (${entryParts(q)}) u)::text AS "entries"`
  return (await rawRows<{ entries: string | null }>(db, query))[0]?.entries ?? '[]'
}

/** A page of the list view as the statement wrote it (see calendarPage). */
export type EntriesPage = {
  /** The first `keep` entries ordered by (start, id), as one JSON array (Dates as epoch ms: ENTRY_TAGS). */
  text: string
  /** How many entries the merge returned: at most keep + 1 (whether more follow). */
  total: number
  /** The key of the last entry in `text` (the list's cursor), null when it is empty. */
  last: { startsAt: Date; id: string } | null
}

/**
 * The list view: as calendarRangeText, but the merge itself is limited to keep + 1 entries: both parts are ordered by
 * the same key, so the database merges them lazily (Merge Append) and reads, joins and writes as JSON only the rows of
 * the page and the one that tells whether more follow, as the floor does.
 */
export async function calendarPage(db: DbTx, q: EntryQuery, keep: number): Promise<EntriesPage> {
  const query = Prisma.sql`
    WITH u AS (SELECT u.t, u."id", u.j, row_number() OVER (ORDER BY u.t, u."id" COLLATE "C") AS n
                 FROM (SELECT * FROM (${entryParts(q)}) m ORDER BY m.t, m."id" COLLATE "C" LIMIT ${keep + 1}) u)
    SELECT (SELECT json_agg(u.j ORDER BY u.n) FROM u WHERE u.n <= ${keep})::text AS "entries",
           (SELECT count(*) FROM u)::int AS "total",
           (SELECT json_build_array(${epochMs('u.t')}, u."id") FROM u WHERE u.n = LEAST(${keep}, (SELECT count(*) FROM u))) AS "last"`
  const row = (await rawRows<{ entries: string | null; total: number; last: [number | string, string] | null }>(db, query))[0]!
  return { text: row.entries ?? '[]', total: row.total, last: row.last ? { startsAt: new Date(Number(row.last[0])), id: row.last[1] } : null }
}
