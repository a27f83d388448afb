import { useLocale } from 'next-intl'
import { isLocale, defaultLocale, type Locale } from '@/server/i18n/config'

/** In client components: the UI's language as the app's Locale ('nl' | 'en'), for formatting and parsing. */
export function useUiLocale(): Locale {
  const locale = useLocale()
  return isLocale(locale) ? locale : defaultLocale
}
