import { describe, expect, it } from 'vitest'
import { uniq } from '../db/factories.ts'
import { callerFor, db, expectDbRefusal, expectTrpcError } from '../test/helpers.ts'
import { captureMail, lastLinkToken } from '../test/mail-capture.ts'
import { DAY, HOUR, twoRegionWorldBeforeAll } from '../test/world.ts'
import { toAmsterdam } from '../lib/time.ts'
import { acceptOffer, cancelByToken, confirmRegistration, expireHolds, purgePersonalData, register, viewRegistration } from './register.ts'
import { cancelRegistration, listRegistrants, messageRegistrants, setupRegistration } from './manage.ts'
import { flushOutbox } from '../mail/outbox.ts'
import { registrantsCsv, registrantsXlsx } from './export.ts'
import ExcelJS from 'exceljs'
import { loadActor } from '../auth/actor.ts'
import { handOver } from '../booking/engine.ts'
import { SESSION_KIND } from './access.ts'
import { registrationOffers } from './offers.ts'
import { PROFESSIONAL_KEEP_DAYS, ZSetupInput } from './schema.ts'
import type { AppError } from '../lib/errors.ts'
import { translator } from '../i18n/translate.ts'
import { decodeKeyset } from '../lib/keyset.ts'
import { createCaller } from '../api/root.ts'
import { env } from '../env.ts'

const w = twoRegionWorldBeforeAll()
const { outbox, deps } = captureMail()
const linkOf = (to: string) => lastLinkToken(outbox, to, 'aanmelding')

/** A published netwerkweek of institution A in region A, starting `inDays` from now (Amsterdam wall clock below). */
async function makeEvent(inDays = 20) {
  const startsAt = new Date(Date.now() + inDays * DAY)
  return db.calendarEvent.create({
    data: {
      title: `Netwerkweek ${uniq()}`,
      type: 'NETWERKWEEK',
      status: 'PUBLISHED',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3 * DAY),
      audienceLevels: [],
      schoolYears: [],
      organisers: { create: { organisationId: w.a.mbo.id } },
      regions: { create: { regionId: w.a.region.id, decision: 'PUBLISHED' } },
    },
  })
}

/** Sessions input on the event's first day (Amsterdam): [startHour, endHour, capacity, room]. */
function sessions(ev: { startsAt: Date }, specs: [number, number, number, string][]) {
  const date = toAmsterdam(ev.startsAt).date
  return specs.map(([from, to, capacity, room], i) => ({ title: `Workshop ${i + 1}`, date, startTime: `${String(from).padStart(2, '0')}:00`, endTime: `${String(to).padStart(2, '0')}:00`, room, capacity }))
}

const everyone = [{ kind: 'PUPIL' as const }, { kind: 'PARENT' as const, maxPartySize: 4 }, { kind: 'PROFESSIONAL' as const }]

async function setup(specs: [number, number, number, string][], opts: { audiences?: typeof everyone } = {}) {
  const ev = await makeEvent()
  const organiser = await callerFor(w.a.publisher.id)
  await organiser.registration.setup({ eventId: ev.id, audiences: opts.audiences ?? everyone, sessions: sessions(ev, specs) })
  const reg = await db.registrationEvent.findUniqueOrThrow({ where: { eventId: ev.id }, include: { sessions: { orderBy: { startsAt: 'asc' } } } })
  return { ev, reg, organiser, sessionIds: reg.sessions.map((s) => s.id) }
}

const pupil = (eventId: string, sessionIds: string[], email = `pupil@${uniq()}.example.test`) => ({
  eventId,
  audience: 'PUPIL' as const,
  name: 'Sam de Vries',
  email,
  schoolId: w.a.school.id,
  level: 'HAVO' as const,
  year: 4,
  partySize: 1,
  sessionIds,
})

describe('turning on registration', () => {
  it('sessions with room overlap are refused; the ICS registration URL is set; another tenant is FORBIDDEN', async () => {
    const ev = await makeEvent()
    const organiser = await callerFor(w.a.publisher.id)
    const err = await expectTrpcError(organiser.registration.setup({ eventId: ev.id, audiences: everyone, sessions: sessions(ev, [[9, 11, 10, 'Zaal 1'], [10, 12, 10, 'zaal 1']]) }), 'BAD_REQUEST')
    expect((err.cause as AppError).key).toBe('registration.errors.roomOverlap')
    expect(translator('nl')('registration.errors.roomOverlap', { room: 'Zaal 1' })).toBe('Twee onderdelen in zaal Zaal 1 overlappen in tijd.')
    expect(await db.registrationEvent.count({ where: { eventId: ev.id } })).toBe(0)
    await organiser.registration.setup({ eventId: ev.id, audiences: everyone, sessions: sessions(ev, [[9, 11, 10, 'Zaal 1'], [10, 12, 10, 'Zaal 2']]) })
    const after = await db.calendarEvent.findUniqueOrThrow({ where: { id: ev.id } })
    expect(after.registrationUrl).toMatch(new RegExp(`/aanmelden/${ev.id}$`))
    expect(after.sequence).toBe(ev.sequence + 1)
    await expectTrpcError((await callerFor(w.b.publisher.id)).registration.setup({ eventId: ev.id, audiences: everyone, sessions: [] }), 'FORBIDDEN')
    await expectTrpcError((await callerFor(w.b.coordinator.id)).registration.registrants({ eventId: ev.id, limit: 10 }), 'FORBIDDEN')
    // A region A coordinator organises too (the calendar's edit rule).
    expect((await (await callerFor(w.a.coordinator.id)).registration.get({ eventId: ev.id })).sessions).toHaveLength(2)
  })

  it('without sessions the event is one session of the given capacity', async () => {
    const ev = await makeEvent()
    await (await callerFor(w.a.publisher.id)).registration.setup({ eventId: ev.id, audiences: everyone, sessions: [], capacity: 7 })
    const reg = await db.registrationEvent.findUniqueOrThrow({ where: { eventId: ev.id }, include: { sessions: true } })
    expect(reg.sessions.map((s) => [s.capacity, s.startsAt.getTime(), s.endsAt.getTime()])).toEqual([[7, ev.startsAt.getTime(), ev.endsAt.getTime()]])
  })
})

