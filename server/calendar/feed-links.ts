/**
 * Links to the iCalendar feeds in a language. Calendar apps fetch feeds without the UI's cookie, so a feed's
 * language travels in its URL: Dutch (the default) needs nothing, another language is `?lang=<locale>`
 * (validated by the routes: ZFeedQuery). Pure, for pages and services alike.
 */
import { defaultLocale, type Locale } from '../i18n/config.ts'

export const feedPath = (path: string, locale: Locale) => (locale === defaultLocale ? path : `${path}?lang=${locale}`)
export const regionFeedPath = (slug: string, locale: Locale) => feedPath(`/api/calendar/region/${slug}.ics`, locale)
export const organisationFeedPath = (organisationId: string, locale: Locale) => feedPath(`/api/calendar/organisation/${organisationId}.ics`, locale)
