/**
 * Confirming through the e-mailed link confirms held places only: a cancelled registration (or one with only a
 * waiting place) has nothing to confirm: the link page offers no "confirm" button, and the server refuses (409,
 * translated) and writes nothing. A waiting registrant loses nothing by it: an unconfirmed address gets the freed
 * place's offer all the same, and accepting it proves the address. The page runs with the real procedures and database; next-intl's request config
 * and the request-bound caller are replaced by the same translations and an anonymous caller.
 */
import { describe, expect, it, vi } from 'vitest'
import { isValidElement, type ReactElement, type ReactNode } from 'react'
import { uniq } from '../db/factories.ts'
import { callerFor, db, expectTrpcError } from '../test/helpers.ts'
import { captureMail, lastLinkToken } from '../test/mail-capture.ts'
import { DAY, twoRegionWorldBeforeAll } from '../test/world.ts'
import { toAmsterdam } from '../lib/time.ts'
import type { AppError } from '../lib/errors.ts'
import { translator } from '../i18n/translate.ts'
import { acceptOffer, cancelByToken, confirmRegistration, register, viewRegistration } from './register.ts'

vi.mock('next-intl/server', async () => {
  const { translator: tr } = await import('../i18n/translate.ts')
  return {
    getLocale: async () => 'nl',
    getTranslations: async (ns: string) => (key: string, params?: Record<string, string | number>) => tr('nl')(`${ns}.${key}`, params),
    getFormatter: async (opts?: { locale?: string }) => (await import('next-intl')).createFormatter({ locale: opts?.locale ?? 'nl-NL', timeZone: 'Europe/Amsterdam' }),
  }
})
vi.mock('@/server/api/server', async () => {
  const helpers = await import('../test/helpers.ts')
  return { getCaller: () => helpers.callerFor(null) }
})

const { default: RegistrationLinkPage } = await import('../../app/(public)/aanmelding/[token]/page.tsx')
const { RegistrationActions } = await import('../../app/(public)/aanmelding/[token]/registration-actions.tsx')

const w = twoRegionWorldBeforeAll()
const { outbox, deps } = captureMail()

/** A published event of institution A with registration for pupils: one session of `capacity` places. */
async function setup(capacity: number) {
  const startsAt = new Date(Date.now() + 20 * DAY)
  const ev = await db.calendarEvent.create({
    data: {
      title: `Open dag ${uniq()}`,
      type: 'OPEN_DAG',
      status: 'PUBLISHED',
      startsAt,
      endsAt: new Date(startsAt.getTime() + DAY),
      audienceLevels: [],
      schoolYears: [],
      organisers: { create: { organisationId: w.a.mbo.id } },
      regions: { create: { regionId: w.a.region.id, decision: 'PUBLISHED' } },
    },
  })
  await (await callerFor(w.a.publisher.id)).registration.setup({
    eventId: ev.id,
    audiences: [{ kind: 'PUPIL' }] as never,
    sessions: [{ title: 'Rondleiding', date: toAmsterdam(startsAt).date, startTime: '10:00', endTime: '12:00', room: 'Hal', capacity }],
  })
  const reg = await db.registrationEvent.findUniqueOrThrow({ where: { eventId: ev.id }, include: { sessions: true } })
  return { ev, sessionId: reg.sessions[0]!.id }
}

const pupil = (eventId: string, sessionId: string) => ({ eventId, audience: 'PUPIL' as const, name: 'Sam de Vries', email: `pupil@${uniq()}.example.test`, schoolId: w.a.school.id, level: 'HAVO' as const, year: 4, sessionIds: [sessionId] })

/** The props the link page gives its buttons (RegistrationActions), or null when it renders none. */
async function buttonsOf(token: string) {
  const found: ReactElement<{ showConfirm: boolean; cancellable: boolean }>[] = []
  const walk = (node: ReactNode) => {
    if (Array.isArray(node)) return node.forEach(walk)
    if (!isValidElement(node)) return
    if (node.type === RegistrationActions) found.push(node as (typeof found)[number])
    walk((node.props as { children?: ReactNode }).children)
  }
  walk(await RegistrationLinkPage({ params: Promise.resolve({ token }) }))
  return found[0]?.props ?? null
}

