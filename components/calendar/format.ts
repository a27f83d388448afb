import { formatAmsterdam } from '@/server/lib/time'

type Locale = 'nl' | 'en'

/** The calendar's date formatter: formatAmsterdam (Amsterdam time, the UI's locale, Dutch "ma di wo" weekdays). */
export function formatCalendar(instant: Date, pattern: string, locale: Locale): string {
  return formatAmsterdam(instant, pattern, locale)
}

/** A local calendar date ('yyyy-MM-dd') as an instant on that day in Amsterdam (noon UTC), for formatting. */
export const localDay = (date: string) => new Date(`${date}T12:00:00Z`)

/**
 * What a region's decision reads as. A draft's regions wait for nothing yet (the row exists from creation on),
 * so they read "not proposed yet" rather than "awaiting review".
 */
export const decisionKey = (status: string, decision: string) => (status === 'DRAFT' ? 'NOT_PROPOSED' : decision) as 'PENDING' | 'PUBLISHED' | 'REJECTED' | 'NOT_PROPOSED'
