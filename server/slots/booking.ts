/**
 * Booking a slot without an account, and everything that moves a place: confirm, cancel, waiting list, offers,
 * expiry, purge. Capacity is enforced by PostgreSQL: a booking takes a place with one conditional UPDATE
 * (`confirmedCount < capacity`) inside its transaction, and every hand-over of a freed place locks the slot row
 * first, so concurrent requests from any number of processes can never oversell (a database trigger backs it up).
 *
 * A public booking that gets a place holds it as PENDING for the institution's hold time (default 30 minutes)
 * until the pupil confirms through the e-mailed link; a hold that lapses expires in the same job and by the same
 * hand-over as a waiting-list offer, so the place goes to the first on the waiting list (FIFO). PENDING counts
 * in confirmedCount like CONFIRMED and OFFERED: one capacity path for all three.
 */
import { randomUUID } from 'node:crypto'
import { sqlOf, type Db, type DbTx } from '../db/client.ts'
import { Prisma } from '../db/generated/client.ts'
import type { SlotBookingStatus } from '../db/generated/enums.ts'
import { audit } from '../db/audit.ts'
import { authorize, type Actor } from '../auth/policy.ts'
import { AppError, conflict, invalid, notFound } from '../lib/errors.ts'
import { env } from '../env.ts'
import { metrics } from '../lib/metrics.ts'
import { isLocale, type Locale } from '../i18n/config.ts'
import type { Mail } from '../mail/mailer.ts'
import { enqueueMails, flushOutbox, type OutboxTemplateMail } from '../mail/outbox.ts'
import * as engine from '../booking/engine.ts'
import { ACTIVE_STATUSES, HOLDS_PLACE, RUSH_TX, TIMED_HOLDS, type BookableKind, type OfferHooks } from '../booking/engine.ts'
import { DEFAULT_PURGE_DAYS, MAX_PURGE_DAYS, SCHOOL_OTHER, type BookInput } from './schema.ts'
import { hashBookingToken, newBookingToken } from '../booking/token.ts'
import { bookingMail, bookingMailTemplate, bookingStatusMail, type BookingMailKind, type MailSlot } from './mail.ts'
import { checkConsumed, consumeInStatement, type RateLimit } from '../lib/rate-limit.ts'
import { notify } from '../notifications/notify.ts'

export { ACTIVE_STATUSES }

/** A slot is a bookable unit of the shared engine (server/booking/engine.ts); one place per booking. */
export const SLOT_KIND: BookableKind = { name: 'slots', unitTable: 'Slot', bookingTable: 'SlotBooking', unitColumn: 'slotId', placesColumn: null, openStatus: 'PUBLISHED' }

/**
 * `scope`: a job run limited to one institution's bookings (tests run side by side on one database).
 * `send`: the caller delivers the mails itself (after the commit). Every slot mail goes into the transactional outbox
 * in the transaction of the change that causes it (a booking's own mail inside the booking's statement, see
 * bookSlot; offers and cancellations as template rows, see slotMail) and the worker renders and sends it; with
 * `send` the booking's own mail is rendered and sent through it instead, and the other mails are flushed from the
 * outbox through it after the commit (sendSlotMails).
 * `rateLimit`: the public booking's per-IP point, consumed in the booking's first statement (bookReadLimited);
 * `consumed` tells the caller it was (server/slots/router.ts consumes it itself for a request that never got there).
 * `addressProven`: the caller proved the pupil's address (the participation's personal link,
 * server/participation/link.ts): a place is confirmed at once (no PENDING hold), and a hold the database still makes
 * (a school's reserved place, the participation trigger) the caller confirms right after; the mail is "confirmed".
 */
export type SlotDeps = { now?: Date; send?: (mail: Mail) => Promise<void>; locale?: Locale; scope?: { organisationId: string }; rateLimit?: BookingRateLimit; addressProven?: boolean }
export type BookingRateLimit = { limit: RateLimit; key: string; consumed: boolean }
const scopeSql = (deps: SlotDeps, alias: string) => (deps.scope ? Prisma.sql`AND ${Prisma.raw(alias)}."organisationId" = ${deps.scope.organisationId}` : Prisma.empty)

