'use client'
import { useLocale } from 'next-intl'
import { config } from 'zod/v4/core'
import en from 'zod/v4/locales/en.js'
import nl from 'zod/v4/locales/nl.js'

/**
 * Forms validate with the same zod schemas as the server. Messages of built-in checks (a schema without a
 * translation key) follow the UI language: zod's global locale is set on the client from the page's locale.
 * Only the two UI languages' locales are imported (`z.locales` would bundle all of zod's ~50 languages).
 * Rendered by the signed-in layout and by the public pages with a form, before the form.
 */
export function ZodLocale() {
  config(useLocale() === 'en' ? en() : nl())
  return null
}
