/**
 * The plan counts a booking its school vouches for: tied to a pupil on its class list (ParticipationBooking, written
 * by the booking trigger) or made by its staff (server/plan/indicators.ts). The retention job deletes a school year's
 * class lists 60 days after it ends — before the regions write their yearly evaluation — and the ties went with the
 * pupils (ON DELETE CASCADE), so a past year's figures shrank to the staff's bookings. Now a tie keeps its school and
 * loses only the pupil: the figures stay, and what stays holds no pupil. The same for a pupil deleted on request.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { buildOrganisation, buildTwoRegionWorld, buildUser } from '../db/factories.ts'
import { fromAmsterdam } from '../lib/time.ts'
import { schoolYearOf } from '../participation/school-year.ts'
import { purgeExpiredLists } from '../participation/privacy.ts'
import { callerFor, db } from '../test/helpers.ts'
import { rawBookingFigures } from './indicators.ts'

type World = Awaited<ReturnType<typeof buildTwoRegionWorld>>
let w: World
let planId: string
let year: number
let schools: { id: string }[]
let booked: { id: string; schoolId: string | null }[]
let decaanB: { id: string }

beforeAll(async () => {
  w = await buildTwoRegionWorld(db)
  // A school year whose class lists are past the retention period (ended more than 60 days ago).
  year = schoolYearOf(new Date()) - 2
  const b = await buildOrganisation(db, { regionIds: [w.a.region.id], sector: 'VO' })
  schools = [w.a.school, b]
  await db.participationReachConsent.createMany({ data: schools.map((s) => ({ schoolId: s.id })) })
  decaanB = await buildUser(db, { roles: [{ role: 'ORG_STAFF', organisationId: b.id }] })
  const programme = await db.slotProgramme.create({ data: { organisationId: w.a.mbo.id, name: 'Verpleegkunde', sector: 'MBO', level: 'MBO_4', code: String(20000 + Math.floor(Math.random() * 79999)) } })
  const startsAt = fromAmsterdam(`${year}-11-12`, '09:00')
  const slot = await db.slot.create({
    data: { programmeId: programme.id, organisationId: w.a.mbo.id, startsAt, endsAt: new Date(startsAt.getTime() + 4 * 3_600_000), location: 'Hengelo', capacity: 100, bookingOpensAt: fromAmsterdam(`${year}-09-01`), bookingClosesAt: startsAt, audienceLevels: ['HAVO', 'VWO'] },
  })
  const booking = (schoolId: string, i: number, extra: { pupilEmail?: string; bookedById?: string }) =>
    db.slotBooking.create({ data: { slotId: slot.id, organisationId: w.a.mbo.id, programmeId: programme.id, schoolId, level: i % 3 ? 'HAVO' : 'VWO', year: 4, status: 'CONFIRMED', attendance: i % 2 ? 'PRESENT' : null, pupilName: `Leerling ${i}`, ...extra } })
  booked = []
  // Pupils on the class lists of that year, each booking once with the address on the list: the trigger ties them.
  for (const [s, n] of [[schools[0]!, 9], [schools[1]!, 7]] as const)
    for (let i = 0; i < n; i++) {
      const email = `l${i}.${s.id}@leerling.example`
      await db.participationPupil.create({ data: { schoolId: s.id, schoolYear: year, name: `Leerling ${i}`, email, level: 'HAVO', year: 4, className: '4H' } })
      booked.push(await booking(s.id, i, { pupilEmail: email }))
    }
  // School B's decaan booked three on pupils' behalf; a public booking naming school A with another address is no one's.
  for (let i = 0; i < 3; i++) await booking(schools[1]!.id, i, { bookedById: decaanB.id, pupilEmail: `staff${i}@leerling.example` })
  await booking(schools[0]!.id, 1, { pupilEmail: 'onbekend@mail.example' })

  const coord = await callerFor(w.a.coordinator.id)
  planId = (await coord.plan.create({ regionId: w.a.region.id, title: 'Ambitieagenda Twente', startYear: year, endYear: year + 1 })).id
  const goal = await coord.plan.createGoal({ planId, themeId: 'plantheme-studiekeuze', title: 'Iedereen loopt mee', organisationIds: [] })
  for (const [name, metric, level] of [
    ['Geboekt', 'BOOKED'],
    ['Aanwezig', 'ATTENDED'],
    ['Scholen bereikt', 'SCHOOLS_REACHED'],
    ['Geboekt havo', 'BOOKED', 'HAVO'],
  ] as const)
    await coord.plan.createIndicator({ goalId: goal.id, name, kind: 'ACTIVITY', activityMetric: metric, level: level as never, reason: 'Activiteit' })
})

/** The plan's booking figures as the coordinator sees them (evaluation with the reach per school, dashboard) and raw. */
async function figures() {
  const c = await callerFor(w.a.coordinator.id)
  const ev = await c.plan.evaluation({ planId, year })
  const view = await c.plan.get({ planId })
  const raw = (await rawBookingFigures(db, w.a.region.id, [year])).get(year)!
  return {
    reach: ev.reach,
    evaluation: ev.goals.flatMap((g) => g.indicators.map((i) => [i.name, i.actual, i.suppressed])),
    dashboard: view.goals.flatMap((g) => g.indicators.map((i) => [i.name, i.cells.map((x) => [x.year, x.actual, x.suppressed])])),
    raw: { levels: [...raw.levels].sort(), perSchool: [...raw.perSchool].sort(), schools: [...raw.schools].sort() },
  }
}