export type SlotQuestion = { id: string; label: string; required: boolean }

export const DEFAULT_SETTINGS = { maxActiveBookings: 1, limitScope: 'PROGRAMME', limitPeriodDays: 365, purgeAfterDays: DEFAULT_PURGE_DAYS, offerHoldHours: 24, pendingHoldMinutes: 30, maxPerSlotPerDomain: 10 } as const

export async function settingsFor(db: DbTx, organisationId: string) {
  const row = await db.slotSettings.findUnique({ where: { organisationId } })
  return row ?? { organisationId, ...DEFAULT_SETTINGS }
}

/** Sends mails after the transaction committed; a failing mail server does not undo a booking. */
async function deliver(mails: Mail[], deps: SlotDeps = {}) {
  await engine.deliver(mails, deps.send, 'slots')
}

/**
 * After the commit, the outbox mails a change wrote (`keys`): the worker's outbox poll sends them within seconds;
 * a caller that delivers mail itself (deps.send) gets them now, through it. Nothing is rendered or sent otherwise.
 */
export async function sendSlotMails(db: Db, keys: string[], deps: { send?: (mail: Mail) => Promise<void> } = {}) {
  if (deps.send && keys.length) await flushOutbox(db, { keys, send: deps.send })
}

/** The language a booking was made in (SlotBooking.locale), in which its mails are written; null: the default. */
export const bookingLocale = (locale: string | null): Locale | null => (isLocale(locale) ? locale : null)

/**
 * A slot mail other than the booking's own (an offered place, a cancellation) as an outbox template row, written in
 * the transaction of the change that causes it: the worker renders it (renderer in ./mail.ts) and sends it, so the
 * process that made the change renders and sends nothing, and a committed change cannot lose its mail. `key` makes
 * it once per event (a retried transaction adds no second mail).
 */
function slotMail(key: string, kind: BookingMailKind, to: string, p: { name: string; slot: MailSlot; link?: string; expiresAt?: Date }, locale: Locale | null): OutboxTemplateMail {
  return { key, to, template: bookingMailTemplate({ name: p.name, slot: p.slot, link: p.link ?? null, expiresAt: p.expiresAt ?? null }, locale, kind) }
}

/** The mail telling a pupil that their booking ended (cancelled, left the waiting list, the slot cancelled): once per booking. */
export function endedMail(kind: 'cancelled' | 'leftWaitlist' | 'slotCancelled', b: { id: string; pupilEmail: string; pupilName: string | null }, slot: MailSlot, locale: Locale | null) {
  return slotMail(`slots.${kind}.${b.id}`, kind, b.pupilEmail, { name: b.pupilName ?? '', slot }, locale)
}

export function bookingLink(token: string): string {
  return `${(env.AUTH_URL ?? 'http://localhost:3000').replace(/\/$/, '')}/boeking/${token}`
}

/** What a booking mail shows of the slot (MailSlot), the institution's purge period included (the mail's footer states it). */
export const slotForMail = { select: { startsAt: true, endsAt: true, location: true, programme: { select: { name: true } }, organisation: { select: { name: true, slotSettings: { select: { purgeAfterDays: true } } } } } } as const

/** Public: the pupil's booking (or a decaan's booking on a pupil's behalf when `actor` is given). */
export async function bookSlot(db: Db, actor: Actor | null, input: BookInput, deps: SlotDeps = {}) {
  // Counted by outcome for /api/metrics (overstap_bookings_total): the status, or the refusal's message key.
  try {
    const result = await bookSlotOnce(db, actor, input, deps)
    metrics.bookings.inc({ outcome: result.status })
    return result
  } catch (err) {
    metrics.bookings.inc({ outcome: err instanceof AppError ? err.key : 'error' })
    throw err
  }
}

