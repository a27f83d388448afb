/**
 * A party that can never fit: refused when it registers (not put on a waiting list it can never leave), and passed
 * over by the hand-over when a lowered capacity leaves a waiting party larger than the session (it no longer holds
 * up the queue; strict FIFO stays for every party that could fit). The waiting-list positions the link page shows
 * follow the same rule: such a party is not counted before anyone, and has no position itself.
 */
import { describe, expect, it } from 'vitest'
import { uniq } from '../db/factories.ts'
import { sqlOf } from '../db/client.ts'
import { callerFor, db, expectTrpcError } from '../test/helpers.ts'
import { captureMail, lastLinkToken } from '../test/mail-capture.ts'
import { DAY, twoRegionWorldBeforeAll } from '../test/world.ts'
import { toAmsterdam } from '../lib/time.ts'
import { translator } from '../i18n/translate.ts'
import type { AppError } from '../lib/errors.ts'
import { cancelByToken, placesForParty, register, viewRegistration } from './register.ts'

const w = twoRegionWorldBeforeAll()
const { outbox, deps } = captureMail()

type Audience = { kind: 'PUPIL' | 'PARENT' | 'PROFESSIONAL'; maxPartySize?: number; capacity?: number | null }

/** A published event of institution A with registration: one session (09:00–12:00 on its first day) of `capacity`. */
async function setup(capacity: number, audiences: Audience[] = [{ kind: 'PUPIL' }, { kind: 'PARENT', maxPartySize: 4 }]) {
  const startsAt = new Date(Date.now() + 20 * DAY)
  const ev = await db.calendarEvent.create({
    data: {
      title: `Ouderavond ${uniq()}`,
      type: 'OUDERAVOND',
      status: 'PUBLISHED',
      startsAt,
      endsAt: new Date(startsAt.getTime() + DAY),
      audienceLevels: [],
      schoolYears: [],
      organisers: { create: { organisationId: w.a.mbo.id } },
      regions: { create: { regionId: w.a.region.id, decision: 'PUBLISHED' } },
    },
  })
  const organiser = await callerFor(w.a.publisher.id)
  const session = (cap: number, id?: string) => ({ id, title: 'Voorlichting', date: toAmsterdam(startsAt).date, startTime: '09:00', endTime: '12:00', room: 'Aula', capacity: cap })
  await organiser.registration.setup({ eventId: ev.id, audiences: audiences as never, sessions: [session(capacity)] })
  const reg = await db.registrationEvent.findUniqueOrThrow({ where: { eventId: ev.id }, include: { sessions: true } })
  const sessionId = reg.sessions[0]!.id
  /** The organiser changes the session's capacity (the setup form's path). */
  const setCapacity = (cap: number) => organiser.registration.setup({ eventId: ev.id, audiences: audiences as never, sessions: [session(cap, sessionId)] })
  return { ev, reg, sessionId, setCapacity }
}

const parent = (eventId: string, sessionId: string, partySize: number) => ({ eventId, audience: 'PARENT' as const, name: 'Ouder Jansen', email: `ouder@${uniq()}.example.test`, partySize, sessionIds: [sessionId] })
const pupil = (eventId: string, sessionId: string) => ({ eventId, audience: 'PUPIL' as const, name: 'Sam de Vries', email: `pupil@${uniq()}.example.test`, schoolId: w.a.school.id, level: 'HAVO' as const, year: 4, sessionIds: [sessionId] })
const statusOf = async (registrantId: string) => (await db.registrationSeat.findFirstOrThrow({ where: { registrantId } })).status

