import { createTranslator } from 'next-intl'
import { z } from 'zod'
import { messages } from './messages/index.ts'
import { timeZone, type Locale } from './config.ts'
import { messageKey } from './keys.ts'

export type Translate = ((key: string, values?: Record<string, string | number | Date>) => string) & { has(key: string): boolean }

/** A translator outside React (tRPC error formatting, e-mails, exports). Keys are checked at run time. */
export function translator(locale: Locale, namespace?: string): Translate {
  return createTranslator({ locale, messages: messages[locale], namespace: namespace as never, timeZone }) as unknown as Translate
}

const zodLocales = { nl: z.locales.nl(), en: z.locales.en() }

type Issue = z.core.$ZodIssue

/**
 * The user-facing message of one validation issue in the given locale. Schemas put translation keys
 * ("v.<key>") in their custom messages; built-in checks are rendered by zod's own locale.
 */
export function issueMessage(issue: Issue, locale: Locale): string {
  const t = translator(locale)
  const key = messageKey(issue.message)
  if (key) {
    if (t.has(key)) {
      const params = Object.fromEntries(Object.entries(issue).filter(([, v]) => typeof v === 'string' || typeof v === 'number'))
      return t(key, params as Record<string, string | number>)
    }
  }
  const localized = zodLocales[locale].localeError?.(issue as never)
  const text = typeof localized === 'string' ? localized : localized?.message
  return text ?? issue.message
}