/**
 * The booking path in two round trips (issue 17: a rush of hundreds of bookings a second on two cores). BOOK_READ
 * reads the slot with its programme, institution and settings, and checks the school, in one query; BOOK_WRITE
 * (the migration's PL/pgSQL function `slot_book`, one statement = one transaction) does the rest behind the same
 * advisory locks as before: the per-domain limit, the duplicate and active-bookings checks, the audit entry, the
 * engine's conditional UPDATE of the slot (server/booking/engine.ts), the waiting-list lock (FIFO order = commit order), the
 * insert, the waiting-list position and the pupil's mail into the transactional outbox (MailOutbox, sent by the
 * worker's outbox poll). server/bench/rush.ts sends the same two statements over bare `pg` as the floor. A public
 * booking sends BOOK_READ through bookReadLimited: its per-IP rate-limit point is consumed in the same statement.
 * BOOK_READ is the PL/pgSQL function `slot_book_read` (migration 20261201000800_slot_book_read), whose plan
 * PostgreSQL keeps per connection: as an unnamed statement it was planned on every booking (0.37 ms of planning for
 * 0.05 ms of execution).
 */
const BOOK_READ_CALL = `"slot_book_read"($1, $2)`
export const BOOK_READ = `SELECT * FROM ${BOOK_READ_CALL}`
/**
 * BOOK_READ with the public booking's rate-limit point consumed in the same statement (one round trip less): the
 * upsert's points first ("rateLimitPoints"), then the slot's columns (NULL when there is no such slot). $3–$5: the
 * rate limit's parameters (consumeInStatement).
 */
export function bookReadLimited(limit: RateLimit, key: string): { text: string; limitValues: unknown[] } {
  const { cte, values } = consumeInStatement(limit, key, 3)
  return { text: `WITH rl AS (${cte}) SELECT rl."points" AS "rateLimitPoints", b.* FROM rl LEFT JOIN ${BOOK_READ_CALL} b ON true`, limitValues: values }
}
export const BOOK_WRITE = `SELECT "status", "position", "refusal" FROM "slot_book"($1, $2, $3, $4, $5::timestamp, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14::timestamp, $15, $16, $17, $18, $19, $20, $21, $22::jsonb, $23::jsonb)`

export type BookRead = {
  id: string
  organisationId: string
  programmeId: string
  status: string
  startsAt: Date
  endsAt: Date
  location: string
  bookingOpensAt: Date
  bookingClosesAt: Date
  audienceLevels: string[]
  questions: unknown
  programmeName: string
  archived: boolean
  organisationName: string
  hasSettings: boolean
  maxActiveBookings: number | null
  limitScope: string | null
  limitPeriodDays: number | null
  pendingHoldMinutes: number | null
  maxPerSlotPerDomain: number | null
  schoolId: string | null
  /** The institution's purge period (null without a settings row): the booking mail states it. */
  purgeAfterDays: number | null
  /** bookReadLimited only: the caller's points in the rate limit's window, this booking's included. */
  rateLimitPoints?: number
}
export type BookWrite = { status: SlotBookingStatus | null; position: number | null; refusal: string | null }

/** The outbox key of a booking's own mail (unique: a retried statement adds no second mail). */
export const bookingMailKey = (bookingId: string) => `slot-booking:${bookingId}`

/**
 * The booking's mail for the outbox, as `slot_book`'s p_mail: its key, address and template (bookingMailTemplate:
 * the parameters of the mail the pupil gets); the function adds the stored status and waiting-list position, and
 * the worker renders the mail when it sends it (server/mail/outbox.ts, renderer registered in ./mail.ts). Nothing
 * is rendered on the booking's path.
 */
export function outboxBookingMail(slot: BookRead, b: { id: string; to: string; name: string; token: string; holdUntil: Date | null }, locale: Locale | null, confirmsAtOnce = false) {
  const template = bookingMailTemplate({ name: b.name, slot: mailSlotOf(slot), link: bookingLink(b.token), expiresAt: b.holdUntil }, locale)
  return { key: bookingMailKey(b.id), to: b.to, template: confirmsAtOnce ? { ...template, confirmsAtOnce } : template }
}

