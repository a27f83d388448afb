/**
 * Reading and writing dates as typed in the UI's language (client-safe, no React): nl `dd-mm-jjjj`,
 * en `dd/mm/yyyy`. Parsing is lenient about separators (- / . space), one-digit days and months, two-digit
 * years (→ 20yy) and a pasted ISO date; it returns the ISO `yyyy-MM-dd` or null for text that is not a real date.
 */
export type UiLocale = 'nl' | 'en'

const SEPARATOR: Record<UiLocale, string> = { nl: '-', en: '/' }

export function parseDateInput(text: string, _locale: UiLocale = 'nl'): string | null {
  const s = text.trim()
  if (s === '') return null
  let y: number, m: number, d: number
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s)
  const dmy = /^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{2}|\d{4})$/.exec(s)
  const compact = /^(\d{2})(\d{2})(\d{4})$/.exec(s)
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])]
  else if (dmy) [d, m, y] = [Number(dmy[1]), Number(dmy[2]), dmy[3]!.length === 2 ? 2000 + Number(dmy[3]) : Number(dmy[3])]
  else if (compact) [d, m, y] = [Number(compact[1]), Number(compact[2]), Number(compact[3])]
  else return null
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return null
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate()
  if (d > days) return null
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

/** ISO `yyyy-MM-dd` → the locale's display form; other text (empty, half-typed) is returned as is. */
export function formatDateInput(value: string, locale: UiLocale = 'nl'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!m) return value
  const sep = SEPARATOR[locale]
  return `${m[3]}${sep}${m[2]}${sep}${m[1]}`
}

/** "14:30", "1430", "9.15", "9" → "HH:mm" (24-hour); null when not a time of day. */
export function parseTimeInput(text: string): string | null {
  const s = text.trim()
  const m = /^(\d{1,2})(?:[:.h ]?(\d{2}))?$/.exec(s)
  if (!m) return null
  const h = Number(m[1])
  const min = m[2] === undefined ? 0 : Number(m[2])
  if (h > 23 || min > 59) return null
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`
}
