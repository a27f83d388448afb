/**
 * Proefstudeer/meeloop slots in the shared calendar. A slot is not a CalendarEvent (it has no approval
 * workflow: an institution publishes it directly), so the calendar reads it from the slots tables and shows
 * it next to the events. These pure rules translate between the two vocabularies:
 * - a slot of an mbo programme is a MEELOOPDAG, of an hbo/wo programme a PROEFSTUDEREN day;
 * - a slot's pupil levels (VMBO_BB … MBO) map to the calendar's audience levels (vmbo-b … mbo-4).
 */
import type { AUDIENCE_LEVELS, EVENT_TYPES } from './schema.ts'
import type { PUPIL_LEVELS } from '../slots/schema.ts'
import { personalLinkOnlySql, placesHiddenFor, visibleFree, type PlacesHiddenInputs, type SlotRules } from '../participation/slot-rules.ts'

type AudienceLevel = (typeof AUDIENCE_LEVELS)[number]
type PupilLevel = (typeof PUPIL_LEVELS)[number]
type EventType = (typeof EVENT_TYPES)[number]
export type SlotSector = 'MBO' | 'HBO' | 'WO'

const AUDIENCE_OF: Record<PupilLevel, readonly AudienceLevel[]> = {
  VMBO_BB: ['vmbo-b'],
  VMBO_KB: ['vmbo-k'],
  VMBO_GT: ['vmbo-gt'],
  HAVO: ['havo'],
  VWO: ['vwo'],
  MBO: ['mbo-1', 'mbo-2', 'mbo-3', 'mbo-4'],
  OTHER: [],
}

/** The calendar audience of a slot, without repeats, in the order of the slot's levels. */
export function audienceOfSlot(levels: readonly PupilLevel[]): AudienceLevel[] {
  return [...new Set(levels.flatMap((l) => AUDIENCE_OF[l]))]
}

/** Levels, types and path prefixes as SQL literals (constants: no quoting needed, checked below). */
const sqlText = (x: string) => {
  if (!/^[A-Za-z0-9_/-]+$/.test(x)) throw new Error(`not a level, type or path: ${x}`)
  return `'${x}'`
}

/**
 * audienceOfSlot in SQL, over a PupilLevel[] column: the calendar audience as a JSON array, without repeats, in the
 * order of the slot's levels (generated from the same map).
 */
export function audienceOfSlotSql(column: string): string {
  const cases = (Object.entries(AUDIENCE_OF) as [PupilLevel, readonly AudienceLevel[]][])
    .map(([p, a]) => `WHEN ${sqlText(p)} THEN ARRAY[${a.map(sqlText).join(', ')}]::text[]`)
    .join(' ')
  return `(SELECT COALESCE(json_agg(z.a ORDER BY z.k), '[]'::json) FROM (SELECT v.a, min(u.i * 100 + v.j) AS k
     FROM unnest(${column}::text[]) WITH ORDINALITY u(l, i), unnest(CASE u.l ${cases} ELSE ARRAY[]::text[] END) WITH ORDINALITY v(a, j) GROUP BY v.a) z)`
}

/** The slot levels that reach a calendar audience level (the inverse of audienceOfSlot). */
export function pupilLevelsFor(level: string): PupilLevel[] {
  return (Object.keys(AUDIENCE_OF) as PupilLevel[]).filter((p) => (AUDIENCE_OF[p] as readonly string[]).includes(level))
}

/** The activity type a slot shows as. */
export const slotEventType = (sector: SlotSector): 'MEELOOPDAG' | 'PROEFSTUDEREN' => (sector === 'MBO' ? 'MEELOOPDAG' : 'PROEFSTUDEREN')

/**
 * The institution sectors whose slots pass a type filter: all of them without a filter, none when the filter
 * names neither MEELOOPDAG nor PROEFSTUDEREN.
 */
export function sectorsForTypes(types: readonly EventType[]): SlotSector[] {
  const all: SlotSector[] = ['MBO', 'HBO', 'WO']
  if (!types.length) return all
  return all.filter((s) => types.includes(slotEventType(s)))
}

/** slotEventType in SQL, over a programme's sector column. */
export const slotEventTypeSql = (column: string) =>
  `(CASE ${column}::text ${(['MBO', 'HBO', 'WO'] as const).map((s) => `WHEN ${sqlText(s)} THEN ${sqlText(slotEventType(s))}`).join(' ')} ELSE ${sqlText(slotEventType('WO'))} END)`

/**
 * A slot's free places as a calendar entry shows them to its reader at `now`: the number itself to the slot's
 * institution (a publisher of it, who opens it in the app: `appHref`), else `visibleFree` (participation/slot-rules.ts)
 * — null on a personal-link-only slot, where `capacity − free` would count the listed pupils who booked it, often of
 * one school, and on a slot that has ended (placesHidden). Null means no place figure at all: neither a count nor "full".
 */
