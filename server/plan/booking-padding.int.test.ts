/**
 * The audit's padding attack on the plan's booking figures (server/plan/indicators.ts): a school's hidden count was
 * the bookings naming it, and anyone can book a public slot naming any school (no account; a throwaway address,
 * confirmed through its mail link). Utrecht's figures: schools 16, 15, 7 and Nova College 5 — Nova's 5 shown as
 * hidden; after 5 public bookings naming Nova it showed 10, and 10 − 5 gave the hidden 5 away. Now only bookings the
 * school vouches for count (its pupils on its class list, its own staff's bookings), so the attacker's bookings —
 * made and confirmed through the real booking service — change no figure that anyone but the school sees.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { buildOrganisation, buildSlot, buildTwoRegionWorld, buildUser } from '../db/factories.ts'
import { loadActor } from '../auth/actor.ts'
import { bookSlot, confirmBooking } from '../slots/booking.ts'
import { schoolYearOf } from '../participation/school-year.ts'
import { callerFor, db } from '../test/helpers.ts'

type World = Awaited<ReturnType<typeof buildTwoRegionWorld>>
let w: World
let planId: string
let year: number
let slotId: string
let nova: { id: string; name: string }
let novaStaff: { id: string }
let otherStaff: { id: string }
const noSend = { send: async () => {} }

/** A public booking through the real service, confirmed through its mail link as the pupil would. */
async function publicBooking(schoolId: string, email: string, level: 'HAVO' | 'VWO' = 'HAVO') {
  const b = await bookSlot(db, null, { slotId, name: 'Sam Jansen', email, schoolId, level, year: 4, answers: {} }, noSend)
  if (b.status === 'PENDING') await confirmBooking(db, b.token, noSend)
  return b.id
}

/** A decaan's booking on a pupil's behalf (signed in, confirmed at once). */
async function staffBooking(userId: string, schoolId: string, email: string, level: 'HAVO' | 'VWO' = 'HAVO') {
  const actor = (await loadActor(db, userId))!
  return (await bookSlot(db, actor, { slotId, name: 'Lotte de Vries', email, schoolId, level, year: 4, answers: {} }, noSend)).id
}

beforeAll(async () => {
  w = await buildTwoRegionWorld(db)
  const vo = (name: string) => buildOrganisation(db, { regionIds: [w.a.region.id], sector: 'VO', name: `${name} ${Date.now()}` })
  const [a, b, c] = [await vo('Stedelijk Gymnasium'), await vo('Amadeus Lyceum'), await vo('Sint-Bonifatiuscollege')]
  nova = await vo('Nova College Utrecht')
  // Every school consented to being shown apart: the attack is on a listed school's hidden count.
  await db.participationReachConsent.createMany({ data: [a, b, c, nova, w.a.school].map((s) => ({ schoolId: s.id })) })
  const programme = await db.slotProgramme.create({ data: { organisationId: w.a.mbo.id, name: 'Verzorgende IG', sector: 'MBO', level: 'MBO_3', code: '25491' } })
  const slot = await buildSlot(db, { programmeId: programme.id, organisationId: w.a.mbo.id, capacity: 200, startsInHours: 48 })
  slotId = slot.id
  year = schoolYearOf(slot.startsAt)
  // The schools' own bookings: their decanen's, on their pupils' behalf.
  const staffOf = async (schoolId: string) => buildUser(db, { roles: [{ role: 'ORG_STAFF', organisationId: schoolId }] })
  for (const [school, n] of [[a, 16], [b, 15], [c, 7]] as const) {
    const decaan = await staffOf(school.id)
    for (let i = 0; i < n; i++) await staffBooking(decaan.id, school.id, `p${i}@${school.id}.example`, i % 2 ? 'VWO' : 'HAVO')
  }
  // Nova's 5: three by its decaan, two by pupils on its class list through the public form (tied by the trigger).
  novaStaff = await staffOf(nova.id)
  otherStaff = await staffOf(a.id)
  for (let i = 0; i < 3; i++) await staffBooking(novaStaff.id, nova.id, `nova${i}@leerling.example`)
  for (let i = 3; i < 5; i++) {
    const email = `nova${i}@leerling.example`
    await db.participationPupil.create({ data: { schoolId: nova.id, schoolYear: year, name: `Leerling ${i}`, email, level: 'HAVO', year: 4, className: '4H1' } })
    const id = await publicBooking(nova.id, email)
    expect(await db.participationBooking.findUnique({ where: { bookingId: id } })).not.toBeNull()
  }
  const coord = await callerFor(w.a.coordinator.id)
  planId = (await coord.plan.create({ regionId: w.a.region.id, title: 'Ambitieagenda Utrecht', startYear: year, endYear: year + 1 })).id
  const goal = await coord.plan.createGoal({ planId, themeId: 'plantheme-studiekeuze', title: 'Iedereen loopt mee', organisationIds: [] })
  for (const [name, metric, level] of [
    ['Geboekt', 'BOOKED'],
    ['Aanwezig', 'ATTENDED'],
    ['Scholen bereikt', 'SCHOOLS_REACHED'],
    ['Geboekt havo', 'BOOKED', 'HAVO'],
    ['Geboekt vwo', 'BOOKED', 'VWO'],
    ['Scholen havo', 'SCHOOLS_REACHED', 'HAVO'],
  ] as const)
    await coord.plan.createIndicator({ goalId: goal.id, name, kind: 'ACTIVITY', activityMetric: metric, level: level as never, reason: 'Activiteit' })
})

