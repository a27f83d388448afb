/**
 * A typed time range in the hour repeated in autumn (31 October 2027: 03:00 CEST → 02:00 CET). An ambiguous start
 * keeps the documented rule (the second occurrence, winter time); an ambiguous end takes the occurrence that gives
 * the shortest positive duration. Before, 01:30–02:30 was stored 23:30Z–01:30Z: two hours.
 */
import { describe, expect, it } from 'vitest'
import { fromAmsterdam, fromAmsterdamRange } from './time.ts'

const DAY = '2027-10-31'
const minutes = (r: { startsAt: Date; endsAt: Date }) => (r.endsAt.getTime() - r.startsAt.getTime()) / 60_000
const range = (start: string, end: string, date = DAY) => fromAmsterdamRange({ date, time: start }, { date, time: end })

describe('fromAmsterdamRange: one rule for a typed range across the autumn change', () => {
  it('01:30–02:30 is one hour (23:30Z–00:30Z), not two', () => {
    const r = range('01:30', '02:30')
    expect(r.startsAt.toISOString()).toBe('2027-10-30T23:30:00.000Z')
    expect(r.endsAt.toISOString()).toBe('2027-10-31T00:30:00.000Z')
    expect(minutes(r)).toBe(60)
  })

  it('02:30–02:45 stays 15 minutes; the ambiguous start keeps the documented second occurrence (winter time)', () => {
    const r = range('02:30', '02:45')
    expect(r.startsAt.toISOString()).toBe(fromAmsterdam(DAY, '02:30').toISOString())
    expect(r.startsAt.toISOString()).toBe('2027-10-31T01:30:00.000Z')
    expect(minutes(r)).toBe(15)
  })

  it('ranges around the change keep their real length; ordinary days are untouched', () => {
    expect(minutes(range('01:00', '03:00'))).toBe(180) // the clock passes 02:00–03:00 twice
    expect(minutes(range('02:30', '03:15'))).toBe(45)
    expect(minutes(range('00:30', '02:15'))).toBe(45 + 60)
    expect(minutes(range('09:00', '12:30', '2027-11-02'))).toBe(210)
    expect(range('09:00', '12:30', '2027-07-01').startsAt.toISOString()).toBe('2027-07-01T07:00:00.000Z')
  })

  it('an end before the start either way stays before it (validation refuses it)', () => {
    const r = range('02:30', '02:15')
    expect(r.endsAt <= r.startsAt).toBe(true)
  })
})
