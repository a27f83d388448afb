/**
 * Time zone handling: times are stored in UTC and shown/entered in Europe/Amsterdam, correct across DST changes.
 * Uses @date-fns/tz (maintained) rather than hand-rolled offsets.
 */
import { TZDate } from '@date-fns/tz'
import { format } from 'date-fns'
import { enGB, nl } from 'date-fns/locale'
import type { z } from 'zod'
import { isLocalDate, isLocalTime } from './zod.ts'

export const APP_TZ = 'Europe/Amsterdam'

/**
 * A wall-clock time in Amsterdam ("2026-03-29T02:30" or date + "HH:mm") → the UTC instant. Times that do not
 * exist (the hour skipped in spring) move forward — inputs refuse them first (existsInAmsterdam) —; ambiguous times
 * (the repeated hour in autumn) take the second, in winter time (02:30 on 31 October 2027 is 01:30 UTC).
 */
export function fromAmsterdam(date: string, time = '00:00'): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(date)
  if (!m) throw new RangeError(`not a local date: ${date}`)
  const [hh, mm] = m[4] ? [m[4], m[5]] : time.split(':')
  const d = new TZDate(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(hh), Number(mm), 0, APP_TZ)
  return new Date(d.getTime())
}

/**
 * A typed range (a start and an end as Amsterdam wall-clock date + time) → its UTC instants: the one rule for slots,
 * calendar events and registration sessions. The start follows fromAmsterdam (an ambiguous start, in the hour
 * repeated in autumn, is the second occurrence, in winter time). An ambiguous end takes the occurrence that gives
 * the shortest positive duration after the start: 01:30–02:30 on 31 October 2027 is one hour (23:30Z–00:30Z), not
 * two; 02:30–02:45 that night stays 15 minutes. An end that comes before the start either way keeps fromAmsterdam's
 * reading, so validation still refuses it.
 */
export function fromAmsterdamRange(start: { date: string; time?: string }, end: { date: string; time?: string }): { startsAt: Date; endsAt: Date } {
  const startsAt = fromAmsterdam(start.date, start.time)
  const latest = fromAmsterdam(end.date, end.time)
  const endsAt = occurrences(latest).find((c) => c > startsAt) ?? latest
  return { startsAt, endsAt }
}

/** Every instant at which Amsterdam's clock shows the same wall-clock time as `latest` (its last occurrence), earliest first. */
function occurrences(latest: Date): Date[] {
  const shown = toAmsterdam(latest)
  const earlier = new Date(latest.getTime() - 3_600_000)
  const same = toAmsterdam(earlier)
  return same.date === shown.date && same.time === shown.time ? [earlier, latest] : [latest]
}

/** The UTC instant as Amsterdam wall-clock parts: { date: 'yyyy-MM-dd', time: 'HH:mm' }. */
export function toAmsterdam(instant: Date): { date: string; time: string } {
  const d = new TZDate(instant.getTime(), APP_TZ)
  return { date: format(d, 'yyyy-MM-dd'), time: format(d, 'HH:mm') }
}

/** Whether the clock in Amsterdam shows `time` on `date` at all: not inside the hour it skips in spring (02:00–03:00). */
export function existsInAmsterdam(date: string, time: string): boolean {
  const shown = toAmsterdam(fromAmsterdam(date, time))
  return shown.date === date && shown.time === time
}

/**
 * Formats an instant in Amsterdam time with a date-fns pattern, in Dutch or English: the app's one date formatter.
 * Abbreviated weekdays follow each language's convention: date-fns' Dutch `EEE` is "maa din woe", so in Dutch the
 * short form `EEEEEE` ("ma di wo do vr za zo") is used instead; English keeps "Mon Tue Wed".
 */
export function formatAmsterdam(instant: Date, pattern: string, locale: 'nl' | 'en' = 'nl'): string {
  const p = locale === 'nl' ? pattern.replace(/(?<!E)EEE(?!E)/g, 'EEEEEE') : pattern
  return format(new TZDate(instant.getTime(), APP_TZ), p, { locale: locale === 'nl' ? nl : enGB })
}

/**
 * A day's start and end times as a form sends them (slots, registration sessions): each must exist that day in
 * Amsterdam (not in the hour the clock skips in spring, which would silently move) and the end must come after the
 * start as instants, not only as text (02:30–03:15 on that night would otherwise end before it starts).
 */
export function refineLocalTimes(v: { date: string; startTime: string; endTime: string }, ctx: z.RefinementCtx, endBeforeStart: string) {
  if (!isLocalDate(v.date) || !isLocalTime(v.startTime) || !isLocalTime(v.endTime)) return // their own checks answer
  const gap = (['startTime', 'endTime'] as const).filter((k) => !existsInAmsterdam(v.date, v[k]))
  for (const k of gap) ctx.addIssue({ code: 'custom', path: [k], message: 'v.timeDoesNotExist' })
  if (gap.length) return
  const { startsAt, endsAt } = fromAmsterdamRange({ date: v.date, time: v.startTime }, { date: v.date, time: v.endTime })
  if (endsAt <= startsAt) ctx.addIssue({ code: 'custom', path: ['endTime'], message: endBeforeStart })
}
