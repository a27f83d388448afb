/**
 * Small counts of pupils (≤ 5) that the auditor still got out: a listed-only campaign's places taken (the slot's
 * `confirmedCount`, or capacity minus the free places the public saw), and evaluation results whose hidden day
 * was the programme minus its shown days, or "shown, count hidden" = exactly 5. Each test does the arithmetic.
 */
import { randomUUID } from 'node:crypto'
import { TRPCError } from '@trpc/server'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildOrganisation, buildTwoRegionWorld, buildUser, uniq } from '../db/factories.ts'
import { callerFor, db } from '../test/helpers.ts'
import { AppError } from '../lib/errors.ts'
import { translator } from '../i18n/translate.ts'
import { toAmsterdam } from '../lib/time.ts'
import { loadActor } from '../auth/actor.ts'
import { CLOSED_AFTER_DAYS, evaluationResults, MIN_ANSWERS } from './evaluation.ts'
import { newLinkToken } from './pupils.ts'
import { schoolYearOf } from './school-year.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const schoolYear = schoolYearOf(new Date())
const localDate = (ms: number) => toAmsterdam(new Date(Date.now() + ms)).date
let w: Awaited<ReturnType<typeof buildTwoRegionWorld>>
let programmeId = ''

async function makeSlot(capacity: number, startsAt = new Date(Date.now() + 14 * DAY), programme = programmeId) {
  return db.slot.create({
    data: { programmeId: programme, organisationId: w.a.mbo.id, startsAt, endsAt: new Date(startsAt.getTime() + 4 * HOUR), location: 'Hoofdgebouw', capacity, bookingOpensAt: new Date(Date.now() - 60 * DAY), bookingClosesAt: new Date(startsAt.getTime() - HOUR), audienceLevels: ['HAVO', 'VWO'] },
  })
}

/** A pupil on school A's list with a personal link (its token). */
async function listedPupil() {
  const { token, hash } = newLinkToken()
  await db.participationPupil.create({
    data: { schoolId: w.a.school.id, schoolYear, name: 'Sam de Vries', email: `s${uniq()}@${uniq()}.example.test`, level: 'HAVO', year: 4, className: '4H1', linkHash: hash, linkExpiresAt: new Date(Date.now() + 60 * DAY) },
  })
  return token
}

