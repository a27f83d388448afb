import { getRequestConfig } from 'next-intl/server'
import { cookies } from 'next/headers'
import { isLocale, LOCALE_COOKIE, pickLocale, timeZone } from './config.ts'
import { messages } from './messages/index.ts'

export async function requestLocale() {
  return pickLocale((await cookies()).get(LOCALE_COOKIE)?.value)
}

/**
 * next-intl's request configuration. An explicit locale given to a server function (`getFormatter({ locale })`, as
 * getAppFormatter passes the formatting locale "en-GB" or "nl-NL") reaches this as `locale` and is honoured: that
 * formatter formats in it, with the messages of its language. Without one, the UI's language from the cookie.
 */
export default getRequestConfig(async ({ locale: explicit }) => {
  const language = explicit?.split('-')[0]
  if (explicit && isLocale(language)) return { locale: explicit, messages: messages[language], timeZone }
  const locale = await requestLocale()
  return { locale, messages: messages[locale], timeZone }
})
