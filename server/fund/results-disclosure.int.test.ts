import { beforeAll, describe, expect, it } from 'vitest'
import { buildBoard, buildOrganisation, buildTwoRegionWorld, buildUser } from '../db/factories.ts'
import { buildBudgetLine, buildFundGrant } from './factories.ts'
import { fromAmsterdam } from '../lib/time.ts'
import { HIDDEN, SUPPRESSED } from '../transitions/suppression.ts'
import { callerFor, db } from '../test/helpers.ts'

/**
 * The participation figures of a results report's linked slot programmes cover pupils of every board's schools: the
 * reporting board is the owner of its own schools' part only. Whatever a viewer sees, total − (what it knows) must
 * never give another board's small count.
 */
type World = Awaited<ReturnType<typeof buildTwoRegionWorld>>
let w: World
let boardB: { id: string }
let boardC: { id: string }
let schoolB: { id: string }
let schoolC: { id: string }
let reporterAB: { id: string }

/** A programme of region A's mbo with, per school, `n` confirmed bookings in 2019 of which `present` were present. */
async function programmeWith(spec: { schoolId: string; n: number; present?: number }[]) {
  const mboId = w.a.mbo.id
  const programme = await db.slotProgramme.create({ data: { organisationId: mboId, name: `Verpleegkunde ${Math.random()}`, sector: 'MBO', level: 'MBO_4', code: String(20000 + Math.floor(Math.random() * 79999)) } })
  const startsAt = fromAmsterdam('2019-11-12', '09:00')
  const slot = await db.slot.create({
    data: { programmeId: programme.id, organisationId: mboId, startsAt, endsAt: new Date(startsAt.getTime() + 4 * 3_600_000), location: 'Hengelo', capacity: 100, bookingOpensAt: fromAmsterdam('2019-09-01'), bookingClosesAt: startsAt, audienceLevels: ['HAVO', 'VWO'] },
  })
  for (const s of spec)
    for (let i = 0; i < s.n; i++)
      await db.slotBooking.create({ data: { slotId: slot.id, organisationId: mboId, programmeId: programme.id, schoolId: s.schoolId, level: 'HAVO', year: 4, status: 'CONFIRMED', attendance: i < (s.present ?? 0) ? 'PRESENT' : null } })
  return programme
}

/** A 2019 grant line per board, and `reporter`'s results report on its board's line linking the programme. */
async function reportLinking(programmeId: string, boardId: string, reporterId: string) {
  const grant = await buildFundGrant(db, { regionId: w.a.region.id, penvoerderId: w.a.mbo.id, fundName: `Resultaten ${Math.random()}` })
  const line = await buildBudgetLine(db, { grantId: grant.id, year: 2019, boardIds: [boardId], activity: 'Meeloopdagen' })
  const res = await (await callerFor(reporterId)).fund.createResult({ budgetLineId: line.id, boardId, pupilsReached: 40, narrative: 'Meeloopdagen gehouden.', obstacles: '', eventIds: [], programmeIds: [programmeId], goals: [] })
  return { grant, result: res }
}

const figures = async (userId: string, id: string) => {
  const [p] = (await (await callerFor(userId)).fund.result({ id })).programmes
  return { bookings: p!.bookings, present: p!.present, own: p!.own }
}

beforeAll(async () => {
  w = await buildTwoRegionWorld(db)
  boardB = await buildBoard(db)
  boardC = await buildBoard(db)
  schoolB = await buildOrganisation(db, { regionIds: [w.a.region.id], boardId: boardB.id })
  schoolC = await buildOrganisation(db, { regionIds: [w.a.region.id], boardId: boardC.id })
  reporterAB = await buildUser(db, { roles: [{ role: 'BOARD_REPORTER', boardId: w.a.board.id }, { role: 'BOARD_REPORTER', boardId: boardB.id }] })
})