/** The slot as a booking mail shows it (MailSlot), from BOOK_READ's row. */
function mailSlotOf(slot: BookRead) {
  const slotSettings = slot.hasSettings ? { purgeAfterDays: slot.purgeAfterDays! } : null
  return { startsAt: slot.startsAt, endsAt: slot.endsAt, location: slot.location, programme: { name: slot.programmeName }, organisation: { name: slot.organisationName, slotSettings } }
}

/**
 * Checks a booking against the slot BOOK_READ returned (refusals throw before anything is written) and gives the
 * parameters of BOOK_WRITE, or the refusal. `mail`: the outbox mail (slot_book's p_mail) for the new booking, or
 * none when the caller delivers the mail itself. `addressProven`: see SlotDeps (no PENDING hold).
 */
export function bookingArgs(
  slot: BookRead | undefined,
  actor: Actor | null,
  input: BookInput,
  now: Date,
  locale: Locale | null,
  mail: ((slot: BookRead, b: { id: string; to: string; name: string; token: string; holdUntil: Date | null }, locale: Locale | null) => object) | null = null,
  addressProven = false,
) {
  if (!slot || slot.status !== 'PUBLISHED') throw notFound('slots.errors.slotNotFound')
  if (slot.archived) throw new AppError('PRECONDITION', 'slots.errors.programmeArchived')
  if (now < slot.bookingOpensAt || now >= slot.bookingClosesAt) throw new AppError('PRECONDITION', 'slots.errors.windowClosed')
  if (!slot.audienceLevels.includes(input.level)) throw invalid('slots.errors.levelNotInAudience')
  // A decaan books only for their own school's pupils (FORBIDDEN before anything else is revealed).
  if (actor) authorize(actor, 'slots.schoolBookings', { organisationId: input.schoolId === SCHOOL_OTHER ? null : input.schoolId })
  let schoolId: string | null = null
  if (input.schoolId === SCHOOL_OTHER) {
    if (actor) throw invalid('slots.errors.schoolRequired')
    if (!input.schoolOther) throw invalid('slots.errors.schoolOtherRequired')
  } else {
    // BOOK_READ found the school only if it is a vo school in one of the institution's regions.
    if (!slot.schoolId) throw invalid('slots.errors.unknownSchool')
    schoolId = slot.schoolId
  }
  const answers: Record<string, string> = {}
  for (const q of slot.questions as SlotQuestion[]) {
    const a = input.answers[q.id]?.trim()
    if (a) answers[q.id] = a
    else if (q.required) throw invalid('slots.errors.answerRequired', { question: q.label })
  }
  const settings = slot.hasSettings
    ? { maxActiveBookings: slot.maxActiveBookings!, limitScope: slot.limitScope!, limitPeriodDays: slot.limitPeriodDays!, pendingHoldMinutes: slot.pendingHoldMinutes!, maxPerSlotPerDomain: slot.maxPerSlotPerDomain! }
    : DEFAULT_SETTINGS
  const email = input.email
  const { token, hash } = newBookingToken()
  // A public booking holds its place until the pupil confirms through the mailed link (the link proves the
  // address); a decaan's booking on a pupil's behalf is confirmed at once (signed in, audited), and so is a booking
  // whose address the caller proved (addressProven: the participation's personal link).
  const holdUntil = !actor && !addressProven && settings.pendingHoldMinutes > 0 ? new Date(Math.min(now.getTime() + settings.pendingHoldMinutes * 60_000, slot.startsAt.getTime())) : null
  const id: string = randomUUID()
  // No personal data in the (append-only) audit log: it could not be purged later.
  const auditAfter = JSON.stringify({ slotId: slot.id, schoolId, bookedBy: actor?.userId })
  // prettier-ignore
  const args = [
    id, slot.id, slot.organisationId, slot.programmeId, slot.startsAt.toISOString(), input.name, email, email.slice(email.lastIndexOf('@') + 1), schoolId,
    schoolId ? null : (input.schoolOther ?? null), input.level, input.year, JSON.stringify(answers), holdUntil?.toISOString() ?? null, hash, actor?.userId ?? null, locale,
    // Per slot and e-mail domain only for public bookings: a script with a catch-all domain cannot fill a slot.
    actor ? 0 : settings.maxPerSlotPerDomain, settings.maxActiveBookings, settings.limitScope === 'PROGRAMME', settings.limitPeriodDays, auditAfter,
    mail ? JSON.stringify(mail(slot, { id, to: email, name: input.name, token, holdUntil }, locale)) : null,
  ]
  return { id, args, token, holdUntil, settings }
}

