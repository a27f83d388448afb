/**
 * Money in integer euro cents, end to end. Parsing and formatting go through strings, never through floating
 * point arithmetic; sums happen in the database (SUM over integers) or on integers here.
 * Client-safe (no server imports).
 */
import { intlLocale } from '../i18n/config.ts'

/** Largest amount of one row: € 20 million. Sums are bigint in SQL and exact JS integers up to 2^53. */
export const MAX_CENTS = 2_000_000_000

/**
 * "1.234,56", "1234,5", "1234.56", "€ 12" → cents. Dutch notation (dot thousands, comma decimals) and a plain
 * decimal point are accepted. Returns null for anything else (negative, more than 2 decimals, letters).
 */
export function parseEuroToCents(input: string): number | null {
  const s = input.replace(/€|\s/g, '')
  let whole: string
  let frac = ''
  const nl = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(s)
  const en = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s)
  if (nl) [whole, frac] = [nl[1]!.replace(/\./g, ''), nl[2] ?? '']
  else if (en) [whole, frac] = [en[1]!, en[2] ?? '']
  else return null
  const cents = Number(whole) * 100 + Number(frac.padEnd(2, '0'))
  return Number.isSafeInteger(cents) ? cents : null
}

/** Cents as a plain decimal string: 123456 → "1234.56", -5 → "-0.05" (exact, for Intl and exports). */
export function centsToDecimal(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`not integer cents: ${cents}`)
  const sign = cents < 0 ? '-' : ''
  const abs = Math.abs(cents)
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/**
 * Cents as a euro amount in a CSV cell, with the decimal separator of the export's language: Dutch spreadsheets read
 * "1234,56" (with ";" between cells) and would take "1234.56" for text or a date; English ones read "1234.56".
 */
export const centsToCsv = (cents: number, locale: 'nl' | 'en') => (locale === 'nl' ? centsToInput(cents) : centsToDecimal(cents))

/** Cents for an input field in Dutch notation: 123456 → "1234,56". */
export function centsToInput(cents: number): string {
  return centsToDecimal(cents).replace('.', ',')
}

const formatters = new Map<string, Intl.NumberFormat>()

/** € 1.234,56 (nl) / €1,234.56 (en). Intl formats the exact decimal string, no float rounding. */
export function formatCents(cents: number, locale: string = 'nl'): string {
  let f = formatters.get(locale)
  if (!f) {
    f = new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency: 'EUR' })
    formatters.set(locale, f)
  }
  return f.format(centsToDecimal(cents) as unknown as number)
}

/** As formatCents, without ",00" for whole euros (chart axes): € 5.000 / €5,000. */
export function formatCentsShort(cents: number, locale: string = 'nl'): string {
  return formatCents(cents, locale).replace(/[.,]00$/, '')
}

/** Integer percentage of an amount, rounded half up: percentOf(10001, 50) = 5001. */
export function percentOf(cents: number, percent: number): number {
  return Math.floor((cents * percent + 50) / 100)
}
