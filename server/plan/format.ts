/**
 * How an indicator value reads: euros for fund indicators (cents), a percentage for transition shares and the monitor's
 * share of schools at level 3+, else a number (a monitor median is a level 1–4). Client-safe.
 */
import { formatCents, formatCentsShort } from '../fund/money.ts'
import { intlLocale } from '../i18n/config.ts'

export function formatIndicatorValue(kind: string, value: number, locale: string, config?: { metric?: string } | null): string {
  if (kind === 'FUND') return formatCents(Math.round(value), locale)
  const n = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 1 }).format(value)
  return kind === 'TRANSITIONS' || (kind === 'MONITOR' && config?.metric === 'SHARE_3_PLUS') ? `${n}%` : n
}

/**
 * A value on an indicator chart's axis: as formatIndicatorValue, in the UI language, but euros without the cents
 * when there are none ("€ 5.000", as the fund dashboard's chart).
 */
export function formatIndicatorTick(kind: string, value: number, locale: string, config?: { metric?: string } | null): string {
  return kind === 'FUND' ? formatCentsShort(Math.round(value), locale) : formatIndicatorValue(kind, value, locale, config)
}

/** The activity metrics counted from slot bookings (only bookings the school vouches for; see indicators.ts). */
export const BOOKING_METRICS = ['BOOKED', 'ATTENDED', 'SCHOOLS_REACHED'] as const
export const isBookingIndicator = (kind: string, config?: { metric?: string } | null) => kind === 'ACTIVITY' && (BOOKING_METRICS as readonly string[]).includes(config?.metric ?? '')

export const schoolYearLabel = (year: number) => `${year}/${String((year + 1) % 100).padStart(2, '0')}`
