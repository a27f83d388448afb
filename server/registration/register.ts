/**
 * Public registration for a calendar event, through the shared booking engine (server/booking/engine.ts) that the
 * slots use: each picked session is a place taken by one conditional UPDATE (never oversold), held as PENDING
 * until the registrant confirms through the e-mailed link, or WAITLISTED per session (FIFO) with timed offers;
 * the same rate limits (router), per-domain limit, expiry job and purge schedule as slot bookings.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { rawRows, sqlOf, type Db, type DbTx } from '../db/client.ts'
import { epochMs } from '../db/epoch.ts'
import type { SlotBookingStatus } from '../db/generated/enums.ts'
import { audit } from '../db/audit.ts'
import { Prisma } from '../db/generated/client.ts'
import type { Actor } from '../auth/policy.ts'
import { AppError, conflict, invalid, notFound } from '../lib/errors.ts'
import * as engine from '../booking/engine.ts'
import { enqueueMails, flushOutbox, type OutboxMail } from '../mail/outbox.ts'
import { ACTIVE_STATUSES, HOLDS_PLACE, RUSH_TX } from '../booking/engine.ts'
import { hashBookingToken, newBookingToken } from '../booking/token.ts'
import { SESSION_KIND } from './access.ts'
import { assertNoOverlap, type RegistrationDeps } from './manage.ts'
import { offerMails, registrationOffers, releaseIfInactive, type SeatOffer } from './offers.ts'
import { registrationLink, registrationMail, registrationMailTemplate } from './mail.ts'
import { pickLocale } from '../i18n/config.ts'
import { MAX_PURGE_DAYS, PROFESSIONAL_KEEP_DAYS, SCHOOL_OTHER, registrantKeepDays, type RegisterInput } from './schema.ts'

/** What the public page of an event with registration shows: sessions with free places, audiences and fields. */
export async function publicRegistration(db: Db, eventId: string) {
  const registration = await db.registrationEvent.findUnique({
    where: { eventId },
    include: { audiences: { orderBy: { kind: 'asc' } }, sessions: { where: { status: 'PUBLISHED' }, orderBy: [{ startsAt: 'asc' }, { id: 'asc' }] } },
  })
  const event = await db.calendarEvent.findUnique({
    where: { id: eventId },
    select: { id: true, title: true, description: true, type: true, status: true, startsAt: true, endsAt: true, locationAddress: true, organisers: { select: { organisation: { select: { name: true } } } }, regions: { where: { decision: 'PUBLISHED' }, select: { regionId: true } } },
  })
  if (!registration || !event || event.status !== 'PUBLISHED' || !event.regions.length) throw notFound('registration.errors.notFound')
  const schools = await db.organisation.findMany({
    where: { sector: 'VO', regions: { some: { regionId: { in: event.regions.map((r) => r.regionId) } } } },
    select: { id: true, name: true },
    orderBy: { name: 'asc' },
  })
  const now = new Date()
  const largest = Math.max(0, ...registration.sessions.map((s) => s.capacity))
  return {
    event: { ...event, regions: undefined },
    open: registration.status === 'OPEN' && now >= registration.opensAt && now < registration.closesAt,
    cancelled: registration.status === 'CANCELLED',
    /** Days after the event that pupils' and parents' personal data is kept (the purge job's own period): the privacy notice. */
    purgeAfterDays: registrantKeepDays('PUPIL', registration.purgeAfterDays),
    audiences: registration.audiences.map((a) => ({ kind: a.kind, levels: a.levels, schoolYears: a.schoolYears, maxPartySize: partyLimit(a, largest), full: a.capacity !== null && a.confirmedCount >= a.capacity })),
    sessions: registration.sessions.map((s) => ({ id: s.id, title: s.title, startsAt: s.startsAt, endsAt: s.endsAt, room: s.room, capacity: s.capacity, free: Math.max(0, s.capacity - s.confirmedCount) })),
    schools,
  }
}