const ties = () => db.participationBooking.findMany({ where: { bookingId: { in: booked.map((b) => b.id) } }, orderBy: { bookingId: 'asc' } })

describe('plan: a past year’s booking figures outlive its class lists', () => {
  it('the trigger writes each tie with the pupil’s school', async () => {
    const rows = await ties()
    expect(rows).toHaveLength(booked.length)
    const schoolOf = new Map(booked.map((b) => [b.id, b.schoolId]))
    for (const r of rows) expect(r.schoolId).toBe(schoolOf.get(r.bookingId))
    // 9 + 7 tied and 3 by staff; the public one naming school A is not counted.
    expect((await figures()).evaluation).toContainEqual(['Geboekt', 19, false])
  })

  it('the retention job deletes a past year’s class list: the figures stay; its ties stay without the pupils', async () => {
    const before = await figures()
    expect(new Map(before.reach.map((r) => [r.id, r.bookings]))).toEqual(new Map([[schools[0]!.id, 9], [schools[1]!.id, 10]]))
    await purgeExpiredLists(db, { scope: { schoolId: schools[0]!.id } })
    expect(await db.participationPupil.count({ where: { schoolId: schools[0]!.id, schoolYear: year } })).toBe(0)
    expect(await figures()).toEqual(before)
    // What is left of each tie: booking, slot and school ids and when it was made — no pupil.
    const rows = (await ties()).filter((r) => r.schoolId === schools[0]!.id)
    expect(rows).toHaveLength(9)
    for (const r of rows) {
      expect(Object.keys(r).sort()).toEqual(['bookingId', 'createdAt', 'pupilId', 'schoolId', 'slotId'])
      expect(r.pupilId).toBeNull()
    }
  })

  it('a pupil deleted on request (AVG), then the rest of the list by the job: the figures stay; no tie keeps a pupil', async () => {
    const before = await figures()
    // School B's decaan deletes one pupil on request (a past booking: personal fields purged, not cancelled).
    const pupil = await db.participationPupil.findFirstOrThrow({ where: { schoolId: schools[1]!.id, schoolYear: year } })
    const [tie] = await db.participationBooking.findMany({ where: { pupilId: pupil.id } })
    await (await callerFor(decaanB.id)).participation.deletePupil({ pupilId: pupil.id })
    expect(await db.participationPupil.count({ where: { id: pupil.id } })).toBe(0)
    expect(await db.participationBooking.findUnique({ where: { bookingId: tie!.bookingId } })).toEqual({ ...tie, pupilId: null })
    expect(await db.slotBooking.findUnique({ where: { id: tie!.bookingId }, select: { pupilName: true, pupilEmail: true } })).toEqual({ pupilName: null, pupilEmail: null })
    expect(await figures()).toEqual(before)

    await purgeExpiredLists(db, { scope: { schoolId: schools[1]!.id } })
    expect(await db.participationPupil.count({ where: { schoolId: schools[1]!.id, schoolYear: year } })).toBe(0)
    expect(await figures()).toEqual(before)
    const rows = await ties()
    expect(rows).toHaveLength(booked.length)
    expect(rows.filter((r) => r.pupilId !== null)).toEqual([])
  })
})
