import type { DbTx } from '../db/client.ts'
import type { Actor } from '../auth/policy.ts'
import { forbidden, notFound } from '../lib/errors.ts'
import { mayEdit } from '../calendar/events.ts'
import type { BookableKind } from '../booking/engine.ts'

/** A session is a bookable unit of the shared engine; a seat takes `places` places (a parent's party). */
export const SESSION_KIND: BookableKind = { name: 'registration', unitTable: 'RegistrationSession', bookingTable: 'RegistrationSeat', unitColumn: 'sessionId', placesColumn: 'places', openStatus: 'PUBLISHED' }

export const eventSelect = {
  id: true,
  title: true,
  type: true,
  status: true,
  startsAt: true,
  endsAt: true,
  locationAddress: true,
  capacity: true,
  sequence: true,
  organisers: { select: { organisationId: true, organisation: { select: { name: true } } } },
  regions: { select: { regionId: true, decision: true } },
} as const

/**
 * Loads an event for its organiser: the staff of an organising organisation or the coordinator of its regions
 * (the calendar's own edit rule). Another tenant's event is FORBIDDEN.
 */
export async function loadManagedEvent(db: DbTx, actor: Actor, eventId: string) {
  const event = await db.calendarEvent.findUnique({ where: { id: eventId }, select: eventSelect })
  if (!event) throw notFound()
  if (!mayEdit(actor, event)) throw forbidden()
  return event
}

/** The event's registration with its audiences and sessions, for an organiser (null when not turned on). */
export async function loadManagedRegistration(db: DbTx, actor: Actor, eventId: string) {
  const event = await loadManagedEvent(db, actor, eventId)
  const registration = await db.registrationEvent.findUnique({
    where: { eventId },
    include: { audiences: { orderBy: { kind: 'asc' } }, sessions: { orderBy: [{ startsAt: 'asc' }, { id: 'asc' }] } },
  })
  return { event, registration }
}

/** Registration of a session the actor organises (for check-in), FORBIDDEN otherwise. */
export async function loadManagedSession(db: DbTx, actor: Actor, sessionId: string) {
  const session = await db.registrationSession.findUnique({ where: { id: sessionId }, include: { registration: { select: { id: true, eventId: true } } } })
  if (!session) throw notFound()
  await loadManagedEvent(db, actor, session.registration.eventId)
  return session
}
