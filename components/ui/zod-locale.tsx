'use client'
import { useLocale } from 'next-intl'
import { z } from 'zod'

/**
 * Forms validate with the same zod schemas as the server. Messages of built-in checks (a schema without a
 * translation key) follow the UI language: zod's global locale is set on the client from the page's locale.
 */
export function ZodLocale() {
  const locale = useLocale()
  z.config(locale === 'en' ? z.locales.en() : z.locales.nl())
  return null
}