/** A refusal of BOOK_WRITE as the error the old checks threw. */
function refused(key: string, settings: { maxPerSlotPerDomain: number; maxActiveBookings: number }): AppError {
  if (key === 'slots.errors.domainLimit') return conflict(key, { max: settings.maxPerSlotPerDomain })
  if (key === 'slots.errors.limitReached') return conflict(key, { max: settings.maxActiveBookings })
  return conflict(key)
}

async function bookSlotOnce(db: Db, actor: Actor | null, input: BookInput, deps: SlotDeps) {
  const now = deps.now ?? new Date()
  // Both statements over the client's pg pool (sqlOf): Prisma's raw query costs ≈ 1 ms CPU each on top; the decaan's
  // booking writes inside its transaction (its notification must commit with it), so through the transaction client.
  const sql = sqlOf(db)
  const readValues = [input.slotId, input.schoolId === SCHOOL_OTHER ? null : input.schoolId]
  let slot: BookRead | undefined
  if (deps.rateLimit) {
    // The public booking's rate-limit point in the same statement; over the limit it is refused before anything else.
    const { limit, key } = deps.rateLimit
    const { text, limitValues } = bookReadLimited(limit, key)
    const [row] = (await sql.query<BookRead>(text, [...readValues, ...limitValues])).rows
    deps.rateLimit.consumed = true
    checkConsumed(limit, row!.rateLimitPoints!)
    slot = row!.id ? row : undefined
  } else slot = (await sql.query<BookRead>(BOOK_READ, readValues)).rows[0]
  // The booking's mail goes into the outbox in the booking's own statement (crash-safe; the worker sends it within
  // seconds) unless the caller delivers it itself (deps.send): nothing is rendered into MIME or sent before answering.
  const proven = !!deps.addressProven
  const mail = deps.send ? null : (s: BookRead, b: Parameters<typeof outboxBookingMail>[1], l: Locale | null) => outboxBookingMail(s, b, l, proven)
  const { id, args, token, holdUntil, settings } = bookingArgs(slot, actor, input, now, deps.locale ?? null, mail, proven)
  // A public booking is one statement (its own transaction); a decaan's booking on a pupil's behalf also tells the
  // school's other decanen / LOB staff (server/notifications), in the same transaction.
  const booked = actor
    ? await db.$transaction(async (tx) => {
        const [r] = await tx.$queryRawUnsafe<BookWrite[]>(BOOK_WRITE, ...args)
        if (r!.status) await notify(tx, { kind: 'slots.bookedOnBehalf', bookingId: id, actorId: actor.userId })
        return r!
      }, RUSH_TX)
    : (await sql.query<BookWrite>(BOOK_WRITE, args)).rows[0]!
  if (!booked.status) throw refused(booked.refusal ?? 'slots.errors.duplicate', settings)
  const status = booked.status
  const position = booked.position
  if (deps.send) {
    // The mail carries only the pupil's name from the form (no answers, no free-text school): see schema.zPupilName.
    const mailSlot = mailSlotOf(slot!)
    const kind = status === 'PENDING' || status === 'CONFIRMED' ? bookingStatusMail(status, proven) : 'waitlisted'
    await deliver([bookingMail(kind, { to: input.email, name: input.name, slot: mailSlot, link: bookingLink(token), position, expiresAt: holdUntil ?? undefined }, deps.locale)], deps)
  }
  return { id, status, position, token, holdExpiresAt: status === 'PENDING' ? holdUntil : null }
}

const waitlistPosition = (db: DbTx, slotId: string, bookingId: string) => engine.waitlistPosition(db, SLOT_KIND, slotId, bookingId)

