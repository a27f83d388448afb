import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { TRPCError } from '@trpc/server'
import { uniq } from '../db/factories.ts'
import { callerFor, db, expectTrpcError } from '../test/helpers.ts'
import { captureMail } from '../test/mail-capture.ts'
import { createMboProgramme, DAY, HOUR, liftBookingLimits, slotData, twoRegionWorldBeforeAll } from '../test/world.ts'
import { AppError, fromPrismaError } from '../lib/errors.ts'
import { translator } from '../i18n/translate.ts'
import { fromAmsterdam, toAmsterdam } from '../lib/time.ts'
import { loadActor } from '../auth/actor.ts'
import { bookSlot } from '../slots/booking.ts'
import { register } from '../registration/register.ts'
import { CLOSED_AFTER_DAYS, evaluationResults, purgeEvaluationComments, sendEvaluationRequests, submitEvaluation, viewEvaluation } from './evaluation.ts'
import { deletePupil, exportPupilData } from './pupils.ts'
import { schoolYearOf } from './school-year.ts'

const w = twoRegionWorldBeforeAll()
const { outbox, deps } = captureMail()
const schoolYear = schoolYearOf(new Date())
let programmeId = ''
let programmeName = ''

async function expectKey(p: Promise<unknown>, key: string) {
  const err = await p.then(
    () => {
      throw new Error(`expected ${key}`)
    },
    (e: unknown) => e,
  )
  const app = err instanceof TRPCError ? (err.cause as AppError) : err instanceof AppError ? err : fromPrismaError(err)!
  expect(app.key).toBe(key)
  expect(translator('nl').has(key) && translator('en').has(key)).toBe(true)
}

async function makeSlot(startsAt: Date, capacity = 20) {
  return db.slot.create({
    data: slotData({ programmeId, organisationId: w.a.mbo.id, capacity, startsAt, bookingOpensAt: new Date(Date.now() - 60 * DAY), bookingClosesAt: new Date(startsAt.getTime() - HOUR), audienceLevels: ['VMBO_GT', 'HAVO', 'VWO'] }),
  })
}

/** A pupil on school A's class list of this school year (level and year: a group of its own per test). */
async function listed(level: 'VMBO_BB' | 'VMBO_KB' | 'VMBO_GT' | 'HAVO' | 'VWO' = 'HAVO', year = 4) {
  const email = `p${uniq()}@${uniq()}.example.test`
  const p = await db.participationPupil.create({ data: { schoolId: w.a.school.id, schoolYear, name: 'Sam de Vries', email, level, year, className: '4H1' } })
  return { id: p.id, email }
}

/** A booking inserted as the engine would leave it (the participation trigger ties it to the pupil record). */
async function booking(slot: { id: string; organisationId: string; programmeId: string }, email: string, over: { status?: 'CONFIRMED' | 'CANCELLED'; attendance?: 'PRESENT' | 'ABSENT' } = {}) {
  return db.slotBooking.create({
    data: { id: randomUUID(), slotId: slot.id, organisationId: slot.organisationId, programmeId: slot.programmeId, pupilName: 'Sam de Vries', pupilEmail: email, schoolId: w.a.school.id, level: 'HAVO', year: 4, status: over.status ?? 'CONFIRMED', attendance: over.attendance ?? null },
  })
}

const tokenOf = async (bookingId: string) => /\/evaluatie\/([A-Za-z0-9_-]{43})/.exec((await db.mailOutbox.findUniqueOrThrow({ where: { key: `participation.evaluation.${bookingId}` } })).text ?? '')![1]!

beforeAll(async () => {
  programmeName = `Verpleegkunde ${uniq()}`
  programmeId = await createMboProgramme(w, { name: programmeName, level: 'MBO_4', code: '25480' })
  await liftBookingLimits(w)
})

