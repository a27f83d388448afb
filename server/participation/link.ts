/**
 * The pupil's personal booking link (no account): it shows the pupil's details from the class list and the slots
 * of the campaigns the pupil takes part in, and books them with those details, so the booking is tied to the
 * school record (the database trigger links it and enforces the campaign rules; see the participation migrations).
 * An unknown, revoked or expired link is a 404 with a clear message.
 */
import type { Db, DbTx } from '../db/client.ts'
import { notFound } from '../lib/errors.ts'
import { bookSlot, bookingMailKey, confirmBooking, sendSlotMails } from '../slots/booking.ts'
import { hashLinkToken, ACTIVE } from './pupils.ts'
import type { ParticipationDeps } from './mail.ts'
import { listDeletedOn } from './school-year.ts'
import { slotRules, visibleFree } from './slot-rules.ts'

async function pupilByLink(db: DbTx, token: string, now: Date) {
  const pupil = await db.participationPupil.findUnique({ where: { linkHash: hashLinkToken(token) } })
  if (!pupil || !pupil.linkExpiresAt || pupil.linkExpiresAt <= now) throw notFound('participation.errors.linkInvalid')
  return pupil
}

/** Campaigns of the pupil's region that the school and level take part in and that are open or still to come. */
async function campaignsFor(db: DbTx, pupil: { schoolId: string; level: string }, now: Date) {
  const regions = (await db.organisationRegion.findMany({ where: { organisationId: pupil.schoolId }, select: { regionId: true } })).map((r) => r.regionId)
  const campaigns = await db.participationCampaign.findMany({
    where: { regionId: { in: regions }, closesAt: { gt: now }, OR: [{ schools: { none: {} } }, { schools: { some: { schoolId: pupil.schoolId } } }] },
    include: { slots: { select: { slotId: true } } },
    orderBy: { opensAt: 'asc' },
    take: 20,
  })
  return campaigns.filter((c) => !c.levels.length || (c.levels as string[]).includes(pupil.level))
}

/** Public: what the personal link shows. */
export async function viewLink(db: Db, token: string, now = new Date()) {
  const pupil = await pupilByLink(db, token, now)
  const school = await db.organisation.findUniqueOrThrow({ where: { id: pupil.schoolId }, select: { name: true } })
  const campaigns = await campaignsFor(db, pupil, now)
  const slotIds = [...new Set(campaigns.flatMap((c) => c.slots.map((s) => s.slotId)))]
  const slots = await db.slot.findMany({
    where: { id: { in: slotIds }, status: 'PUBLISHED', startsAt: { gt: now }, audienceLevels: { has: pupil.level } },
    select: { id: true, organisationId: true, programmeId: true, startsAt: true, endsAt: true, location: true, capacity: true, confirmedCount: true, bookingOpensAt: true, bookingClosesAt: true, programme: { select: { name: true, sector: true } }, organisation: { select: { name: true } } },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
  })
  const rules = await slotRules(db, slots)
  const mine = await db.$queryRaw<{ slotId: string; status: string; startsAt: Date; programme: string; institution: string }[]>`
    SELECT b."slotId", b."status"::text AS status, s."startsAt", pr."name" AS programme, o."name" AS institution
    FROM "ParticipationBooking" pb JOIN "SlotBooking" b ON b."id" = pb."bookingId" JOIN "Slot" s ON s."id" = b."slotId"
    JOIN "SlotProgramme" pr ON pr."id" = b."programmeId" JOIN "Organisation" o ON o."id" = b."organisationId"
    WHERE pb."pupilId" = ${pupil.id} ORDER BY s."startsAt"`
  const active = new Set(mine.filter((b) => (ACTIVE as string[]).includes(b.status)).map((b) => b.slotId))
  return {
    pupil: { name: pupil.name, level: pupil.level, year: pupil.year, className: pupil.className, school: school.name },
    expiresAt: pupil.linkExpiresAt!,
    listDeletedOn: listDeletedOn(pupil.schoolYear),
    campaigns: campaigns.map((c) => ({
      id: c.id,
      name: c.name,
      opensAt: c.opensAt,
      closesAt: c.closesAt,
      open: c.opensAt <= now && now < c.closesAt,
      maxPerPupil: c.maxPerPupil,
      maxPerSector: c.maxPerSector,
      booked: c.slots.filter((s) => active.has(s.slotId)).length,
      slots: slots
        .filter((s) => c.slots.some((x) => x.slotId === s.id))
        // Free places as the public sees them: none on a personal-link-only slot (placesHidden), where they would
        // count the listed pupils who booked; the booking's answer says whether the pupil got a place.
        .map(({ capacity, confirmedCount, bookingOpensAt, bookingClosesAt, organisationId: _o, programmeId: _p, ...s }) => ({
          ...s,
          free: visibleFree({ capacity, confirmedCount, endsAt: s.endsAt }, rules.get(s.id)!, now),
          bookable: now >= bookingOpensAt && now < bookingClosesAt,
          booked: active.has(s.id),
        })),
    })),
    bookings: mine,
  }
}

/**
 * Public: books a slot with the pupil's details from the class list (the campaign rules are the database's). The
 * personal link proves the pupil's address (it was mailed there by the school), so a place is confirmed at once
 * (addressProven: no PENDING hold; a school's reserved place the participation trigger still holds as PENDING is
 * confirmed through the booking's own link right after). The pupil's mail is the booking's own outbox row, written by
 * the booking's statement in the booking's language, "confirmed" (with the booking's link to view or cancel) instead
 * of "confirm your booking", or "waitlisted"; the worker renders and sends it. `deps.send` (tests): sent through it now.
 */
export async function bookWithLink(db: Db, token: string, slotId: string, deps: ParticipationDeps = {}) {
  const now = deps.now ?? new Date()
  const pupil = await pupilByLink(db, token, now)
  const booked = await bookSlot(
    db,
    null,
    { slotId, name: pupil.name, email: pupil.email, schoolId: pupil.schoolId, level: pupil.level, year: pupil.year, answers: {} },
    { locale: deps.locale, now: deps.now, addressProven: true },
  )
  const status = booked.status === 'PENDING' ? (await confirmBooking(db, booked.token, { now: deps.now })).status : booked.status
  await sendSlotMails(db, [bookingMailKey(booked.id)], { send: deps.send })
  return { status, position: booked.position }
}