/** An offer the hand-over made; `key`: its mail's outbox key, `locale`: the language its booking was made in. */
type Offer = { bookingId: string; key: string; to: string; name: string; token: string; expiresAt: Date; locale: Locale | null }

/** The slot's side of an offer: held for the institution's offer time (never past the start), a fresh link. */
const slotOffers: OfferHooks<Offer> = {
    holdUntil: async (tx, unit, now) => {
      const { organisationId } = await tx.slot.findUniqueOrThrow({ where: { id: unit.id }, select: { organisationId: true } })
      const settings = await settingsFor(tx, organisationId)
      return new Date(Math.min(now.getTime() + settings.offerHoldHours * 3_600_000, unit.startsAt.getTime()))
    },
    // A fresh link for the offer: only the hash is stored, so the old token cannot be mailed again.
    onOffer: async (tx, bookingId, expiresAt) => {
      const { token, hash } = newBookingToken()
      const b = await tx.slotBooking.update({ where: { id: bookingId }, data: { tokenHash: hash }, select: { pupilEmail: true, pupilName: true, locale: true } })
      const key = `slots.offer.${bookingId}.${expiresAt.getTime()}`
      return b.pupilEmail ? { bookingId, key, to: b.pupilEmail, name: b.pupilName ?? '', token, expiresAt, locale: bookingLocale(b.locale) } : null
    },
}

/** The offers' mails (outbox rows for the offers' transaction), each in the language its booking was made in. */
async function offerMails(tx: DbTx, slotId: string, offers: Offer[]): Promise<OutboxTemplateMail[]> {
  if (!offers.length) return []
  const slot = await tx.slot.findUniqueOrThrow({ where: { id: slotId }, ...slotForMail })
  return offers.map((o) => slotMail(o.key, 'offer', o.to, { name: o.name, slot, link: bookingLink(o.token), expiresAt: o.expiresAt }, o.locale))
}

/**
 * A place of the slot became free (a booking cancelled, an offer declined) or capacity was raised: the engine offers
 * it to the first on the waiting list (FIFO) or releases it, and the offers' mails go into the outbox in the same
 * transaction (the expiry job's hand-over does the same through engine.expireHolds). `freed`: the place is counted still.
 */
async function offerPlace(tx: DbTx, slotId: string, freed: boolean, now: Date): Promise<Offer[]> {
  const offers = await engine.handOver(tx, SLOT_KIND, slotId, freed ? 1 : 0, now, slotOffers)
  await enqueueMails(tx, await offerMails(tx, slotId, offers))
  return offers
}

/**
 * Offers free places (after a capacity increase or a release) to the waiting list, one per free place; their mails
 * are in the outbox of `tx` (keys: the offers' `key`, for sendSlotMails after the commit).
 */
export async function fillFreePlaces(tx: DbTx, slotId: string, now: Date): Promise<Offer[]> {
  return offerPlace(tx, slotId, false, now)
}

const bookingInclude = { slot: { include: { programme: { select: { name: true, level: true } }, organisation: { select: { name: true, brin: true, slotSettings: { select: { purgeAfterDays: true } } } } } }, school: { select: { name: true } } } as const

/**
 * The booking a link points at: its own link, or a further link a reminder issued (SlotBookingLink, valid while the
 * booking's own link is). NOT_FOUND with a clear message for unknown, tampered or purged tokens.
 */
async function bookingByToken(db: DbTx, token: string) {
  const hash = hashBookingToken(token)
  let booking = await db.slotBooking.findUnique({ where: { tokenHash: hash }, include: bookingInclude })
  if (!booking) {
    const link = await db.slotBookingLink.findUnique({ where: { tokenHash: hash }, select: { bookingId: true } })
    if (link) booking = await db.slotBooking.findFirst({ where: { id: link.bookingId, tokenHash: { not: null } }, include: bookingInclude })
  }
  if (!booking) throw notFound('slots.errors.tokenInvalid')
  return booking
}