describe('capacity under concurrency (one engine with the slots)', () => {
  it('60 parallel registrations for a session of 12 → exactly 12 places held, 48 waitlisted, and the trigger refuses more', async () => {
    const { ev, sessionIds } = await setup([[9, 12, 12, 'Aula']])
    const results = await Promise.all(Array.from({ length: 60 }, () => register(db, null, pupil(ev.id, sessionIds), deps)))
    expect(results.filter((r) => r.seats[0]!.status === 'PENDING')).toHaveLength(12)
    expect(results.filter((r) => r.seats[0]!.status === 'WAITLISTED')).toHaveLength(48)
    const session = await db.registrationSession.findUniqueOrThrow({ where: { id: sessionIds[0] } })
    expect(session.confirmedCount).toBe(12)
    expect(await db.registrationSeat.count({ where: { sessionId: session.id, status: 'PENDING' } })).toBe(12)
    await expectDbRefusal(db.$executeRaw`UPDATE "RegistrationSession" SET "confirmedCount" = 13 WHERE "id" = ${session.id}`, '23514', /RegistrationSession .* over capacity/)
  })

  it('parents take as many places as people: 30 parallel parties of 3 for 20 places → 6 parties in, never more than 20', async () => {
    const { ev, sessionIds } = await setup([[19, 21, 20, 'Aula']])
    const results = await Promise.all(
      Array.from({ length: 30 }, () => register(db, null, { eventId: ev.id, audience: 'PARENT', name: 'Ouder Jansen', email: `ouder@${uniq()}.example.test`, partySize: 3, sessionIds }, deps)),
    )
    expect(results.filter((r) => r.seats[0]!.status === 'PENDING')).toHaveLength(6)
    expect((await db.registrationSession.findUniqueOrThrow({ where: { id: sessionIds[0] } })).confirmedCount).toBe(18)
  })
})

describe('sessions, overlap and per-session waiting lists', () => {
  it('overlapping picks are refused; a full session waitlists only that seat; a cancelled place is offered FIFO, accepted, and the expiry moves on', async () => {
    const { ev, sessionIds, organiser } = await setup([[9, 11, 1, 'Zaal 1'], [10, 12, 5, 'Zaal 2'], [13, 15, 5, 'Zaal 1']])
    const [a, b, c] = sessionIds as [string, string, string]
    const err = await expectTrpcError((await callerFor(null)).registration.register(pupil(ev.id, [a, b])), 'BAD_REQUEST')
    expect((err.cause as AppError).key).toBe('registration.errors.sessionOverlap')

    const first = pupil(ev.id, [a, c])
    const r1 = await register(db, null, first, deps)
    expect(r1.seats.map((s) => s.status)).toEqual(['PENDING', 'PENDING'])
    await confirmRegistration(db, linkOf(first.email))
    const second = pupil(ev.id, [a, c])
    const third = pupil(ev.id, [a])
    const r2 = await register(db, null, second, deps)
    await register(db, null, third, deps)
    expect(r2.seats.find((s) => s.sessionId === a)!.status).toBe('WAITLISTED')
    expect(r2.seats.find((s) => s.sessionId === c)!.status).toBe('PENDING')
    const view2 = await viewRegistration(db, linkOf(second.email))
    expect(view2.seats.find((s) => s.session.id === a)!.position).toBe(1)
    expect((await viewRegistration(db, linkOf(third.email))).seats[0]!.position).toBe(2)

    // The first leaves session a only: the place goes to the second (first on a's waiting list), not the third.
    const firstView = await viewRegistration(db, linkOf(first.email))
    await cancelByToken(db, linkOf(first.email), firstView.seats.find((s) => s.session.id === a)!.id, deps)
    const offered = await db.registrationSeat.findFirstOrThrow({ where: { sessionId: a, status: 'OFFERED' }, include: { registrant: true } })
    expect(offered.registrant.email).toBe(second.email)
    expect(outbox.filter((m) => m.to === second.email).at(-1)!.subject).toMatch(/^Er is een plaats vrij/)
    // The second lets the offer lapse: the expiry job offers it to the third.
    const later = new Date(Date.now() + 25 * HOUR)
    const due = await db.registrationSeat.count({ where: { sessionId: { in: sessionIds }, status: { in: ['PENDING', 'OFFERED'] }, offerExpiresAt: { lte: later } } })
    expect(due).toBeGreaterThanOrEqual(1)
    // Only this test's sessions: other files' holds on the shared database are not this job run's business.
    expect(await expireHolds(db, { ...deps, now: later, scope: { sessionIds } })).toBe(due)
    const thirdSeat = await db.registrationSeat.findFirstOrThrow({ where: { sessionId: a, registrant: { email: third.email } } })
    expect(thirdSeat.status).toBe('OFFERED')
    await acceptOffer(db, linkOf(third.email), thirdSeat.id)
    expect((await db.registrationSeat.findUniqueOrThrow({ where: { id: thirdSeat.id } })).status).toBe('CONFIRMED')
    expect((await db.registrationSession.findUniqueOrThrow({ where: { id: a } })).confirmedCount).toBe(1)
    // The organiser sees the session full with nobody waiting.
    const overview = await organiser.registration.get({ eventId: ev.id })
    expect(overview.sessions.find((s) => s.id === a)).toMatchObject({ free: 0, confirmed: 1, waitlisted: 0 })
  })

  it('raising a session capacity offers the new place to its waiting list (the same engine hand-over as the slots)', async () => {
    const { ev, reg, sessionIds } = await setup([[9, 11, 1, 'Zaal 1']])
    await register(db, null, pupil(ev.id, sessionIds), deps)
    const waiting = pupil(ev.id, sessionIds)
    await register(db, null, waiting, deps)
    const offers = await db.$transaction(async (tx) => {
      await tx.registrationSession.update({ where: { id: sessionIds[0] }, data: { capacity: 2 } })
      return handOver(tx, SESSION_KIND, sessionIds[0]!, 0, new Date(), registrationOffers)
    })
    expect(offers.map((o) => o.to)).toEqual([waiting.email])
    expect(reg.offerHoldHours).toBe(24)
  })
})

