/**
 * The one booking engine of Overstap: places of a bookable unit (a proefstudeer slot, a session of a calendar
 * event with registration) are taken, held, handed over, expired and released here, for every domain alike.
 *
 * A unit is a row with `capacity` and `confirmedCount` (the places held by its PENDING, CONFIRMED and OFFERED
 * bookings, weighted by the places each takes: a parent coming with three people takes three). A booking is a row
 * with the unit's id, a `SlotBookingStatus`, `waitlistedAt` and `offerExpiresAt`. Capacity is enforced by
 * PostgreSQL:
 *  - taking places is one conditional UPDATE (`confirmedCount + n <= capacity`) inside the booking's transaction,
 *    which locks the unit row until commit, so concurrent requests from any number of processes never oversell; a
 *    booking that finds the unit full takes the waiting-list lock (advisory, key `waitlist:<unit table>:<id>`,
 *    held until commit) before its WAITLISTED row is inserted, so waiting bookings of one unit are inserted one
 *    transaction at a time and the FIFO order (`waitlistedAt`, stamped at insert) is also the commit order. Both
 *    are written once per kind, in the database function that books it in one statement: `slot_book` (migration
 *    20261130133000_slot_book_function, last replaced by 20261130170000_slot_book_outbox_mail) and
 *    `registration_register` (20261201000900_registration_register, last replaced by 20261202110000_registration_party_fits,
 *    which also refuses a party larger than the whole capacity); a change to the rule is made in both;
 *  - every hand-over of freed places locks the unit row first (`FOR UPDATE`), so hand-overs of a unit happen one
 *    at a time, to the waiting list in FIFO order (`waitlistedAt`, `id`);
 *  - the trigger `bookable_capacity_guard` refuses a count above capacity whatever code path writes it.
 * Domains keep their own rows (pupils' fields, registrants' fields, links); they describe their tables to the
 * engine once (`BookableKind`) and pass hooks for what differs (a new link for an offer, the mails).
 */
import { Prisma } from '../db/generated/client.ts'
import { POOL_WAIT_MS, type Db, type DbTx } from '../db/client.ts'
import type { SlotBookingStatus } from '../db/generated/enums.ts'
import { audit } from '../db/audit.ts'
import { sendMail, type Mail } from '../mail/mailer.ts'
import { enqueueMails, flushOutbox, type OutboxMail, type OutboxTemplateMail } from '../mail/outbox.ts'
import { logger } from '../lib/logger.ts'

export const ACTIVE_STATUSES = ['PENDING', 'CONFIRMED', 'WAITLISTED', 'OFFERED'] as const satisfies SlotBookingStatus[]
/** Statuses that hold a place (counted in the unit's confirmedCount). */
export const HOLDS_PLACE: SlotBookingStatus[] = ['PENDING', 'CONFIRMED', 'OFFERED']
/** Statuses whose place is held only until `offerExpiresAt`; the expiry job moves the place on. */
export const TIMED_HOLDS = ['PENDING', 'OFFERED'] as const satisfies SlotBookingStatus[]

/**
 * Bookings of one unit queue on its row lock; in a rush (hundreds at once) a transaction may wait seconds for the
 * pool and the lock, so it gets more than Prisma's 2 s / 5 s defaults instead of failing: it waits for a connection as
 * long as the pool lets it (POOL_WAIT_MS).
 */
export const RUSH_TX = { maxWait: POOL_WAIT_MS, timeout: 30_000 }

/** The tables of one kind of bookable unit. Identifiers only: constants of the code, never user input. */
export type BookableKind = {
  /** Prefix of audit actions ("slots" → "slots.offer"). */
  name: string
  unitTable: 'Slot' | 'RegistrationSession'
  bookingTable: 'SlotBooking' | 'RegistrationSeat'
  /** The booking's column holding the unit id. */
  unitColumn: 'slotId' | 'sessionId'
  /** The booking's column with the number of places it takes; null: one place each. */
  placesColumn: 'places' | null
  /** The unit status in which places may be taken. */
  openStatus: 'PUBLISHED'
}

const id = (name: string) => Prisma.raw(`"${name}"`)
const placesOf = (k: BookableKind, alias = '') => (k.placesColumn ? Prisma.raw(`${alias ? `${alias}.` : ''}"${k.placesColumn}"`) : Prisma.raw('1'))

/**
 * A waiting booking that can ever get a place: it takes no more places than the unit's whole `capacity` (a number,
 * or the unit row's column in SQL). handOver passes over one that cannot (after the capacity was lowered below a
 * party) and a waiting-list position does not count it: the one rule for both.
 */
const canEverFit = (kind: BookableKind, capacity: number | Prisma.Sql, alias = '') => Prisma.sql`${placesOf(kind, alias)} <= ${capacity}`

