import { getRequestConfig } from 'next-intl/server'
import { cookies } from 'next/headers'
import { LOCALE_COOKIE, pickLocale, timeZone } from './config.ts'
import { messages } from './messages/index.ts'

export async function requestLocale() {
  return pickLocale((await cookies()).get(LOCALE_COOKIE)?.value)
}

export default getRequestConfig(async () => {
  const locale = await requestLocale()
  return { locale, messages: messages[locale], timeZone }
})
