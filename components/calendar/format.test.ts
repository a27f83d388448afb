import { describe, expect, it } from 'vitest'
import { formatCalendar, localDay } from './format.ts'

describe('formatCalendar', () => {
  it('abbreviates Dutch weekdays as ma di wo do vr za zo, English as Mon Tue …', () => {
    const week = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'].map(localDay)
    expect(week.map((d) => formatCalendar(d, 'EEE', 'nl'))).toEqual(['ma', 'di', 'wo', 'do', 'vr', 'za', 'zo'])
    expect(week.map((d) => formatCalendar(d, 'EEE', 'en'))).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'])
  })
  it('keeps full weekday names and formats in Amsterdam time', () => {
    expect(formatCalendar(new Date('2026-12-02T09:00:00Z'), 'EEE d MMM yyyy HH:mm', 'nl')).toBe('wo 2 dec. 2026 10:00')
    expect(formatCalendar(localDay('2026-12-02'), 'EEEE d MMMM', 'nl')).toBe('woensdag 2 december')
  })
})
