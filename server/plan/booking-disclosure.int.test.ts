/**
 * The audit's reproduction of the plan's booking figures (server/plan/indicators.ts `maskBookings`): the region's
 * booked and attended totals, the per-level indicators, schools reached and the reach per school are published side
 * by side to everyone in the region, so a hidden school or level must not come back by subtraction. Twente's numbers:
 * per school 48, 44, 28, 26 and Grundel 2 (two more vo schools without bookings), 148 in all; Grundel's 2 are its
 * level OTHER; 4 of the 148 did not attend. The attacker is the region's mbo publisher (no owner of any school).
 * Every school consented to being shown apart (so all are listed), and the bookings are its staff's (counted).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { buildOrganisation, buildTwoRegionWorld, buildUser } from '../db/factories.ts'
import { fromAmsterdam } from '../lib/time.ts'
import type { PupilLevel } from '../db/generated/enums.ts'
import { callerFor, db } from '../test/helpers.ts'
import { PUPIL_LEVELS } from './schema.ts'

type World = Awaited<ReturnType<typeof buildTwoRegionWorld>>
let w: World
let planId: string
const YEAR = 2019
const names = { booked: 'Geboekt', attended: 'Aanwezig', reached: 'Scholen bereikt' }
let grundel: { id: string; name: string }

/** Confirmed bookings of a school in 2019/20: per level [booked, not attended]. */
async function book(mboId: string, schoolId: string, levels: Partial<Record<PupilLevel, [number, number]>>) {
  const programme = await db.slotProgramme.create({ data: { organisationId: mboId, name: 'Proefstuderen', sector: 'MBO', level: 'MBO_4', code: String(40000 + Math.floor(Math.random() * 59999)) } })
  const startsAt = fromAmsterdam('2019-11-12', '09:00')
  const slot = await db.slot.create({
    data: { programmeId: programme.id, organisationId: mboId, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), location: 'Enschede', capacity: 500, bookingOpensAt: fromAmsterdam('2019-09-01'), bookingClosesAt: startsAt, audienceLevels: [...PUPIL_LEVELS] },
  })
  const staff = await buildUser(db, { roles: [{ role: 'ORG_STAFF', organisationId: schoolId }] })
  const data = Object.entries(levels).flatMap(([level, [n, absent]]) =>
    Array.from({ length: n }, (_, k) => ({ slotId: slot.id, organisationId: mboId, programmeId: programme.id, schoolId, level: level as PupilLevel, year: 4, status: 'CONFIRMED' as const, attendance: k < absent ? null : ('PRESENT' as const), bookedById: staff.id })),
  )
  await db.slotBooking.createMany({ data })
}

beforeAll(async () => {
  w = await buildTwoRegionWorld(db)
  const vo = async (name: string) => buildOrganisation(db, { regionIds: [w.a.region.id], sector: 'VO', name: `${name} ${Date.now()}` })
  const [bataafse, canisius, erasmus, stedelijk] = [await vo('Bataafse Kamp'), await vo('Canisius'), await vo('Erasmus'), await vo('Stedelijk Lyceum')]
  grundel = await vo('Het Assink Grundel')
  const none = await vo('Zonder boekingen') // a second vo school without bookings, next to w.a.school
  await db.participationReachConsent.createMany({ data: [bataafse, canisius, erasmus, stedelijk, grundel, none, w.a.school].map((s) => ({ schoolId: s.id })) })
  await book(w.a.mbo.id, bataafse.id, { HAVO: [30, 4], VWO: [18, 0] })
  await book(w.a.mbo.id, canisius.id, { HAVO: [22, 0], VWO: [14, 0], VMBO_GT: [8, 0] })
  await book(w.a.mbo.id, erasmus.id, { VMBO_GT: [7, 0], VMBO_BB: [16, 0], MBO: [5, 0] })
  await book(w.a.mbo.id, stedelijk.id, { VMBO_KB: [11, 0], MBO: [15, 0] })
  await book(w.a.mbo.id, grundel.id, { OTHER: [2, 0] })
  const c = await callerFor(w.a.coordinator.id)
  planId = (await c.plan.create({ regionId: w.a.region.id, title: 'Ambitieagenda Twente', startYear: 2019, endYear: 2020 })).id
  const goal = await c.plan.createGoal({ planId, themeId: 'plantheme-studiekeuze', title: 'Meer proefstuderen', organisationIds: [] })
  const mk = (name: string, activityMetric: string, level?: string) => c.plan.createIndicator({ goalId: goal.id, name, kind: 'ACTIVITY', activityMetric: activityMetric as never, level: level as never, reason: 'Activiteit' })
  await mk(names.booked, 'BOOKED')
  await mk(names.attended, 'ATTENDED')
  await mk(names.reached, 'SCHOOLS_REACHED')
  for (const level of PUPIL_LEVELS) {
    await mk(`${names.booked} ${level}`, 'BOOKED', level)
    await mk(`${names.attended} ${level}`, 'ATTENDED', level)
    await mk(`${names.reached} ${level}`, 'SCHOOLS_REACHED', level)
  }
})