describe("offers in each registrant's own language", () => {
  it('the language of the registration is stored; places freed by an English organiser and by a Dutch cancellation are offered to each waiting registrant in theirs, as are the organiser’s message and the event’s cancellation', async () => {
    const { ev, sessionIds } = await setup([[9, 11, 1, 'Zaal 1']])
    const session = sessionIds[0]!
    const first = pupil(ev.id, [session])
    const anna = pupil(ev.id, [session], `anna@${uniq()}.example.test`)
    const ben = pupil(ev.id, [session], `ben@${uniq()}.example.test`)
    const cas = pupil(ev.id, [session], `cas@${uniq()}.example.test`)
    await register(db, null, first, { ...deps, locale: 'nl' })
    await register(db, null, anna, { ...deps, locale: 'nl' })
    await register(db, null, ben, { ...deps, locale: 'en' })
    await register(db, null, cas, { ...deps, locale: 'en' })
    const localeOf = async (email: string) => (await db.registrant.findFirstOrThrow({ where: { email } })).locale
    expect([await localeOf(first.email), await localeOf(anna.email), await localeOf(ben.email)]).toEqual(['nl', 'nl', 'en'])
    const offerTo = (to: string) => outbox.filter((m) => m.to === to && /\/aanmelding\//.test(m.text)).at(-1)!

    // An organiser working in English raises the capacity by two: Anna (Dutch) and Ben (English), first in line.
    const organiser = (await loadActor(db, w.a.publisher.id))!
    const raised = ZSetupInput.parse({ eventId: ev.id, audiences: everyone, sessions: [{ ...sessions(ev, [[9, 11, 3, 'Zaal 1']])[0]!, id: session }] })
    await setupRegistration(db, organiser, raised, { ...deps, locale: 'en' })
    expect(offerTo(anna.email).subject).toBe(translator('nl')('registration.mail.offer.subject', { event: ev.title }))
    expect(offerTo(anna.email).text).toMatch(/^Beste Sam de Vries,/)
    expect(offerTo(ben.email).subject).toBe(translator('en')('registration.mail.offer.subject', { event: ev.title }))
    expect(offerTo(ben.email).text).toMatch(/^Dear Sam de Vries,/)

    // The first cancels on their (Dutch) page: Cas, who registered in English, is offered the place in English.
    await cancelByToken(db, linkOf(first.email), undefined, { ...deps, locale: 'nl' })
    expect(offerTo(cas.email).subject).toBe('A place is free: ' + ev.title)

    // The English organiser's message and the cancellation of the event reach each in their own language too.
    await messageRegistrants(db, organiser, { eventId: ev.id, subject: 'Route', body: 'Ingang B' }, { ...deps, locale: 'en' })
    const last = (to: string) => outbox.filter((m) => m.to === to).at(-1)!
    expect(last(anna.email).text).toContain(translator('nl')('registration.mail.messageFooter', { event: ev.title }))
    expect(last(ben.email).text).toContain(translator('en')('registration.mail.messageFooter', { event: ev.title }))
    await cancelRegistration(db, organiser, ev.id, { ...deps, locale: 'en' })
    expect(last(anna.email).subject).toBe(translator('nl')('registration.mail.eventCancelled.subject', { event: ev.title }))
    expect(last(ben.email).subject).toBe(translator('en')('registration.mail.eventCancelled.subject', { event: ev.title }))
  })
})

describe('cancelling on the link page', () => {
  it('the registrant gets a cancellation mail through the outbox, in the language they registered in, naming what was cancelled; cancelling again sends none; the waiting registrant’s offer says its link replaces the earlier one', async () => {
    const { ev, sessionIds } = await setup([[9, 11, 1, 'Zaal 1'], [13, 15, 5, 'Zaal 2']])
    const [a, c] = sessionIds as [string, string]
    const ben = pupil(ev.id, [a, c], `ben@${uniq()}.example.test`)
    const waiting = pupil(ev.id, [a])
    await register(db, null, ben, { ...deps, locale: 'en' })
    await confirmRegistration(db, linkOf(ben.email))
    await register(db, null, waiting, { ...deps, locale: 'nl' })
    const token = linkOf(ben.email)
    const seats = (await viewRegistration(db, token)).seats
    const seatA = seats.find((s) => s.session.id === a)!.id

    // One session first, from a page in Dutch: the mail is in English (Ben registered in English) and names that session only.
    await cancelByToken(db, token, seatA, { ...deps, locale: 'nl' })
    const first = outbox.filter((m) => m.to === ben.email).at(-1)!
    expect(first.subject).toBe(translator('en')('registration.mail.cancelled.subject', { event: ev.title }))
    expect(first.text).toContain(translator('en')('registration.mail.cancelled.body', { event: ev.title }))
    expect(first.text).toContain('- Workshop 1: ')
    expect(first.text).not.toContain('- Workshop 2: ')
    expect(first.text).toContain(`/aanmelding/${token}`)
    expect(await db.mailOutbox.count({ where: { key: `registration.cancelled.${seatA}`, sentAt: { not: null } } })).toBe(1)
    // The freed place is offered with a new link, and the offer says so.
    const offer = outbox.filter((m) => m.to === waiting.email).at(-1)!
    expect(offer.subject).toBe(translator('nl')('registration.mail.offer.subject', { event: ev.title }))
    expect(offer.text).toContain(translator('nl')('registration.mail.offer.newLink'))

    // Then the rest: a mail for the other session; a second cancel changes nothing and sends nothing.
    await cancelByToken(db, token, undefined, deps)
    expect(outbox.filter((m) => m.to === ben.email).at(-1)!.text).toContain('- Workshop 2: ')
    const sent = outbox.filter((m) => m.to === ben.email).length
    expect((await cancelByToken(db, token, undefined, deps)).cancelled).toBe(0)
    expect(outbox.filter((m) => m.to === ben.email)).toHaveLength(sent)
  })
})

describe('refusals inside the registration statement', () => {
  it('the same address twice is a duplicate and the per-domain limit holds under concurrency; a refusal writes nothing', async () => {
    const { ev, reg, sessionIds } = await setup([[9, 12, 50, 'Aula']])
    await db.registrationEvent.update({ where: { id: reg.id }, data: { maxPerDomain: 3 } })
    const domain = `${uniq()}.example.test`
    const first = pupil(ev.id, sessionIds, `een@${domain}`)
    await register(db, null, first, deps)
    const before = { registrants: await db.registrant.count({ where: { registrationId: reg.id } }), seats: await db.registrationSeat.count({ where: { sessionId: sessionIds[0] } }) }
    const dup = await expectTrpcError((await callerFor(null)).registration.register(first), 'CONFLICT')
    expect((dup.cause as AppError).key).toBe('registration.errors.duplicate')
    expect([await db.registrant.count({ where: { registrationId: reg.id } }), await db.registrationSeat.count({ where: { sessionId: sessionIds[0] } })]).toEqual([before.registrants, before.seats])
    // Ten at once from one domain, two places of three left for it: exactly two get in, the others are refused.
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => register(db, null, pupil(ev.id, sessionIds, `p${i}@${domain}`), deps)))
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2)
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => (r.reason as AppError).key)
    expect(refused).toEqual(Array(8).fill('slots.errors.domainLimit'))
    expect(await db.registrant.count({ where: { registrationId: reg.id, email: { endsWith: `@${domain}` } } })).toBe(3)
    expect((await db.registrationSession.findUniqueOrThrow({ where: { id: sessionIds[0] } })).confirmedCount).toBe(3)
    const registrants = await db.registrant.findMany({ where: { registrationId: reg.id }, select: { id: true } })
    // One audit entry per registrant, without personal data.
    const entries = await db.auditLog.findMany({ where: { action: 'registration.register', entityId: { in: registrants.map((r) => r.id) } } })
    expect(entries).toHaveLength(3)
    expect(JSON.stringify(entries.map((e) => e.after))).not.toContain(domain)
  })

  it('what is checked before the statement: the school in a region of the event, the audience, the sessions, the event', async () => {
    const { ev, reg, sessionIds } = await setup([[9, 12, 50, 'Aula']], { audiences: [{ kind: 'PUPIL' as const, levels: ['VWO'], schoolYears: [5, 6] } as never, { kind: 'PARENT' as const, maxPartySize: 2 }] })
    const anon = await callerFor(null)
    const refusal = async (input: Parameters<typeof anon.registration.register>[0], code: 'BAD_REQUEST' | 'NOT_FOUND' | 'PRECONDITION_FAILED') =>
      ((await expectTrpcError(anon.registration.register(input), code)).cause as AppError).key
    const vwo = { ...pupil(ev.id, sessionIds), level: 'VWO' as const, year: 5 }
    expect(await refusal({ ...vwo, schoolId: w.b.school.id }, 'BAD_REQUEST')).toBe('slots.errors.unknownSchool')
    expect(await refusal({ ...vwo, level: 'HAVO' }, 'BAD_REQUEST')).toBe('slots.errors.levelNotInAudience')
    expect(await refusal({ ...vwo, year: 4 }, 'BAD_REQUEST')).toBe('registration.errors.yearNotInAudience')
    expect(await refusal({ ...vwo, audience: 'PROFESSIONAL', role: 'DECAAN' }, 'BAD_REQUEST')).toBe('registration.errors.audienceNotOpen')
    expect(await refusal({ eventId: ev.id, audience: 'PARENT', name: 'Ouder', email: `o@${uniq()}.example.test`, partySize: 3, sessionIds }, 'BAD_REQUEST')).toBe('registration.errors.partyTooLarge')
    expect(await refusal({ ...vwo, sessionIds: [...sessionIds, 'no-such-session'] }, 'BAD_REQUEST')).toBe('registration.errors.sessionNotFound')
    const other = await setup([[9, 12, 5, 'Zaal 9']])
    expect(await refusal({ ...vwo, sessionIds: other.sessionIds }, 'BAD_REQUEST')).toBe('registration.errors.sessionNotFound')
    await db.registrationEvent.update({ where: { id: reg.id }, data: { closesAt: new Date(Date.now() - 60_000) } })
    expect(await refusal(vwo, 'PRECONDITION_FAILED')).toBe('registration.errors.windowClosed')
    await db.calendarEventRegion.updateMany({ where: { eventId: ev.id }, data: { decision: 'PENDING' } })
    expect(await refusal(vwo, 'NOT_FOUND')).toBe('registration.errors.notFound')
    expect(await db.registrant.count({ where: { registrationId: reg.id } })).toBe(0)
    // The school of the event's region is accepted (the same input as the first refusal, another school).
    await db.calendarEventRegion.updateMany({ where: { eventId: ev.id }, data: { decision: 'PUBLISHED' } })
    await db.registrationEvent.update({ where: { id: reg.id }, data: { closesAt: new Date(Date.now() + 86_400_000) } })
    expect((await register(db, null, vwo, deps)).seats.map((x) => x.status)).toEqual(['PENDING'])
  })

  it('the registration mail is written with the registration: a failed send keeps it for the retry, a refusal writes none', async () => {
    const { ev, sessionIds } = await setup([[9, 12, 1, 'Zaal 4']], { audiences: [{ kind: 'PUPIL' as const }, { kind: 'PARENT' as const, maxPartySize: 4, capacity: 1 } as never] })
    const first = pupil(ev.id, sessionIds)
    const failing = { send: async () => Promise.reject(new Error('451 try again later')) }
    const held = await register(db, null, first, failing)
    const key = `registration.register.${held.id}`
    const row = await db.mailOutbox.findUniqueOrThrow({ where: { key } })
    expect([row.sentAt, row.attempts, row.to]).toEqual([null, 1, first.email])
    // The worker's retry (after the backoff) renders and sends it: the pending mail with the link.
    await flushOutbox(db, { keys: [key], send: deps.send, now: () => new Date(Date.now() + 10 * 60_000) })
    const mail = outbox.filter((m) => m.to === first.email).at(-1)!
    expect(mail.subject).toMatch(/^Bevestig/)
    expect(mail.text).toContain('/aanmelding/')
    expect(mail.text).toContain('Zaal 4')
    expect(mail.text).toContain('Je gegevens worden 30 dagen na de activiteit automatisch gewist.')
    // A waiting registrant is told so; a party that can never fit (audience capacity 1, a party of 2) is refused and leaves no mail.
    const second = pupil(ev.id, sessionIds)
    await register(db, null, second, deps)
    expect(outbox.filter((m) => m.to === second.email).at(-1)!.subject).toMatch(/wachtlijst/i)
    const parent = { eventId: ev.id, audience: 'PARENT' as const, name: 'Ouder', email: `o@${uniq()}.example.test`, partySize: 2, sessionIds }
    await expect(register(db, null, parent, deps)).rejects.toMatchObject({ key: 'registration.errors.partyNeverFits' })
    expect(await db.mailOutbox.count({ where: { to: parent.email } })).toBe(0)
    expect(await db.registrant.count({ where: { email: parent.email } })).toBe(0)
  })

  it('waiting seats of concurrent registrants are told positions 1..n in queue order', async () => {
    const { ev, sessionIds } = await setup([[9, 12, 2, 'Zaal 3']])
    const results = await Promise.all(Array.from({ length: 12 }, () => register(db, null, pupil(ev.id, sessionIds), deps)))
    const waiting = results.filter((r) => r.seats[0]!.status === 'WAITLISTED')
    expect(waiting).toHaveLength(10)
    const positions = await Promise.all(waiting.map(async (r) => (await viewRegistration(db, r.token)).seats[0]!.position))
    expect([...positions].sort((x, y) => x! - y!)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    const queue = await db.registrationSeat.findMany({ where: { sessionId: sessionIds[0], status: 'WAITLISTED' }, orderBy: [{ waitlistedAt: 'asc' }, { id: 'asc' }], select: { registrantId: true } })
    const byRegistrant = new Map<string, number | null | undefined>(waiting.map((r, i) => [r.id, positions[i]]))
    expect(queue.map((q) => byRegistrant.get(q.registrantId))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
  })
})

