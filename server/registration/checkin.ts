/**
 * Check-in on the day. The organiser's phone scans a confirmation's QR (the registrant's check-in code) or finds
 * the registrant by name; a check-in is one conditional UPDATE of the seat's attendance, so a second scan of the
 * same code (also from a second phone, or a queued offline scan synced later) is reported as already checked in
 * and never counted twice.
 */
import { Prisma } from '../db/generated/client.ts'
import { rawRows, type Db } from '../db/client.ts'
import type { Actor } from '../auth/policy.ts'
import { forbidden, notFound } from '../lib/errors.ts'
import { mayEdit } from '../calendar/events.ts'
import { HOLDS_PLACE } from '../booking/engine.ts'
import { loadManagedSession } from './access.ts'
import type { CheckInInput } from './schema.ts'
import { epochMs } from '../db/epoch.ts'
import { toAmsterdam } from '../lib/time.ts'

/**
 * A scan's answer. NOT_ITS_DAY: the scan was not made on the session's day (Amsterdam), so it is not taken as presence —
 * "present" and the certificate of attendance it leads to mean the person was there, not that a code was scanned
 * weeks before (or after) the day.
 */
export type CheckInResult = { result: 'CHECKED_IN' | 'ALREADY' | 'NOT_REGISTERED' | 'UNKNOWN' | 'NOT_ITS_DAY'; name: string | null; places: number; checkedInAt: Date | null }

/** A session's day(s) in Amsterdam: the dates a check-in may be made on (a session may run past midnight). */
type SessionDays = { first: string; last: string }

/**
 * The registration of a session the actor organises (the calendar's edit rule, `mayEdit`: staff of an organising
 * organisation or the coordinator of its regions), read in one statement; NOT_FOUND / FORBIDDEN otherwise.
 */
async function checkInRegistration(db: Db, actor: Actor, sessionId: string): Promise<{ registrationId: string; days: SessionDays }> {
  const [row] = await rawRows<{ registrationId: string; startsAtMs: number; endsAtMs: number; organisers: { organisationId: string }[]; regions: { regionId: string }[] }>(
    db,
    Prisma.sql`SELECT s."registrationId", ${epochMs('s."startsAt"', 'float')} AS "startsAtMs", ${epochMs('s."endsAt"', 'float')} AS "endsAtMs",
        COALESCE((SELECT json_agg(json_build_object('organisationId', o."organisationId")) FROM "CalendarEventOrganiser" o WHERE o."eventId" = e."eventId"), '[]') AS organisers,
        COALESCE((SELECT json_agg(json_build_object('regionId', r."regionId")) FROM "CalendarEventRegion" r WHERE r."eventId" = e."eventId"), '[]') AS regions
      FROM "RegistrationSession" s JOIN "RegistrationEvent" e ON e."id" = s."registrationId" WHERE s."id" = ${sessionId}`,
  )
  if (!row) throw notFound()
  if (!mayEdit(actor, row)) throw forbidden()
  // The end is exclusive: a session until midnight ends on its own day.
  return { registrationId: row.registrationId, days: { first: toAmsterdam(new Date(row.startsAtMs)).date, last: toAmsterdam(new Date(Math.max(row.startsAtMs, row.endsAtMs - 1))).date } }
}

type ScanRow = { name: string; seatId: string | null; holds: boolean | null; places: number | null; present: boolean; checkedInAtMs: number | null; updated: boolean }

/**
 * One scan as ONE statement: the registrant (by check-in code or id, within the registration), their seat in the
 * session, the conditional UPDATE of its attendance (only from none or ABSENT, so a second scan, also from another
 * phone or a queued offline scan, never counts twice: a concurrent scan waits for the row and re-checks it) and the
 * audit entry, written together or not at all. No personal data in the audit entry.
 */
