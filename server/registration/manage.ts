/**
 * The organiser's side of registration for a calendar event: turning it on with audiences and sessions, the
 * registrant list, messages to registrants, cancelling with notice, show-up figures.
 */
import { randomUUID } from 'node:crypto'
import type { Db, DbTx, Prisma } from '../db/client.ts'
import { audit } from '../db/audit.ts'
import type { Actor } from '../auth/policy.ts'
import { conflict, invalid } from '../lib/errors.ts'
import { fromAmsterdamRange } from '../lib/time.ts'
import { publicUrl } from '../lib/url.ts'
import { pickLocale, type Locale } from '../i18n/config.ts'
import type { Mail } from '../mail/mailer.ts'
import { enqueueMails, flushOutbox, type OutboxMail } from '../mail/outbox.ts'
import { ACTIVE_STATUSES, HOLDS_PLACE, handOver } from '../booking/engine.ts'
import { cancelEvent } from '../calendar/events.ts'
import { SESSION_KIND, loadManagedEvent, loadManagedRegistration } from './access.ts'
import { offerMails, registrationOffers } from './offers.ts'
import { organiserMessage, registrationMail } from './mail.ts'
import type { RegistrantsInput, SetupInput } from './schema.ts'
import { afterKeyset, keysetPage } from '../lib/keyset.ts'

export type RegistrationDeps = { now?: Date; send?: (mail: Mail) => Promise<void>; locale?: Locale }

export const registrationUrl = (eventId: string) => publicUrl(`/aanmelden/${eventId}`)

type Span = { startsAt: Date; endsAt: Date }
const overlaps = (a: Span, b: Span) => a.startsAt < b.endsAt && b.startsAt < a.endsAt

/** Sessions in one room may not overlap in time (a room is used by one session at a time). */
function assertRoomsFree(sessions: (Span & { room: string })[]) {
  for (let i = 0; i < sessions.length; i++)
    for (let j = i + 1; j < sessions.length; j++) {
      const [a, b] = [sessions[i]!, sessions[j]!]
      if (a.room && a.room.toLowerCase() === b.room.toLowerCase() && overlaps(a, b)) throw invalid('registration.errors.roomOverlap', { room: a.room })
    }
}

/** Picked sessions may not overlap: a registrant is in one place at a time. */
export function assertNoOverlap(sessions: Span[]) {
  const sorted = [...sessions].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
  for (let i = 1; i < sorted.length; i++) if (overlaps(sorted[i - 1]!, sorted[i]!)) throw invalid('registration.errors.sessionOverlap')
}

/**
 * Turns on registration for an event, or changes it: audiences (with their own capacity if wanted) and sessions
 * (time, room, capacity). Without sessions the event is one session over its own times. A session's capacity is
 * never set below its taken places; a raised capacity is offered to its waiting list at once. The event's
 * registration link (and so the ICS feeds' URL) becomes this registration.
 */