type Published = { value: (name: string) => number | null; reach: { id: string; name: string; bookings: number | null }[] }

/** What the attacker reads of 2019/20 through plan.evaluation and through plan.get (both must be safe). */
async function published(userId: string): Promise<Published[]> {
  const c = await callerFor(userId)
  const ev = await c.plan.evaluation({ planId, year: YEAR })
  const view = await c.plan.get({ planId })
  const evInds = ev.goals.flatMap((g) => g.indicators)
  const viewInds = view.goals.flatMap((g) => g.indicators)
  return [
    { value: (name) => evInds.find((i) => i.name === name)!.actual, reach: ev.reach },
    { value: (name) => viewInds.find((i) => i.name === name)!.cells.find((x) => x.year === YEAR)!.actual, reach: ev.reach },
  ]
}

/** The attacker's arithmetic on a total and its parts: what can be learned about the hidden parts. */
function expectSafe(total: number | null, parts: (number | null)[]) {
  const hidden = parts.filter((p) => p === null).length
  if (total === null) {
    expect(hidden, 'a hidden total must not be the sum of shown parts').toBeGreaterThan(0)
    return
  }
  if (!hidden) return
  expect(hidden, 'one hidden part is the total minus the others').toBeGreaterThanOrEqual(2)
  const residual = total - parts.reduce<number>((s, p) => s + (p ?? 0), 0)
  expect(residual, 'the hidden parts together must not be a small count').toBeGreaterThan(5)
}

describe('plan: booking figures of a region cannot be subtracted back to a hidden school or level', () => {
  it('Grundel’s 2 bookings: not from the region total minus the shown schools, nor with schools reached', async () => {
    for (const p of await published(w.a.publisher.id)) {
      const total = p.value(names.booked)
      const rows = p.reach.map((r) => r.bookings)
      expect(p.reach.find((r) => r.id === grundel.id)!.bookings).toBeNull()
      expectSafe(total, rows)
      // The audit: 148 − 146 = 2 and 5 − 4 shown = 1 hidden school with bookings ⇒ Grundel has exactly 2.
      const reached = p.value(names.reached)
      const shown = rows.filter((r) => r !== null)
      if (reached !== null) expect(rows.includes(null), 'schools reached next to hidden schools tells how many of them booked').toBe(false)
      if (total !== null && reached !== null) expect(reached - shown.length).not.toBe(1)
    }
  })

  it('the region total minus the shown levels does not give level OTHER (or the other levels together)', async () => {
    for (const p of await published(w.a.publisher.id)) {
      expectSafe(p.value(names.booked), PUPIL_LEVELS.map((l) => p.value(`${names.booked} ${l}`)))
      expectSafe(p.value(names.attended), PUPIL_LEVELS.map((l) => p.value(`${names.attended} ${l}`)))
      for (const l of PUPIL_LEVELS) if (p.value(`${names.booked} ${l}`) === null) expect(p.value(`${names.reached} ${l}`)).toBeNull()
      expect(p.value(`${names.booked} OTHER`)).toBeNull()
    }
  })

  it('booked minus attended (4 did not come) is not a small count, in the region nor per level', async () => {
    for (const p of await published(w.a.publisher.id)) {
      for (const suffix of ['', ...PUPIL_LEVELS.map((l) => ` ${l}`)]) {
        const booked = p.value(`${names.booked}${suffix}`)
        const attended = p.value(`${names.attended}${suffix}`)
        if (booked !== null && attended !== null && booked !== attended) expect(booked - attended).toBeGreaterThan(5)
        if (booked !== null && attended !== null) expect(booked - attended, `${suffix}: all attended is also a small count (0)`).toBeGreaterThan(5)
      }
    }
  })

  it('figures that are safe stay shown, the same for every reader and every plan over that year', async () => {
    const [ev] = await published(w.a.publisher.id)
    // Large schools are not all hidden: the table is still useful.
    expect(ev!.reach.filter((r) => r.bookings !== null).length).toBeGreaterThanOrEqual(2)
    expect(ev!.value(`${names.booked} HAVO`)).toBe(52)
    const coordinator = await published(w.a.coordinator.id)
    const reporter = await published(w.a.boardReporter.id)
    for (const [i, p] of (await published(w.a.publisher.id)).entries()) {
      for (const other of [coordinator[i]!, reporter[i]!]) {
        expect(other.reach).toEqual(p.reach)
        for (const n of [names.booked, names.attended, names.reached]) expect(other.value(n)).toBe(p.value(n))
      }
    }
    // The empty next year: every booking figure hidden, none shown as 0.
    const view = await (await callerFor(w.a.publisher.id)).plan.get({ planId })
    for (const i of view.goals.flatMap((g) => g.indicators)) expect(i.cells.find((x) => x.year === 2020)).toMatchObject({ actual: null, suppressed: true })
    // No raw small count of a school anywhere in the responses.
    const ev2 = await (await callerFor(w.a.publisher.id)).plan.evaluation({ planId, year: YEAR })
    expect(JSON.stringify(ev2.reach)).not.toMatch(/"bookings":[0-5]\b/)
  })
})
