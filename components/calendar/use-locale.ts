import { useLocale } from 'next-intl'

/** In client components: the locale as the date-formatting locale of server/lib/time.ts (see ./locale.ts). */
export function useCalendarLocale(): 'nl' | 'en' {
  return useLocale() === 'en' ? 'en' : 'nl'
}