describe('confirming a registration with nothing to confirm', () => {
  it('a cancelled registration: no confirm button, and the server refuses (409, translated) and writes nothing', async () => {
    const { ev, sessionId } = await setup(5)
    const r = await register(db, null, pupil(ev.id, sessionId), deps)
    expect((await buttonsOf(r.token))?.showConfirm).toBe(true)
    await cancelByToken(db, r.token, undefined, deps)

    expect(await buttonsOf(r.token)).toMatchObject({ showConfirm: false, cancellable: false })
    const err = await expectTrpcError((await callerFor(null)).registration.confirm({ token: r.token }), 'CONFLICT')
    expect((err.cause as AppError).key).toBe('registration.errors.nothingToConfirm')
    expect(translator('nl')((err.cause as AppError).key)).toBe('Er is niets te bevestigen: deze aanmelding heeft geen plaats die op bevestiging wacht.')
    const after = await db.registrant.findUniqueOrThrow({ where: { id: r.id }, include: { seats: true } })
    expect([after.confirmedAt, after.seats.map((s) => s.status)]).toEqual([null, ['CANCELLED']])
    expect(await db.auditLog.count({ where: { action: 'registration.confirm', entityId: r.id } })).toBe(0)
  })

  it('only a waiting place: nothing to confirm either; a held place is confirmed once, a second confirm changes nothing', async () => {
    const { ev, sessionId } = await setup(1)
    const held = await register(db, null, pupil(ev.id, sessionId), deps)
    const waiting = await register(db, null, pupil(ev.id, sessionId), deps)
    expect(waiting.seats.map((s) => s.status)).toEqual(['WAITLISTED'])
    expect((await buttonsOf(waiting.token))?.showConfirm).toBe(false)
    await expect(confirmRegistration(db, waiting.token)).rejects.toMatchObject({ key: 'registration.errors.nothingToConfirm' })
    expect((await db.registrant.findUniqueOrThrow({ where: { id: waiting.id } })).confirmedAt).toBeNull()

    expect(await confirmRegistration(db, held.token)).toEqual({ confirmed: 1 })
    const confirmedAt = (await db.registrant.findUniqueOrThrow({ where: { id: held.id } })).confirmedAt
    expect(confirmedAt).not.toBeNull()
    expect(await confirmRegistration(db, held.token)).toEqual({ confirmed: 0 })
    expect((await db.registrant.findUniqueOrThrow({ where: { id: held.id } })).confirmedAt).toEqual(confirmedAt)
    expect((await buttonsOf(held.token))?.showConfirm).toBe(false)
  })

  it('a waiting registrant never confirms, and loses nothing by it: the freed place is offered to the unconfirmed address, accepting it proves the address', async () => {
    const { ev, sessionId } = await setup(1)
    const held = await register(db, null, pupil(ev.id, sessionId), deps)
    const waitingInput = pupil(ev.id, sessionId)
    const waiting = await register(db, null, waitingInput, deps)
    const view = await viewRegistration(db, waiting.token)
    // The page decides by the seats alone: the registrant's own confirmation is not part of what it shows.
    expect(view).not.toHaveProperty('confirmed')
    expect(view.seats.map((s) => [s.status, s.position])).toEqual([['WAITLISTED', 1]])

    await cancelByToken(db, held.token, undefined, deps)
    const offered = await db.registrant.findUniqueOrThrow({ where: { id: waiting.id }, include: { seats: true } })
    expect([offered.confirmedAt, offered.seats.map((s) => s.status)]).toEqual([null, ['OFFERED']])
    const link = lastLinkToken(outbox, waitingInput.email, 'aanmelding') // the offer's fresh link
    expect(await buttonsOf(link)).toMatchObject({ showConfirm: false, offers: [expect.objectContaining({ id: offered.seats[0]!.id })] })
    await acceptOffer(db, link, offered.seats[0]!.id, deps)
    expect((await db.registrant.findUniqueOrThrow({ where: { id: waiting.id } })).confirmedAt).not.toBeNull()
  })
})
