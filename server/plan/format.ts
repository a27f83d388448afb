/** How an indicator value reads: euros for fund indicators (cents), a percentage for transition shares, else a number. Client-safe. */
import { formatCents } from '../fund/money.ts'

export function formatIndicatorValue(kind: string, value: number, locale: string): string {
  if (kind === 'FUND') return formatCents(Math.round(value), locale)
  const n = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 1 }).format(value)
  return kind === 'TRANSITIONS' ? `${n}%` : n
}

export const schoolYearLabel = (year: number) => `${year}/${String((year + 1) % 100).padStart(2, '0')}`