describe('a party larger than the session can ever hold', () => {
  it('is refused with a translated 400 before anything is written (session capacity, and the audience’s own maximum)', async () => {
    const { ev, reg, sessionId } = await setup(2)
    const anon = await callerFor(null)
    const input = parent(ev.id, sessionId, 3)
    const err = await expectTrpcError(anon.registration.register(input), 'BAD_REQUEST')
    expect((err.cause as AppError).key).toBe('registration.errors.partyNeverFits')
    expect(translator('nl')((err.cause as AppError).key, (err.cause as AppError).params)).toBe('Met 3 personen pas je hier niet in: er zijn maximaal 2 plaatsen. Meld je aan met minder personen.')
    expect(translator('en')('registration.errors.partyNeverFits', { count: 3, max: 2 })).toBe('A party of 3 cannot fit here: there are at most 2 places. Register with fewer people.')
    expect(await db.registrant.count({ where: { registrationId: reg.id } })).toBe(0)
    expect(await db.mailOutbox.count({ where: { to: input.email } })).toBe(0)
    // Two fit (even in a full session: they wait for places that can come free).
    expect((await register(db, null, parent(ev.id, sessionId, 2), deps)).seats.map((s) => s.status)).toEqual(['PENDING'])

    // The audience's own maximum (3 parents' people) with a large session: a party of 4 is refused the same way.
    const big = await setup(50, [{ kind: 'PARENT', maxPartySize: 4, capacity: 3 }])
    const err2 = await expectTrpcError(anon.registration.register(parent(big.ev.id, big.sessionId, 4)), 'BAD_REQUEST')
    expect((err2.cause as AppError).key).toBe('registration.errors.partyNeverFits')
    expect(await db.registrant.count({ where: { registrationId: big.reg.id } })).toBe(0)
    // The public page's "at most n people" says the same limit.
    expect((await anon.registration.publicEvent({ eventId: big.ev.id })).audiences[0]!.maxPartySize).toBe(3)
    expect(placesForParty([{ capacity: 5 }, { capacity: 2 }], { capacity: null })).toBe(2)
  })

  it("a party over the limit is refused with the same figure as the form's hint, in the right plural (nl, en)", async () => {
    // The organiser allows 4, the only session holds 2: the form says "at most 2", and so do the refusals.
    const { ev, reg, sessionId } = await setup(2)
    const anon = await callerFor(null)
    const limit = (await anon.registration.publicEvent({ eventId: ev.id })).audiences.find((a) => a.kind === 'PARENT')!.maxPartySize
    expect(limit).toBe(2)
    for (const partySize of [5, 11]) {
      const err = await expectTrpcError(anon.registration.register(parent(ev.id, sessionId, partySize)), 'BAD_REQUEST')
      expect((err.cause as AppError).key).toBe('registration.errors.partyTooLarge')
      expect((err.cause as AppError).params).toEqual({ max: limit })
    }
    expect(await db.registrant.count({ where: { registrationId: reg.id } })).toBe(0)
    // Fewer than one is the schema's refusal, which names no maximum.
    const zero = await expectTrpcError(anon.registration.register(parent(ev.id, sessionId, 0)), 'BAD_REQUEST')
    expect(JSON.stringify(zero.cause)).toContain('k.registration.validation.partySizeMin')
    const [nl, en] = [translator('nl'), translator('en')]
    expect(nl('registration.errors.partyNeverFits', { count: 2, max: 1 })).toBe('Met 2 personen pas je hier niet in: er is maximaal 1 plaats. Meld je aan met minder personen.')
    expect(en('registration.errors.partyNeverFits', { count: 2, max: 1 })).toBe('A party of 2 cannot fit here: there is at most 1 place. Register with fewer people.')
    expect(nl('registration.errors.partyTooLarge', { max: 1 })).toBe('Je kunt met maximaal 1 persoon komen.')
    expect(en('registration.errors.partyTooLarge', { max: 3 })).toBe('You can come with at most 3 people.')
    expect(nl('registration.form.partySizeHint', { max: 2 })).toBe('Maximaal 2.')
  })

  it('the statement refuses it too (a capacity lowered after the form was read): SQLSTATE OV422, nothing written', async () => {
    const { reg, sessionId } = await setup(2)
    const audience = await db.registrationAudience.findFirstOrThrow({ where: { registrationId: reg.id, kind: 'PARENT' } })
    const id = `party-${uniq()}`
    const email = `ouder@${uniq()}.example.test`
    const call = sqlOf(db).query(
      `SELECT * FROM "registration_register"($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::timestamp, $15, $16, $17::text[], $18::timestamp, $19, $20, $21, $22::jsonb, $23, $24, $25::jsonb)`,
      [id, reg.id, audience.id, 'PARENT', 'Ouder', email, null, null, null, null, 3, null, null, null, `hash-${id}`, `code-${id}`, [sessionId], null, null, 0, null, '{}', `registration.register.${id}`, email, '{}'],
    )
    await expect(call).rejects.toMatchObject({ code: 'OV422', detail: '2' })
    expect(await db.registrant.count({ where: { id } })).toBe(0)
    expect(await db.mailOutbox.count({ where: { to: email } })).toBe(0)
  })
})