/** Public: what the booking link shows. */
export async function viewBooking(db: Db, token: string) {
  const b = await bookingByToken(db, token)
  const position = b.status === 'WAITLISTED' ? await waitlistPosition(db, b.slotId, b.id) : null
  return {
    status: b.status,
    position,
    /** Until when a PENDING booking or an OFFERED place is held. */
    holdExpiresAt: b.status === 'PENDING' || b.status === 'OFFERED' ? b.offerExpiresAt : null,
    pupilName: b.pupilName,
    school: b.school?.name ?? b.schoolOther,
    slot: {
      startsAt: b.slot.startsAt,
      endsAt: b.slot.endsAt,
      location: b.slot.location,
      programme: b.slot.programme.name,
      institution: b.slot.organisation.name,
      past: b.slot.startsAt <= new Date(),
      cancelled: b.slot.status === 'CANCELLED',
    },
  }
}

/**
 * Moves a booking (found by its link) from one of `from` to `to` with one conditional UPDATE, so two clicks
 * cannot both succeed. Returns the previous status.
 */
async function transition(tx: DbTx, token: string, from: SlotBookingStatus[], to: SlotBookingStatus, now: Date, wrongStateKey: string) {
  const b = await bookingByToken(tx, token)
  if (b.slot.startsAt <= now) throw conflict('slots.errors.slotPast')
  // Confirming a timed hold (PENDING, OFFERED) only while it holds: a lapsed one is the expiry job's to move on.
  const timed = to === 'CONFIRMED' && from.includes(b.status) && (TIMED_HOLDS as readonly SlotBookingStatus[]).includes(b.status)
  const expiredKey = b.status === 'PENDING' ? 'slots.errors.holdExpired' : 'slots.errors.offerExpired'
  if (timed && b.offerExpiresAt && b.offerExpiresAt <= now) throw conflict(expiredKey)
  if (!(await engine.transition(tx, SLOT_KIND, b.id, from, to, now))) throw conflict(timed ? expiredKey : wrongStateKey)
  await audit(tx, null, { action: `slots.${to.toLowerCase()}`, entityType: 'SlotBooking', entityId: b.id, organisationId: b.organisationId, before: { status: b.status }, after: { status: to } })
  return b
}

/** Runs a change that may free a place (its offers' mails into the outbox of its transaction), then sendSlotMails. */
async function afterRelease<T>(db: Db, run: (tx: DbTx, now: Date) => Promise<{ result: T; keys: string[] }>, deps: SlotDeps): Promise<T> {
  const now = deps.now ?? new Date()
  const { result, keys } = await db.$transaction((tx) => run(tx, now))
  await sendSlotMails(db, keys, deps)
  return result
}

/**
 * Public: cancel a booking or leave the waiting list. A place it held goes to the first on the waiting list. The
 * pupil's cancellation mail (in the language of the request, else the booking's) and the offer's mail (in the
 * offered booking's language) go into the outbox in the cancellation's transaction.
 */
export async function cancelByToken(db: Db, token: string, deps: SlotDeps = {}) {
  const previous = await afterRelease(
    db,
    async (tx, now) => {
      const b = await transition(tx, token, [...ACTIVE_STATUSES], 'CANCELLED', now, 'slots.errors.notActive')
      const kind = b.status === 'WAITLISTED' ? 'leftWaitlist' : 'cancelled'
      const mails = b.pupilEmail ? [endedMail(kind, { id: b.id, pupilEmail: b.pupilEmail, pupilName: b.pupilName }, b.slot, deps.locale ?? bookingLocale(b.locale))] : []
      await enqueueMails(tx, mails)
      const offers = HOLDS_PLACE.includes(b.status) ? await offerPlace(tx, b.slotId, true, now) : []
      return { result: b.status, keys: [...mails, ...offers].map((m) => m.key) }
    },
    deps,
  )
  return { previous, status: 'CANCELLED' as const }
}

/**
 * Public: the pupil confirms a PENDING booking through the mailed link before its hold lapses. A second click
 * (or a booking that was confirmed at once) answers CONFIRMED again and changes nothing.
 */