export const entryFree = (slot: { capacity: number; confirmedCount: number; endsAt: Date }, rules: Pick<SlotRules, 'personalLinkOnly'>, institution: boolean, now: Date): number | null =>
  institution ? Math.max(0, slot.capacity - slot.confirmedCount) : visibleFree(slot, rules, now)

/** An instant as a SQL `timestamp(3)` literal (UTC, as the columns hold it), written from Date's ISO form: nothing to quote. */
export function sqlInstant(at: Date): string {
  const iso = at.toISOString()
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(iso)) throw new Error(`not an instant: ${iso}`)
  return `timestamp '${iso.slice(0, 10)} ${iso.slice(11, 23)}'`
}

/** slotEnded (participation/slot-rules.ts) in SQL, over a slot alias with "endsAt" and `now` as a SQL instant (sqlInstant). */
export const slotEndedSql = (slot: string, now: string) => `(${slot}."endsAt" <= ${now})`

/**
 * placesHidden in SQL, over boolean expressions (never null) of its inputs: generated from the JS rule's value
 * (placesHiddenFor) for each of them, so the two cannot drift. `ended` is decided first, in a CASE (whose branches
 * PostgreSQL evaluates only when reached): where the end time alone decides, `personalLinkOnly` — the participation
 * rules' per-slot index probes — is not evaluated.
 */
export function placesHiddenSql(x: { [K in keyof PlacesHiddenInputs]: string }): string {
  // The rule for one value of `ended`, over personalLinkOnly: a constant, or the expression (negated).
  const byLinkOnly = (ended: boolean) => {
    const [whenLinkOnly, otherwise] = [true, false].map((personalLinkOnly) => placesHiddenFor({ ended, personalLinkOnly }))
    if (whenLinkOnly === otherwise) return String(whenLinkOnly)
    return whenLinkOnly ? `(${x.personalLinkOnly})` : `(NOT ${x.personalLinkOnly})`
  }
  const [whenEnded, otherwise] = [byLinkOnly(true), byLinkOnly(false)]
  return whenEnded === otherwise ? whenEnded : `(CASE WHEN ${x.ended} THEN ${whenEnded} ELSE ${otherwise} END)`
}

/** A slot's free places in SQL, over a slot alias with "capacity" and "confirmedCount" (never below 0, as entryFree). */
export const freePlacesSql = (slot: string) => `GREATEST(0, ${slot}."capacity" - ${slot}."confirmedCount")`

/** placesHidden (participation/slot-rules.ts) in SQL over a slot alias with "id", "organisationId", "programmeId" and "endsAt", at `now`. */
export const slotPlacesHiddenSql = (slot: string, now: Date) => placesHiddenSql({ ended: slotEndedSql(slot, sqlInstant(now)), personalLinkOnly: personalLinkOnlySql(slot) })

/**
 * visibleFree (participation/slot-rules.ts) in SQL, over a slot alias with "id", "organisationId", "programmeId",
 * "endsAt", "capacity" and "confirmedCount", at `now`: null when placesHidden — an ended slot without reading its
 * participation rules (one comparison), any other slot after their two index probes. The calendar statement gives it
 * to everybody but the slot's institution, who reads freePlacesSql (entryFree).
 */
export const visibleFreeSql = (slot: string, now: Date) => `(CASE WHEN NOT ${slotPlacesHiddenSql(slot, now)} THEN ${freePlacesSql(slot)} END)`

/** Slots last less than a day (start and end on one date); range queries bound startsAt with it. */
export const MAX_SLOT_MS = 86_400_000

/** A slot's page in the app (app/(app)/proefstuderen/[slotId]), where its institution's publishers manage it. */
export const slotAppPath = (slotId: string) => `/proefstuderen/${encodeURIComponent(slotId)}`

/** slotAppPath in SQL, over a slot's id column (slot ids are cuids: nothing to encode). */
export const slotAppPathSql = (column: string) => `(${sqlText(slotAppPath(''))} || ${column})`

/** The public page of a slot, where pupils (and decanen on their behalf) book it. */
export const slotBookingPath = (brin: string, slotId: string) => `/instelling/${encodeURIComponent(brin)}/proefstuderen/${encodeURIComponent(slotId)}`

/**
 * Where a calendar slot entry opens: its page in the app for a publisher of its institution (`appHref`, set by the
 * server for that reader), else its public booking page, built here from the institution's BRIN — so the calendar
 * statement writes a BRIN per slot instead of a path (./query-entries.ts).
 */
export const slotEntryHref = (e: { id: string; brin: string; appHref: string | null }) => e.appHref ?? slotBookingPath(e.brin, e.id)