/** Free places of events with open registration (for the public calendar's "Aanmelden"). */
export async function availability(db: Db, eventIds: string[]) {
  if (!eventIds.length) return {}
  // Only events the public may see (publicRegistration's rule): a draft's or rejected event's places and link stay hidden.
  const visible = await db.calendarEvent.findMany({ where: { id: { in: eventIds }, status: 'PUBLISHED', regions: { some: { decision: 'PUBLISHED' } } }, select: { id: true } })
  if (!visible.length) return {}
  const regs = await db.registrationEvent.findMany({ where: { eventId: { in: visible.map((e) => e.id) }, status: 'OPEN' }, select: { eventId: true, closesAt: true, sessions: { where: { status: 'PUBLISHED' }, select: { capacity: true, confirmedCount: true } } } })
  const now = new Date()
  return Object.fromEntries(regs.filter((r) => r.closesAt > now).map((r) => [r.eventId, { free: r.sessions.reduce((n, s) => n + Math.max(0, s.capacity - s.confirmedCount), 0), href: `/aanmelden/${r.eventId}` }]))
}

/** The random code in a confirmation's QR (128 bits, base64url, 22 characters). */
const newCheckinCode = () => randomBytes(16).toString('base64url')

type RegisterRead = {
  reg: { id: string; status: string; opensAt: Date; closesAt: Date; pendingHoldMinutes: number; maxPerDomain: number; purgeAfterDays: number } | null
  event: { title: string; status: string; published: boolean } | null
  /** `capacity`: the audience's own maximum of people (null: only the sessions' capacity counts). */
  audiences: { id: string; kind: string; levels: string[]; schoolYears: number[]; maxPartySize: number; capacity: number | null }[]
  /** The picked sessions of the event's registration (unknown ids are left out). */
  sessions: { id: string; status: string; title: string; room: string; startsAt: Date; endsAt: Date; capacity: number }[]
  /** The picked school is an organisation of a region the event is published in. */
  schoolInRegion: boolean
  /** The capacity of the registration's largest published session (0 without one): partyLimit. */
  largestSession: number
}

/**
 * What register checks before it writes, in one statement over the pool: the event's registration, its audiences
 * and the picked sessions, the event (published in a region?) and whether the picked school belongs to one of those
 * regions. Three ORM queries before (each compiled by Prisma: ≈ 2.5 ms CPU).
 */
async function registerRead(db: Db, input: RegisterInput): Promise<RegisterRead> {
  type Row = { reg: (Omit<NonNullable<RegisterRead['reg']>, 'opensAt' | 'closesAt'> & { opensAt: number; closesAt: number }) | null; event: RegisterRead['event']; audiences: RegisterRead['audiences']; sessions: (Omit<RegisterRead['sessions'][number], 'startsAt' | 'endsAt'> & { startsAt: number; endsAt: number })[]; schoolInRegion: boolean; largestSession: number | null }
  const [row] = await rawRows<Row>(db, Prisma.sql`
    WITH r AS (SELECT * FROM "RegistrationEvent" WHERE "eventId" = ${input.eventId}),
         pr AS (SELECT cr."regionId" FROM "CalendarEventRegion" cr WHERE cr."eventId" = ${input.eventId} AND cr."decision" = 'PUBLISHED')
    SELECT (SELECT json_build_object('id', r."id", 'status', r."status", 'opensAt', ${epochMs('r."opensAt"')}, 'closesAt', ${epochMs('r."closesAt"')},
                                     'pendingHoldMinutes', r."pendingHoldMinutes", 'maxPerDomain', r."maxPerDomain", 'purgeAfterDays', r."purgeAfterDays") FROM r) AS "reg",
           (SELECT json_build_object('title', e."title", 'status', e."status", 'published', EXISTS (SELECT 1 FROM pr)) FROM "CalendarEvent" e WHERE e."id" = ${input.eventId}) AS "event",
           (SELECT COALESCE(json_agg(json_build_object('id', a."id", 'kind', a."kind", 'levels', a."levels", 'schoolYears', a."schoolYears", 'maxPartySize', a."maxPartySize", 'capacity', a."capacity")), '[]')
              FROM "RegistrationAudience" a JOIN r ON r."id" = a."registrationId") AS "audiences",
           (SELECT COALESCE(json_agg(json_build_object('id', s."id", 'status', s."status", 'title', s."title", 'room', s."room", 'capacity', s."capacity",
                                                       'startsAt', ${epochMs('s."startsAt"')}, 'endsAt', ${epochMs('s."endsAt"')})), '[]')
              FROM "RegistrationSession" s JOIN r ON r."id" = s."registrationId" WHERE s."id" = ANY(${input.sessionIds}::text[])) AS "sessions",
           EXISTS (SELECT 1 FROM "OrganisationRegion" o WHERE o."organisationId" = ${input.schoolId ?? null} AND o."regionId" IN (SELECT "regionId" FROM pr)) AS "schoolInRegion",
           (SELECT max(s."capacity") FROM "RegistrationSession" s JOIN r ON r."id" = s."registrationId" WHERE s."status" = 'PUBLISHED') AS "largestSession"`)
  const r = row!
  return {
    reg: r.reg && { ...r.reg, opensAt: new Date(Number(r.reg.opensAt)), closesAt: new Date(Number(r.reg.closesAt)) },
    event: r.event,
    audiences: r.audiences,
    sessions: r.sessions.map((s) => ({ ...s, startsAt: new Date(Number(s.startsAt)), endsAt: new Date(Number(s.endsAt)) })),
    schoolInRegion: r.schoolInRegion,
    largestSession: Number(r.largestSession ?? 0),
  }
}

