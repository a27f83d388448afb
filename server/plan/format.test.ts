import { describe, expect, it } from 'vitest'
import { formatIndicatorTick, formatIndicatorValue } from './format.ts'

// Intl writes a no-break space between € and the amount in Dutch; compare with plain spaces.
const plain = (s: string) => s.replace(/\s/g, ' ')

describe('indicator values on a trend chart (axis ticks and tooltip)', () => {
  it('writes fund indicators (cents) as euros, whole euros on the axis without the cents', () => {
    expect(plain(formatIndicatorTick('FUND', 500_000, 'nl'))).toBe('€ 5.000')
    expect(plain(formatIndicatorTick('FUND', 2_000_000, 'en'))).toBe('€20,000')
    expect(plain(formatIndicatorTick('FUND', 0, 'nl'))).toBe('€ 0')
    expect(plain(formatIndicatorTick('FUND', 12_345, 'nl'))).toBe('€ 123,45')
    expect(plain(formatIndicatorValue('FUND', 1_000_000, 'nl'))).toBe('€ 10.000,00')
  })
  it('writes numbers and percentages in the UI language', () => {
    expect(formatIndicatorTick('MONITOR', 0.5, 'nl', { metric: 'MEDIAN' })).toBe('0,5')
    expect(formatIndicatorTick('MONITOR', 0.5, 'en', { metric: 'MEDIAN' })).toBe('0.5')
    expect(formatIndicatorTick('ACTIVITY', 1500, 'nl', { metric: 'EVENTS' })).toBe('1.500')
    expect(formatIndicatorTick('TRANSITIONS', 12.5, 'nl', {})).toBe('12,5%')
    expect(formatIndicatorTick('MONITOR', 75, 'en', { metric: 'SHARE_3_PLUS' })).toBe('75%')
  })
})
