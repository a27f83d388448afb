import { getRequestConfig } from 'next-intl/server'
import { cookies, headers } from 'next/headers'
import { LOCALE_COOKIE, pickLocale, timeZone } from './config.ts'
import { messages } from './messages/index.ts'

export async function requestLocale() {
  const [c, h] = await Promise.all([cookies(), headers()])
  return pickLocale(c.get(LOCALE_COOKIE)?.value, h.get('accept-language'))
}

export default getRequestConfig(async () => {
  const locale = await requestLocale()
  return { locale, messages: messages[locale], timeZone }
})