/** The registration's transaction (see register): refusals as rows, a full audience as SQLSTATE AUDIENCE_FULL. */
const REGISTER = `SELECT "refusal", "sessionId", "status" FROM "registration_register"($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::timestamp, $15, $16, $17::text[], $18::timestamp, $19, $20, $21, $22::jsonb, $23, $24, $25::jsonb)`
const AUDIENCE_FULL = 'OV409'
/** The party is larger than a session's or the audience's whole capacity (migration 20261202110000_registration_party_fits). */
const PARTY_NEVER_FITS = 'OV422'

/**
 * The most people one registration can ever bring to all of `sessions`: the smallest session capacity, and the
 * audience's own maximum if it has one (the audience counts every active registrant's people, waiting ones too).
 */
export function placesForParty(sessions: { capacity: number }[], audience: { capacity: number | null }): number {
  return Math.min(...sessions.map((s) => s.capacity), audience.capacity ?? Infinity)
}

/**
 * The most people one registration of an audience may bring, as the public form's hint says it ("at most n") and the
 * refusal of a larger party states it: the organiser's limit, never more than the audience's own maximum or the
 * largest session (`largest`: its capacity, 0 without sessions) holds. A party within it that cannot fit the sessions
 * it picked is refused by register too (partyNeverFits).
 */
export function partyLimit(audience: { maxPartySize: number; capacity: number | null }, largest: number): number {
  return Math.max(1, Math.min(audience.maxPartySize, placesForParty(largest ? [{ capacity: largest }] : [], audience)))
}

