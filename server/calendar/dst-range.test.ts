/**
 * Calendar events, slot dates and registration sessions convert a typed range with one rule (server/lib/time.ts
 * fromAmsterdamRange): on the night the clock goes back (31 October 2027), 01:30–02:30 is one hour, 02:30–02:45
 * fifteen minutes, and an end before the start is refused.
 */
import { describe, expect, it } from 'vitest'
import { eventTimes } from './time.ts'
import { ZSlotDate } from '../slots/schema.ts'
import { ZSessionInput } from '../registration/schema.ts'

const DAY = '2027-10-31'
const minutes = (r: { startsAt: Date; endsAt: Date }) => (r.endsAt.getTime() - r.startsAt.getTime()) / 60_000

describe('typed ranges across the autumn change: events, slots and sessions', () => {
  it('calendar events use the same rule, also across dates', () => {
    expect(minutes(eventTimes({ startDate: DAY, startTime: '01:30', endDate: DAY, endTime: '02:30', allDay: false }))).toBe(60)
    expect(minutes(eventTimes({ startDate: '2027-10-30', startTime: '23:30', endDate: DAY, endTime: '02:10', allDay: false }))).toBe(160)
  })

  it('the slot and registration forms accept 01:30–02:30 and 02:30–02:45 and refuse 02:30–02:15 that night', () => {
    const slot = (startTime: string, endTime: string) => ZSlotDate.safeParse({ date: DAY, startTime, endTime, capacity: 5 })
    expect(slot('01:30', '02:30').success).toBe(true)
    expect(slot('02:30', '02:45').success).toBe(true)
    const refused = slot('02:30', '02:15')
    expect(refused.success).toBe(false)
    expect(refused.error?.issues.map((i) => i.message)).toContain('k.slots.validation.endBeforeStart')
    const session = (startTime: string, endTime: string) => ZSessionInput.safeParse({ title: 'Ronde 1', date: DAY, startTime, endTime, room: '', capacity: 10 })
    expect(session('01:30', '02:30').success).toBe(true)
    expect(session('02:30', '02:15').success).toBe(false)
  })
})
