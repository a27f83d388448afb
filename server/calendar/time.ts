/**
 * Calendar dates and times: events are entered as Amsterdam wall-clock dates/times and stored as UTC instants.
 * Pure functions (shared by the schemas, services and forms); the DST work is done by server/lib/time.ts.
 */
import { fromAmsterdam, fromAmsterdamRange, toAmsterdam } from '../lib/time.ts'

/** Longest event (a netwerkweek plus margin). Range queries rely on it to stay on the startsAt index. */
export const MAX_EVENT_DAYS = 31
export const MAX_EVENT_MS = MAX_EVENT_DAYS * 86_400_000
/** Most dates in one series. */
export const MAX_SERIES = 52

export type LocalTimes = { startDate: string; startTime?: string; endDate: string; endTime?: string; allDay: boolean }

/** A local calendar date plus n days (calendar arithmetic, independent of DST). */
export function addLocalDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

/** The UTC start/end of an event. All-day events run from local midnight to local midnight after the last day. */
export function eventTimes(t: LocalTimes): { startsAt: Date; endsAt: Date } {
  if (t.allDay) return { startsAt: fromAmsterdam(t.startDate, '00:00'), endsAt: fromAmsterdam(addLocalDays(t.endDate, 1), '00:00') }
  return fromAmsterdamRange({ date: t.startDate, time: t.startTime ?? '00:00' }, { date: t.endDate, time: t.endTime ?? '00:00' })
}

/** The local form values of a stored event (inverse of eventTimes). */
export function localTimes(ev: { startsAt: Date; endsAt: Date; allDay: boolean }): LocalTimes {
  const s = toAmsterdam(ev.startsAt)
  const e = toAmsterdam(ev.endsAt)
  if (ev.allDay) return { startDate: s.date, endDate: addLocalDays(e.date, -1), allDay: true }
  return { startDate: s.date, startTime: s.time, endDate: e.date, endTime: e.time, allDay: false }
}

/** The first date and every 7 days after it up to and including `until` (e.g. every Wednesday in March). */
export function weeklyDates(first: string, until: string | undefined): string[] {
  const out = [first]
  if (!until) return out
  for (let d = addLocalDays(first, 7); d <= until && out.length < MAX_SERIES; d = addLocalDays(d, 7)) out.push(d)
  return out
}

/** Days between two local dates (b − a). */
export function localDayDiff(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000)
}

/** Monday (ISO week start) of the week containing a local date. */
export function weekStart(date: string): string {
  const dow = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7
  return addLocalDays(date, -dow)
}

/** First day of the month of a local date, and the first day of the next month. */
export function monthBounds(date: string): { first: string; next: string } {
  const first = `${date.slice(0, 7)}-01`
  const [y, m] = first.split('-').map(Number) as [number, number]
  return { first, next: new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10) }
}