describe('audience capacity', () => {
  it('an audience with its own capacity refuses the next registrant; a cancellation gives the place back', async () => {
    const { ev, sessionIds } = await setup([[9, 12, 50, 'Aula']], { audiences: [{ kind: 'PROFESSIONAL' as const, capacity: 2 } as never] })
    const pro = () => ({ eventId: ev.id, audience: 'PROFESSIONAL' as const, name: 'Dana Decaan', email: `decaan@${uniq()}.example.test`, schoolId: w.a.school.id, role: 'DECAAN' as const, partySize: 1, sessionIds })
    const first = pro()
    await register(db, null, first, deps)
    await register(db, null, pro(), deps)
    const err = await expectTrpcError((await callerFor(null)).registration.register(pro()), 'CONFLICT')
    expect((err.cause as AppError).key).toBe('registration.errors.audienceFull')
    await cancelByToken(db, linkOf(first.email), undefined, deps)
    await register(db, null, pro(), deps)
    const audience = await db.registrationAudience.findFirstOrThrow({ where: { registration: { eventId: ev.id } } })
    expect([audience.capacity, audience.confirmedCount]).toEqual([2, 2])
    expect((await db.registrationSession.findUniqueOrThrow({ where: { id: sessionIds[0] } })).confirmedCount).toBe(2)
  })
})

