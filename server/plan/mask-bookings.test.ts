/**
 * `maskBookings` (server/plan/indicators.ts) on the audit's Twente and Utrecht figures, without a database: no
 * published combination gives a hidden school or level back.
 */
import { describe, expect, it } from 'vitest'
import { HIDDEN, SUPPRESSED } from '../transitions/suppression.ts'
import { maskBookings, type RawBookings } from './indicators.ts'

const raw = (levels: Record<string, [number, number]>, perSchool: Record<string, number>): RawBookings => ({
  levels: new Map(Object.entries(levels).map(([l, [booked, attended]]) => [l, { booked, attended }])),
  perSchool: new Map(Object.entries(perSchool)),
  schools: new Map([['*', Object.values(perSchool).filter((n) => n > 0).length], ...Object.keys(levels).map((l) => [l, 1] as [string, number])]),
})

describe('maskBookings', () => {
  it('Utrecht: 43 − (16 + 15 + 7) = 5 for Nova College — the smallest shown school and schools reached are hidden too', () => {
    const m = maskBookings(raw({ HAVO: [23, 23], VWO: [20, 20] }, { a: 16, b: 15, c: 7, nova: 5 }), { shown: ['a', 'b', 'c', 'nova', 'none'], others: 0 })
    expect(m.perSchool.get('nova')).toBe(SUPPRESSED)
    expect(m.perSchool.get('c')).toBe(HIDDEN)
    expect([m.perSchool.get('a'), m.perSchool.get('b')]).toEqual([16, 15])
    expect(m.booked.get('*')).toBe(43)
    expect(m.schools.get('*')).toBe(HIDDEN)
  })

  it('a level: the region total minus the shown levels is never ≤ 5; booked − attended neither', () => {
    const m = maskBookings(raw({ VMBO_BB: [16, 16], VMBO_KB: [11, 11], VMBO_GT: [15, 15], HAVO: [52, 40], VWO: [32, 20], MBO: [25, 25], OTHER: [2, 2] }, { a: 153 }), { shown: ['a'], others: 0 })
    expect(m.booked.get('OTHER')).toBe(SUPPRESSED)
    expect(m.booked.get('VMBO_KB')).toBe(HIDDEN)
    expect(m.booked.get('*')).toBe(153)
    // All attended at VMBO_BB (0 absent): its attended count is hidden. HAVO and VWO have 12 absent each and the
    // other levels 0, so 24 − 12 absent would tell that; one of the two is hidden as well, the other shown.
    expect(m.attended.get('VMBO_BB')).toBe(HIDDEN)
    expect(m.attended.get('HAVO')).toBe(HIDDEN)
    expect(m.attended.get('VWO')).toBe(20)
    expect(m.attended.get('*')).toBe(129)
  })

  it('a year without bookings shows nothing as 0', () => {
    const m = maskBookings(raw({}, {}), { shown: ['a', 'b'], others: 0 })
    for (const v of [...m.booked.values(), ...m.attended.values(), ...m.perSchool.values()]) expect(v).toBe(SUPPRESSED)
    expect(m.schools.get('*')).toBe(HIDDEN)
  })

  it('schools without consent: not named; one or two of them are one part hidden from the start (never the rest of the total)', () => {
    // a and b consented; nova (5) and d (20) did not. Named: a and b only; the region total stays over all four.
    const data = raw({ HAVO: [40, 40], VWO: [25, 25] }, { a: 25, b: 15, nova: 5, d: 20 })
    const two = maskBookings(data, { shown: ['a', 'b'], others: 2 })
    expect([...two.perSchool.keys()]).toEqual(['a', 'b'])
    expect(two.booked.get('*')).toBe(65)
    // 65 − 25 − 15 = 25 would be the two others' figure: one named school is hidden too, and schools reached.
    expect([two.perSchool.get('a'), two.perSchool.get('b')].filter((v) => typeof v === 'number')).toHaveLength(1)
    expect(two.schools.get('*')).toBe(HIDDEN)
    // Three or more others: their part is an ordinary (never shown) part of the total, the named schools stay shown.
    const three = maskBookings(data, { shown: ['a', 'b'], others: 3 })
    expect([three.perSchool.get('a'), three.perSchool.get('b')]).toEqual([25, 15])
    expect(three.schools.get('*')).toBe(4)
  })
})