async function checkInOne(db: Db, actor: Actor, { registrationId, days }: { registrationId: string; days: SessionDays }, input: CheckInInput): Promise<CheckInResult> {
  const at = input.at && input.at <= new Date() ? input.at : new Date()
  const day = toAmsterdam(at).date
  if (day < days.first || day > days.last) return { result: 'NOT_ITS_DAY', name: null, places: 0, checkedInAt: null }
  const who = input.code ? Prisma.sql`r."checkinCode" = ${input.code}` : Prisma.sql`r."id" = ${input.registrantId ?? ''}`
  const [row] = await rawRows<ScanRow>(
    db,
    Prisma.sql`WITH r AS (SELECT r."id", r."name" FROM "Registrant" r WHERE r."registrationId" = ${registrationId} AND ${who}),
      s AS (SELECT s."id", s."status"::text = ANY(${HOLDS_PLACE}::text[]) AS holds, s."places", s."attendance", s."checkedInAt" FROM "RegistrationSeat" s JOIN r ON s."registrantId" = r."id" WHERE s."sessionId" = ${input.sessionId}),
      u AS (UPDATE "RegistrationSeat" t SET "attendance" = 'PRESENT', "checkedInAt" = ${at}::timestamp
             FROM s WHERE t."id" = s."id" AND s.holds AND (t."attendance" IS NULL OR t."attendance" = 'ABSENT')
             RETURNING t."id"),
      a AS (INSERT INTO "AuditLog" ("actorId", "action", "entityType", "entityId", "after", "at")
             SELECT ${actor.userId}, 'registration.checkIn', 'RegistrationSeat', u."id", '{"attendance":"PRESENT"}'::jsonb, now() FROM u)
      SELECT r."name", s."id" AS "seatId", s.holds, s."places", s."attendance" = 'PRESENT' AS present,
             ${epochMs('s."checkedInAt"', 'float')} AS "checkedInAtMs", EXISTS (SELECT 1 FROM u) AS updated
        FROM r LEFT JOIN s ON true`,
  )
  if (!row) return { result: 'UNKNOWN', name: null, places: 0, checkedInAt: null }
  if (!row.seatId || !row.holds) return { result: 'NOT_REGISTERED', name: row.name, places: 0, checkedInAt: null }
  if (row.updated) return { result: 'CHECKED_IN', name: row.name, places: row.places ?? 0, checkedInAt: at }
  // Already present: when, as this statement saw it; a scan that raced another one (present only after this
  // statement's snapshot) reads the time the other one wrote.
  const checkedInAtMs = row.present
    ? row.checkedInAtMs
    : ((await rawRows<{ ms: number | null }>(db, Prisma.sql`SELECT ${epochMs('"checkedInAt"', 'float')} AS ms FROM "RegistrationSeat" WHERE "id" = ${row.seatId}`))[0]?.ms ?? null)
  return { result: 'ALREADY', name: row.name, places: row.places ?? 0, checkedInAt: checkedInAtMs === null ? null : new Date(checkedInAtMs) }
}

export async function checkIn(db: Db, actor: Actor, input: CheckInInput): Promise<CheckInResult> {
  return checkInOne(db, actor, await checkInRegistration(db, actor, input.sessionId), input)
}

/** The offline queue's sync: each item as one check-in, in the order they were recorded. */
export async function checkInBatch(db: Db, actor: Actor, items: CheckInInput[]): Promise<CheckInResult[]> {
  const sessions = new Map<string, Awaited<ReturnType<typeof checkInRegistration>>>()
  const out: CheckInResult[] = []
  for (const item of items) {
    if (!sessions.has(item.sessionId)) sessions.set(item.sessionId, await checkInRegistration(db, actor, item.sessionId))
    out.push(await checkInOne(db, actor, sessions.get(item.sessionId)!, item))
  }
  return out
}

/** Search by name (or e-mail) among the session's registrants with a place; 20 at most. */
export async function checkinSearch(db: Db, actor: Actor, input: { sessionId: string; q: string }) {
  await checkInRegistration(db, actor, input.sessionId)
  const rows = await db.registrationSeat.findMany({
    where: {
      sessionId: input.sessionId,
      status: { in: HOLDS_PLACE },
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
  const rows = await db.registrationSeat.groupBy({ by: ['attendance'], where: { sessionId, status: { in: HOLDS_PLACE } }, _sum: { places: true } })
  const expected = rows.reduce((n, r) => n + (r._sum.places ?? 0), 0)
  const present = rows.filter((r) => r.attendance === 'PRESENT').reduce((n, r) => n + (r._sum.places ?? 0), 0)
  const all = await db.registrationSession.findMany({ where: { registrationId: session.registrationId }, select: { id: true, title: true, startsAt: true, endsAt: true, room: true }, orderBy: { startsAt: 'asc' } })
  return { session: { id: session.id, title: session.title, startsAt: session.startsAt, endsAt: session.endsAt, room: session.room, eventId: session.registration.eventId }, sessions: all, expected, present }
}