describe('check-in', () => {
  /** The day comes: the session runs from two hours ago to an hour from now (check-in counts on its day only). */
  const today = (sessionId: string) =>
    db.registrationSession.update({ where: { id: sessionId }, data: { startsAt: new Date(Date.now() - 2 * 3_600_000), endsAt: new Date(Date.now() + 3_600_000) } })

  /** A pupil registered and confirmed for the event's sessions: their e-mail and the check-in code of their QR. */
  async function confirmedPupil(eventId: string, sessionIds: string[]) {
    const p = pupil(eventId, sessionIds)
    await register(db, null, p, deps)
    await confirmRegistration(db, linkOf(p.email))
    return { email: p.email, code: (await viewRegistration(db, linkOf(p.email))).checkinCode! }
  }

  it('a scan checks in once; a second scan (or the offline queue syncing it again) is reported ALREADY, not counted twice', async () => {
    const { ev, sessionIds, organiser } = await setup([[9, 12, 10, 'Aula']])
    const { code } = await confirmedPupil(ev.id, sessionIds)
    expect(code).toMatch(/^[A-Za-z0-9_-]{22}$/)
    await today(sessionIds[0]!)
    expect(await organiser.registration.checkIn({ sessionId: sessionIds[0]!, code })).toMatchObject({ result: 'CHECKED_IN', name: 'Sam de Vries' })
    const batch = await organiser.registration.checkInBatch({ items: [{ sessionId: sessionIds[0]!, code }, { sessionId: sessionIds[0]!, code: 'A'.repeat(22) }] })
    expect(batch.map((b) => b.result)).toEqual(['ALREADY', 'UNKNOWN'])
    const summary = await organiser.registration.checkinSummary({ sessionId: sessionIds[0]! })
    expect([summary.expected, summary.present]).toEqual([1, 1])
    expect((await organiser.registration.checkinSearch({ sessionId: sessionIds[0]!, q: 'de vr' })).map((r) => r.present)).toEqual([true])
    await expectTrpcError((await callerFor(w.b.publisher.id)).registration.checkIn({ sessionId: sessionIds[0]!, code }), 'FORBIDDEN')
  })

  it('two phones scanning at once: one CHECKED_IN, the other ALREADY with the same time; one audit entry without personal data; by id, an offline time kept', async () => {
    const { ev, sessionIds, organiser } = await setup([[9, 12, 10, 'Aula']])
    const p = await confirmedPupil(ev.id, sessionIds)
    const code = p.code
    const q = await confirmedPupil(ev.id, sessionIds)
    await today(sessionIds[0]!)
    const both = await Promise.all([organiser.registration.checkIn({ sessionId: sessionIds[0]!, code }), organiser.registration.checkIn({ sessionId: sessionIds[0]!, code })])
    expect(both.map((b) => b.result).sort()).toEqual(['ALREADY', 'CHECKED_IN'])
    expect(both[0]!.checkedInAt!.getTime()).toBe(both[1]!.checkedInAt!.getTime())
    const seat = await db.registrationSeat.findFirstOrThrow({ where: { sessionId: sessionIds[0]!, registrant: { email: p.email } } })
    expect(seat.attendance).toBe('PRESENT')
    expect(seat.checkedInAt!.getTime()).toBe(both[0]!.checkedInAt!.getTime())
    const entries = await db.auditLog.findMany({ where: { action: 'registration.checkIn', entityId: seat.id } })
    expect(entries).toHaveLength(1)
    const written = JSON.stringify({ ...entries[0], id: String(entries[0]!.id) })
    expect(entries[0]!.after).toEqual({ attendance: 'PRESENT' })
    expect(written).not.toContain(p.email)
    expect(written).not.toContain('Vries')
    // by registrant id (the search list's button), recorded offline an hour ago: that time is kept
    const registrant = await db.registrant.findFirstOrThrow({ where: { email: q.email } })
    const at = new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000)
    expect(await organiser.registration.checkIn({ sessionId: sessionIds[0]!, registrantId: registrant.id, at })).toMatchObject({ result: 'CHECKED_IN', checkedInAt: at })
    expect(await organiser.registration.checkIn({ sessionId: sessionIds[0]!, registrantId: registrant.id })).toMatchObject({ result: 'ALREADY', checkedInAt: at })
    // a seat given up is not a place: NOT_REGISTERED, and nothing written
    await db.registrationSeat.updateMany({ where: { registrantId: registrant.id }, data: { status: 'CANCELLED', attendance: null, checkedInAt: null } })
    expect(await organiser.registration.checkIn({ sessionId: sessionIds[0]!, registrantId: registrant.id })).toMatchObject({ result: 'NOT_REGISTERED', places: 0 })
    expect((await db.registrationSeat.findFirstOrThrow({ where: { registrantId: registrant.id } })).attendance).toBeNull()
  })

  it('a scan on another day than the session’s is not presence: NOT_ITS_DAY, nothing written, no certificate', async () => {
    const { ev, sessionIds, organiser } = await setup([[9, 12, 10, 'Aula']])
    const p = await confirmedPupil(ev.id, sessionIds)
    // Weeks before the day (the session is 20 days ahead): by code, by id, and through the offline queue.
    const registrant = await db.registrant.findFirstOrThrow({ where: { email: p.email } })
    expect(await organiser.registration.checkIn({ sessionId: sessionIds[0]!, code: p.code })).toEqual({ result: 'NOT_ITS_DAY', name: null, places: 0, checkedInAt: null })
    expect(await organiser.registration.checkIn({ sessionId: sessionIds[0]!, registrantId: registrant.id })).toMatchObject({ result: 'NOT_ITS_DAY' })
    expect((await organiser.registration.checkInBatch({ items: [{ sessionId: sessionIds[0]!, code: p.code }] })).map((r) => r.result)).toEqual(['NOT_ITS_DAY'])
    // The day after: a scan recorded then is refused as well; one recorded offline on the day (synced later) counts.
    await db.registrationSession.update({ where: { id: sessionIds[0]! }, data: { startsAt: new Date(Date.now() - 30 * 3_600_000), endsAt: new Date(Date.now() - 27 * 3_600_000) } })
    expect(await organiser.registration.checkIn({ sessionId: sessionIds[0]!, code: p.code })).toMatchObject({ result: 'NOT_ITS_DAY' })
    const seat = await db.registrationSeat.findFirstOrThrow({ where: { sessionId: sessionIds[0]!, registrantId: registrant.id } })
    expect([seat.attendance, seat.checkedInAt]).toEqual([null, null])
    expect(await db.auditLog.count({ where: { action: 'registration.checkIn', entityId: seat.id } })).toBe(0)
    const onTheDay = new Date(Date.now() - 28 * 3_600_000)
    expect(await organiser.registration.checkIn({ sessionId: sessionIds[0]!, code: p.code, at: onTheDay })).toMatchObject({ result: 'CHECKED_IN', checkedInAt: onTheDay })
  })
})