describe('post-slot evaluation', () => {
  it('one mail per attended/confirmed booking the day after (concurrent runs send nothing twice); answers anonymous; results only ≥ 5 and after the period; comments go with the purge', async () => {
    // Ended 30 hours ago: always a previous Amsterdam day, within the send window.
    const slot = await makeSlot(new Date(Date.now() - 34 * HOUR))
    const pupils = await Promise.all(Array.from({ length: 7 }, () => listed()))
    const bookings: { id: string }[] = []
    for (const [i, p] of pupils.entries()) bookings.push(await booking(slot, p.email, { attendance: i < 6 ? 'PRESENT' : undefined }))
    const absent = await booking(slot, (await listed()).email, { attendance: 'ABSENT' })
    const cancelled = await booking(slot, (await listed()).email, { status: 'CANCELLED' })
    // A slot that ends today gets nothing yet.
    const today = await makeSlot(new Date(fromAmsterdam(toAmsterdam(new Date()).date).getTime() + 60_000))
    await booking(today, (await listed()).email)

    // One pupil booked in English: their mail is in English.
    await db.slotBooking.update({ where: { id: bookings[6]!.id }, data: { locale: 'en' } })
    const runs = await Promise.all([0, 1, 2].map(() => sendEvaluationRequests(db, { scope: { organisationId: w.a.mbo.id } })))
    expect(runs.reduce((a, b) => a + b, 0)).toBe(7)
    expect(await sendEvaluationRequests(db, { scope: { organisationId: w.a.mbo.id } })).toBe(0)
    const rows = await db.mailOutbox.findMany({ where: { key: { startsWith: 'participation.evaluation.' } } })
    const mine = rows.filter((r) => bookings.some((b) => r.key.endsWith(b.id)))
    expect(mine).toHaveLength(7)
    expect(rows.some((r) => r.key.endsWith(absent.id) || r.key.endsWith(cancelled.id))).toBe(false)
    const subject = (l: 'nl' | 'en') => translator(l)('participation.evaluation.mail.subject', { programme: programmeName, institution: w.a.mbo.name })
    expect(mine.map((m) => m.subject).sort()).toEqual([...Array(6).fill(subject('nl')), subject('en')].sort())
    const requests = await db.participationEvaluationRequest.findMany({ where: { slotId: slot.id } })
    expect(requests).toHaveLength(7)
    const token0 = await tokenOf(bookings[0]!.id)
    expect(requests.some((r) => r.tokenHash?.includes(token0))).toBe(false)

    // The form: what it is about, until when the comment is kept.
    const view = await viewEvaluation(db, token0)
    expect(view).toMatchObject({ answered: false, programme: programmeName, institution: w.a.mbo.name, minAnswers: 5 })
    expect(view.purgeAt.getTime()).toBe(slot.endsAt.getTime() + 30 * DAY)
    const anon = await callerFor(null)
    await expectTrpcError(anon.participation.evaluate({ token: token0, useful: 6, helpedChoice: 3, recommend: 3 }), 'BAD_REQUEST')
    await expectTrpcError(anon.participation.evaluate({ token: token0, useful: 4, helpedChoice: 3, recommend: 3, comment: 'x'.repeat(501) }), 'BAD_REQUEST')

    // Four answers: nothing is shown, not even the count.
    const scores = [
      [5, 4, 5, 'Leuke dag, veel gezien.'],
      [4, 4, 4, undefined],
      [3, 2, 3, 'Te veel uitleg, te weinig doen.'],
      [5, 5, 5, undefined],
      [4, 3, 4, 'Aardige studenten.'],
    ] as const
    for (let i = 0; i < 4; i++) {
      const [useful, helpedChoice, recommend, comment] = scores[i]!
      expect(await anon.participation.evaluate({ token: await tokenOf(bookings[i]!.id), useful, helpedChoice, recommend, comment })).toEqual({ answered: true })
    }
    await expectKey(anon.participation.evaluate({ token: token0, useful: 1, helpedChoice: 1, recommend: 1 }), 'participation.evaluation.errors.answered')
    expect((await viewEvaluation(db, token0)).answered).toBe(true)
    const pub = (await loadActor(db, w.a.publisher.id))!
    const decaan = (await loadActor(db, w.a.staff.id))!
    const closed = new Date(slot.endsAt.getTime() + (CLOSED_AFTER_DAYS + 2) * DAY)
    const four = await evaluationResults(db, pub, { organisationId: w.a.mbo.id }, closed)
    const p4 = four.programmes.find((p) => p.programmeId === programmeId)!
    expect(p4).toMatchObject({ shown: false, answers: null, useful: null, helpedChoice: null, recommend: null, comments: [] })
    expect(p4.slots).toEqual([{ slotId: slot.id, startsAt: slot.startsAt, shown: false, answers: null, useful: null, helpedChoice: null, recommend: null }])

    // The fifth answer: averages and comments (sorted, without anything about the pupil); the count (5) stays hidden.
    const [u, h, r, c] = scores[4]!
    await submitEvaluation(db, { token: await tokenOf(bookings[4]!.id), useful: u, helpedChoice: h, recommend: r, comment: c })
    const answers = await db.participationEvaluation.findMany({ where: { slotId: slot.id } })
    expect(answers).toHaveLength(5)
    expect(Object.keys(answers[0]!).sort()).toEqual(['comment', 'helpedChoice', 'id', 'organisationId', 'programmeId', 'recommend', 'schoolId', 'slotId', 'useful'])
    expect(answers.every((a) => a.schoolId === w.a.school.id && !bookings.some((b) => b.id === a.id))).toBe(true)
    // Not before the evaluation period is over (no comparing before and after one more answer).
    expect((await evaluationResults(db, pub, { organisationId: w.a.mbo.id })).programmes.some((p) => p.programmeId === programmeId)).toBe(false)
    const five = await evaluationResults(db, pub, { organisationId: w.a.mbo.id }, closed)
    // Five answers are not more than five: nothing of the day or its programme is shown (shown with its count hidden
    // would say "exactly 5").
    const p5 = five.programmes.find((p) => p.programmeId === programmeId)!
    expect(p5).toMatchObject({ shown: false, answers: null, useful: null, helpedChoice: null, recommend: null, comments: [] })
    expect(p5.slots[0]).toMatchObject({ shown: false, answers: null, useful: null })
    // The decaan sees the same rule (their own pupils) and, per pupil, who evaluated.
    const school = await evaluationResults(db, decaan, { organisationId: w.a.school.id }, closed)
    expect(school.view).toBe('school')
    expect(school.programmes.find((p) => p.programmeId === programmeId)).toMatchObject({ shown: false, useful: null, comments: [] })
    const o = await (await callerFor(w.a.staff.id)).participation.overview({ schoolId: w.a.school.id })
    const byId = new Map(o.pupils.map((p) => [p.id, p]))
    expect(pupils.map((p) => [byId.get(p.id)!.evaluationsAsked, byId.get(p.id)!.evaluated])).toEqual([[1, 1], [1, 1], [1, 1], [1, 1], [1, 1], [1, 0], [1, 0]])
    // Another school's decaan and another institution's publisher: 403.
    await expectTrpcError((await callerFor(w.b.staff.id)).participation.evaluationResults({ organisationId: w.a.school.id }), 'FORBIDDEN')
    await expectTrpcError((await callerFor(w.b.publisher.id)).participation.evaluationResults({ organisationId: w.a.mbo.id }), 'FORBIDDEN')
    // Nothing links an answer to a booking or says when it was given: no audit entry per answer (it would name the
    // booking, and its time the moment), per booking only the flag "answered", and the answer row written in a
    // transaction of its own (no row naming a booking shares its transaction id).
    expect(await db.auditLog.count({ where: { OR: [{ entityId: { in: bookings.map((b) => b.id) } }, { action: 'participation.evaluation.answer' }] } })).toBe(0)
    const asked = await db.participationEvaluationRequest.findMany({ where: { slotId: slot.id }, orderBy: { bookingId: 'asc' } })
    expect(Object.keys(asked[0]!).sort()).toEqual(['answered', 'answeredAt', 'bookingId', 'expiresAt', 'sentAt', 'slotId', 'tokenHash'])
    expect(asked.filter((r) => r.answered)).toHaveLength(5)
    // The previous release's column (until it is dropped) holds a fixed date, never the moment.
    expect(asked.filter((r) => r.answeredAt !== null).map((r) => r.answeredAt!.getTime())).toEqual([0, 0, 0, 0, 0])
    const shared = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "ParticipationEvaluation" e
      WHERE e."slotId" = ${slot.id} AND (EXISTS (SELECT 1 FROM "ParticipationEvaluationRequest" r WHERE r.xmin = e.xmin)
         OR EXISTS (SELECT 1 FROM "AuditLog" a WHERE a.xmin = e.xmin) OR EXISTS (SELECT 1 FROM "SlotBooking" b WHERE b.xmin = e.xmin))`
    expect(shared[0]!.n).toBe(0)

    // An answer that cannot be stored leaves the link unused (the pupil can send it again), and a link used several
    // times at once counts once.
    const token5 = await tokenOf(bookings[5]!.id)
    const create = vi.spyOn(db.participationEvaluation, 'create').mockRejectedValueOnce(new Error('insert failed'))
    await expect(submitEvaluation(db, { token: token5, useful: 2, helpedChoice: 2, recommend: 2 })).rejects.toThrow('insert failed')
    create.mockRestore()
    expect((await viewEvaluation(db, token5)).answered).toBe(false)
    expect(await db.participationEvaluation.count({ where: { slotId: slot.id } })).toBe(5)
    const token6 = await tokenOf(bookings[6]!.id)
    const racing = await Promise.allSettled([1, 2, 3].map(() => submitEvaluation(db, { token: token6, useful: 3, helpedChoice: 3, recommend: 3 })))
    expect(racing.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect(await db.participationEvaluation.count({ where: { slotId: slot.id } })).toBe(6)
    // Six answers: the day and its programme are shown, with their count and averages, to the institution and the decaan.
    const p6 = (await evaluationResults(db, pub, { organisationId: w.a.mbo.id }, closed)).programmes.find((p) => p.programmeId === programmeId)!
    expect(p6).toMatchObject({ shown: true, answers: 6, useful: 4, helpedChoice: 3.5, recommend: 4 })
    expect(p6.comments).toEqual(['Aardige studenten.', 'Leuke dag, veel gezien.', 'Te veel uitleg, te weinig doen.'])
    expect(p6.slots[0]).toMatchObject({ shown: true, answers: 6, useful: 4 })
    expect((await evaluationResults(db, decaan, { organisationId: w.a.school.id }, closed)).programmes.find((p) => p.programmeId === programmeId)).toMatchObject({ shown: true, answers: 6, comments: p6.comments })

    // An expired link: refused.
    await expectKey(viewEvaluation(db, await tokenOf(bookings[5]!.id), new Date(Date.now() + 8 * DAY)), 'participation.evaluation.errors.invalid')
    await expectKey(submitEvaluation(db, { token: await tokenOf(bookings[5]!.id), useful: 3, helpedChoice: 3, recommend: 3 }, new Date(Date.now() + 8 * DAY)), 'participation.evaluation.errors.invalid')

    // With the bookings' purge (30 days after the slot) the comments and the links go; the scores stay.
    await purgeEvaluationComments(db, { now: new Date(slot.endsAt.getTime() + 29 * DAY) })
    expect(await db.participationEvaluation.count({ where: { slotId: slot.id, comment: { not: null } } })).toBe(3)
    await purgeEvaluationComments(db, { now: new Date(slot.endsAt.getTime() + 31 * DAY) })
    expect(await db.participationEvaluation.count({ where: { slotId: slot.id, comment: { not: null } } })).toBe(0)
    expect(await db.participationEvaluation.count({ where: { slotId: slot.id } })).toBe(6)
    expect(await db.participationEvaluationRequest.count({ where: { slotId: slot.id, tokenHash: { not: null } } })).toBe(0)
    await expectKey(viewEvaluation(db, await tokenOf(bookings[6]!.id)), 'participation.evaluation.errors.invalid')
  })
})

describe('pupils not on a class list (institution rule, in the trigger)', () => {
  it('the institution (or one programme) allows listed pupils only: refused on every path with a translated message; a programme may override', async () => {
    const slot = await makeSlot(new Date(Date.now() + 14 * DAY))
    const pub = await callerFor(w.a.publisher.id)
    const outsider = () => ({ slotId: slot.id, name: 'Iris Kok', email: `o${uniq()}@${uniq()}.example.test`, schoolId: 'other', schoolOther: 'Elders College', level: 'VWO' as const, year: 5, answers: {} })
    expect((await listRulesOf()).listedOnly).toBe(null)
    await expectTrpcError((await callerFor(w.b.publisher.id)).participation.setListRule({ organisationId: w.a.mbo.id, listedOnly: true }), 'FORBIDDEN')
    await expectTrpcError((await callerFor(w.a.staff.id)).participation.setListRule({ organisationId: w.a.mbo.id, listedOnly: true }), 'FORBIDDEN')
    try {
      await pub.participation.setListRule({ organisationId: w.a.mbo.id, listedOnly: true })
      const anon = await callerFor(null)
      await expectKey(anon.slots.book(outsider()), 'participation.errors.institutionListedOnly')
      // A pupil of a listed school but not on its list: refused too; a listed pupil books.
      await expectKey(bookSlot(db, null, { ...outsider(), schoolId: w.a.school.id, schoolOther: undefined }, deps), 'participation.errors.institutionListedOnly')
      const p = await listed()
      expect((await bookSlot(db, null, { ...outsider(), email: p.email, schoolId: w.a.school.id, schoolOther: undefined }, deps)).status).toBe('PENDING')
      // No path around it: a raw insert is refused by the database.
      const raw = await db.slotBooking.create({ data: { id: randomUUID(), slotId: slot.id, organisationId: w.a.mbo.id, programmeId, pupilName: 'X', pupilEmail: `r${uniq()}@x.example.test`, level: 'HAVO', year: 4, status: 'CONFIRMED' } }).catch((e: unknown) => e)
      expect(fromPrismaError(raw)?.key).toBe('participation.errors.institutionListedOnly')
      // A programme's own rule overrides the institution's. Not for this programme, whose slot is open for booking
      // (its places would show its listed pupils: small-counts.int.test.ts), nor off for the institution: for a
      // programme whose slot opens later it may, and once that slot opens, anyone books it.
      await expectKey(pub.participation.setListRule({ organisationId: w.a.mbo.id, programmeId, listedOnly: false }), 'participation.errors.listRuleStaysHidden')
      await expectKey(pub.participation.setListRule({ organisationId: w.a.mbo.id, listedOnly: null }), 'participation.errors.listRuleStaysHidden')
      const other = await createMboProgramme(w, { name: `Opleiding ${uniq()}`, level: 'MBO_4', code: '25481' })
      const later = await db.slot.create({ data: slotData({ programmeId: other, organisationId: w.a.mbo.id, capacity: 20, startsAt: slot.startsAt, bookingOpensAt: new Date(Date.now() + DAY), bookingClosesAt: slot.bookingClosesAt, audienceLevels: ['VWO'] }) })
      await pub.participation.setListRule({ organisationId: w.a.mbo.id, programmeId: other, listedOnly: false })
      expect((await listRulesOf()).programmes.find((x) => x.id === other)!.listedOnly).toBe(false)
      await db.slot.update({ where: { id: later.id }, data: { bookingOpensAt: new Date(Date.now() - HOUR) } })
      expect((await bookSlot(db, null, { ...outsider(), slotId: later.id }, deps)).status).toBe('PENDING')
      expect(await db.auditLog.count({ where: { action: 'participation.listRule', organisationId: w.a.mbo.id } })).toBe(2)
    } finally {
      // The other tests' institution allows anyone again (in the database itself: the API refuses, as above).
      await db.participationListRule.deleteMany({ where: { organisationId: w.a.mbo.id } })
    }
    expect(await db.participationListRule.count({ where: { organisationId: w.a.mbo.id } })).toBe(0)
    expect((await bookSlot(db, null, outsider(), deps)).status).toBe('PENDING')
  })
})

/** A published event of institution A with registration for pupils: one session (capacity given). */
async function event(type: 'OPEN_DAG' | 'NETWERKWEEK', capacity = 50) {
  const startsAt = new Date(Date.now() + 20 * DAY)
  const ev = await db.calendarEvent.create({
    data: { title: `Dag ${uniq()}`, type, status: 'PUBLISHED', startsAt, endsAt: new Date(startsAt.getTime() + 4 * HOUR), audienceLevels: [], schoolYears: [], organisers: { create: { organisationId: w.a.mbo.id } }, regions: { create: { regionId: w.a.region.id, decision: 'PUBLISHED' } } },
  })
  const date = toAmsterdam(startsAt).date
  await (await callerFor(w.a.publisher.id)).registration.setup({ eventId: ev.id, audiences: [{ kind: 'PUPIL' }], sessions: [{ title: 'Rondleiding', date, startTime: '10:00', endTime: '12:00', room: 'Aula', capacity }] })
  return ev
}

const reg = async (eventId: string, email: string, schoolId = w.a.school.id) => {
  const r = await db.registrationEvent.findUniqueOrThrow({ where: { eventId }, include: { sessions: true } })
  return register(db, null, { eventId, audience: 'PUPIL', name: 'Sam de Vries', email, schoolId, level: 'VMBO_KB', year: 3, partySize: 1, sessionIds: r.sessions.map((s) => s.id) }, deps)
}

async function listRulesOf() {
  return (await callerFor(w.a.publisher.id)).participation.listRules({ organisationId: w.a.mbo.id })
}

describe('deleting a pupil on request', () => {
  it('cancels future bookings in the same transaction: the place goes to the waiting list; past bookings stay (anonymous)', async () => {
    const full = await makeSlot(new Date(Date.now() + 10 * DAY), 1)
    const other = await makeSlot(new Date(Date.now() + 12 * DAY), 5)
    const past = await makeSlot(new Date(Date.now() - 40 * DAY))
    const p = await listed()
    const input = (slotId: string, email: string) => ({ slotId, name: 'Sam de Vries', email, schoolId: w.a.school.id, level: 'HAVO' as const, year: 4, answers: {} })
    const held = await bookSlot(db, null, input(full.id, p.email), deps)
    const waitingEmail = `w${uniq()}@${uniq()}.example.test`
    const waiting = await bookSlot(db, null, { ...input(full.id, waitingEmail), schoolId: 'other', schoolOther: 'Elders College' }, deps)
    expect([held.status, waiting.status]).toEqual(['PENDING', 'WAITLISTED'])
    const second = await bookSlot(db, null, input(other.id, p.email), deps)
    const old = await booking(past, p.email, { attendance: 'PRESENT' })
    // An open day with one place: the pupil holds it, another pupil waits.
    const day = await event('OPEN_DAG', 1)
    const mineReg = await reg(day.id, p.email)
    const otherEmail = `x${uniq()}@${uniq()}.example.test`
    const otherReg = await reg(day.id, otherEmail)
    expect([mineReg.seats[0]!.status, otherReg.seats[0]!.status]).toEqual(['PENDING', 'WAITLISTED'])
    const r = await deletePupil(db, (await loadActor(db, w.a.staff.id))!, p.id, deps)
    expect(r).toEqual({ deleted: true, cancelled: 3 })
    expect((await db.registrationSeat.findFirstOrThrow({ where: { registrantId: mineReg.id } })).status).toBe('CANCELLED')
    expect((await db.registrationSeat.findFirstOrThrow({ where: { registrantId: otherReg.id } })).status).toBe('OFFERED')
    expect(await db.registrant.findUniqueOrThrow({ where: { id: mineReg.id } })).toMatchObject({ name: null, email: null, tokenHash: null })
    expect(outbox.filter((m) => m.to === otherEmail)).toHaveLength(2)
    const after = await db.slotBooking.findMany({ where: { id: { in: [held.id, second.id, old.id, waiting.id] } }, orderBy: { createdAt: 'asc' } })
    const byId = new Map(after.map((b) => [b.id, b]))
    expect([byId.get(held.id)!.status, byId.get(second.id)!.status, byId.get(old.id)!.status, byId.get(waiting.id)!.status]).toEqual(['CANCELLED', 'CANCELLED', 'CONFIRMED', 'OFFERED'])
    expect([held.id, second.id, old.id].map((id) => byId.get(id)!.pupilEmail)).toEqual([null, null, null])
    expect((await db.slot.findUniqueOrThrow({ where: { id: full.id } })).confirmedCount).toBe(1)
    expect((await db.slot.findUniqueOrThrow({ where: { id: other.id } })).confirmedCount).toBe(0)
    expect(outbox.filter((m) => m.to === waitingEmail).at(-1)!.subject).toBe(translator('nl')('slots.mail.offer.subject', { programme: programmeName }))
    expect(await db.participationPupil.count({ where: { id: p.id } })).toBe(0)
  })

  it('a booking of the same pupil at the same moment: no deadlock, and no active booking is left tied to the deleted record', async () => {
    const slots = await Promise.all([0, 1, 2].map((i) => makeSlot(new Date(Date.now() + (15 + i) * DAY), 5)))
    const p = await listed()
    const input = (slotId: string) => ({ slotId, name: 'Sam de Vries', email: p.email, schoolId: w.a.school.id, level: 'HAVO' as const, year: 4, answers: {} })
    await bookSlot(db, null, input(slots[0]!.id), deps)
    const actor = (await loadActor(db, w.a.staff.id))!
    const [del, b1, b2] = await Promise.allSettled([deletePupil(db, actor, p.id, deps), bookSlot(db, null, input(slots[1]!.id), deps), bookSlot(db, null, input(slots[2]!.id), deps)])
    expect(del.status).toBe('fulfilled')
    expect([b1.status, b2.status]).toEqual(['fulfilled', 'fulfilled'])
    // Bookings that committed before the deletion are cancelled; one made after it is a new, untied booking.
    const active = await db.slotBooking.findMany({ where: { slotId: { in: slots.map((s) => s.id) }, status: { in: ['PENDING', 'CONFIRMED'] } }, select: { id: true, pupilEmail: true } })
    expect(active.every((b) => b.pupilEmail === p.email)).toBe(true)
    expect(await db.participationBooking.count({ where: { pupilId: p.id } })).toBe(0)
    const sum = await db.slot.findMany({ where: { id: { in: slots.map((s) => s.id) } }, select: { confirmedCount: true } })
    expect(sum.reduce((a, s) => a + s.confirmedCount, 0)).toBe(active.length)
  })
})

describe("a pupil's data export (right of access)", () => {
  it('holds everything reached through the record: bookings with their intake answers and evaluation state, event registrations with their seats', async () => {
    const p = await listed()
    const past = await makeSlot(new Date(Date.now() - 34 * HOUR))
    await db.slot.update({ where: { id: past.id }, data: { questions: [{ id: 'q1', label: 'Heb je een allergie?', required: false }, { id: 'q2', label: 'Waarom deze opleiding?', required: true }] } })
    const b = await booking(past, p.email, { attendance: 'PRESENT' })
    await db.slotBooking.update({ where: { id: b.id }, data: { answers: { q2: 'Ik wil verpleegkundige worden', q1: 'Pinda’s' }, locale: 'nl' } })
    expect(await sendEvaluationRequests(db, { scope: { organisationId: w.a.mbo.id } })).toBeGreaterThanOrEqual(1)
    const day = await event('OPEN_DAG')
    const r = await reg(day.id, p.email)
    await db.registrationSeat.updateMany({ where: { registrantId: r.id }, data: { status: 'CONFIRMED', attendance: 'PRESENT', offerExpiresAt: null } })

    const data = await (await callerFor(w.a.staff.id)).participation.exportPupil({ pupilId: p.id })
    expect(data.pupil).toMatchObject({ name: 'Sam de Vries', email: p.email, className: '4H1' })
    expect(data.bookings).toHaveLength(1)
    expect(data.bookings[0]).toMatchObject({
      programme: programmeName,
      institution: w.a.mbo.name,
      status: 'CONFIRMED',
      attendance: 'PRESENT',
      name: 'Sam de Vries',
      email: p.email,
      school: w.a.school.name,
      level: 'HAVO',
      year: 4,
      language: 'nl',
      answers: [
        { question: 'Heb je een allergie?', answer: 'Pinda’s' },
        { question: 'Waarom deze opleiding?', answer: 'Ik wil verpleegkundige worden' },
      ],
      evaluation: { answered: false },
    })
    expect(data.registrations).toHaveLength(1)
    expect(data.registrations[0]).toMatchObject({ event: day.title, audience: 'PUPIL', name: 'Sam de Vries', email: p.email, school: w.a.school.name, level: 'VMBO_KB', year: 3 })
    expect(data.registrations[0]!.sessions).toEqual([expect.objectContaining({ title: 'Rondleiding', room: 'Aula', status: 'CONFIRMED', attendance: 'PRESENT' })])
    // Another school's decaan: refused; the audit entry names the pupil's id only.
    await expect(exportPupilData(db, (await loadActor(db, w.b.staff.id))!, p.id)).rejects.toMatchObject({ key: expect.any(String) })
    const log = await db.auditLog.findMany({ where: { action: 'participation.pupil.export', entityId: p.id } })
    expect(log).toHaveLength(1)
    expect(JSON.stringify(log, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))).not.toContain(p.email)
  })
})

describe('reach: open days and event registrations next to slots', () => {
  it('counts confirmed, not absent registrations per kind (open day, event) with the slots (meeloopdag), tied after the purge', async () => {
    const ps = await Promise.all(Array.from({ length: 7 }, () => listed('VMBO_KB', 3)))
    const open = await event('OPEN_DAG')
    const week = await event('NETWERKWEEK')
    // Pupils 0–3 at the open day (3 absent), pupil 0 also at the netwerkweek, pupil 4 registered but never confirmed.
    const regs = []
    for (const p of ps.slice(0, 4)) regs.push(await reg(open.id, p.email))
    regs.push(await reg(week.id, ps[0]!.email))
    const pending = await reg(open.id, ps[4]!.email)
    await db.registrationSeat.updateMany({ where: { registrantId: { in: regs.map((r) => r.id) } }, data: { status: 'CONFIRMED', offerExpiresAt: null } })
    await db.registrationSeat.updateMany({ where: { registrantId: regs[3]!.id }, data: { attendance: 'ABSENT' } })
    expect(await db.participationRegistration.count({ where: { pupilId: { in: ps.map((p) => p.id) } } })).toBe(6)
    expect(pending.seats[0]!.status).toBe('PENDING')
    // Pupil 0 and 1 on a meeloopdag (an mbo slot).
    const slot = await makeSlot(new Date(Date.now() + 9 * DAY))
    for (const p of ps.slice(0, 2)) await booking(slot, p.email)
    // The registrations' personal data is purged: the tie stays.
    await db.registrant.updateMany({ where: { id: { in: regs.map((r) => r.id) } }, data: { name: null, email: null, purgedAt: new Date() } })

    const own = await (await callerFor(w.a.staff.id)).participation.reach({ schoolId: w.a.school.id })
    const row = (kind: string) => own.rows.find((r) => r.level === 'VMBO_KB' && r.year === 3 && r.kind === kind)!
    expect(own.rows.filter((r) => r.level === 'VMBO_KB' && r.year === 3).map((r) => r.kind).sort()).toEqual(['ALL', 'EVENT', 'MEELOOPDAG', 'OPEN_DAY', 'PROEFSTUDEREN'])
    expect(row('ALL')).toMatchObject({ pupils: 7, atLeast1: 3, atLeast2: 2, atLeast3: 1 })
    expect(row('OPEN_DAY')).toMatchObject({ pupils: 7, atLeast1: 3, atLeast2: 0, atLeast3: 0 })
    expect(row('EVENT')).toMatchObject({ atLeast1: 1, atLeast2: 0 })
    expect(row('MEELOOPDAG')).toMatchObject({ atLeast1: 2, atLeast2: 0 })
    expect(row('PROEFSTUDEREN')).toMatchObject({ atLeast1: 0 })
    // The region's view goes through the same suppression (no consent: only the region total, which with one school
    // would be that school's figures → hidden).
    const region = await (await callerFor(w.a.coordinator.id)).participation.reach({ regionId: w.a.region.id })
    const regionRows = region.rows.filter((r) => r.level === 'VMBO_KB' && r.year === 3)
    expect(regionRows.map((r) => r.schoolId)).toEqual([null, null, null, null, null])
    expect(regionRows.every((r) => [r.pupils, r.atLeast1, r.atLeast2, r.atLeast3].every((v) => typeof v !== 'number'))).toBe(true)
  })
})
