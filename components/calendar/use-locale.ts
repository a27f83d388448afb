import { useUiLocale } from '@/components/ui/use-ui-locale'

/** In client components: the locale as the date-formatting locale of server/lib/time.ts (see ./locale.ts). */
export function useCalendarLocale(): 'nl' | 'en' {
  return useUiLocale()
}