describe('registrant list and export', () => {
  it('search and filters; the CSV neutralises a formula in a school name, the XLSX shows it as typed (a text cell)', async () => {
    const { ev, sessionIds } = await setup([[9, 12, 10, 'Aula']])
    await register(db, null, pupil(ev.id, sessionIds), deps)
    await register(db, null, { eventId: ev.id, audience: 'PROFESSIONAL', name: 'Dana Decaan', email: `decaan@${uniq()}.example.test`, schoolId: 'other', schoolOther: '=HYPERLINK("http://x")', role: 'DECAAN', partySize: 1, sessionIds }, deps)
    const actor = (await loadActor(db, w.a.publisher.id))!
    const all = await listRegistrants(db, actor, { eventId: ev.id, limit: 200 })
    expect(all.total).toBe(2)
    expect((await listRegistrants(db, actor, { eventId: ev.id, audience: 'PROFESSIONAL', limit: 200 })).registrants.map((r) => r.name)).toEqual(['Dana Decaan'])
    expect((await listRegistrants(db, actor, { eventId: ev.id, q: 'sam', limit: 200 })).registrants.map((r) => r.name)).toEqual(['Sam de Vries'])
    // A page at a time in registration order, with the total of the whole list; a forged cursor is refused.
    const first = await listRegistrants(db, actor, { eventId: ev.id, limit: 1 })
    expect([first.registrants.map((r) => r.name), first.total]).toEqual([['Sam de Vries'], 2])
    const second = await listRegistrants(db, actor, { eventId: ev.id, limit: 1, cursor: decodeKeyset(first.nextCursor!)! })
    expect([second.registrants.map((r) => r.name), second.total, second.nextCursor]).toEqual([['Dana Decaan'], 2, null])
    const viaApi = await (await callerFor(w.a.publisher.id)).registration.registrants({ eventId: ev.id, limit: 1, cursor: first.nextCursor! })
    expect(viaApi.registrants.map((r) => r.name)).toEqual(['Dana Decaan'])
    await expectTrpcError((await callerFor(w.a.publisher.id)).registration.registrants({ eventId: ev.id, cursor: 'not-a-cursor' }), 'BAD_REQUEST')
    const csv = registrantsCsv(all, [{ id: sessionIds[0]!, title: 'Workshop 1' }], 'nl')
    expect(csv).toContain(`'=HYPERLINK(""http://x"")`)
    expect(csv.split('\r\n')[0]).toBe('\uFEFFNaam;E-mail;Doelgroep;School;Niveau;Leerjaar;Personen;Functie;Aangemeld op;Workshop 1')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await registrantsXlsx(all, [{ id: sessionIds[0]!, title: 'Workshop 1' }], 'nl')) as never)
    const schools = wb.worksheets[0]!.getColumn(4).values.slice(2)
    expect(schools).toEqual([w.a.school.name, '=HYPERLINK("http://x")'])
    const cell = wb.worksheets[0]!.getCell(3, 4)
    expect([cell.type, cell.formula]).toEqual([ExcelJS.ValueType.String, undefined])
  })
})