export async function confirmBooking(db: Db, token: string, deps: SlotDeps = {}) {
  const now = deps.now ?? new Date()
  await db.$transaction(async (tx) => {
    const b = await bookingByToken(tx, token)
    if (b.status === 'CONFIRMED') return
    if (b.status === 'EXPIRED') throw conflict('slots.errors.holdExpired')
    await transition(tx, token, ['PENDING'], 'CONFIRMED', now, 'slots.errors.notPending')
  })
  return { status: 'CONFIRMED' as const }
}

/** Public: accept an offered place before the offer expires. */
export async function acceptOffer(db: Db, token: string, deps: SlotDeps = {}) {
  const now = deps.now ?? new Date()
  await db.$transaction((tx) => transition(tx, token, ['OFFERED'], 'CONFIRMED', now, 'slots.errors.notOffered'))
  return { status: 'CONFIRMED' as const }
}

/** Public: decline an offered place; it goes to the next on the waiting list. */
export async function declineOffer(db: Db, token: string, deps: SlotDeps = {}) {
  await afterRelease(
    db,
    async (tx, now) => {
      const b = await transition(tx, token, ['OFFERED'], 'DECLINED', now, 'slots.errors.notOffered')
      return { result: null, keys: (await offerPlace(tx, b.slotId, true, now)).map((o) => o.key) }
    },
    deps,
  )
  return { status: 'DECLINED' as const }
}

/**
 * Job: unconfirmed bookings (PENDING) and waiting-list offers (OFFERED) whose hold time passed expire; each place
 * moves on to the next on the waiting list (FIFO), or is released when nobody waits. Idempotent: a conditional
 * UPDATE per booking, so concurrent runs (or a confirmation at the same moment) move each place once.
 */
export async function expireHolds(db: Db, deps: SlotDeps = {}): Promise<number> {
  const now = deps.now ?? new Date()
  return engine.expireHolds(
    db,
    SLOT_KIND,
    now,
    {
      ...slotOffers,
      // Written to the outbox by the engine in the expiry's transaction, each in the offered booking's language.
      mails: (tx, slotId, offers) => offerMails(tx, slotId, offers),
      afterExpire: async (tx, bookingId) => void (await notify(tx, { kind: 'slots.offerExpired', bookingId })),
    },
    deps.send,
    scopeSql(deps, '"SlotBooking"'),
  )
}

/**
 * Job: removes pupils' personal data (name, e-mail, free-text school, answers, link) from bookings whose slot
 * ended more than the institution's purge period ago (never more than MAX_PURGE_DAYS, whatever a row says). Status, school, level, year and attendance stay, so the
 * counts and show-up rates remain.
 */
export async function purgePersonalData(db: Db, deps: SlotDeps = {}): Promise<number> {
  const now = deps.now ?? new Date()
  return db.$transaction(async (tx) => {
    const n = await tx.$executeRaw`
      UPDATE "SlotBooking" b
      SET "pupilName" = NULL, "pupilEmail" = NULL, "schoolOther" = NULL, "answers" = NULL, "tokenHash" = NULL,
          "purgedAt" = ${now}, "updatedAt" = ${now},
          "status" = CASE WHEN b."status" IN ('PENDING', 'WAITLISTED', 'OFFERED') THEN 'EXPIRED'::"SlotBookingStatus" ELSE b."status" END
      FROM "Slot" s LEFT JOIN "SlotSettings" st ON st."organisationId" = s."organisationId"
      WHERE b."slotId" = s."id" AND b."purgedAt" IS NULL
        AND s."endsAt" < ${now}::timestamp - make_interval(days => LEAST(COALESCE(st."purgeAfterDays", ${DEFAULT_SETTINGS.purgeAfterDays}), ${MAX_PURGE_DAYS}::int)) ${scopeSql(deps, 'b')}`
    if (n > 0) await audit(tx, null, { action: 'slots.purge', entityType: 'SlotBooking', entityId: 'batch', after: { purged: n } })
    // A purged booking's further links (reminders) die with its own link.
    if (n > 0) await tx.$executeRaw`DELETE FROM "SlotBookingLink" l USING "SlotBooking" b WHERE l."bookingId" = b.id AND b."purgedAt" IS NOT NULL`
    return n
  })
}