/**
 * A waiting-list position (1 = next) of a WAITLISTED booking, null otherwise: the waiting bookings before it that
 * handOver will reach (canEverFit), and itself. A booking that can never fit has no position (it is passed over).
 */
export async function waitlistPosition(db: DbTx, kind: BookableKind, unitId: string, bookingId: string): Promise<number | null> {
  const rows = await db.$queryRaw<{ position: bigint }[]>`
    SELECT count(*) AS position FROM ${id(kind.bookingTable)} w, ${id(kind.bookingTable)} me, ${id(kind.unitTable)} u
    WHERE me."id" = ${bookingId} AND me."status" = 'WAITLISTED' AND u."id" = ${unitId} AND ${canEverFit(kind, Prisma.raw('u."capacity"'), 'me')}
      AND w.${id(kind.unitColumn)} = ${unitId} AND w."status" = 'WAITLISTED' AND ${canEverFit(kind, Prisma.raw('u."capacity"'), 'w')}
      AND (w."waitlistedAt", w."id") <= (me."waitlistedAt", me."id")`
  const n = Number(rows[0]?.position ?? 0)
  return n > 0 ? n : null
}

export type UnitRow = { id: string; startsAt: Date; confirmedCount: number; capacity: number }

/** What a domain does when the engine offers a waiting booking a place: a fresh link, the data for its mail. */
export type OfferHooks<O> = {
  /** Until when the offered place is held. */
  holdUntil: (tx: DbTx, unit: UnitRow, now: Date) => Promise<Date> | Date
  /** Called after the booking became OFFERED (same transaction): rotate its link, return what the mail needs. */
  onOffer: (tx: DbTx, bookingId: string, holdUntil: Date) => Promise<O | null>
}

/**
 * Places of a unit became free (a booking that held places cancelled, an offer declined or expired, capacity
 * raised): `freed` places (already counted in confirmedCount) are released, then the free places are offered to
 * the waiting list in FIFO order, each offer holding its places until `holdUntil`. Strict FIFO: a waiting booking
 * that could fit the unit (it takes no more places than the capacity) is never skipped; when it needs more places
 * than are free now, the ones behind it wait too, even those that would fit (a smaller party never overtakes a
 * larger one that came first). Only a booking that can never fit (a party larger than the whole capacity, after the
 * capacity was lowered below it) is passed over: it stays WAITLISTED in its place (the organiser may raise the
 * capacity again, or the registrant leaves the list) but no longer holds up the queue. Slot bookings take one place
 * each, so for them this changes nothing. After the unit started nobody is offered. Locks the unit row, so
 * hand-overs of one unit happen one at a time. Returns the offers made.
 */
export async function handOver<O>(tx: DbTx, kind: BookableKind, unitId: string, freed: number, now: Date, hooks: OfferHooks<O>): Promise<O[]> {
  const [unit] = await tx.$queryRaw<UnitRow[]>`
    SELECT "id", "startsAt", "confirmedCount", "capacity" FROM ${id(kind.unitTable)} WHERE "id" = ${unitId} FOR UPDATE`
  if (!unit) return []
  let count = unit.confirmedCount - freed
  if (freed) await tx.$executeRaw`UPDATE ${id(kind.unitTable)} SET "confirmedCount" = ${count}, "updatedAt" = (now() AT TIME ZONE 'UTC') WHERE "id" = ${unitId}`
  const offers: O[] = []
  if (unit.startsAt <= now) return offers
  for (;;) {
    const [next] = await tx.$queryRaw<{ id: string; places: number }[]>`
      SELECT "id", ${placesOf(kind)}::int AS "places" FROM ${id(kind.bookingTable)}
      WHERE ${id(kind.unitColumn)} = ${unitId} AND "status" = 'WAITLISTED' AND ${canEverFit(kind, unit.capacity)}
      ORDER BY "waitlistedAt", "id" LIMIT 1 FOR UPDATE`
    if (!next || count + next.places > unit.capacity) break
    count += next.places
    await tx.$executeRaw`UPDATE ${id(kind.unitTable)} SET "confirmedCount" = ${count}, "updatedAt" = (now() AT TIME ZONE 'UTC') WHERE "id" = ${unitId}`
    const holdUntil = await hooks.holdUntil(tx, unit, now)
    await tx.$executeRaw`
      UPDATE ${id(kind.bookingTable)} SET "status" = 'OFFERED', "offerExpiresAt" = ${holdUntil}, "updatedAt" = (now() AT TIME ZONE 'UTC') WHERE "id" = ${next.id}`
    await audit(tx, null, { action: `${kind.name}.offer`, entityType: kind.bookingTable, entityId: next.id, after: { unitId, offerExpiresAt: holdUntil } })
    const offer = await hooks.onOffer(tx, next.id, holdUntil)
    if (offer) offers.push(offer)
  }
  return offers
}