describe('purge', () => {
  it("pupils' and parents' personal data goes the purge period after the event; professionals' (their role too) after a year", async () => {
    const { ev, sessionIds } = await setup([[9, 12, 10, 'Aula']])
    const p = pupil(ev.id, sessionIds)
    await register(db, null, p, deps)
    await register(db, null, { eventId: ev.id, audience: 'PROFESSIONAL', name: 'Dana Decaan', email: `decaan@${uniq()}.example.test`, schoolId: w.a.school.id, role: 'DECAAN', partySize: 1, sessionIds }, deps)
    const session = await db.registrationSession.findUniqueOrThrow({ where: { id: sessionIds[0] } })
    const scope = { registrationId: session.registrationId }
    expect(await purgePersonalData(db, { now: new Date(session.endsAt.getTime() + 29 * DAY), scope })).toBe(0)
    expect(await purgePersonalData(db, { now: new Date(session.endsAt.getTime() + 31 * DAY), scope })).toBe(1) // the pupil; the professional stays
    const rows = await db.registrant.findMany({ where: { registrationId: session.registrationId }, orderBy: { audience: 'asc' } })
    expect(rows.map((r) => [r.audience, r.name, r.email, r.checkinCode === null, r.schoolId, r.role])).toEqual([
      ['PUPIL', null, null, true, w.a.school.id, null],
      ['PROFESSIONAL', 'Dana Decaan', rows[1]!.email, false, w.a.school.id, 'DECAAN'],
    ])
    expect(rows[1]!.email).not.toBeNull()
    // A year after the event the professional's name, address and role go, as the form's notice says; school and
    // attendance stay for the counts.
    expect(await purgePersonalData(db, { now: new Date(session.endsAt.getTime() + (PROFESSIONAL_KEEP_DAYS + 1) * DAY), scope })).toBe(1)
    const pro = await db.registrant.findFirstOrThrow({ where: { registrationId: session.registrationId, audience: 'PROFESSIONAL' } })
    expect([pro.name, pro.email, pro.role, pro.schoolId, pro.purgedAt === null]).toEqual([null, null, null, w.a.school.id, false])
    expect(translator('nl')('privacy.howLongProfessional', { days: PROFESSIONAL_KEEP_DAYS })).toContain('naam, e-mailadres en functie')
  })
})

