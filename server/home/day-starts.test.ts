import { describe, expect, it } from 'vitest'
import { addLocalDays } from '../calendar/time.ts'
import { fromAmsterdam, toAmsterdam } from '../lib/time.ts'
import { dayStarts } from './overview.ts'

/** The home blocks' windows as they were computed before `dayStarts`: today converted per window. */
function localDaysBefore(now: Date, days: number) {
  const today = toAmsterdam(now).date
  return { from: fromAmsterdam(today, '00:00'), to: fromAmsterdam(addLocalDays(today, days), '00:00') }
}

describe('home: the blocks’ day windows', () => {
  it('are the instants the per-window conversion gave, also around the clock changes and the turn of the year', () => {
    const instants = ['2026-03-28T22:59:00Z', '2026-03-28T23:00:00Z', '2026-03-29T00:30:00Z', '2026-03-29T01:30:00Z', '2026-10-24T21:59:00Z', '2026-10-24T22:00:00Z', '2026-10-25T00:30:00Z', '2026-10-25T23:30:00Z', '2026-12-31T22:59:00Z', '2026-12-31T23:00:00Z', '2027-02-28T23:30:00Z']
      .map((t) => new Date(t))
      .concat(Array.from({ length: 60 }, (_, i) => new Date(Date.UTC(2026, 0, 1) + i * 6.1 * 86_400_000)))
    for (const now of instants) {
      const [from, ...to] = dayStarts(toAmsterdam(now).date, 0, 1, 7, 14, 21)
      for (const [i, days] of [1, 7, 14, 21].entries()) expect({ from, to: to[i] }).toEqual(localDaysBefore(now, days))
    }
  })
})
