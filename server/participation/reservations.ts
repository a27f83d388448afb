/**
 * Reserved places: an institution (its publishers) or the region's coordinator reserves places of a slot for one
 * school. The reserved places are counted in Slot.confirmedCount, so the booking engine's capacity check keeps them
 * from everyone else without knowing about reservations; when a pupil of that school books, the database trigger
 * hands one reserved place to the booking. At `releaseAt` the job gives the unused places back to everyone: the
 * waiting list first (FIFO, through the slots engine's own hand-over), then anyone.
 */
import type { Db, DbTx } from '../db/client.ts'
import { audit } from '../db/audit.ts'
import { authorize, can, type Actor } from '../auth/policy.ts'
import { conflict, invalid, notFound } from '../lib/errors.ts'
import { fromAmsterdam } from '../lib/time.ts'
import { fillFreePlaces, sendSlotMails } from '../slots/booking.ts'
import { HIDDEN, maskCount } from '../transitions/suppression.ts'
import type { ParticipationDeps } from './mail.ts'
import { ownsSchool } from './pupils.ts'
import type { ReserveInput } from './schema.ts'
import { placesHidden, slotRules, type SlotRuleKey } from './slot-rules.ts'

async function loadSlot(db: DbTx, actor: Actor, slotId: string) {
  const slot = await db.slot.findUnique({ where: { id: slotId }, select: { id: true, organisationId: true, programmeId: true, startsAt: true, endsAt: true, status: true, organisation: { select: { regions: { select: { regionId: true } } } } } })
  if (!slot) throw notFound('participation.errors.slotNotFound')
  const regionIds = slot.organisation.regions.map((r) => r.regionId)
  authorize(actor, 'participation.reserve', { organisationId: slot.organisationId, regionIds })
  return { ...slot, regionIds }
}

/**
 * The campaign a reservation is made for (optional): one that exists, of a region for which the actor may reserve
 * this slot's places (the institution: any of the slot's regions; a coordinator: their own region) and of the
 * slot's regions, and that holds the slot. A campaign outside those regions is answered as one that does not exist,
 * before its slots are read. Reads no places, so the refusal says nothing about them.
 */
async function checkCampaign(db: DbTx, actor: Actor, slot: { id: string; organisationId: string; regionIds: string[] }, campaignId: string) {
  const c = await db.participationCampaign.findUnique({ where: { id: campaignId }, select: { regionId: true, slots: { where: { slotId: slot.id }, select: { slotId: true } } } })
  if (!c || !slot.regionIds.includes(c.regionId) || !can(actor, 'participation.reserve', { organisationId: slot.organisationId, regionIds: [c.regionId] }))
    throw notFound('participation.errors.campaignNotFound')
  if (!c.slots.length) throw invalid('participation.errors.slotNotInCampaign')
}

/**
 * The refusal of a reservation larger than the free places. It names the free places only where the reader may see
 * them: the slot's institution (as the calendar decides it: can publish its slots), or anyone on a slot whose free
 * places are public (not placesHidden). `hidden` says the reader got the refusal without the number.
 */
async function notEnoughFree(db: DbTx, actor: Actor, slot: SlotRuleKey & { endsAt: Date }, free: number, now: Date) {
  const rules = (await slotRules(db, [slot])).get(slot.id)!
  const institution = can(actor, 'slots.publish', { organisationId: slot.organisationId })
  return institution || !placesHidden(slot, rules, now)
    ? { error: conflict('participation.errors.notEnoughFree', { free }), hidden: false }
    : { error: conflict('participation.errors.notEnoughFreeHidden'), hidden: true }
}

/**
 * Reserves places of a slot for a school. Every refusal that does not depend on the free places comes first (slot
 * open, release moment, school of the region, the campaign (checkCampaign), the school's one reservation per slot), so a request refused without
 * writing anything learns nothing about the places. Whether the places suffice is the last check: a request that
 * passes it writes a reservation (the institution sees it; audited; one per school and slot, for good, since a
 * released one stays), and one refused for want of places on a slot whose places are hidden from the reader is
 * audited too (participation.reserve.notEnoughFree), so no probe of a hidden slot's places goes unrecorded.
 */
export async function reservePlaces(db: Db, actor: Actor, input: ReserveInput, now = new Date()) {
  const slot = await loadSlot(db, actor, input.slotId)
  if (slot.status !== 'PUBLISHED' || slot.startsAt <= now) throw invalid('participation.errors.slotNotOpen')
  const releaseAt = fromAmsterdam(input.releaseAt)
  if (releaseAt <= now || releaseAt > slot.startsAt) throw invalid('participation.errors.releaseAt')
  const school = await db.organisation.findFirst({ where: { id: input.schoolId, sector: 'VO', regions: { some: { regionId: { in: slot.regionIds } } } }, select: { id: true } })
  if (!school) throw invalid('participation.errors.schoolNotInRegion')
  if (input.campaignId) await checkCampaign(db, actor, slot, input.campaignId)
  const out = await db.$transaction(async (tx) => {
    const [s] = await tx.$queryRaw<{ capacity: number; confirmedCount: number }[]>`SELECT "capacity", "confirmedCount" FROM "Slot" WHERE "id" = ${slot.id} FOR UPDATE`
    const existing = await tx.participationReservation.findUnique({ where: { slotId_schoolId: { slotId: slot.id, schoolId: school.id } }, select: { id: true } })
    if (existing) throw conflict('participation.errors.reservationExists')
    const free = s!.capacity - s!.confirmedCount
    if (free < input.places) {
      // Refused: nothing reserved; the refusal returned (not thrown) so that its audit entry is kept.
      const refused = await notEnoughFree(tx, actor, slot, free, now)
      if (refused.hidden) await audit(tx, actor, { action: 'participation.reserve.notEnoughFree', entityType: 'Slot', entityId: slot.id, organisationId: slot.organisationId, after: { schoolId: school.id, places: input.places } })
      return { refused: refused.error }
    }
    await tx.$executeRaw`UPDATE "Slot" SET "confirmedCount" = "confirmedCount" + ${input.places}, "updatedAt" = (now() AT TIME ZONE 'UTC') WHERE "id" = ${slot.id}`
    const r = await tx.participationReservation.create({
      data: { slotId: slot.id, schoolId: school.id, places: input.places, remaining: input.places, releaseAt, campaignId: input.campaignId ?? null },
      select: { id: true },
    })
    await audit(tx, actor, { action: 'participation.reserve', entityType: 'ParticipationReservation', entityId: r.id, organisationId: slot.organisationId, after: { slotId: slot.id, schoolId: school.id, places: input.places, releaseAt } })
    return { r }
  })
  if ('refused' in out) throw out.refused
  return out.r
}