async function errorKey(p: Promise<unknown>) {
  const err = await p.then(
    () => {
      throw new Error('expected a refusal')
    },
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(TRPCError)
  const app = (err as TRPCError).cause as AppError
  expect(translator('nl').has(app.key) && translator('en').has(app.key)).toBe(true)
  return { code: (err as TRPCError).code, key: app.key, params: app.params }
}

beforeAll(async () => {
  w = await buildTwoRegionWorld(db)
  const p = await callerFor(w.a.publisher.id)
  programmeId = (await p.slots.createProgramme({ organisationId: w.a.mbo.id, name: `Verpleegkunde ${uniq()}`, level: 'MBO_4', code: '25480' })).id
  await p.slots.updateSettings({ organisationId: w.a.mbo.id, maxActiveBookings: 50, limitScope: 'INSTITUTION', limitPeriodDays: 365, purgeAfterDays: 30, offerHoldHours: 24, pendingHoldMinutes: 30, maxPerSlotPerDomain: 10 })
})

describe('a listed-only campaign of one school: its slots\' places taken leave the server for nobody but the institution', () => {
  it('one pupil booked: the coordinator, the public search, the public slot page and the pupil\'s link give neither the 1 nor capacity minus free', async () => {
    const listedSlot = await makeSlot(20)
    const openSlot = await makeSlot(20)
    const coord = await callerFor(w.a.coordinator.id)
    const c = await coord.participation.createCampaign({ regionId: w.a.region.id, name: `Meeloopdagen ${uniq()}`, opensAt: localDate(-DAY), closesAt: localDate(10 * DAY), maxPerPupil: 2, levels: [], schoolIds: [w.a.school.id], slotIds: [listedSlot.id], listedOnly: true })
    const token = await listedPupil()
    const anon = await callerFor(null)
    const link = async () => (await anon.participation.link({ token })).campaigns.find((x) => x.id === c.id)!.slots.find((s) => s.id === listedSlot.id)!
    // The personal link still books (the pupil on the list), confirmed at once.
    expect(await anon.participation.linkBook({ token, slotId: listedSlot.id })).toMatchObject({ status: 'CONFIRMED' })
    expect((await db.slot.findUniqueOrThrow({ where: { id: listedSlot.id } })).confirmedCount).toBe(1)

    // The coordinator's campaign: the old answer held {"capacity":20,"confirmedCount":1}.
    const view = await coord.participation.campaign({ campaignId: c.id })
    const seen = view.slots.find((s) => s.id === listedSlot.id)!
    expect(seen.capacity).toBe(20)
    expect(seen.confirmedCount).toBeNull()
    expect(JSON.stringify(view)).not.toMatch(/"confirmedCount":1\b|"free":19\b/)
    const candidates = await coord.participation.candidateSlots({ regionId: w.a.region.id })
    expect(candidates.find((s) => s.id === listedSlot.id)!.confirmedCount).toBeNull()
    // A slot anyone may book keeps its figures (the public sees its free places anyway).
    expect(candidates.find((s) => s.id === openSlot.id)).toMatchObject({ capacity: 20, confirmedCount: 0 })

    // The public: no free places (capacity − free = 1), no "full" either; the open slot keeps them.
    const slot = await anon.slots.publicSlot({ id: listedSlot.id })
    expect(slot).toMatchObject({ personalLinkOnly: true, free: null })
    expect((await anon.slots.publicSlot({ id: openSlot.id })).free).toBe(20)
    const cards = await anon.slots.search({ regionSlug: w.a.region.slug, limit: 200 })
    expect(cards.find((x) => x.id === listedSlot.id)).toMatchObject({ personalLinkOnly: true, free: null, full: null })
    expect(cards.find((x) => x.id === openSlot.id)).toMatchObject({ personalLinkOnly: false, free: 20, full: false })

    // The pupil's own link page: the day without a place count (it was "19 free").
    expect(await link()).toMatchObject({ free: null, booked: true })

    // Reserving more than is free: the refusal names no number (it was "only 19 free places") but to the institution.
    const tooMany = { slotId: listedSlot.id, schoolId: w.a.school.id, places: 20, releaseAt: `${localDate(5 * DAY)}T12:00` }
    expect(await errorKey(coord.participation.reserve(tooMany))).toMatchObject({ code: 'CONFLICT', key: 'participation.errors.notEnoughFreeHidden' })
    expect(await errorKey((await callerFor(w.a.publisher.id)).participation.reserve(tooMany))).toMatchObject({ code: 'CONFLICT', key: 'participation.errors.notEnoughFree', params: { free: 19 } })
  })
})

describe('evaluation results: one threshold, and a programme made of its shown days only', () => {
  let past: Date
  const scoresOf = (n: number, score: number) => Array.from({ length: n }, () => score)

  async function answers(slot: { id: string; programmeId: string }, scores: number[], comment?: string) {
    await db.participationEvaluation.createMany({
      data: scores.map((s, i) => ({ id: randomUUID(), slotId: slot.id, programmeId: slot.programmeId, organisationId: w.a.mbo.id, schoolId: w.a.school.id, useful: s, helpedChoice: s, recommend: s, comment: i === 0 ? (comment ?? null) : null })),
    })
  }

  beforeAll(() => {
    past = new Date(Date.now() - 30 * DAY)
  })
  const newProgramme = async (name: string, code: string) =>
    (await (await callerFor(w.a.publisher.id)).slots.createProgramme({ organisationId: w.a.mbo.id, name: `${name} ${uniq()}`, level: 'MBO_4', code })).id

  it('7 and 5 answers: the day with 5 is hidden, and the programme (count, averages, comments) is the shown day\'s', async () => {
    const own = { id: await newProgramme('Zorg', '25481') }
    const seven = await makeSlot(20, past, own.id)
    const five = await makeSlot(20, new Date(past.getTime() + DAY), own.id)
    await answers(seven, scoresOf(7, 4), 'Goed.')
    await answers(five, scoresOf(5, 1), 'Alleen van de dag met vijf.')
    const pub = (await loadActor(db, w.a.publisher.id))!
    const closed = new Date(five.endsAt.getTime() + (CLOSED_AFTER_DAYS + 2) * DAY)
    for (const [actor, organisationId] of [[pub, w.a.mbo.id], [(await loadActor(db, w.a.staff.id))!, w.a.school.id]] as const) {
      const r = await evaluationResults(db, actor, { organisationId }, closed)
      const p = r.programmes.find((x) => x.programmeId === own.id)!
      // Never "shown, count hidden" (that meant exactly 5): a shown group has its count, above the threshold.
      for (const g of [p, ...p.slots]) expect(g.shown ? typeof g.answers === 'number' && g.answers > MIN_ANSWERS : g.answers === null && g.useful === null).toBe(true)
      expect(p.slots.find((s) => s.slotId === five.id)).toMatchObject({ shown: false, answers: null, useful: null })
      expect(p.slots.find((s) => s.slotId === seven.id)).toMatchObject({ shown: true, answers: 7, useful: 4 })
      // The old answer: the programme's 12 answers minus the shown 7 gave the hidden day's 5, its average 2.75 · 12 − 4 · 7 = 5 · 1.
      expect(p).toMatchObject({ shown: true, answers: 7, useful: 4, helpedChoice: 4, recommend: 4 })
      expect(p.comments).toEqual(['Goed.'])
    }
  })

  it('three days each under the threshold: the programme shows nothing (no total of hidden days to difference later)', async () => {
    const own = { id: await newProgramme('Techniek', '25482') }
    const slots = [await makeSlot(20, past, own.id), await makeSlot(20, new Date(past.getTime() + DAY), own.id), await makeSlot(20, new Date(past.getTime() + 2 * DAY), own.id)]
    for (const s of slots) await answers(s, scoresOf(4, 3), 'Een opmerking.')
    const pub = (await loadActor(db, w.a.publisher.id))!
    const r = await evaluationResults(db, pub, { organisationId: w.a.mbo.id }, new Date(slots[2]!.endsAt.getTime() + (CLOSED_AFTER_DAYS + 2) * DAY))
    expect(r.programmes.find((x) => x.programmeId === own.id)).toMatchObject({ shown: false, answers: null, useful: null, comments: [] })
  })
})

describe('a hidden slot\'s places: no probe learns them (reservations, taking the slot out of its campaign)', () => {
  const campaignOf = async (slotIds: string[]) =>
    (await callerFor(w.a.coordinator.id)).participation.createCampaign({ regionId: w.a.region.id, name: `Meeloopdagen ${uniq()}`, opensAt: localDate(-DAY), closesAt: localDate(10 * DAY), maxPerPupil: 5, levels: [], schoolIds: [w.a.school.id], slotIds, listedOnly: true })
  const reserve = (slotId: string, places: number) => ({ slotId, schoolId: w.a.school.id, places, releaseAt: `${localDate(5 * DAY)}T12:00` })

  it('with the school\'s reservation in place, a too-large and a small request get the same refusal (no enough / not enough)', async () => {
    const slot = await makeSlot(20)
    await campaignOf([slot.id])
    const coord = await callerFor(w.a.coordinator.id)
    await coord.participation.reserve(reserve(slot.id, 2))
    await (await callerFor(null)).participation.linkBook({ token: await listedPupil(), slotId: slot.id })
    // The old order answered "not enough free places" to 20 and "already reserved" to 1: free lay between them.
    for (const places of [20, 17, 1]) expect(await errorKey(coord.participation.reserve(reserve(slot.id, places)))).toMatchObject({ code: 'CONFLICT', key: 'participation.errors.reservationExists' })
  })

  it('a refusal for want of places on a hidden slot is audited like a reservation', async () => {
    const slot = await makeSlot(20)
    await campaignOf([slot.id])
    await (await callerFor(null)).participation.linkBook({ token: await listedPupil(), slotId: slot.id })
    const coord = await callerFor(w.a.coordinator.id)
    expect(await errorKey(coord.participation.reserve(reserve(slot.id, 20)))).toMatchObject({ code: 'CONFLICT', key: 'participation.errors.notEnoughFreeHidden' })
    const logged = await db.auditLog.findMany({ where: { action: 'participation.reserve.notEnoughFree', entityId: slot.id } })
    expect(logged).toHaveLength(1)
    expect(logged[0]).toMatchObject({ actorId: w.a.coordinator.id, organisationId: w.a.mbo.id, after: { schoolId: w.a.school.id, places: 20 } })
    expect(await db.participationReservation.count({ where: { slotId: slot.id } })).toBe(0)
  })

  it('the platform admin is told the free places, as the slot\'s institution (can(actor, \'slots.publish\', …), as in the calendar)', async () => {
    const slot = await makeSlot(20)
    await campaignOf([slot.id])
    await (await callerFor(null)).participation.linkBook({ token: await listedPupil(), slotId: slot.id })
    // actionScope's organisation list left the admin out: the old answer was notEnoughFreeHidden.
    expect(await errorKey((await callerFor(w.admin.id)).participation.reserve(reserve(slot.id, 20)))).toMatchObject({ code: 'CONFLICT', key: 'participation.errors.notEnoughFree', params: { free: 19 } })
    expect(await db.auditLog.count({ where: { action: 'participation.reserve.notEnoughFree', entityId: slot.id } })).toBe(0)
  })

  it('a slot open for booking cannot leave a listed-only campaign when its places would become public: booked or not, the same refusal', async () => {
    const booked = await makeSlot(20)
    const empty = await makeSlot(20)
    const c = await campaignOf([booked.id, empty.id])
    await (await callerFor(null)).participation.linkBook({ token: await listedPupil(), slotId: booked.id })
    const coord = await callerFor(w.a.coordinator.id)
    // Out and back in: the candidates (and public search, calendar) would have shown confirmedCount 1 in between.
    for (const keep of [[empty.id], [booked.id], []])
      expect(await errorKey(coord.participation.setCampaignSlots({ campaignId: c.id, slotIds: keep }))).toMatchObject({ code: 'CONFLICT', key: 'participation.errors.campaignSlotStaysHidden' })
    expect((await db.participationCampaignSlot.findMany({ where: { campaignId: c.id } })).map((s) => s.slotId).sort()).toEqual([booked.id, empty.id].sort())
    expect((await coord.participation.candidateSlots({ regionId: w.a.region.id })).find((s) => s.id === booked.id)!.confirmedCount).toBeNull()

    // Through a second listed-only campaign: the slot stays hidden, so it may leave the first; not then the second.
    const other = await campaignOf([booked.id])
    expect(await coord.participation.setCampaignSlots({ campaignId: c.id, slotIds: [empty.id] })).toEqual({ slots: 1 })
    expect(await errorKey(coord.participation.setCampaignSlots({ campaignId: other.id, slotIds: [] }))).toMatchObject({ key: 'participation.errors.campaignSlotStaysHidden' })
    expect((await coord.participation.candidateSlots({ regionId: w.a.region.id })).find((s) => s.id === booked.id)!.confirmedCount).toBeNull()

    // Before its booking opens (no booking can exist yet), a slot can leave.
    const later = await db.slot.create({
      data: { programmeId, organisationId: w.a.mbo.id, startsAt: new Date(Date.now() + 20 * DAY), endsAt: new Date(Date.now() + 20 * DAY + 4 * HOUR), location: 'Hoofdgebouw', capacity: 20, bookingOpensAt: new Date(Date.now() + 5 * DAY), bookingClosesAt: new Date(Date.now() + 19 * DAY), audienceLevels: ['HAVO'] },
    })
    const third = await campaignOf([later.id, empty.id])
    expect(await coord.participation.setCampaignSlots({ campaignId: third.id, slotIds: [empty.id] })).toEqual({ slots: 1 })
  })
})

describe('an institution\'s list rule: once a slot it hides has opened for booking, no change of the rule shows its places', () => {
  it('off, removed or a programme\'s own "anyone" is refused, booked or not; a programme not yet open, or a slot kept hidden by a campaign, may change', async () => {
    const inst = await buildOrganisation(db, { regionIds: [w.a.region.id], sector: 'MBO' })
    const pub = await callerFor((await buildUser(db, { roles: [{ role: 'INSTITUTION_PUBLISHER', organisationId: inst.id }] })).id)
    const programme = (code: string) => db.slotProgramme.create({ data: { organisationId: inst.id, name: `Opleiding ${uniq()}`, sector: 'MBO', level: 'MBO_4', code } })
    const [opened, notYet] = [await programme('25101'), await programme('25102')]
    const slotOf = (programme: string, bookingOpensAt: Date) => {
      const startsAt = new Date(Date.now() + 14 * DAY)
      return db.slot.create({ data: { programmeId: programme, organisationId: inst.id, startsAt, endsAt: new Date(startsAt.getTime() + 4 * HOUR), location: 'Hoofdgebouw', capacity: 20, bookingOpensAt, bookingClosesAt: new Date(startsAt.getTime() - HOUR), audienceLevels: ['HAVO'] } })
    }
    const booked = await slotOf(opened.id, new Date(Date.now() - DAY))
    const empty = await slotOf(opened.id, new Date(Date.now() - DAY))
    const later = await slotOf(notYet.id, new Date(Date.now() + 5 * DAY))
    await pub.participation.setListRule({ organisationId: inst.id, listedOnly: true })
    const anon = await callerFor(null)
    await anon.participation.linkBook({ token: await listedPupil(), slotId: booked.id })
    expect((await anon.slots.publicSlot({ id: booked.id })).free).toBeNull()

    // Each change would have shown everybody free 19 of 20: one listed pupil (the old code made them all).
    for (const change of [{ listedOnly: false }, { listedOnly: null }, { programmeId: opened.id, listedOnly: false }])
      expect(await errorKey(pub.participation.setListRule({ organisationId: inst.id, ...change }))).toMatchObject({ code: 'CONFLICT', key: 'participation.errors.listRuleStaysHidden' })
    expect((await pub.participation.listRules({ organisationId: inst.id })).listedOnly).toBe(true)
    expect((await anon.slots.publicSlot({ id: booked.id })).free).toBeNull()
    expect((await anon.slots.publicSlot({ id: empty.id })).free).toBeNull()

    // A programme whose slots' booking has not opened: no booking can exist, its own "anyone" goes through.
    expect(await pub.participation.setListRule({ organisationId: inst.id, programmeId: notYet.id, listedOnly: false })).toEqual({ listedOnly: false })
    expect((await anon.slots.publicSlot({ id: later.id })).free).toBe(20)

    // Kept hidden by a listed-only campaign too, the slots no longer hang on the rule: it may go off; they stay hidden.
    await (await callerFor(w.a.coordinator.id)).participation.createCampaign({ regionId: w.a.region.id, name: `Meeloopdagen ${uniq()}`, opensAt: localDate(-DAY), closesAt: localDate(10 * DAY), maxPerPupil: 5, levels: [], schoolIds: [w.a.school.id], slotIds: [booked.id, empty.id], listedOnly: true })
    expect(await pub.participation.setListRule({ organisationId: inst.id, listedOnly: null })).toEqual({ listedOnly: null })
    expect((await anon.slots.publicSlot({ id: booked.id })).free).toBeNull()
    expect(await db.auditLog.count({ where: { action: 'participation.listRule', organisationId: inst.id } })).toBe(3)
  })
})

describe('once the slots a rule hides have ended, the rule may change: their places stay hidden anyway', () => {
  /** Moves a slot's day (and its booking window) into the past: it ended an hour ago. */
  const endIt = (id: string) => db.slot.update({ where: { id }, data: { startsAt: new Date(Date.now() - 5 * HOUR), endsAt: new Date(Date.now() - HOUR), bookingClosesAt: new Date(Date.now() - 6 * HOUR) } })

  it('an institution\'s list rule: refused while an opened slot has not ended, allowed once every one has; the ended slot shows no places to anyone but the institution', async () => {
    const inst = await buildOrganisation(db, { regionIds: [w.a.region.id], sector: 'MBO' })
    const publisher = await buildUser(db, { roles: [{ role: 'INSTITUTION_PUBLISHER', organisationId: inst.id }] })
    const pub = await callerFor(publisher.id)
    const programme = await db.slotProgramme.create({ data: { organisationId: inst.id, name: `Opleiding ${uniq()}`, sector: 'MBO', level: 'MBO_4', code: '25103' } })
    const startsAt = new Date(Date.now() + 14 * DAY)
    const opened = (hours: number) =>
      db.slot.create({ data: { programmeId: programme.id, organisationId: inst.id, startsAt: new Date(startsAt.getTime() + hours * HOUR), endsAt: new Date(startsAt.getTime() + (hours + 4) * HOUR), location: 'Hoofdgebouw', capacity: 20, bookingOpensAt: new Date(Date.now() - DAY), bookingClosesAt: new Date(startsAt.getTime() - HOUR), audienceLevels: ['HAVO'] } })
    const [first, second] = [await opened(0), await opened(24)]
    await pub.participation.setListRule({ organisationId: inst.id, listedOnly: true })
    const anon = await callerFor(null)
    await anon.participation.linkBook({ token: await listedPupil(), slotId: first.id })

    // The first day is over, the second not yet: still refused (the second's places would show), with the new text.
    await endIt(first.id)
    const refused = await errorKey(pub.participation.setListRule({ organisationId: inst.id, listedOnly: false }))
    expect(refused).toMatchObject({ code: 'CONFLICT', key: 'participation.errors.listRuleStaysHidden' })
    expect(translator('nl')(refused.key)).toMatch(/voorbij/)
    expect(translator('en')(refused.key)).toMatch(/over/)

    // Both over: the rule goes off (the old code refused it for good: the ended slot had opened).
    await endIt(second.id)
    expect(await pub.participation.setListRule({ organisationId: inst.id, listedOnly: false })).toEqual({ listedOnly: false })
    // The ended day's places (20 − 1 listed pupil) reach nobody but the institution: not the public page, the calendar or the coordinator.
    expect((await anon.slots.publicSlot({ id: first.id })).free).toBeNull()
    const from = localDate(-3 * DAY)
    const to = localDate(3 * DAY)
    const freeIn = async (userId: string | null) => {
      const entries = userId ? await (await callerFor(userId)).calendar.range({ regionId: w.a.region.id, from, to, types: [] }) : (await anon.calendar.publicRange({ slug: w.a.region.slug, from, to })).events
      return entries.find((e) => e.id === first.id) as { free: number | null } | undefined
    }
    expect(await freeIn(null)).toMatchObject({ free: null })
    expect(await freeIn(w.a.coordinator.id)).toMatchObject({ free: null })
    expect(await freeIn(publisher.id)).toMatchObject({ free: 19 })
  })

  it('a listed-only campaign: an opened slot leaves it once it has ended, not before', async () => {
    const [slot, other] = [await makeSlot(20), await makeSlot(20)]
    const coord = await callerFor(w.a.coordinator.id)
    const c = await coord.participation.createCampaign({ regionId: w.a.region.id, name: `Meeloopdagen ${uniq()}`, opensAt: localDate(-DAY), closesAt: localDate(10 * DAY), maxPerPupil: 5, levels: [], schoolIds: [w.a.school.id], slotIds: [slot.id, other.id], listedOnly: true })
    await (await callerFor(null)).participation.linkBook({ token: await listedPupil(), slotId: slot.id })
    expect(await errorKey(coord.participation.setCampaignSlots({ campaignId: c.id, slotIds: [other.id] }))).toMatchObject({ code: 'CONFLICT', key: 'participation.errors.campaignSlotStaysHidden' })
    await endIt(slot.id)
    expect(await coord.participation.setCampaignSlots({ campaignId: c.id, slotIds: [other.id] })).toEqual({ slots: 1 })
    expect((await (await callerFor(null)).slots.publicSlot({ id: slot.id })).free).toBeNull()
  })
})