export async function setupRegistration(db: Db, actor: Actor, input: SetupInput, deps: RegistrationDeps = {}) {
  const now = deps.now ?? new Date()
  const event = await loadManagedEvent(db, actor, input.eventId)
  if (event.status === 'CANCELLED') throw invalid('calendar.errors.cancelled')
  const wanted = input.sessions.length
    ? input.sessions.map((s) => ({ id: s.id, title: s.title, ...fromAmsterdamRange({ date: s.date, time: s.startTime }, { date: s.date, time: s.endTime }), room: s.room, capacity: s.capacity }))
    : null
  if (wanted) assertRoomsFree(wanted)
  const firstStart = wanted ? Math.min(...wanted.map((s) => s.startsAt.getTime())) : event.startsAt.getTime()
  const closesAt = new Date(firstStart - input.closesHoursBefore * 3_600_000)

  const { id, offers } = await db.$transaction(async (tx) => {
    let reg = await tx.registrationEvent.findUnique({ where: { eventId: event.id }, include: { sessions: true } })
    if (reg?.status === 'CANCELLED') throw invalid('registration.errors.cancelled')
    if (!reg) reg = await tx.registrationEvent.create({ data: { eventId: event.id, opensAt: now, closesAt, createdById: actor.userId }, include: { sessions: true } })
    else await tx.registrationEvent.update({ where: { id: reg.id }, data: { closesAt } })
    const regId = reg.id

    // Audiences: the listed ones (their taken count stays), the others removed.
    for (const a of input.audiences) {
      const data = { levels: a.levels, schoolYears: a.schoolYears, maxPartySize: a.kind === 'PARENT' ? a.maxPartySize : 1, capacity: a.capacity }
      try {
        await tx.registrationAudience.upsert({ where: { registrationId_kind: { registrationId: regId, kind: a.kind } }, create: { registrationId: regId, kind: a.kind, ...data }, update: data })
      } catch (err) {
        if (String((err as Error).message).includes('over capacity')) throw conflict('registration.errors.capacityBelowTaken')
        throw err
      }
    }
    await tx.registrationAudience.deleteMany({ where: { registrationId: regId, kind: { notIn: input.audiences.map((a) => a.kind) } } })

    // Sessions.
    const sessions: { id?: string; title: string; startsAt: Date; endsAt: Date; room: string; capacity: number }[] = wanted ?? [
      { id: reg.sessions.length === 1 ? reg.sessions[0]!.id : undefined, title: event.title, startsAt: event.startsAt, endsAt: event.endsAt, room: '', capacity: input.capacity ?? event.capacity ?? 0 },
    ]
    if (!wanted && !sessions[0]!.capacity) throw invalid('registration.errors.capacityRequired')
    const keep = new Set<string>()
    const offers = []
    for (const s of sessions) {
      const existing = s.id ? reg.sessions.find((x) => x.id === s.id) : undefined
      if (s.id && !existing) throw invalid('registration.errors.sessionNotFound')
      if (!existing) {
        const created = await tx.registrationSession.create({ data: { registrationId: regId, title: s.title, startsAt: s.startsAt, endsAt: s.endsAt, room: s.room, capacity: s.capacity } })
        keep.add(created.id)
        continue
      }
      keep.add(existing.id)
      if (s.capacity < existing.confirmedCount) throw conflict('registration.errors.capacityBelowTaken')
      await tx.registrationSession.update({ where: { id: existing.id }, data: { title: s.title, startsAt: s.startsAt, endsAt: s.endsAt, room: s.room, capacity: s.capacity } })
      if (s.capacity > existing.capacity) offers.push(...(await handOver(tx, SESSION_KIND, existing.id, 0, now, registrationOffers)))
    }
    const removed = reg.sessions.filter((s) => !keep.has(s.id))
    if (removed.length) {
      const busy = await tx.registrationSeat.count({ where: { sessionId: { in: removed.map((s) => s.id) }, status: { in: [...ACTIVE_STATUSES] } } })
      if (busy) throw conflict('registration.errors.sessionHasRegistrants')
      await tx.registrationSession.deleteMany({ where: { id: { in: removed.map((s) => s.id) } } })
    }
    // Subscribers of the ICS feeds get the registration URL (SEQUENCE bumped when it changes).
    const url = registrationUrl(event.id)
    await tx.calendarEvent.updateMany({ where: { id: event.id, OR: [{ registrationUrl: null }, { registrationUrl: { not: url } }] }, data: { registrationUrl: url, sequence: { increment: 1 } } })
    await audit(tx, actor, {
      action: 'registration.setup',
      entityType: 'RegistrationEvent',
      entityId: regId,
      organisationId: event.organisers[0]?.organisationId ?? null,
      after: { eventId: event.id, audiences: input.audiences.map((a) => a.kind), sessions: sessions.length },
    })
    const mails = await offerMails(tx, offers)
    await enqueueMails(tx, mails)
    return { id: regId, offers: mails.map((m) => m.key) }
  })
  if (offers.length) await flushOutbox(db, { keys: offers, send: deps.send })
  return { id }
}

