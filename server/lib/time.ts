/**
 * Time zone handling: times are stored in UTC and shown/entered in Europe/Amsterdam, correct across DST changes.
 * Uses @date-fns/tz (maintained) rather than hand-rolled offsets.
 */
import { TZDate } from '@date-fns/tz'
import { format } from 'date-fns'
import { enGB, nl } from 'date-fns/locale'

export const APP_TZ = 'Europe/Amsterdam'

/**
 * A wall-clock time in Amsterdam ("2026-03-29T02:30" or date + "HH:mm") → the UTC instant. Times that do not
 * exist (the hour skipped in spring) move forward; ambiguous times (the repeated hour in autumn) take the first.
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

/**
 * Formats an instant in Amsterdam time with a date-fns pattern, in Dutch or English: the app's one date formatter.
 * Abbreviated weekdays follow each language's convention: date-fns' Dutch `EEE` is "maa din woe", so in Dutch the
 * short form `EEEEEE` ("ma di wo do vr za zo") is used instead; English keeps "Mon Tue Wed".
 */
export function formatAmsterdam(instant: Date, pattern: string, locale: 'nl' | 'en' = 'nl'): string {
  const p = locale === 'nl' ? pattern.replace(/(?<!E)EEE(?!E)/g, 'EEEEEE') : pattern
  return format(new TZDate(instant.getTime(), APP_TZ), p, { locale: locale === 'nl' ? nl : enGB })
}