/** Public (or a signed-in professional): registers for the picked sessions of an event. */
export async function register(db: Db, actor: Actor | null, input: RegisterInput, deps: RegistrationDeps = {}) {
  const now = deps.now ?? new Date()
  const { reg, event, audiences, sessions: known, schoolInRegion, largestSession } = await registerRead(db, input)
  if (!reg || !event || event.status !== 'PUBLISHED' || !event.published) throw notFound('registration.errors.notFound')
  if (reg.status !== 'OPEN' || now < reg.opensAt || now >= reg.closesAt) throw new AppError('PRECONDITION', 'registration.errors.windowClosed')
  const audience = audiences.find((a) => a.kind === input.audience)
  if (!audience) throw invalid('registration.errors.audienceNotOpen')

  // The fields each audience gives; the rest is not stored (minimum data).
  let schoolId: string | null = null
  let schoolOther: string | null = null
  if (input.audience !== 'PARENT') {
    if (!input.schoolId) throw invalid('registration.errors.schoolRequired')
    if (input.schoolId === SCHOOL_OTHER) {
      if (!input.schoolOther) throw invalid('slots.errors.schoolOtherRequired')
      schoolOther = input.schoolOther
    } else {
      if (!schoolInRegion) throw invalid('slots.errors.unknownSchool')
      schoolId = input.schoolId
    }
  }
  if (input.audience === 'PUPIL') {
    if (!input.level || !input.year) throw invalid('registration.errors.levelRequired')
    if (audience.levels.length && !audience.levels.includes(input.level)) throw invalid('slots.errors.levelNotInAudience')
    if (audience.schoolYears.length && !audience.schoolYears.includes(input.year)) throw invalid('registration.errors.yearNotInAudience')
  }
  if (input.audience === 'PROFESSIONAL' && !input.role) throw invalid('registration.errors.roleRequired')
  const partySize = input.audience === 'PARENT' ? input.partySize : 1
  if (partySize === undefined) throw invalid('registration.errors.partySizeRequired')
  // Over the organiser's limit: refused with the limit the form's hint gives (partyLimit), never another figure.
  if (partySize > audience.maxPartySize) throw invalid('registration.errors.partyTooLarge', { max: partyLimit(audience, largestSession) })

  const picked = [...new Set(input.sessionIds)].map((id) => known.find((s) => s.id === id && s.status === 'PUBLISHED'))
  if (picked.some((s) => !s)) throw invalid('registration.errors.sessionNotFound')
  const sessions = picked.map((s) => s!).sort((a, b) => (a.id < b.id ? -1 : 1)) // one lock order: no deadlocks
  assertNoOverlap(sessions)
  if (sessions.some((s) => s.startsAt <= now)) throw new AppError('PRECONDITION', 'registration.errors.windowClosed')
  // A party larger than a picked session (or the audience's own maximum) can ever hold is refused before anything is
  // written: it would wait on a list that can never reach it (and, as the head of that list, hold up everyone
  // behind it). The statement checks it again with the capacities of its moment (one lowered meanwhile): PARTY_NEVER_FITS.
  const room = placesForParty(sessions, audience)
  if (partySize > room) throw invalid('registration.errors.partyNeverFits', { count: partySize, max: room })

  const email = input.email
  const domain = email.slice(email.lastIndexOf('@') + 1)
  const { token, hash } = newBookingToken()
  // A signed-in professional registering with their own address is confirmed at once; public registrations hold
  // their places until the link in the mail proves the address.
  const signedIn = !!actor && input.audience === 'PROFESSIONAL' && actor.email.toLowerCase() === email
  const holdUntil = !signedIn && reg.pendingHoldMinutes > 0 ? new Date(now.getTime() + reg.pendingHoldMinutes * 60_000) : null

  // One statement (the migration's PL/pgSQL function `registration_register`, one statement = one transaction):
  // the per-domain limit and the duplicate check behind advisory locks, the registrant, its audit entry (no personal
  // data: the audit log is never purged), per session the engine's conditional UPDATE or the waiting-list lock and the
  // seat, the audience's capacity last (a full audience rolls it all back). It was an interactive transaction of about
  // ten statements, each compiled by the ORM, holding the session rows locked across the last of them.
  const id = randomUUID()
  const mailKey = `registration.register.${id}`
  const auditAfter = { registrationId: reg.id, audience: input.audience, sessions: sessions.length, partySize }
  const args = [
    id, reg.id, audience.id, input.audience, input.name, email, schoolId, schoolOther,
    input.audience === 'PUPIL' ? input.level : null, input.audience === 'PUPIL' ? input.year : null, partySize,
    input.audience === 'PROFESSIONAL' ? input.role : null, signedIn ? actor.userId : null,
    signedIn || !holdUntil ? now.toISOString() : null, hash, newCheckinCode(), sessions.map((s) => s.id), holdUntil?.toISOString() ?? null,
    !signedIn && reg.maxPerDomain > 0 ? domain : null, reg.maxPerDomain, actor?.userId ?? null, JSON.stringify(auditAfter),
    mailKey, email, JSON.stringify(registrationMailTemplate({ name: input.name, event, sessions, link: registrationLink(token), expiresAt: holdUntil, keepDays: registrantKeepDays(input.audience, reg.purgeAfterDays) }, deps.locale ?? null)),
  ]
  const rows = await sqlOf(db)
    .query<{ refusal: string | null; sessionId: string | null; status: SlotBookingStatus | null }>(REGISTER, args)
    .then((r) => r.rows)
    .catch((err: unknown) => {
      if ((err as { code?: string }).code === AUDIENCE_FULL) throw conflict('registration.errors.audienceFull')
      if ((err as { code?: string }).code === PARTY_NEVER_FITS) throw invalid('registration.errors.partyNeverFits', { count: partySize, max: Number((err as { detail?: string }).detail) || room })
      throw err
    })
  const refusal = rows[0]?.refusal
  if (refusal === 'domainLimit') throw conflict('slots.errors.domainLimit', { max: reg.maxPerDomain })
  if (refusal === 'duplicate') throw conflict('registration.errors.duplicate')
  const seats = rows.map((r) => ({ sessionId: r.sessionId!, status: r.status! }))

  // The mail the statement wrote into the outbox, sent now; a failed send stays in the outbox for the worker's retry.
  await flushOutbox(db, { keys: [mailKey], send: deps.send })
  return { id, seats, token }
}