describe('public rate limit', () => {
  // The registration's and the participation link's public procedures (server/lib/rate-limit.ts publicLimit) take
  // their points from one per-IP limit per kind, as the slots' do.
  const anon = (ip: string) => createCaller({ db, actor: null, locale: 'nl', ip })
  const [token, slotId] = ['C'.repeat(43), 'c' + 'x'.repeat(24)]

  it('public writes: one point per call, shared with the participation link; another address is not affected', async () => {
    const ip = `10.202.${Math.floor(Math.random() * 250)}.1`
    for (let i = 0; i < env.SLOTS_PUBLIC_RATE_LIMIT - 1; i++) await expectTrpcError(anon(ip).registration.confirm({ token }), 'NOT_FOUND')
    await expectTrpcError(anon(ip).participation.linkBook({ token, slotId }), 'NOT_FOUND')
    await expectTrpcError(anon(ip).registration.confirm({ token }), 'TOO_MANY_REQUESTS')
    await expectTrpcError(anon(ip).participation.linkBook({ token, slotId }), 'TOO_MANY_REQUESTS')
    await expectTrpcError(anon(`${ip}0`).registration.confirm({ token }), 'NOT_FOUND')
  })

  it('public reads: ten times as many points', async () => {
    const ip = `10.203.${Math.floor(Math.random() * 250)}.1`
    const tries = await Promise.allSettled(Array.from({ length: env.SLOTS_PUBLIC_RATE_LIMIT * 10 - 1 }, () => anon(ip).registration.view({ token })))
    expect(new Set(tries.map((t) => ((t as PromiseRejectedResult).reason as { code: string }).code))).toEqual(new Set(['NOT_FOUND']))
    await expectTrpcError(anon(ip).participation.link({ token }), 'NOT_FOUND')
    await expectTrpcError(anon(ip).participation.link({ token }), 'TOO_MANY_REQUESTS')
    await expectTrpcError(anon(ip).registration.view({ token }), 'TOO_MANY_REQUESTS')
  })
})
