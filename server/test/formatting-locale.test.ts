import { describe, expect, it } from 'vitest'
import { createFormatter } from 'next-intl'
import { intlLocale, timeZone } from '../i18n/config.ts'
import { formatCents } from '../fund/money.ts'

describe('the formatting locale (intlLocale)', () => {
  const at = new Date('2026-12-02T05:30:00Z') // 06:30 in Amsterdam
  const format = (locale: 'nl' | 'en') => createFormatter({ locale: intlLocale(locale), timeZone })

  it('writes English dates the British way, day before month, in Amsterdam time', () => {
    expect(format('en').dateTime(at, { dateStyle: 'medium', timeStyle: 'short' })).toBe('2 Dec 2026, 06:30')
    expect(format('nl').dateTime(at, { dateStyle: 'medium', timeStyle: 'short' })).toBe('2 dec 2026, 06:30')
  })

  it('writes numbers and euros the UI language’s way', () => {
    expect(format('en').number(1234.5)).toBe('1,234.5')
    expect(format('nl').number(1234.5)).toBe('1.234,5')
    expect(formatCents(123456, 'en')).toBe('€1,234.56')
    expect(formatCents(123456, 'nl').replace(/\s/g, ' ')).toBe('€ 1.234,56')
  })
})
