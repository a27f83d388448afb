import { formatAmsterdam } from '@/server/lib/time'

type Locale = 'nl' | 'en'

/**
 * The calendar's one date formatter: a date-fns pattern in Amsterdam time and the UI's locale. Abbreviated
 * weekdays follow each language's convention: date-fns' `EEE` gives Dutch "maa din woe", so in Dutch the short
 * form `EEEEEE` ("ma di wo do vr za zo") is used instead; English keeps "Mon Tue Wed".
 */
export function formatCalendar(instant: Date, pattern: string, locale: Locale): string {
  return formatAmsterdam(instant, locale === 'nl' ? pattern.replace(/(?<!E)EEE(?!E)/g, 'EEEEEE') : pattern, locale)
}

/** A local calendar date ('yyyy-MM-dd') as an instant on that day in Amsterdam (noon UTC), for formatting. */
export const localDay = (date: string) => new Date(`${date}T12:00:00Z`)

/**
 * What a region's decision reads as. A draft's regions wait for nothing yet (the row exists from creation on),
 * so they read "not proposed yet" rather than "awaiting review".
 */
export const decisionKey = (status: string, decision: string) => (status === 'DRAFT' ? 'NOT_PROPOSED' : decision) as 'PENDING' | 'PUBLISHED' | 'REJECTED' | 'NOT_PROPOSED'