/**
 * Moves one booking from one of `from` to `to` with one conditional UPDATE, so two clicks cannot both succeed;
 * confirming a timed hold only while it holds. True when this call made the change.
 */
export async function transition(tx: DbTx, kind: BookableKind, bookingId: string, from: SlotBookingStatus[], to: SlotBookingStatus, now: Date): Promise<boolean> {
  const stillHeld = to === 'CONFIRMED' ? Prisma.sql`AND ("status" NOT IN ('PENDING', 'OFFERED') OR "offerExpiresAt" > ${now})` : Prisma.empty
  const n = await tx.$executeRaw`
    UPDATE ${id(kind.bookingTable)} SET "status" = ${to}::"SlotBookingStatus", "updatedAt" = (now() AT TIME ZONE 'UTC')
      ${to === 'CONFIRMED' ? Prisma.sql`, "offerExpiresAt" = NULL` : Prisma.empty}
    WHERE "id" = ${bookingId} AND "status"::text IN (${Prisma.join(from)}) ${stillHeld}`
  return n === 1
}

/** The places a booking takes (its `placesColumn`, or 1). */
export async function placesOfBooking(tx: DbTx, kind: BookableKind, bookingId: string): Promise<number> {
  const [row] = await tx.$queryRaw<{ places: number }[]>`SELECT ${placesOf(kind)}::int AS "places" FROM ${id(kind.bookingTable)} WHERE "id" = ${bookingId}`
  return row?.places ?? 1
}

/**
 * Job: timed holds (PENDING, OFFERED) whose time passed expire; their places move on to the waiting list (FIFO)
 * or are released. Idempotent: a conditional UPDATE per booking, so concurrent runs (or a confirmation at the same
 * moment) move each place once. The offers' mails are written to the outbox in the same transaction (a worker
 * killed after the commit loses no mail, a rerun offers nothing twice), then flushed.
 */
export async function expireHolds<O>(
  db: Db,
  kind: BookableKind,
  now: Date,
  hooks: OfferHooks<O> & { mails: (tx: DbTx, unitId: string, offers: O[]) => Promise<(OutboxMail | OutboxTemplateMail)[]>; afterExpire?: (tx: DbTx, bookingId: string) => Promise<void> },
  send?: (mail: Mail) => Promise<void>,
  /** An extra condition on the booking row (`AND …`), e.g. one institution's bookings (tests run side by side). */
  scope: Prisma.Sql = Prisma.empty,
): Promise<number> {
  const due = await db.$queryRaw<{ id: string; unitId: string }[]>`
    SELECT "id", ${id(kind.unitColumn)} AS "unitId" FROM ${id(kind.bookingTable)}
    WHERE "status" IN ('PENDING', 'OFFERED') AND "offerExpiresAt" <= ${now} ${scope} ORDER BY "offerExpiresAt" LIMIT 500`
  let expired = 0
  for (const d of due) {
    const keys = await db.$transaction(async (tx) => {
      const places = await placesOfBooking(tx, kind, d.id)
      const n = await tx.$executeRaw`
        UPDATE ${id(kind.bookingTable)} SET "status" = 'EXPIRED', "updatedAt" = (now() AT TIME ZONE 'UTC')
        WHERE "id" = ${d.id} AND "status" IN ('PENDING', 'OFFERED') AND "offerExpiresAt" <= ${now}`
      if (!n) return undefined
      await audit(tx, null, { action: `${kind.name}.expired`, entityType: kind.bookingTable, entityId: d.id, after: { status: 'EXPIRED' } })
      await hooks.afterExpire?.(tx, d.id)
      const offers = await handOver(tx, kind, d.unitId, places, now, hooks)
      const mails = offers.length ? await hooks.mails(tx, d.unitId, offers) : []
      await enqueueMails(tx, mails)
      return mails.map((m) => m.key)
    }, RUSH_TX)
    if (keys === undefined) continue
    expired++
    if (keys.length) await flushOutbox(db, { keys, send })
  }
  return expired
}

/** Sends mails after the transaction committed; a failing mail server does not undo a booking. */
export async function deliver(mails: Mail[], send: (mail: Mail) => Promise<void> = sendMail, domain = 'booking') {
  for (const m of mails)
    await send(m).catch((err: unknown) => {
      // No address in the log (the logger keeps only an address's domain): pupils are minors and logs are not purged.
      logger.error({ err, domain }, 'a booking mail failed')
    })
}

/** Show-up of bookings whose unit took place: present / (present + absent), with the counts. */
export function showUpRate(rows: { attendance: 'PRESENT' | 'ABSENT' | null }[]) {
  const present = rows.filter((r) => r.attendance === 'PRESENT').length
  const absent = rows.filter((r) => r.attendance === 'ABSENT').length
  return { present, absent, rate: present + absent ? present / (present + absent) : null }
}
