import { describe, expect, it } from 'vitest'
import { formatAmsterdam, fromAmsterdam, toAmsterdam } from './time.ts'

describe('Europe/Amsterdam ↔ UTC', () => {
  it('winter time is UTC+1, summer time UTC+2', () => {
    expect(fromAmsterdam('2026-01-15', '09:00').toISOString()).toBe('2026-01-15T08:00:00.000Z')
    expect(fromAmsterdam('2026-07-15', '09:00').toISOString()).toBe('2026-07-15T07:00:00.000Z')
  })
  it('handles the DST changes (last Sunday of March and October)', () => {
    expect(fromAmsterdam('2026-03-29', '01:30').toISOString()).toBe('2026-03-29T00:30:00.000Z')
    expect(fromAmsterdam('2026-03-29', '03:30').toISOString()).toBe('2026-03-29T01:30:00.000Z')
    expect(fromAmsterdam('2026-10-25', '04:00').toISOString()).toBe('2026-10-25T03:00:00.000Z')
  })
  it('round-trips and formats in Dutch', () => {
    const t = fromAmsterdam('2026-10-24T19:30')
    expect(toAmsterdam(t)).toEqual({ date: '2026-10-24', time: '19:30' })
    expect(formatAmsterdam(t, 'EEEE d MMMM yyyy HH:mm')).toBe('zaterdag 24 oktober 2026 19:30')
  })
  it('abbreviates weekdays the Dutch way ("za", not date-fns\' "zat"), the English way in English', () => {
    const t = fromAmsterdam('2026-10-24T19:30')
    expect(formatAmsterdam(t, 'EEE d MMM yyyy HH:mm', 'nl')).toBe('za 24 okt. 2026 19:30')
    expect(formatAmsterdam(fromAmsterdam('2026-12-07T09:00'), 'EEE d MMM', 'nl')).toBe('ma 7 dec.')
    expect(formatAmsterdam(t, 'EEE d MMM yyyy', 'en')).toBe('Sat 24 Oct 2026')
  })
})
