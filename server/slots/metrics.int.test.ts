import { beforeAll, describe, expect, it } from 'vitest'
import { buildTwoRegionWorld } from '../db/factories.ts'
import { callerFor, db } from '../test/helpers.ts'
import { metrics } from '../lib/metrics.ts'
import { bookSlot } from './booking.ts'
import { loadActor } from '../auth/actor.ts'

/** overstap_bookings_total of this process (each test file runs in its own process) for one outcome. */
async function count(outcome: string): Promise<number> {
  return (await metrics.bookings.get()).values.find((v) => v.labels.outcome === outcome)?.value ?? 0
}

let w: Awaited<ReturnType<typeof buildTwoRegionWorld>>
let programme: string
beforeAll(async () => {
  w = await buildTwoRegionWorld(db)
  programme = (await (await callerFor(w.a.publisher.id)).slots.createProgramme({ organisationId: w.a.mbo.id, name: 'Techniek', level: 'MBO_4', code: '25502' })).id
})

describe('metrics', () => {
  it('every booking attempt is counted by outcome: PENDING, WAITLISTED, CONFIRMED (decaan) and a refusal by its key', async () => {
    const now = Date.now()
    const slot = await db.slot.create({
      data: { programmeId: programme, organisationId: w.a.mbo.id, startsAt: new Date(now + 14 * 86_400_000), endsAt: new Date(now + 14 * 86_400_000 + 3_600_000), location: 'Hal', capacity: 2, bookingOpensAt: new Date(now - 3_600_000), bookingClosesAt: new Date(now + 13 * 86_400_000), audienceLevels: ['HAVO'], questions: [] },
    })
    const outcomes = ['PENDING', 'WAITLISTED', 'CONFIRMED', 'slots.errors.duplicate'] as const
    const before = Object.fromEntries(await Promise.all(outcomes.map(async (o) => [o, await count(o)] as const)))
    const send = async () => {}
    const input = (email: string) => ({ slotId: slot.id, name: 'Sam de Vries', email, schoolId: w.a.school.id, level: 'HAVO' as const, year: 4, answers: {} })
    expect((await bookSlot(db, null, input(`a@a-${now}.example.test`), { send })).status).toBe('PENDING')
    const decaan = await loadActor(db, w.a.staff.id)
    expect((await bookSlot(db, decaan, input(`c@c-${now}.example.test`), { send })).status).toBe('CONFIRMED')
    expect((await bookSlot(db, null, input(`b@b-${now}.example.test`), { send })).status).toBe('WAITLISTED')
    await expect(bookSlot(db, null, input(`a@a-${now}.example.test`), { send })).rejects.toMatchObject({ key: 'slots.errors.duplicate' })
    const after = Object.fromEntries(await Promise.all(outcomes.map(async (o) => [o, (await count(o)) - before[o]!] as const)))
    expect(after).toEqual({ PENDING: 1, WAITLISTED: 1, CONFIRMED: 1, 'slots.errors.duplicate': 1 })
  })
})
