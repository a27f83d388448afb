'use client'
import { useMemo } from 'react'
import { createFormatter, useLocale, useTimeZone } from 'next-intl'
import { intlLocale } from '@/server/i18n/config'

/** next-intl's formatter for client components, in the UI's formatting locale (`intlLocale`). */
export function useAppFormatter() {
  const locale = useLocale()
  const timeZone = useTimeZone()
  return useMemo(() => createFormatter({ locale: intlLocale(locale), timeZone }), [locale, timeZone])
}
