/**
 * Dates for the calendar's tests, relative to today (in Amsterdam), so no test depends on the year it runs in.
 * They follow the clock, so a faked clock (vi.setSystemTime, faketime) moves them too.
 */
import { toAmsterdam } from '../lib/time.ts'
import { addLocalDays } from './time.ts'

/** Today's local date in Amsterdam. */
export const today = () => toAmsterdam(new Date()).date

/** The local date n days from today. */
export const daysFromToday = (n: number) => addLocalDays(today(), n)

/** The first date on the given ISO weekday (1 = Monday … 7 = Sunday) at least `minDays` days from today. */
export function nextWeekday(isoDay: number, minDays = 0): string {
  const from = daysFromToday(minDays)
  const dow = ((new Date(`${from}T00:00:00Z`).getUTCDay() + 6) % 7) + 1
  return addLocalDays(from, (isoDay - dow + 7) % 7)
}

/** The first day of the month n months after this one ('yyyy-MM-01'). */
export function monthFromNow(n: number): string {
  const [y, m] = today().split('-').map(Number) as [number, number]
  return new Date(Date.UTC(y, m - 1 + n, 1)).toISOString().slice(0, 10)
}

/**
 * Fixed example dates (chosen for their weekday or a DST change) kept in the future: every date and instant is
 * moved by the same whole number of 28-year cycles — the same weekdays and the same DST Sundays — so that the
 * earliest one lies at least `marginDays` after today. Today they stay as written; once today passes them they
 * move on, so the tests pass whatever the date.
 */
export function keptAhead(earliest: string, marginDays = 60) {
  let years = 0
  const shift = (s: string) => `${Number(s.slice(0, 4)) + years}${s.slice(4)}`
  while (shift(earliest) < daysFromToday(marginDays)) years += 28
  return {
    /** A local date ('yyyy-MM-dd') or month ('yyyy-MM'). */
    day: (date: string) => shift(date),
    /** An ISO instant ('…Z'). */
    instant: (iso: string) => shift(iso),
  }
}