/** The organiser's view: settings, audiences, sessions with their counts and show-up. */
export async function getRegistration(db: Db, actor: Actor, eventId: string) {
  const { event, registration } = await loadManagedRegistration(db, actor, eventId)
  if (!registration) return { event, registration: null, sessions: [] }
  const counts = await db.registrationSeat.groupBy({ by: ['sessionId', 'status', 'attendance'], where: { session: { registrationId: registration.id } }, _sum: { places: true }, _count: { _all: true } })
  const now = new Date()
  const sessions = registration.sessions.map((s) => {
    const of = (pred: (c: (typeof counts)[number]) => boolean) => counts.filter((c) => c.sessionId === s.id && pred(c)).reduce((n, c) => n + (c._sum.places ?? 0), 0)
    const confirmed = of((c) => c.status === 'CONFIRMED')
    const present = of((c) => c.attendance === 'PRESENT')
    return {
      ...s,
      free: s.capacity - s.confirmedCount,
      confirmed,
      pending: of((c) => c.status === 'PENDING' || c.status === 'OFFERED'),
      waitlisted: of((c) => c.status === 'WAITLISTED'),
      present,
      // Show-up once the session started: present of the confirmed places (as the slots' show-up rates).
      showUp: s.startsAt <= now && confirmed ? present / confirmed : null,
    }
  })
  return { event, registration, sessions }
}

const registrantStatusWhere = (input: RegistrantsInput): Prisma.RegistrantWhereInput => {
  const seat: Prisma.RegistrationSeatWhereInput = {
    ...(input.sessionId ? { sessionId: input.sessionId } : {}),
    ...(input.status ? { status: input.status } : {}),
    ...(input.attendance === 'PRESENT' ? { attendance: 'PRESENT' } : input.attendance === 'NONE' ? { attendance: null } : {}),
  }
  return Object.keys(seat).length ? { seats: { some: seat } } : {}
}

/** The registrant list: search by name, e-mail or school; filters by audience, session, status and attendance. */
export async function listRegistrants(db: DbTx, actor: Actor, input: RegistrantsInput) {
  const { event, registration } = await loadManagedRegistration(db, actor, input.eventId)
  if (!registration) return { event, registrants: [], total: 0, nextCursor: null }
  const q = input.q?.trim()
  const where: Prisma.RegistrantWhereInput = {
    registrationId: registration.id,
    ...(input.audience ? { audience: input.audience } : {}),
    ...registrantStatusWhere(input),
    ...(q ? { OR: [{ name: { contains: q, mode: 'insensitive' } }, { email: { contains: q, mode: 'insensitive' } }, { schoolOther: { contains: q, mode: 'insensitive' } }] } : {}),
  }
  // A page at a time in registration order (keyset: createdAt, id); the total counts the whole filtered list.
  const [read, total] = await Promise.all([
    db.registrant.findMany({
      where: input.cursor ? { AND: [where, afterKeyset('createdAt', new Date(input.cursor.key), input.cursor.id)] } : where,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: input.limit + 1,
      select: {
        id: true,
        audience: true,
        name: true,
        email: true,
        schoolId: true,
        schoolOther: true,
        level: true,
        year: true,
        partySize: true,
        role: true,
        confirmedAt: true,
        createdAt: true,
        purgedAt: true,
        seats: { select: { id: true, sessionId: true, status: true, attendance: true, checkedInAt: true, places: true }, orderBy: { createdAt: 'asc' } },
      },
    }),
    db.registrant.count({ where }),
  ])
  const { items: rows, nextCursor } = keysetPage(read, input.limit, (r) => r.createdAt)
  const schoolIds = [...new Set(rows.map((r) => r.schoolId).filter((s): s is string => !!s))]
  const schools = new Map((await db.organisation.findMany({ where: { id: { in: schoolIds } }, select: { id: true, name: true } })).map((o) => [o.id, o.name]))
  return { event, registrants: rows.map((r) => ({ ...r, school: (r.schoolId ? schools.get(r.schoolId) : r.schoolOther) ?? null })), total, nextCursor }
}

/** Active registrants of the event (or of one session) with an address: whom a message or a cancellation reaches. */
async function activeAddresses(tx: DbTx, registrationId: string, sessionId?: string) {
  return tx.registrant.findMany({
    where: { registrationId, email: { not: null }, seats: { some: { status: { in: [...ACTIVE_STATUSES] }, ...(sessionId ? { sessionId } : {}) } } },
    select: { id: true, email: true, name: true, locale: true },
  })
}

