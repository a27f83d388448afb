/**
 * getAppFormatter (server components) formats in the UI language's Dutch or British form. next-intl 4 hands the
 * explicit locale of `getFormatter({ locale })` to the request configuration (server/i18n/request.ts) as
 * `params.locale`; a configuration that returned the cookie's bare "en" instead made every server-formatted date
 * American ("Dec 7, 2026, 7:00 PM"). next-intl's server entry needs Next's react-server runtime, so its two calls are
 * stood in for here the way next-intl 4 makes them (getConfig: the request configuration called with
 * `{ locale: override, requestLocale }`, then createFormatter over its result); the request configuration and
 * getAppFormatter are the real ones.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'

const cookie = vi.hoisted(() => ({ value: 'en' }))

vi.mock('next/headers', () => ({
  cookies: async () => ({ get: (name: string) => (name === 'NEXT_LOCALE' ? { value: cookie.value } : undefined) }),
}))

vi.mock('next-intl/server', async () => {
  const { createFormatter } = await import('use-intl/core')
  type Config = Parameters<typeof createFormatter>[0] & { messages?: unknown }
  const config = async (locale?: string): Promise<Config> => {
    const { default: requestConfig } = (await import('@/server/i18n/request')) as unknown as { default: (p: { locale?: string; requestLocale: Promise<string | undefined> }) => Promise<Config> }
    return requestConfig({ locale, requestLocale: Promise.resolve(undefined) })
  }
  return {
    getRequestConfig: <T,>(create: T) => create,
    getLocale: async () => (await config()).locale,
    getFormatter: async (opts?: { locale?: string }) => createFormatter(await config(opts?.locale)),
  }
})

const { getAppFormatter } = await import('./formatter.ts')
const { messages } = await import('./messages/index.ts')

const evening = new Date('2026-12-07T18:00:00Z') // 19:00 in Amsterdam

describe('getAppFormatter: server-formatted dates in the UI language’s Dutch or British form', () => {
  beforeEach(() => {
    cookie.value = 'en'
  })

  it('English: day-month order and a 24-hour clock, no AM/PM ("7 Dec 2026, 19:00")', async () => {
    const format = await getAppFormatter()
    const text = format.dateTime(evening, { dateStyle: 'medium', timeStyle: 'short' })
    expect(text).not.toMatch(/AM|PM/i)
    expect(text).toBe('7 Dec 2026, 19:00')
    expect(format.dateTime(evening, { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' })).toBe('Monday 7 December at 19:00')
  })

  it('Dutch: "7 dec 2026, 19:00"', async () => {
    cookie.value = 'nl'
    expect((await getAppFormatter()).dateTime(evening, { dateStyle: 'medium', timeStyle: 'short' })).toBe('7 dec 2026, 19:00')
  })

  it('the request configuration keeps an explicit formatting locale, with its language’s messages', async () => {
    const { default: requestConfig } = (await import('./request.ts')) as unknown as { default: (p: { locale?: string; requestLocale: Promise<string | undefined> }) => Promise<{ locale: string; messages: unknown }> }
    cookie.value = 'nl'
    expect(await requestConfig({ locale: 'en-GB', requestLocale: Promise.resolve(undefined) })).toMatchObject({ locale: 'en-GB', messages: messages.en })
    cookie.value = 'en'
    expect(await requestConfig({ requestLocale: Promise.resolve(undefined) })).toMatchObject({ locale: 'en', messages: messages.en })
    expect(await requestConfig({ locale: 'nl-NL', requestLocale: Promise.resolve(undefined) })).toMatchObject({ locale: 'nl-NL', messages: messages.nl })
  })
})
