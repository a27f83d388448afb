/**
 * Money in integer euro cents, end to end. Parsing and formatting go through strings, never through floating
 * point arithmetic; sums happen in the database (SUM over integers) or on integers here.
 * Client-safe (no server imports).
 */
import { intlLocale } from '../i18n/config.ts'

/** Largest amount of one row: € 20 million. Sums are bigint in SQL and exact JS integers up to 2^53. */
export const MAX_CENTS = 2_000_000_000

/** The separators an amount is typed with in each UI language: "1.234,56" (nl), "1,234.56" (en). */
const NOTATION = { nl: { group: '.', decimal: ',' }, en: { group: ',', decimal: '.' } } as const
export type MoneyLocale = keyof typeof NOTATION
const PATTERNS = Object.fromEntries(
  Object.entries(NOTATION).map(([locale, { group, decimal }]) => [
    locale,
    { own: new RegExp(`^(\\d{1,3}(?:\\${group}\\d{3})+|\\d+)(?:\\${decimal}(\\d{1,2}))?$`), plain: new RegExp(`^(\\d+)(?:\\${group}(\\d{1,2}))?$`) },
  ]),
) as Record<MoneyLocale, { own: RegExp; plain: RegExp }>

/**
 * An amount typed in the UI's language → cents: its own notation ("1.234,56" / "1,234.56", groups of three, at most
 * two decimals, "€" and spaces ignored), or a plain number whose one separator can only be a decimal mark (one or two
 * digits after it: "1234.56" and "2.5" on a Dutch page, "1234,56" on an English one). Null for anything else —
 * negative, more than two decimals, letters, and an amount that reads differently in the two languages unless it is
 * in the page's own notation: "2.500" is 2,500 euros on a Dutch page and refused on an English one (not read as
 * 2.50 nor as 2,500), "1,234" the other way round.
 */
export function parseEuroToCents(input: string, locale: MoneyLocale = 'nl'): number | null {
  const s = input.replace(/€|\s/g, '')
  const { own, plain } = PATTERNS[locale]
  const grouped = own.exec(s)
  const m = grouped ?? plain.exec(s)
  if (!m) return null
  const whole = grouped ? m[1]!.replaceAll(NOTATION[locale].group, '') : m[1]!
  const cents = Number(whole) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
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
export const centsToCsv = (cents: number, locale: MoneyLocale) => centsToInput(cents, locale)

/** Cents for an input field in the UI language's notation, without grouping: 123456 → "1234,56" (nl), "1234.56" (en). */
export function centsToInput(cents: number, locale: MoneyLocale = 'nl'): string {
  return centsToDecimal(cents).replace('.', NOTATION[locale].decimal)
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