type ReservationFigures = { schoolId: string; places: number; remaining: number; releasedAt: Date | null }

/**
 * A reservation as the actor may see it. Until it is released, `places - remaining` is the number of the school's
 * pupils who booked, so for anyone but the school itself the remaining places are shown only when that number is
 * shown (> 5; "none booked yet" is a small count too), else HIDDEN ("x": neither a number of pupils nor "still
 * room / full" — with ≤ 5 places either would give it). `places` is what the reserver chose, not a count of pupils.
 * After the release the row keeps remaining 0, which says nothing about the bookings.
 */
export function maskReservation<R extends ReservationFigures>(actor: Actor, r: R): Omit<R, 'remaining'> & { remaining: number | typeof HIDDEN } {
  if (ownsSchool(actor, r.schoolId) || r.releasedAt) return r
  return { ...r, remaining: typeof maskCount(r.places - r.remaining) === 'number' ? r.remaining : HIDDEN }
}

export async function slotReservations(db: Db, actor: Actor, slotId: string) {
  await loadSlot(db, actor, slotId)
  const rows = await db.participationReservation.findMany({ where: { slotId }, orderBy: { createdAt: 'asc' } })
  const names = new Map((await db.organisation.findMany({ where: { id: { in: rows.map((r) => r.schoolId) } }, select: { id: true, name: true } })).map((o) => [o.id, o.name]))
  return rows.map((r) => ({ ...maskReservation(actor, r), school: names.get(r.schoolId) ?? '' }))
}

/**
 * Gives one reservation's unused places back (inside the caller's transaction): slot row first, then the
 * reservation (the order the booking path takes them), then the waiting list gets them. Returns the offers.
 */
async function release(tx: DbTx, reservationId: string, now: Date) {
  const r = await tx.participationReservation.findUnique({ where: { id: reservationId }, select: { slotId: true } })
  if (!r) return null
  await tx.$queryRaw`SELECT 1 FROM "Slot" WHERE "id" = ${r.slotId} FOR UPDATE`
  const [row] = await tx.$queryRaw<{ remaining: number }[]>`
    SELECT "remaining" FROM "ParticipationReservation" WHERE "id" = ${reservationId} AND "releasedAt" IS NULL FOR UPDATE`
  if (!row) return null
  await tx.participationReservation.update({ where: { id: reservationId }, data: { remaining: 0, releasedAt: now } })
  if (row.remaining > 0) await tx.$executeRaw`UPDATE "Slot" SET "confirmedCount" = "confirmedCount" - ${row.remaining}, "updatedAt" = (now() AT TIME ZONE 'UTC') WHERE "id" = ${r.slotId}`
  const offers = row.remaining > 0 ? await fillFreePlaces(tx, r.slotId, now) : []
  await audit(tx, null, { action: 'participation.release', entityType: 'ParticipationReservation', entityId: reservationId, after: { released: row.remaining } })
  return { slotId: r.slotId, released: row.remaining, offers }
}

/** Releases a reservation now (its institution or coordinator). The places released are the unused ones: masked as in maskReservation. */
export async function releaseNow(db: Db, actor: Actor, reservationId: string, deps: ParticipationDeps = {}) {
  const r = await db.participationReservation.findUnique({ where: { id: reservationId }, select: { slotId: true, schoolId: true, places: true } })
  if (!r) throw notFound('participation.errors.reservationNotFound')
  await loadSlot(db, actor, r.slotId)
  const now = deps.now ?? new Date()
  const out = await db.$transaction((tx) => release(tx, reservationId, now))
  if (out) await sendSlotMails(db, out.offers.map((o) => o.key), { send: deps.send })
  if (!out) return { released: 0 }
  return { released: maskReservation(actor, { schoolId: r.schoolId, places: r.places, remaining: out.released, releasedAt: null }).remaining }
}

/** Job: every reservation whose release moment passed gives its unused places back. Idempotent. */
export async function releaseDueReservations(db: Db, deps: ParticipationDeps = {}): Promise<number> {
  const now = deps.now ?? new Date()
  const due = await db.participationReservation.findMany({ where: { releasedAt: null, releaseAt: { lte: now } }, select: { id: true }, orderBy: { releaseAt: 'asc' }, take: 500 })
  let places = 0
  for (const d of due) {
    const out = await db.$transaction((tx) => release(tx, d.id, now))
    if (!out) continue
    places += out.released
    await sendSlotMails(db, out.offers.map((o) => o.key), { send: deps.send })
  }
  return places
}