describe('the waiting list moves past a party that no longer fits', () => {
  it('after the capacity was lowered below a waiting party, a freed place goes to the next that fits; FIFO holds for parties that could fit', async () => {
    const { ev, sessionId, setCapacity } = await setup(3)
    const a = await register(db, null, parent(ev.id, sessionId, 1), deps)
    const b = await register(db, null, pupil(ev.id, sessionId), deps)
    const c = await register(db, null, pupil(ev.id, sessionId), deps)
    const d = await register(db, null, parent(ev.id, sessionId, 3), deps) // fits the 3 places, so it waits
    const eInput = parent(ev.id, sessionId, 1)
    const e = await register(db, null, eInput, deps)
    expect([a, b, c, d, e].map((r) => r.seats[0]!.status)).toEqual(['PENDING', 'PENDING', 'PENDING', 'WAITLISTED', 'WAITLISTED'])

    // Strict FIFO: one place free, the head (3 people) could fit later, so the party of 1 behind it waits too.
    await cancelByToken(db, c.token, undefined, deps)
    expect([await statusOf(d.id), await statusOf(e.id)]).toEqual(['WAITLISTED', 'WAITLISTED'])

    // The organiser lowers the capacity to 2: the party of 3 can never fit now. The next freed place goes past it.
    await setCapacity(2)
    const before = outbox.length
    await cancelByToken(db, b.token, undefined, deps)
    expect(await statusOf(e.id)).toBe('OFFERED')
    // Offered to the party of 1 only (the canceller's own cancellation mail aside).
    expect(outbox.slice(before).filter((m) => !m.subject.startsWith('Afgemeld: ')).map((m) => [m.to, m.subject])).toEqual([[eInput.email, expect.stringMatching(/^Er is een plaats vrij/)]])
    // The party of 3 keeps its place on the list (the capacity may be raised again), no longer blocking it.
    expect(await statusOf(d.id)).toBe('WAITLISTED')
    expect((await db.registrationSession.findUniqueOrThrow({ where: { id: sessionId } })).confirmedCount).toBe(2)

    // Raised back to 3 (one place free): the party of 3 is the head again and waits for its three places, in order.
    await setCapacity(3)
    expect(await statusOf(d.id)).toBe('WAITLISTED')
    await cancelByToken(db, a.token, undefined, deps)
    await cancelByToken(db, lastLinkToken(outbox, eInput.email, 'aanmelding'), undefined, deps) // the offer's fresh link
    expect(await statusOf(d.id)).toBe('OFFERED')
  })
})

describe('the waiting-list position the link page shows', () => {
  it('counts only the waiting parties the hand-over can reach: one larger than the lowered capacity is not counted, and has no position itself', async () => {
    const { ev, sessionId, setCapacity } = await setup(3)
    const held = [await register(db, null, parent(ev.id, sessionId, 1), deps), await register(db, null, pupil(ev.id, sessionId), deps), await register(db, null, pupil(ev.id, sessionId), deps)]
    const big = await register(db, null, parent(ev.id, sessionId, 3), deps)
    const small = await register(db, null, parent(ev.id, sessionId, 1), deps)
    const position = async (token: string) => (await viewRegistration(db, token)).seats[0]!.position
    expect([await position(big.token), await position(small.token)]).toEqual([1, 2])

    // Capacity lowered to 2 (one place freed first): the party of 3 can never fit, the party of 1 is next.
    await cancelByToken(db, held[2]!.token, undefined, deps)
    await setCapacity(2)
    expect([await statusOf(big.id), await statusOf(small.id)]).toEqual(['WAITLISTED', 'WAITLISTED'])
    expect([await position(big.token), await position(small.token)]).toEqual([null, 1])
    // And the party of 1 is indeed the one the next freed place goes to.
    await cancelByToken(db, held[1]!.token, undefined, deps)
    expect([await statusOf(big.id), await statusOf(small.id)]).toEqual(['WAITLISTED', 'OFFERED'])

    // Raised back to 3: the party of 3 is counted again (first in line).
    await setCapacity(3)
    expect(await position(big.token)).toBe(1)
  })
})
