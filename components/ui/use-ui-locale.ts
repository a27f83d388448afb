import { useLocale } from 'next-intl'
import { pickLocale, type Locale } from '@/server/i18n/config'

/** In client components: the UI's language as the app's Locale ('nl' | 'en'), for formatting and parsing (pickLocale's rule). */
export function useUiLocale(): Locale {
  return pickLocale(useLocale())
}