async function registrantByToken(db: DbTx, token: string) {
  const r = await db.registrant.findUnique({
    where: { tokenHash: hashBookingToken(token) },
    include: { seats: { include: { session: true }, orderBy: { session: { startsAt: 'asc' } } }, registration: { select: { id: true, eventId: true, status: true, purgeAfterDays: true } } },
  })
  if (!r) throw notFound('registration.errors.tokenInvalid')
  return r
}

/** Public: what the registration link shows (with the check-in code for the QR). */
export async function viewRegistration(db: Db, token: string) {
  const r = await registrantByToken(db, token)
  const event = await db.calendarEvent.findUniqueOrThrow({ where: { id: r.registration.eventId }, select: { id: true, title: true, startsAt: true, endsAt: true, locationAddress: true, status: true } })
  const seats = await Promise.all(
    r.seats.map(async (s) => ({
      id: s.id,
      status: s.status,
      attendance: s.attendance,
      holdExpiresAt: s.status === 'PENDING' || s.status === 'OFFERED' ? s.offerExpiresAt : null,
      position: s.status === 'WAITLISTED' ? await engine.waitlistPosition(db, SESSION_KIND, s.sessionId, s.id) : null,
      session: { id: s.session.id, title: s.session.title, startsAt: s.session.startsAt, endsAt: s.session.endsAt, room: s.session.room },
    })),
  )
  const holds = seats.some((s) => s.status === 'CONFIRMED' || s.status === 'PENDING')
  return {
    event,
    cancelled: r.registration.status === 'CANCELLED' || event.status === 'CANCELLED',
    name: r.name,
    audience: r.audience,
    partySize: r.partySize,
    /** The QR's content: only for a registration that holds a place. */
    checkinCode: holds ? r.checkinCode : null,
    certificate: r.audience === 'PROFESSIONAL' && seats.some((s) => s.attendance === 'PRESENT'),
    seats,
  }
}

/**
 * Public: the link proves the address: PENDING seats whose hold has not lapsed become CONFIRMED. Idempotent: a
 * registration already confirmed (a CONFIRMED seat, nothing pending) answers 0 and writes nothing. A registration
 * with nothing to confirm (cancelled, declined, expired, or only waiting or offered seats: an offer is accepted,
 * not confirmed) is refused (409) and nothing is written; a hold that lapsed meanwhile is refused as expired.
 * Confirming is about a held place, not the address alone: a waiting registrant loses nothing by not confirming
 * (`confirmedAt` gates no hand-over, offer or purge: handOver takes the waiting list in order, the purge goes by the
 * event's date), their mail asks for no confirmation, and accepting an offer (through the mailed link) proves the
 * address then. The link page offers the button only for a PENDING place (app/(public)/aanmelding/[token]).
 */
export async function confirmRegistration(db: Db, token: string, deps: RegistrationDeps = {}) {
  const now = deps.now ?? new Date()
  return db.$transaction(async (tx) => {
    const r = await registrantByToken(tx, token)
    const pending = r.seats.filter((x) => x.status === 'PENDING')
    const held = r.seats.some((x) => x.status === 'CONFIRMED')
    if (!pending.length) {
      if (held) return { confirmed: 0 }
      throw conflict('registration.errors.nothingToConfirm')
    }
    let confirmed = 0
    for (const s of pending) if (await engine.transition(tx, SESSION_KIND, s.id, ['PENDING'], 'CONFIRMED', now)) confirmed++
    if (!confirmed && !held) throw conflict('slots.errors.holdExpired')
    if (!r.confirmedAt) await tx.registrant.update({ where: { id: r.id }, data: { confirmedAt: now } })
    if (confirmed) await audit(tx, null, { action: 'registration.confirm', entityType: 'Registrant', entityId: r.id, after: { seats: confirmed } })
    return { confirmed }
  })
}

