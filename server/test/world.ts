/**
 * Shared set-up of the integration tests: the two-region world of server/db/factories.ts, a programme of region A's
 * mbo institution and slots of it. Every builder makes its own rows, so files can run side by side in one database.
 */
import { beforeAll } from 'vitest'
import type { Prisma } from '../db/client.ts'
import { buildTwoRegionWorld } from '../db/factories.ts'
import { callerFor, db } from './helpers.ts'

export type World = Awaited<ReturnType<typeof buildTwoRegionWorld>>

export const HOUR = 3_600_000
export const DAY = 24 * HOUR

/**
 * This test file's two-region world, built in a beforeAll registered where this is called (hooks run in the order
 * they are registered). The object is filled in place then: read it in tests, hooks and the functions they call.
 */
export function twoRegionWorldBeforeAll(): World {
  const world = {} as World
  beforeAll(async () => {
    Object.assign(world, await buildTwoRegionWorld(db))
  })
  return world
}

/** A programme of region A's mbo institution, created through the API by its publisher: its id. */
export async function createMboProgramme(w: World, programme: { name: string; level: 'MBO_3' | 'MBO_4'; code: string } = { name: 'Verpleegkunde', level: 'MBO_4', code: '25491' }) {
  const p = await callerFor(w.a.publisher.id)
  return (await p.slots.createProgramme({ organisationId: w.a.mbo.id, ...programme })).id
}

/**
 * The data of a published slot of 4 hours from `startsAt`, open for booking since an hour ago (or `bookingOpensAt`)
 * until `bookingClosesAt`, in the 'Hoofdgebouw' for havo and vwo unless `data` says otherwise.
 */
export function slotData(
  slot: { programmeId: string; organisationId: string; capacity: number; startsAt: Date; bookingClosesAt: Date } & Partial<Prisma.SlotUncheckedCreateInput>,
): Prisma.SlotUncheckedCreateInput {
  return {
    endsAt: new Date(slot.startsAt.getTime() + 4 * HOUR),
    location: 'Hoofdgebouw',
    bookingOpensAt: new Date(Date.now() - HOUR),
    audienceLevels: ['HAVO', 'VWO'],
    ...slot,
  }
}

/**
 * Region A's mbo institution lets a pupil hold up to 50 bookings at once, over all its programmes: its own per-pupil
 * limit (default 1 per programme) is then not what stops a pupil in the test.
 */
export async function liftBookingLimits(w: World) {
  await (await callerFor(w.a.publisher.id)).slots.updateSettings({
    organisationId: w.a.mbo.id,
    maxActiveBookings: 50,
    limitScope: 'INSTITUTION',
    limitPeriodDays: 365,
    purgeAfterDays: 30,
    offerHoldHours: 24,
    pendingHoldMinutes: 30,
    maxPerSlotPerDomain: 10,
  })
}
