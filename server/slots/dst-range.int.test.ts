/**
 * A slot typed in the hour repeated in autumn keeps the length the publisher typed: 01:30–02:30 on the night the
 * clock goes back is one hour (before: stored 23:30Z–01:30Z, two hours), 02:30–02:45 is 15 minutes
 * (server/lib/time.ts fromAmsterdamRange).
 */
import { describe, expect, it } from 'vitest'
import { callerFor, db } from '../test/helpers.ts'
import { createMboProgramme, twoRegionWorldBeforeAll } from '../test/world.ts'
import { addLocalDays } from '../calendar/time.ts'

const w = twoRegionWorldBeforeAll()

/** The last Sunday of October two years ahead: the night Amsterdam's clock goes from 03:00 back to 02:00. */
function autumnChange(): string {
  const year = new Date().getUTCFullYear() + 2
  const last = new Date(Date.UTC(year, 9, 31))
  return new Date(Date.UTC(year, 9, 31 - last.getUTCDay())).toISOString().slice(0, 10)
}

const minutes = (s: { startsAt: Date; endsAt: Date }) => (s.endsAt.getTime() - s.startsAt.getTime()) / 60_000

describe('typed ranges in the repeated autumn hour', () => {
  it('slots.createSlots: 01:30–02:30 is stored as one hour, 02:30–02:45 as 15 minutes', async () => {
    const day = autumnChange()
    const programmeId = await createMboProgramme(w, { name: 'Nachtdienst', level: 'MBO_4', code: '25492' })
    const p = await callerFor(w.a.publisher.id)
    const created = await p.slots.createSlots({
      programmeId,
      location: 'Aula',
      audienceLevels: ['HAVO'],
      questions: [],
      closesHoursBefore: 24,
      dates: [
        { date: day, startTime: '01:30', endTime: '02:30', capacity: 5 },
        { date: day, startTime: '02:30', endTime: '02:45', capacity: 5 },
      ],
    })
    const stored = await db.slot.findMany({ where: { id: { in: created.map((s) => s.id) } }, orderBy: { startsAt: 'asc' } })
    expect(stored.map(minutes)).toEqual([60, 15])
    expect(stored[0]!.startsAt.toISOString()).toBe(`${addLocalDays(day, -1)}T23:30:00.000Z`)
    expect(stored[1]!.startsAt.toISOString()).toBe(`${day}T01:30:00.000Z`) // the ambiguous start: winter time, as documented
  })
})