describe('fund results: programme participation of other boards’ pupils', () => {
  it('the audit: 3 bookings from three boards are not shown to the reporting board either; it gets its own pupil raw', async () => {
    const programme = await programmeWith([
      { schoolId: w.a.school.id, n: 1 },
      { schoolId: schoolB.id, n: 1 },
      { schoolId: schoolC.id, n: 1 },
    ])
    const { result } = await reportLinking(programme.id, w.a.board.id, w.a.boardReporter.id)
    expect(await figures(w.a.boardReporter.id, result.id)).toEqual({ bookings: SUPPRESSED, present: SUPPRESSED, own: { bookings: 1, present: 0 } })
    expect(await figures(w.a.coordinator.id, result.id)).toEqual({ bookings: SUPPRESSED, present: SUPPRESSED, own: null })
    expect(await figures(w.admin.id, result.id)).toEqual({ bookings: SUPPRESSED, present: SUPPRESSED, own: null })
  })

  it('the total minus the own part would give the other boards’ small part: the total is hidden from the board', async () => {
    // 4 own + 4 of other boards: 8 is above the threshold, but 8 − 4 = 4.
    const programme = await programmeWith([
      { schoolId: w.a.school.id, n: 4, present: 4 },
      { schoolId: schoolB.id, n: 2, present: 2 },
      { schoolId: schoolC.id, n: 2, present: 2 },
    ])
    const { result } = await reportLinking(programme.id, w.a.board.id, w.a.boardReporter.id)
    const seen = await figures(w.a.boardReporter.id, result.id)
    expect(seen).toEqual({ bookings: HIDDEN, present: HIDDEN, own: { bookings: 4, present: 4 } })
    // The coordinator does not get the board's part, so the (large) whole is no difference of two answers; present
    // is hidden as 8 − 8 = 0 no-shows is a small count too.
    expect(await figures(w.a.coordinator.id, result.id)).toEqual({ bookings: 8, present: HIDDEN, own: null })
  })

  it('the no-shows of other boards (bookings − present) are not recoverable either', async () => {
    // Other boards: 10 booked, 8 present → 2 no-shows; the whole: 14 booked, 12 present.
    const programme = await programmeWith([
      { schoolId: w.a.school.id, n: 4, present: 4 },
      { schoolId: schoolB.id, n: 5, present: 4 },
      { schoolId: schoolC.id, n: 5, present: 4 },
    ])
    const { result } = await reportLinking(programme.id, w.a.board.id, w.a.boardReporter.id)
    const seen = await figures(w.a.boardReporter.id, result.id)
    expect(seen.own).toEqual({ bookings: 4, present: 4 })
    expect(seen.bookings).toBe(14)
    expect(seen.present).toBe(HIDDEN)
    // The coordinator: 14 booked, 12 present → 2 no-shows in all: present hidden as well.
    expect(await figures(w.a.coordinator.id, result.id)).toEqual({ bookings: 14, present: HIDDEN, own: null })
  })

  it('a reporter of two boards knows both parts: the total is hidden when the third board’s part is small', async () => {
    // A 4, B 4, C 3: a reporter of A alone may see 11 (11 − 4 = 7 other pupils); one of A and B may not (11 − 4 − 4 = 3).
    const programme = await programmeWith([
      { schoolId: w.a.school.id, n: 4 },
      { schoolId: schoolB.id, n: 4 },
      { schoolId: schoolC.id, n: 3 },
    ])
    const { result: ofA } = await reportLinking(programme.id, w.a.board.id, reporterAB.id)
    const { result: ofB } = await reportLinking(programme.id, boardB.id, reporterAB.id)
    expect((await figures(w.a.boardReporter.id, ofA.id)).bookings).toBe(11)
    const [a, b] = [await figures(reporterAB.id, ofA.id), await figures(reporterAB.id, ofB.id)]
    expect([a.bookings, a.own?.bookings, b.bookings, b.own?.bookings]).toEqual([HIDDEN, 4, HIDDEN, 4])
  })

  it('pupils reached: raw to the board, masked for the coordinator in the report and the list', async () => {
    const programme = await programmeWith([{ schoolId: w.a.school.id, n: 1 }])
    const grant = await buildFundGrant(db, { regionId: w.a.region.id, penvoerderId: w.a.mbo.id, fundName: `Bereik ${Math.random()}` })
    const line = await buildBudgetLine(db, { grantId: grant.id, year: 2019, boardIds: [w.a.board.id] })
    const res = await (await callerFor(w.a.boardReporter.id)).fund.createResult({ budgetLineId: line.id, pupilsReached: 3, narrative: 'x', obstacles: '', eventIds: [], programmeIds: [programme.id], goals: [] })
    expect((await (await callerFor(w.a.boardReporter.id)).fund.results({ grantId: grant.id })).items.map((r) => r.pupilsReached)).toEqual([3])
    expect((await (await callerFor(w.a.coordinator.id)).fund.results({ grantId: grant.id })).items.map((r) => r.pupilsReached)).toEqual([SUPPRESSED])
    expect((await (await callerFor(w.a.coordinator.id)).fund.result({ id: res.id })).pupilsReached).toBe(SUPPRESSED)
  })
})
