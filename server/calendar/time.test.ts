import { describe, expect, it } from 'vitest'
import { addLocalDays, eventTimes, localTimes, monthBounds, weekStart, weeklyDates } from './time.ts'
import { summariseStatus } from './events.ts'

describe('calendar dates and times (Europe/Amsterdam)', () => {
  it('every Wednesday in March 2027, as local dates', () => {
    expect(weeklyDates('2027-03-03', '2027-03-31')).toEqual(['2027-03-03', '2027-03-10', '2027-03-17', '2027-03-24', '2027-03-31'])
    expect(weeklyDates('2027-03-03', undefined)).toEqual(['2027-03-03'])
  })

  it('timed events convert with the right offset on both sides of a DST change', () => {
    expect(eventTimes({ startDate: '2027-03-27', startTime: '10:00', endDate: '2027-03-27', endTime: '12:00', allDay: false }).startsAt.toISOString()).toBe('2027-03-27T09:00:00.000Z')
    expect(eventTimes({ startDate: '2027-03-28', startTime: '10:00', endDate: '2027-03-28', endTime: '12:00', allDay: false }).startsAt.toISOString()).toBe('2027-03-28T08:00:00.000Z')
  })

  it('an all-day event on the day the clocks go back lasts 25 hours and round-trips to its local dates', () => {
    const t = eventTimes({ startDate: '2026-10-25', endDate: '2026-10-25', allDay: true })
    expect(t.startsAt.toISOString()).toBe('2026-10-24T22:00:00.000Z')
    expect(t.endsAt.getTime() - t.startsAt.getTime()).toBe(25 * 3_600_000)
    expect(localTimes({ ...t, allDay: true })).toEqual({ startDate: '2026-10-25', endDate: '2026-10-25', allDay: true })
  })

  it('calendar arithmetic: month bounds, ISO week start, day steps across month ends', () => {
    expect(monthBounds('2027-12-15')).toEqual({ first: '2027-12-01', next: '2028-01-01' })
    expect(weekStart('2027-03-14')).toBe('2027-03-08') // a Sunday → the Monday before
    expect(addLocalDays('2027-02-27', 2)).toBe('2027-03-01')
  })

  it('the event status summarises the regions’ decisions', () => {
    expect(summariseStatus('PROPOSED', ['PENDING', 'PUBLISHED'])).toBe('PUBLISHED')
    expect(summariseStatus('PROPOSED', ['PENDING', 'REJECTED'])).toBe('PROPOSED')
    expect(summariseStatus('PUBLISHED', ['REJECTED'])).toBe('REJECTED')
    expect(summariseStatus('CANCELLED', ['PUBLISHED'])).toBe('CANCELLED')
    expect(summariseStatus('DRAFT', ['PENDING'])).toBe('DRAFT')
  })
})
