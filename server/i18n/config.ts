export const locales = ['nl', 'en'] as const
export type Locale = (typeof locales)[number]
export const defaultLocale: Locale = 'nl'
export const LOCALE_COOKIE = 'NEXT_LOCALE'
export const timeZone = 'Europe/Amsterdam'

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (locales as readonly string[]).includes(v)
}

/**
 * The user's explicit choice (cookie) or Dutch. The browser's Accept-Language is deliberately not used: Overstap
 * is a Dutch platform and many Dutch users run English-language browsers.
 */
export function pickLocale(cookieValue: string | undefined | null): Locale {
  return isLocale(cookieValue) ? cookieValue : defaultLocale
}

/**
 * The locale numbers, dates and currency are formatted in: the UI's language in its Dutch or British form
 * (English dates read "2 Dec 2026", not the US "Dec 2, 2026"; euros "€1,234.50"). The one place for it.
 */
export function intlLocale(locale: string): 'nl-NL' | 'en-GB' {
  return locale === 'en' ? 'en-GB' : 'nl-NL'
}
