import { getLocale } from 'next-intl/server'

/** The request's locale as the date-formatting locale of server/lib/time.ts. */
export async function calendarLocale(): Promise<'nl' | 'en'> {
  return (await getLocale()) === 'en' ? 'en' : 'nl'
}
