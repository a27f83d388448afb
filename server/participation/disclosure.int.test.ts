/**
 * Small counts of a school's pupils (≤ 5) reach nobody but the school: the audit's attacks on the reach report,
 * reserved places and campaigns, replayed through the procedures. Each test does the attacker's arithmetic.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { buildOrganisation, buildRegion, buildTwoRegionWorld, buildUser, uniq } from '../db/factories.ts'
import { callerFor, db } from '../test/helpers.ts'
import type { Mail } from '../mail/mailer.ts'
import { toAmsterdam } from '../lib/time.ts'
import { bookSlot } from '../slots/booking.ts'
import { HIDDEN, SUPPRESSED } from '../transitions/suppression.ts'
import type { ReachRow } from './reach.ts'
import { schoolYearOf } from './school-year.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const schoolYear = schoolYearOf(new Date())
const deps = { send: async (_m: Mail) => undefined }
const localDate = (ms: number) => toAmsterdam(new Date(Date.now() + ms)).date

async function addPupils(schoolId: string, n: number, level: 'HAVO' | 'VWO', year: number) {
  await db.participationPupil.createMany({
    data: Array.from({ length: n }, () => ({ schoolId, schoolYear, name: 'Sam de Vries', email: `d${uniq()}@${uniq()}.example.test`, level, year, className: `${year}${level[0]}1` })),
  })
}

const pick = (rows: ReachRow[], schoolId: string | null, level = 'HAVO', year = 4, kind = 'ALL') => rows.find((r) => r.schoolId === schoolId && r.level === level && r.year === year && r.kind === kind)

describe('reach report: the region total and the schools shown on their own are protected together', () => {
  let region: { id: string }
  let schools: Record<'bataafse' | 'canisius' | 'erasmus' | 'stedelijk', { id: string }>
  let coordinator: { id: string }
  let staff: Record<keyof typeof schools, { id: string }>
  let admin: { id: string }

  beforeAll(async () => {
    region = await buildRegion(db)
    const org = () => buildOrganisation(db, { regionIds: [region.id], sector: 'VO' })
    schools = { bataafse: await org(), canisius: await org(), erasmus: await org(), stedelijk: await org() }
    const staffOf = (id: string) => buildUser(db, { roles: [{ role: 'ORG_STAFF', organisationId: id }] })
    staff = { bataafse: await staffOf(schools.bataafse.id), canisius: await staffOf(schools.canisius.id), erasmus: await staffOf(schools.erasmus.id), stedelijk: await staffOf(schools.stedelijk.id) }
    coordinator = await buildUser(db, { roles: [{ role: 'REGION_COORDINATOR', regionId: region.id }] })
    admin = await buildUser(db, { roles: [{ role: 'PLATFORM_ADMIN' }] })
    // The audit's region: havo 4 with 3, 8, 7 and 16 pupils on the class lists.
    await addPupils(schools.bataafse.id, 3, 'HAVO', 4)
    await addPupils(schools.canisius.id, 8, 'HAVO', 4)
    await addPupils(schools.erasmus.id, 7, 'HAVO', 4)
    await addPupils(schools.stedelijk.id, 16, 'HAVO', 4)
    // vwo 5: two schools only.
    await addPupils(schools.canisius.id, 9, 'VWO', 5)
    await addPupils(schools.erasmus.id, 12, 'VWO', 5)
  })

  const consent = async (school: keyof typeof schools, on: boolean) => (await callerFor(staff[school].id)).participation.setConsent({ schoolId: schools[school].id, consent: on })

  it('a school consenting changes nothing in the total: before minus after no longer gives its 3 pupils', async () => {
    const coord = await callerFor(coordinator.id)
    const before = await coord.participation.reach({ regionId: region.id })
    expect(pick(before.rows, null)!.pupils).toBe(34)
    await consent('bataafse', true)
    const after = await coord.participation.reach({ regionId: region.id })
    expect(pick(after.rows, schools.bataafse.id)!.pupils).toBe(SUPPRESSED)
    // The total still counts every school (the old "other schools" figure fell from 34 to 31).
    expect(pick(after.rows, null)!.pupils).toBe(34)
    // No two pupil figures shown for havo 4, before or after, differ by Bataafse's 3; nor does the total minus the shown schools.
    const shown = [...before.rows, ...after.rows].filter((r) => r.level === 'HAVO' && r.year === 4).map((r) => r.pupils).filter((v): v is number => typeof v === 'number')
    for (const x of shown) for (const y of shown) expect(x - y).not.toBe(3)
    const schoolRows = after.rows.filter((r) => r.schoolId && r.level === 'HAVO' && r.year === 4 && r.kind === 'ALL')
    expect(34 - schoolRows.reduce((s, r) => s + (typeof r.pupils === 'number' ? r.pupils : 0), 0)).not.toBe(3)
    await consent('bataafse', false)
    expect(pick((await coord.participation.reach({ regionId: region.id })).rows, null)!.pupils).toBe(34)
  })

  it('with all but one school consenting, the total minus the shown schools gives neither a hidden school nor the one that did not consent', async () => {
    const coord = await callerFor(coordinator.id)
    await Promise.all([consent('bataafse', true), consent('canisius', true), consent('stedelijk', true)])
    const r = await coord.participation.reach({ regionId: region.id })
    expect(pick(r.rows, schools.canisius.id)!.pupils).toBe(8)
    expect(pick(r.rows, schools.stedelijk.id)!.pupils).toBe(16)
    expect(pick(r.rows, schools.bataafse.id)!.pupils).toBe(SUPPRESSED)
    expect(pick(r.rows, schools.erasmus.id)).toBeUndefined()
    const total = pick(r.rows, null)!.pupils
    const rest = typeof total === 'number' ? total - 8 - 16 : null
    expect([3, 7]).not.toContain(rest) // 10: Bataafse and Erasmus together only
    // vwo 5: Canisius (9) on its own and the total (21) would give Erasmus (12), which did not consent: one of them is hidden.
    const c = pick(r.rows, schools.canisius.id, 'VWO', 5)!.pupils
    const t = pick(r.rows, null, 'VWO', 5)!.pupils
    expect(typeof c === 'number' && typeof t === 'number').toBe(false)
    expect([c, t]).toContain(HIDDEN)
    // Every kind hides the same pupils figures (one figure per school for all kinds).
    for (const kind of ['OPEN_DAY', 'MEELOOPDAG', 'PROEFSTUDEREN', 'EVENT']) {
      expect(pick(r.rows, schools.canisius.id, 'VWO', 5, kind)!.pupils).toBe(c)
      expect(pick(r.rows, null, 'VWO', 5, kind)!.pupils).toBe(t)
    }
    await Promise.all([consent('bataafse', false), consent('canisius', false), consent('stedelijk', false)])
  })

  it('the platform admin is not the school: no raw small counts; a school that did not consent is not shown on its own', async () => {
    const own = await (await callerFor(staff.bataafse.id)).participation.reach({ schoolId: schools.bataafse.id })
    expect(own).toMatchObject({ masked: false })
    expect(pick(own.rows, schools.bataafse.id)!.pupils).toBe(3)
    const adminCaller = await callerFor(admin.id)
    const without = await adminCaller.participation.reach({ schoolId: schools.bataafse.id })
    expect(without.masked).toBe(true)
    expect(without.rows).toEqual([])
    await consent('bataafse', true)
    const withConsent = await adminCaller.participation.reach({ schoolId: schools.bataafse.id })
    expect(pick(withConsent.rows, schools.bataafse.id)!.pupils).toBe(SUPPRESSED)
    expect(withConsent.rows.every((r) => [r.pupils, r.atLeast1, r.atLeast2, r.atLeast3].every((v) => typeof v !== 'number' || v > 5))).toBe(true)
    // The same figures as the region's report shows of it.
    const regionRows = (await adminCaller.participation.reach({ regionId: region.id })).rows.filter((r) => r.schoolId === schools.bataafse.id)
    expect(withConsent.rows).toEqual(regionRows)
    await consent('bataafse', false)
  })
})

describe('reserved places and campaigns: no small count of a school\'s bookings for anyone but the school', () => {
  let w: Awaited<ReturnType<typeof buildTwoRegionWorld>>
  let programmeId: string

  async function makeSlot(capacity = 20) {
    const now = Date.now()
    const startsAt = new Date(now + 14 * DAY)
    return db.slot.create({
      data: { programmeId, organisationId: w.a.mbo.id, startsAt, endsAt: new Date(startsAt.getTime() + 4 * HOUR), location: 'Hoofdgebouw', capacity, bookingOpensAt: new Date(now - HOUR), bookingClosesAt: new Date(now + 13 * DAY), audienceLevels: ['HAVO', 'VWO'] },
    })
  }

  async function bookPupils(slotId: string, n: number) {
    const staff = await callerFor(w.a.staff.id)
    for (let i = 0; i < n; i++) {
      const email = `r${uniq()}@${uniq()}.example.test`
      await staff.participation.addPupil({ schoolId: w.a.school.id, schoolYear, name: 'Sam de Vries', email, level: 'HAVO', year: 4, className: '4H1' })
      await bookSlot(db, null, { slotId, name: 'Sam de Vries', email, schoolId: w.a.school.id, level: 'HAVO', year: 4, answers: {} }, deps)
    }
  }

  beforeAll(async () => {
    w = await buildTwoRegionWorld(db)
    const p = await callerFor(w.a.publisher.id)
    programmeId = (await p.slots.createProgramme({ organisationId: w.a.mbo.id, name: 'Verpleegkunde', level: 'MBO_4', code: '25480' })).id
    await p.slots.updateSettings({ organisationId: w.a.mbo.id, maxActiveBookings: 50, limitScope: 'INSTITUTION', limitPeriodDays: 365, purgeAfterDays: 30, offerHoldHours: 24, pendingHoldMinutes: 30, maxPerSlotPerDomain: 10 })
  })

  it('5 places reserved, 1 pupil booked: the coordinator sees neither "4 left" nor how many were released; the school\'s own staff do', async () => {
    const slot = await makeSlot()
    const coord = await callerFor(w.a.coordinator.id)
    const r = await coord.participation.reserve({ slotId: slot.id, schoolId: w.a.school.id, places: 5, releaseAt: `${localDate(5 * DAY)}T12:00` })
    await bookPupils(slot.id, 1)
    expect(await db.participationReservation.findUniqueOrThrow({ where: { id: r.id } })).toMatchObject({ places: 5, remaining: 4 })
    const [seen] = await coord.participation.reservations({ slotId: slot.id })
    expect(seen).toMatchObject({ places: 5, remaining: HIDDEN })
    // The publisher of the slot is not the school either.
    expect((await (await callerFor(w.a.publisher.id)).participation.reservations({ slotId: slot.id }))[0]!.remaining).toBe(HIDDEN)
    // Someone who is also staff of the school sees the raw figures.
    const both = await buildUser(db, { roles: [{ role: 'INSTITUTION_PUBLISHER', organisationId: w.a.mbo.id }, { role: 'ORG_STAFF', organisationId: w.a.school.id }] })
    expect((await (await callerFor(both.id)).participation.reservations({ slotId: slot.id }))[0]!.remaining).toBe(4)
    // Releasing: 5 reserved minus 4 released would give the 1 booking.
    expect(await coord.participation.releaseReservation({ reservationId: r.id })).toEqual({ released: HIDDEN })
    expect((await coord.participation.reservations({ slotId: slot.id }))[0]).toMatchObject({ places: 5, remaining: 0 })
  })

  it('more than 5 of the school\'s pupils booked: the remaining places are shown', async () => {
    const slot = await makeSlot()
    const coord = await callerFor(w.a.coordinator.id)
    await coord.participation.reserve({ slotId: slot.id, schoolId: w.a.school.id, places: 8, releaseAt: `${localDate(5 * DAY)}T12:00` })
    await bookPupils(slot.id, 6)
    expect((await coord.participation.reservations({ slotId: slot.id }))[0]).toMatchObject({ places: 8, remaining: 2 })
  })

  it('a campaign of one school: 2 listed bookings are "≤5", its reservations masked', async () => {
    const slot = await makeSlot()
    const coord = await callerFor(w.a.coordinator.id)
    const c = await coord.participation.createCampaign({ regionId: w.a.region.id, name: `Meeloopdagen ${uniq()}`, opensAt: localDate(-DAY), closesAt: localDate(10 * DAY), maxPerPupil: 2, levels: [], schoolIds: [w.a.school.id], slotIds: [slot.id], listedOnly: true })
    await coord.participation.reserve({ slotId: slot.id, schoolId: w.a.school.id, places: 5, releaseAt: `${localDate(5 * DAY)}T12:00`, campaignId: c.id })
    await bookPupils(slot.id, 2)
    const view = await coord.participation.campaign({ campaignId: c.id })
    expect(view.listedBookings).toBe(SUPPRESSED)
    expect(view.reservations).toHaveLength(1)
    expect(view.reservations[0]).toMatchObject({ places: 5, remaining: HIDDEN })
  })
})
