import { describe, expect, it } from 'vitest'
import { createFormatter } from 'next-intl'
import { intlLocale } from '../i18n/config.ts'
import { HOLD_UNTIL_FORMAT } from './schema.ts'

/** The booking result's "held until" time, as the booking form (useAppFormatter) and the public page's action format it. */
describe('HOLD_UNTIL_FORMAT', () => {
  const at = new Date('2026-12-02T08:28:00Z') // 09:28 in Amsterdam
  const format = (locale: string) => createFormatter({ locale, timeZone: 'Europe/Amsterdam' }).dateTime(at, HOLD_UNTIL_FORMAT)

  it('shows a 24-hour clock in both languages, whatever the English variant', () => {
    expect(format(intlLocale('nl'))).toBe('woensdag 2 december om 09:28')
    expect(format(intlLocale('en'))).toBe('Wednesday 2 December at 09:28')
    expect(format('en-US')).toBe('Wednesday, December 2 at 09:28')
    expect(format('en-US')).not.toMatch(/AM|PM/)
    const afternoon = createFormatter({ locale: 'en-US', timeZone: 'Europe/Amsterdam' }).dateTime(new Date('2026-12-02T13:05:00Z'), HOLD_UNTIL_FORMAT)
    expect(afternoon).toContain('14:05')
  })
})