/**
 * Runs a change that may free places: its offers' mails, and `mails` of its own (the cancellation's), go into the
 * outbox in its transaction and are sent after it.
 */
async function release(db: Db, deps: RegistrationDeps, run: (tx: DbTx, now: Date, mails: OutboxMail[]) => Promise<SeatOffer[]>) {
  const now = deps.now ?? new Date()
  const keys = await db.$transaction(async (tx) => {
    const own: OutboxMail[] = []
    const offers = await run(tx, now, own)
    const mails = [...own, ...(await offerMails(tx, offers))]
    await enqueueMails(tx, mails)
    return mails.map((m) => m.key)
  }, RUSH_TX)
  if (keys.length) await flushOutbox(db, { keys, send: deps.send })
}

/**
 * Public: cancel the whole registration, or one session's seat; freed places go to that session's waiting list. The
 * registrant gets a cancellation mail naming the cancelled sessions, in the language they registered in (as their
 * other mails).
 */
export async function cancelByToken(db: Db, token: string, seatId: string | undefined, deps: RegistrationDeps = {}) {
  let cancelled = 0
  await release(db, deps, async (tx, now, mails) => {
    const r = await registrantByToken(tx, token)
    const seats = r.seats.filter((s) => (seatId ? s.id === seatId : true) && (ACTIVE_STATUSES as readonly string[]).includes(s.status))
    if (seatId && !seats.length) throw conflict('slots.errors.notActive')
    if (seats.some((s) => s.session.startsAt <= now)) throw conflict('slots.errors.slotPast')
    const offers: SeatOffer[] = []
    const ended: typeof seats = []
    for (const s of seats) {
      if (!(await engine.transition(tx, SESSION_KIND, s.id, [...ACTIVE_STATUSES], 'CANCELLED', now))) continue
      cancelled++
      ended.push(s)
      if (HOLDS_PLACE.includes(s.status)) offers.push(...(await engine.handOver(tx, SESSION_KIND, s.sessionId, s.places, now, registrationOffers)))
    }
    await audit(tx, null, { action: 'registration.cancelSeat', entityType: 'Registrant', entityId: r.id, after: { seats: cancelled } })
    await releaseIfInactive(tx, r.id, now)
    if (ended.length && r.email) {
      const event = await tx.calendarEvent.findUniqueOrThrow({ where: { id: r.registration.eventId }, select: { title: true } })
      const mail = registrationMail('cancelled', { to: r.email, name: r.name ?? '', event, sessions: ended.map(({ session: x }) => ({ title: x.title, startsAt: x.startsAt, endsAt: x.endsAt, room: x.room })), link: registrationLink(token), keepDays: registrantKeepDays(r.audience, r.registration.purgeAfterDays) }, pickLocale(r.locale))
      // A seat is cancelled once: its id keys the mail.
      mails.push({ ...mail, key: `registration.cancelled.${ended[0]!.id}` })
    }
    return offers
  })
  return { cancelled }
}

/** Public: accept an offered seat before the offer expires. */
export async function acceptOffer(db: Db, token: string, seatId: string, deps: RegistrationDeps = {}) {
  const now = deps.now ?? new Date()
  await db.$transaction(async (tx) => {
    const r = await registrantByToken(tx, token)
    const seat = r.seats.find((s) => s.id === seatId)
    if (!seat || seat.status !== 'OFFERED') throw conflict('slots.errors.notOffered')
    if (!(await engine.transition(tx, SESSION_KIND, seat.id, ['OFFERED'], 'CONFIRMED', now))) throw conflict('slots.errors.offerExpired')
    if (!r.confirmedAt) await tx.registrant.update({ where: { id: r.id }, data: { confirmedAt: now } })
    await audit(tx, null, { action: 'registration.acceptOffer', entityType: 'RegistrationSeat', entityId: seat.id, after: { status: 'CONFIRMED' } })
  })
  return { status: 'CONFIRMED' as const }
}

