/**
 * Boundaries of the slots jobs: purge of pupils' personal data N days after the slot, expiry of PENDING holds
 * and waiting-list offers after their hold time. Every job call is scoped to this file's own institution
 * (`scope`), so files running in parallel on one database cannot take or give rows of each other, and every
 * count below is exact. All times are relative to the real "now" and injected (`now`).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { callerFor, db } from '../test/helpers.ts'
import { createMboProgramme, slotData, twoRegionWorldBeforeAll } from '../test/world.ts'
import { captureMail, lastLinkToken } from '../test/mail-capture.ts'
import { bookSlot, cancelByToken, confirmBooking, expireHolds, purgePersonalData } from './booking.ts'
import { SCHOOL_OTHER } from './schema.ts'

const w = twoRegionWorldBeforeAll()
let programme: string
let scope: { organisationId: string }

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const { outbox, send } = captureMail()
const tokenOf = (to: string) => lastLinkToken(outbox, to, 'boeking')
let n = 0
const address = () => `leerling${++n}@d${n}-${Date.now().toString(36)}.example.test`

const RULES = { maxActiveBookings: 5, limitScope: 'PROGRAMME', limitPeriodDays: 365, purgeAfterDays: 30, offerHoldHours: 24, pendingHoldMinutes: 30, maxPerSlotPerDomain: 10 } as const
async function rules(over: Partial<Record<'purgeAfterDays' | 'offerHoldHours' | 'pendingHoldMinutes', number>>) {
  await (await callerFor(w.a.publisher.id)).slots.updateSettings({ organisationId: w.a.mbo.id, ...RULES, ...over })
}

async function makeSlot(capacity: number, startsInHours = 24 * 14) {
  const now = Date.now()
  const startsAt = new Date(now + startsInHours * HOUR)
  return db.slot.create({
    data: slotData({
      programmeId: programme,
      organisationId: w.a.mbo.id,
      capacity,
      startsAt,
      bookingOpensAt: new Date(now - HOUR),
      bookingClosesAt: startsInHours > 1 ? new Date(now + (startsInHours - 1) * HOUR) : startsAt,
      questions: [{ id: 'q1', label: 'Waarom deze opleiding?', required: false }],
    }),
  })
}

/** A pupil's booking with an answer and (by default) a free-text school: the personal data the purge removes. */
async function book(slotId: string, opts: { other?: boolean; now?: Date } = {}) {
  const email = address()
  const input = {
    slotId,
    name: 'Sam de Vries',
    email,
    schoolId: opts.other === false ? w.a.school.id : SCHOOL_OTHER,
    schoolOther: opts.other === false ? undefined : 'Het Eigen Lyceum',
    level: 'HAVO' as const,
    year: 4,
    answers: { q1: 'Omdat ik later in de zorg wil werken' },
  }
  const r = await bookSlot(db, null, input, { send, now: opts.now })
  return { ...r, email }
}

/** Moves a slot (with its bookings) so that it ended `daysAgo` days before `now`. */
async function endedDaysAgo(slotId: string, daysAgo: number, now: Date) {
  const endsAt = new Date(now.getTime() - daysAgo * DAY)
  await db.slot.update({ where: { id: slotId }, data: { startsAt: new Date(endsAt.getTime() - 4 * HOUR), endsAt, bookingOpensAt: new Date(endsAt.getTime() - 30 * DAY), bookingClosesAt: new Date(endsAt.getTime() - 5 * HOUR) } })
}

const row = (id: string) => db.slotBooking.findUniqueOrThrow({ where: { id } })
const status = async (id: string) => (await row(id)).status

beforeAll(async () => {
  scope = { organisationId: w.a.mbo.id }
  programme = await createMboProgramme(w, { name: 'Verzorgende IG', level: 'MBO_3', code: '25498' })
})

