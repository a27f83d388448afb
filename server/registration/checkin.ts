/**
 * Check-in on the day. The organiser's phone scans a confirmation's QR (the registrant's check-in code) or finds
 * the registrant by name; a check-in is one conditional UPDATE of the seat's attendance, so a second scan of the
 * same code (also from a second phone, or a queued offline scan synced later) is reported as already checked in
 * and never counted twice.
 */
import type { Db } from '../db/client.ts'
import { audit } from '../db/audit.ts'
import type { Actor } from '../auth/policy.ts'
import { loadManagedSession } from './access.ts'
import type { CheckInInput } from './schema.ts'

export type CheckInResult = { result: 'CHECKED_IN' | 'ALREADY' | 'NOT_REGISTERED' | 'UNKNOWN'; name: string | null; places: number; checkedInAt: Date | null }

async function checkInOne(db: Db, actor: Actor, registrationId: string, input: CheckInInput): Promise<CheckInResult> {
  const registrant = await db.registrant.findFirst({
    where: { registrationId, ...(input.code ? { checkinCode: input.code } : { id: input.registrantId }) },
    select: { id: true, name: true, seats: { where: { sessionId: input.sessionId }, select: { id: true, status: true, places: true, attendance: true, checkedInAt: true } } },
  })
  if (!registrant) return { result: 'UNKNOWN', name: null, places: 0, checkedInAt: null }
  const seat = registrant.seats[0]
  if (!seat || !['CONFIRMED', 'PENDING', 'OFFERED'].includes(seat.status)) return { result: 'NOT_REGISTERED', name: registrant.name, places: 0, checkedInAt: null }
  const at = input.at && input.at <= new Date() ? input.at : new Date()
  const { count } = await db.registrationSeat.updateMany({ where: { id: seat.id, OR: [{ attendance: null }, { attendance: 'ABSENT' }] }, data: { attendance: 'PRESENT', checkedInAt: at } })
  if (!count) {
    const now = await db.registrationSeat.findUniqueOrThrow({ where: { id: seat.id }, select: { checkedInAt: true } })
    return { result: 'ALREADY', name: registrant.name, places: seat.places, checkedInAt: now.checkedInAt }
  }
  await audit(db, actor, { action: 'registration.checkIn', entityType: 'RegistrationSeat', entityId: seat.id, after: { attendance: 'PRESENT' } })
  return { result: 'CHECKED_IN', name: registrant.name, places: seat.places, checkedInAt: at }
}

export async function checkIn(db: Db, actor: Actor, input: CheckInInput): Promise<CheckInResult> {
  const session = await loadManagedSession(db, actor, input.sessionId)
  return checkInOne(db, actor, session.registrationId, input)
}

/** The offline queue's sync: each item as one check-in, in the order they were recorded. */
export async function checkInBatch(db: Db, actor: Actor, items: CheckInInput[]): Promise<CheckInResult[]> {
  const sessions = new Map<string, string>()
  const out: CheckInResult[] = []
  for (const item of items) {
    if (!sessions.has(item.sessionId)) sessions.set(item.sessionId, (await loadManagedSession(db, actor, item.sessionId)).registrationId)
    out.push(await checkInOne(db, actor, sessions.get(item.sessionId)!, item))
  }
  return out
}

/** Search by name (or e-mail) among the session's registrants with a place; 20 at most. */
export async function checkinSearch(db: Db, actor: Actor, input: { sessionId: string; q: string }) {
  await loadManagedSession(db, actor, input.sessionId)
  const rows = await db.registrationSeat.findMany({
    where: {
      sessionId: input.sessionId,
      status: { in: ['CONFIRMED', 'PENDING', 'OFFERED'] },
      registrant: { OR: [{ name: { contains: input.q, mode: 'insensitive' } }, { email: { startsWith: input.q.toLowerCase() } }] },
    },
    select: { places: true, attendance: true, checkedInAt: true, registrant: { select: { id: true, name: true, audience: true } } },
    orderBy: { registrant: { name: 'asc' } },
    take: 20,
  })
  return rows.map((r) => ({ registrantId: r.registrant.id, name: r.registrant.name, audience: r.registrant.audience, places: r.places, present: r.attendance === 'PRESENT', checkedInAt: r.checkedInAt }))
}

/** Counts for the check-in page's header: places expected and present in the session. */
export async function checkinSummary(db: Db, actor: Actor, sessionId: string) {
  const session = await loadManagedSession(db, actor, sessionId)
  const rows = await db.registrationSeat.groupBy({ by: ['attendance'], where: { sessionId, status: { in: ['CONFIRMED', 'PENDING', 'OFFERED'] } }, _sum: { places: true } })
  const expected = rows.reduce((n, r) => n + (r._sum.places ?? 0), 0)
  const present = rows.filter((r) => r.attendance === 'PRESENT').reduce((n, r) => n + (r._sum.places ?? 0), 0)
  const all = await db.registrationSession.findMany({ where: { registrationId: session.registrationId }, select: { id: true, title: true, startsAt: true, endsAt: true, room: true }, orderBy: { startsAt: 'asc' } })
  return { session: { id: session.id, title: session.title, startsAt: session.startsAt, endsAt: session.endsAt, room: session.room, eventId: session.registration.eventId }, sessions: all, expected, present }
}
