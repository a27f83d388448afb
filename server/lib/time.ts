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
  if (!gap.length && fromAmsterdam(v.date, v.endTime) <= fromAmsterdam(v.date, v.startTime)) ctx.addIssue({ code: 'custom', path: ['endTime'], message: endBeforeStart })
}