describe('purge of personal data: boundaries', () => {
  it('default 30 days, then a custom 10: a slot that ended N−1 days ago is kept, N+1 days ago purged (name, e-mail, free-text school, answers, link → NULL; counts stay); scoped; idempotent', async () => {
    let previous: { id: string } | undefined
    for (const days of [30, 10]) {
      if (days !== 30) await rules({ purgeAfterDays: days })
      const now = new Date()
      const keptSlot = await makeSlot(3)
      const goneSlot = await makeSlot(1)
      const kept = await book(keptSlot.id)
      const gone = [await book(goneSlot.id), await book(goneSlot.id, { other: false })] // PENDING, WAITLISTED
      for (const b of [kept, gone[0]!]) await confirmBooking(db, tokenOf(b.email), { now })
      expect([await status(kept.id), await status(gone[0]!.id), await status(gone[1]!.id)]).toEqual(['CONFIRMED', 'CONFIRMED', 'WAITLISTED'])
      await endedDaysAgo(keptSlot.id, days - 1, now)
      await endedDaysAgo(goneSlot.id, days + 1, now)
      const keptBefore = await row(kept.id)

      // another institution's run (scope) touches nothing of this one
      expect(await purgePersonalData(db, { now, scope: { organisationId: w.b.mbo.id } })).toBe(0)
      // shortening the period to 10 days also purges the booking kept at 30 days (its slot ended 29 days ago)
      expect(await purgePersonalData(db, { now, scope }), `${days} days`).toBe(previous ? 3 : 2)
      if (previous) expect((await row(previous.id)).pupilEmail).toBeNull()
      previous = { id: kept.id }

      expect(await row(kept.id), `${days} days: kept`).toEqual(keptBefore)
      expect(keptBefore).toMatchObject({ pupilName: 'Sam de Vries', pupilEmail: kept.email, schoolOther: 'Het Eigen Lyceum', answers: { q1: 'Omdat ik later in de zorg wil werken' }, purgedAt: null })
      expect(keptBefore.tokenHash).toMatch(/^[0-9a-f]{64}$/)
      const purged = await Promise.all(gone.map((g) => row(g.id)))
      for (const b of purged)
        expect({ name: b.pupilName, email: b.pupilEmail, other: b.schoolOther, answers: b.answers, token: b.tokenHash, purgedAt: b.purgedAt?.getTime() }, `${days} days: purged`).toEqual({
          name: null,
          email: null,
          other: null,
          answers: null,
          token: null,
          purgedAt: now.getTime(),
        })
      // what the counts need stays: status (a waiting-list entry of a past slot ends as EXPIRED), school, level, year
      expect(purged.map((b) => [b.status, b.schoolId, b.level, b.year])).toEqual([
        ['CONFIRMED', null, 'HAVO', 4],
        ['EXPIRED', w.a.school.id, 'HAVO', 4],
      ])
      expect(await purgePersonalData(db, { now, scope })).toBe(0) // a second run finds nothing
    }
    await rules({})
  })
})

describe('expiry of holds: boundaries', () => {
  it('a waiting-list offer (default 24 h): +23 h not expired, +25 h expired and passed on; a custom 2 h offer: +1 h not, +3 h expired; scoped', async () => {
    for (const hours of [24, 2]) {
      if (hours !== 24) await rules({ offerHoldHours: hours })
      const slot = await makeSlot(1)
      const t0 = new Date()
      const [a, b, c] = [await book(slot.id, { now: t0 }), await book(slot.id, { now: t0 }), await book(slot.id, { now: t0 })]
      await cancelByToken(db, tokenOf(a.email), { send, now: t0 })
      expect((await row(b.id)).offerExpiresAt!.getTime(), `${hours} h`).toBe(t0.getTime() + hours * HOUR)
      expect(await status(b.id)).toBe('OFFERED')

      expect(await expireHolds(db, { send, now: new Date(t0.getTime() + (hours - 1) * HOUR), scope })).toBe(0)
      expect([await status(b.id), await status(c.id)]).toEqual(['OFFERED', 'WAITLISTED'])
      // another institution's run does not move this one's offers
      expect(await expireHolds(db, { send, now: new Date(t0.getTime() + (hours + 1) * HOUR), scope: { organisationId: w.b.mbo.id } })).toBe(0)
      expect(await status(b.id)).toBe('OFFERED')
      expect(await expireHolds(db, { send, now: new Date(t0.getTime() + (hours + 1) * HOUR), scope })).toBe(1)
      expect([await status(b.id), await status(c.id)]).toEqual(['EXPIRED', 'OFFERED'])
    }
    await rules({})
  })

  it('an unconfirmed booking (default 30 min): +29 min kept, +31 min expired; a custom 45 min hold is honoured; no hold outlasts the slot start', async () => {
    for (const minutes of [30, 45]) {
      if (minutes !== 30) await rules({ pendingHoldMinutes: minutes })
      const slot = await makeSlot(2)
      const t0 = new Date()
      const r = await book(slot.id, { now: t0 })
      expect((await row(r.id)).offerExpiresAt!.getTime(), `${minutes} min`).toBe(t0.getTime() + minutes * MINUTE)
      expect(await expireHolds(db, { send, now: new Date(t0.getTime() + (minutes - 1) * MINUTE), scope })).toBe(0)
      expect(await status(r.id)).toBe('PENDING')
      expect(await expireHolds(db, { send, now: new Date(t0.getTime() + (minutes + 1) * MINUTE), scope })).toBe(1)
      expect(await status(r.id)).toBe('EXPIRED')
      expect((await db.slot.findUniqueOrThrow({ where: { id: slot.id } })).confirmedCount).toBe(0)
    }
    await rules({})
    // a slot starting in 10 minutes: the 30-minute hold ends at its start
    const soon = await makeSlot(1, 10 / 60)
    const t0 = new Date()
    const r = await book(soon.id, { now: t0 })
    expect((await row(r.id)).offerExpiresAt!.getTime()).toBe(soon.startsAt.getTime())
  })
})