/** Public: decline an offered seat; it goes to the next on the session's waiting list. */
export async function declineOffer(db: Db, token: string, seatId: string, deps: RegistrationDeps = {}) {
  await release(db, deps, async (tx, now) => {
    const r = await registrantByToken(tx, token)
    const seat = r.seats.find((s) => s.id === seatId)
    if (!seat || !(await engine.transition(tx, SESSION_KIND, seatId, ['OFFERED'], 'DECLINED', now))) throw conflict('slots.errors.notOffered')
    await audit(tx, null, { action: 'registration.declineOffer', entityType: 'RegistrationSeat', entityId: seatId, after: { status: 'DECLINED' } })
    const offers = await engine.handOver(tx, SESSION_KIND, seat.sessionId, seat.places, now, registrationOffers)
    await releaseIfInactive(tx, r.id, now)
    return offers
  })
  return { status: 'DECLINED' as const }
}

/** Job: lapsed PENDING holds and offers expire; the engine hands their places to the waiting list (as for slots). */
export async function expireHolds(db: Db, deps: RegistrationDeps & { scope?: { sessionIds: string[] } } = {}): Promise<number> {
  const now = deps.now ?? new Date()
  // Tests run side by side on one database: they expire only their own sessions' holds.
  const scope = deps.scope ? Prisma.sql`AND "sessionId" IN (${Prisma.join(deps.scope.sessionIds)})` : Prisma.empty
  return engine.expireHolds(
    db,
    SESSION_KIND,
    now,
    {
      ...registrationOffers,
      mails: (tx, _unitId, offers) => offerMails(tx, offers),
      afterExpire: async (tx, seatId) => {
        const seat = await tx.registrationSeat.findUniqueOrThrow({ where: { id: seatId }, select: { registrantId: true } })
        await releaseIfInactive(tx, seat.registrantId, now)
      },
    },
    deps.send,
    scope,
  )
}

/**
 * Job: removes registrants' personal data (name, e-mail, free-text school, a professional's role, link, QR code)
 * after the event: pupils' and parents' the event's purge period after its end (as slot bookings: default 30 days,
 * never more than 365), professionals' after a year (their certificate). Audience, school, level, year, party size
 * and attendance stay, so the counts and show-up figures remain; the role goes, as the form's notice promises ("naam,
 * e-mailadres en functie"): with the school it often names one person. Open holds and waiting places of purged
 * registrants expire.
 */
export async function purgePersonalData(db: Db, deps: RegistrationDeps & { scope?: { registrationId: string } } = {}): Promise<number> {
  const now = deps.now ?? new Date()
  // Tests run side by side on one database: they purge only their own event's registrants.
  const scope = deps.scope ? Prisma.sql`AND g."id" = ${deps.scope.registrationId}` : Prisma.empty
  return db.$transaction(async (tx) => {
    const n = await tx.$executeRaw`
      UPDATE "Registrant" r
      SET "name" = NULL, "email" = NULL, "schoolOther" = NULL, "role" = NULL, "tokenHash" = NULL, "checkinCode" = NULL, "userId" = NULL,
          "purgedAt" = ${now}, "updatedAt" = ${now}
      FROM "RegistrationEvent" g
      WHERE r."registrationId" = g."id" AND r."purgedAt" IS NULL
        AND (SELECT max(s."endsAt") FROM "RegistrationSession" s WHERE s."registrationId" = g."id")
            < ${now}::timestamp - make_interval(days => CASE WHEN r."audience" = 'PROFESSIONAL' THEN ${PROFESSIONAL_KEEP_DAYS}::int
                                                         ELSE LEAST(g."purgeAfterDays", ${MAX_PURGE_DAYS}::int) END) ${scope}`
    if (n > 0) {
      await tx.$executeRaw`
        UPDATE "RegistrationSeat" SET "status" = 'EXPIRED', "updatedAt" = ${now}
        WHERE "status" IN ('PENDING', 'WAITLISTED', 'OFFERED') AND "registrantId" IN (SELECT "id" FROM "Registrant" WHERE "purgedAt" = ${now})`
      await audit(tx, null, { action: 'registration.purge', entityType: 'Registrant', entityId: 'batch', after: { purged: n } })
    }
    return n
  })
}
