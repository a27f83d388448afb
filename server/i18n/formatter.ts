import { getFormatter, getLocale } from 'next-intl/server'
import { intlLocale } from './config.ts'

/** next-intl's formatter for server components, in the UI's formatting locale (`intlLocale`). */
export async function getAppFormatter() {
  return getFormatter({ locale: intlLocale(await getLocale()) })
}