/** Everything a reader sees of the plan's booking figures: the evaluation (indicators and reach) and the dashboard. */
async function seenBy(userId: string) {
  const c = await callerFor(userId)
  const ev = await c.plan.evaluation({ planId, year })
  const view = await c.plan.get({ planId })
  return {
    reach: ev.reach,
    otherSchools: ev.reachOtherSchools,
    evaluation: ev.goals.flatMap((g) => g.indicators.map((i) => [i.name, i.actual, i.suppressed])),
    dashboard: view.goals.flatMap((g) => g.indicators.map((i) => [i.name, i.cells.map((x) => [x.year, x.actual, x.suppressed])])),
  }
}

describe('plan: public bookings naming a school cannot pad its hidden count back into view', () => {
  it('Nova’s 5 vouched bookings are hidden; 5 confirmed public bookings naming Nova change no figure any non-owner sees', async () => {
    const readers = [w.a.publisher.id, w.a.coordinator.id, w.a.boardReporter.id, otherStaff.id, w.a.staff.id]
    const before = await Promise.all(readers.map(seenBy))
    expect(before[0]!.reach.find((r) => r.id === nova.id)).toEqual({ id: nova.id, name: nova.name, bookings: null })
    const total = before[0]!.evaluation.find(([name]) => name === 'Geboekt')!
    expect(total).toEqual(['Geboekt', 43, false])
    // The attack: five throwaway addresses, each booking confirmed through its mail link, all naming Nova.
    const padded: string[] = []
    for (let i = 0; i < 5; i++) padded.push(await publicBooking(nova.id, `throwaway${i}@mailinator${i}.example`))
    expect(await db.slotBooking.count({ where: { id: { in: padded }, status: 'CONFIRMED', schoolId: nova.id } })).toBe(5)
    const after = await Promise.all(readers.map(seenBy))
    expect(after).toEqual(before)
    // Nor did the padding reach any number: the hidden 5 (or 10) appears nowhere.
    for (const seen of after) expect(JSON.stringify(seen.reach)).not.toMatch(/"bookings":(5|10)\b/)
  })

  it('a decaan’s and a class-list pupil’s bookings do count: the school’s vouched figures move', async () => {
    const before = await seenBy(w.a.coordinator.id)
    const total = () => before.evaluation.find(([name]) => name === 'Geboekt')![1] as number
    await staffBooking(novaStaff.id, nova.id, 'nova-extra@leerling.example')
    const after = await seenBy(w.a.coordinator.id)
    expect(after.evaluation.find(([name]) => name === 'Geboekt')![1]).toBe(total() + 1)
  })

  it('a school that did not consent is not named with a count; it is counted in the region total only', async () => {
    await db.participationReachConsent.delete({ where: { schoolId: nova.id } })
    try {
      const seen = await seenBy(w.a.publisher.id)
      expect(seen.reach.map((r) => r.id)).not.toContain(nova.id)
      expect(seen.otherSchools).toBe(1)
      // With one school left out, "the region minus the named schools" would be its figure: that is not possible.
      const total = seen.evaluation.find(([name]) => name === 'Geboekt')![1]
      const named = seen.reach.map((r) => r.bookings)
      if (total !== null) expect(named.filter((n) => n === null).length, 'another named school is hidden with it').toBeGreaterThan(0)
      if (total !== null) expect((total as number) - named.reduce<number>((s, n) => s + (n ?? 0), 0)).toBeGreaterThan(5)
    } finally {
      await db.participationReachConsent.create({ data: { schoolId: nova.id } })
    }
  })
})