/** A message from the organiser to all active registrants of the event or of one session, through the mail outbox. */
export async function messageRegistrants(db: Db, actor: Actor, input: { eventId: string; sessionId?: string; subject: string; body: string }, deps: RegistrationDeps = {}) {
  const { event, registration } = await loadManagedRegistration(db, actor, input.eventId)
  if (!registration) throw invalid('registration.errors.notEnabled')
  if (input.sessionId && !registration.sessions.some((s) => s.id === input.sessionId)) throw invalid('registration.errors.sessionNotFound')
  const batch = randomUUID()
  const keys = await db.$transaction(async (tx) => {
    const to = await activeAddresses(tx, registration.id, input.sessionId)
    const mails: OutboxMail[] = to.map((r) => ({ ...organiserMessage({ to: r.email!, event, subject: input.subject, body: input.body }, pickLocale(r.locale)), key: `registration.message.${batch}.${r.id}` }))
    await enqueueMails(tx, mails)
    // The message text is the organiser's, but it may name pupils: the audit row keeps only the count.
    await audit(tx, actor, { action: 'registration.message', entityType: 'RegistrationEvent', entityId: registration.id, after: { sessionId: input.sessionId ?? null, recipients: mails.length } })
    return mails.map((m) => m.key)
  })
  if (keys.length) await flushOutbox(db, { keys, send: deps.send })
  return { recipients: keys.length }
}

/**
 * Cancels the event (through the calendar, so it shows as cancelled in every calendar and feed) and its
 * registration: every active seat is cancelled and every registrant with one gets a notice (outbox).
 */
export async function cancelRegistration(db: Db, actor: Actor, eventId: string, deps: RegistrationDeps = {}) {
  const event = await loadManagedEvent(db, actor, eventId)
  if (event.status !== 'CANCELLED') await cancelEvent(db, actor, eventId)
  const registration = await db.registrationEvent.findUnique({ where: { eventId }, include: { sessions: true } })
  if (!registration || registration.status === 'CANCELLED') return { notified: 0 }
  const now = deps.now ?? new Date()
  const keys = await db.$transaction(async (tx) => {
    const to = await activeAddresses(tx, registration.id)
    const seats = await tx.registrationSeat.findMany({ where: { session: { registrationId: registration.id }, status: { in: [...ACTIVE_STATUSES] } }, select: { registrantId: true, status: true, session: { select: { title: true, startsAt: true, endsAt: true, room: true } } } })
    await tx.registrationEvent.update({ where: { id: registration.id }, data: { status: 'CANCELLED', cancelledAt: now } })
    await tx.registrationSeat.updateMany({ where: { session: { registrationId: registration.id }, status: { in: [...ACTIVE_STATUSES] } }, data: { status: 'CANCELLED' } })
    await tx.registrationSession.updateMany({ where: { registrationId: registration.id }, data: { status: 'CANCELLED', confirmedCount: 0 } })
    await tx.registrationAudience.updateMany({ where: { registrationId: registration.id }, data: { confirmedCount: 0 } })
    await tx.registrant.updateMany({ where: { registrationId: registration.id, cancelledAt: null }, data: { cancelledAt: now } })
    const mails: OutboxMail[] = to.map((r) => ({
      ...registrationMail('eventCancelled', { to: r.email!, name: r.name ?? '', event, sessions: seats.filter((s) => s.registrantId === r.id && HOLDS_PLACE.concat('WAITLISTED').includes(s.status)).map((s) => s.session) }, pickLocale(r.locale)),
      key: `registration.cancelled.${registration.id}.${r.id}`,
    }))
    await enqueueMails(tx, mails)
    await audit(tx, actor, { action: 'registration.cancel', entityType: 'RegistrationEvent', entityId: registration.id, before: { status: 'OPEN' }, after: { status: 'CANCELLED', notified: mails.length } })
    return mails.map((m) => m.key)
  })
  if (keys.length) await flushOutbox(db, { keys, send: deps.send })
  return { notified: keys.length }
}
