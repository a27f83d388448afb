/**
 * Regional campaigns (e.g. "meeloopdagen mbo, week 6–7"): a coordinator picks slots of the region's institutions
 * and sets the rules — bookings per pupil, per sector, the window, participating schools and levels. The rules are
 * enforced by the database when a booking is inserted (trigger "SlotBooking_participation_rules"), under a lock on
 * the pupil's record, so no race lets a pupil exceed them.
 */
import type { Db, DbTx } from '../db/client.ts'
import { audit } from '../db/audit.ts'
import { authorize, scopeWhere, type Actor } from '../auth/policy.ts'
import { invalid, notFound } from '../lib/errors.ts'
import { fromAmsterdam } from '../lib/time.ts'
import { maskCount } from '../transitions/suppression.ts'
import { maskReservation } from './reservations.ts'
import { keepPlacesHiddenOnceOpen, placesHidden, slotRules } from './slot-rules.ts'
import type { CampaignInput } from './schema.ts'

/** Slots (ids) that belong to institutions of the region; anything else is refused. */
async function checkSlots(db: DbTx, regionId: string, slotIds: string[]) {
  if (!slotIds.length) return
  const n = await db.slot.count({ where: { id: { in: slotIds }, organisation: { regions: { some: { regionId } } } } })
  if (n !== new Set(slotIds).size) throw invalid('participation.errors.slotNotInRegion')
}

async function checkSchools(db: DbTx, regionId: string, schoolIds: string[]) {
  if (!schoolIds.length) return
  const n = await db.organisation.count({ where: { id: { in: schoolIds }, sector: 'VO', regions: { some: { regionId } } } })
  if (n !== new Set(schoolIds).size) throw invalid('participation.errors.schoolNotInRegion')
}

/** Window of local dates: from the start of the first day to the end of the last (Amsterdam). */
function window(input: Pick<CampaignInput, 'opensAt' | 'closesAt'>) {
  const next = new Date(`${input.closesAt}T00:00:00Z`)
  next.setUTCDate(next.getUTCDate() + 1)
  return { opensAt: fromAmsterdam(input.opensAt), closesAt: fromAmsterdam(next.toISOString().slice(0, 10)) }
}

export async function createCampaign(db: Db, actor: Actor, input: CampaignInput) {
  authorize(actor, 'participation.campaigns', { regionIds: [input.regionId] })
  return db.$transaction(async (tx) => {
    await checkSlots(tx, input.regionId, input.slotIds)
    await checkSchools(tx, input.regionId, input.schoolIds)
    const c = await tx.participationCampaign.create({
      data: {
        regionId: input.regionId,
        name: input.name,
        ...window(input),
        maxPerPupil: input.maxPerPupil,
        maxPerSector: input.maxPerSector ?? null,
        levels: input.levels,
        listedOnly: input.listedOnly,
        slots: { create: [...new Set(input.slotIds)].map((slotId) => ({ slotId })) },
        schools: { create: [...new Set(input.schoolIds)].map((schoolId) => ({ schoolId })) },
      },
      select: { id: true },
    })
    await audit(tx, actor, { action: 'participation.campaign.create', entityType: 'ParticipationCampaign', entityId: c.id, regionId: input.regionId, after: { ...input } })
    return c
  })
}

async function loadCampaign(db: DbTx, actor: Actor, campaignId: string) {
  const c = await db.participationCampaign.findUnique({ where: { id: campaignId }, include: { slots: true, schools: true } })
  if (!c) throw notFound('participation.errors.campaignNotFound')
  authorize(actor, 'participation.campaigns', { regionIds: [c.regionId] })
  return c
}

/**
 * Replaces the campaign's slots (bookings already made stay; the rules apply to new bookings). A slot open for
 * booking that has not ended cannot leave a listed-only campaign if that would make its places public
 * (keepPlacesHiddenOnceOpen); an ended one can (its places stay hidden: placesHidden).
 */
export async function setCampaignSlots(db: Db, actor: Actor, campaignId: string, slotIds: string[], now = new Date()) {
  return db.$transaction(async (tx) => {
    const c = await loadCampaign(tx, actor, campaignId)
    await checkSlots(tx, c.regionId, slotIds)
    const kept = new Set(slotIds)
    const removed = c.listedOnly ? c.slots.map((s) => s.slotId).filter((id) => !kept.has(id)) : []
    await keepPlacesHiddenOnceOpen(tx, { slotIds: removed }, now, 'participation.errors.campaignSlotStaysHidden', async () => {
      await tx.participationCampaignSlot.deleteMany({ where: { campaignId } })
      await tx.participationCampaignSlot.createMany({ data: [...kept].map((slotId) => ({ campaignId, slotId })) })
    })
    await audit(tx, actor, { action: 'participation.campaign.slots', entityType: 'ParticipationCampaign', entityId: campaignId, regionId: c.regionId, before: { slots: c.slots.length }, after: { slots: slotIds.length } })
    return { slots: kept.size }
  })
}

export async function listCampaigns(db: Db, actor: Actor, regionId?: string) {
  const scope = scopeWhere(actor, 'participation.campaigns', { region: (ids) => ({ regionId: { in: ids } }) })
  return db.participationCampaign.findMany({
    where: { AND: [scope, regionId ? { regionId } : {}] },
    select: { id: true, name: true, regionId: true, opensAt: true, closesAt: true, maxPerPupil: true, maxPerSector: true, levels: true, listedOnly: true, _count: { select: { slots: true, schools: true } } },
    orderBy: { opensAt: 'desc' },
    take: 200,
  })
}

/**
 * A slot's places as a coordinator sees them at `now`: capacity always, places taken (`confirmedCount`) only where the
 * public sees the free places too — not on a personal-link-only slot, where every booking is a listed pupil's and
 * `capacity − confirmedCount` or two reads around a booking would give a small count of pupils, nor on one that has
 * ended (placesHidden).
 */
async function coordinatorPlaces<S extends { id: string; organisationId: string; programmeId: string; endsAt: Date; capacity: number; confirmedCount: number }>(db: Db, slots: S[], now: Date) {
  const rules = await slotRules(db, slots)
  return slots.map(({ confirmedCount, organisationId: _o, programmeId: _p, ...s }) => ({
    ...s,
    confirmedCount: placesHidden(s, rules.get(s.id)!, now) ? null : confirmedCount,
  }))
}

/**
 * A campaign with its slots (places, reserved places), schools, and how many listed pupils booked in it — figures
 * of the schools' pupils, which its coordinator (not the schools) reads: the reservations masked as in
 * maskReservation, the bookings through maskCount (with one school in the campaign they are that school's), the
 * slots' places taken as in coordinatorPlaces.
 */
export async function getCampaign(db: Db, actor: Actor, campaignId: string, now = new Date()) {
  const c = await loadCampaign(db, actor, campaignId)
  const slotIds = c.slots.map((s) => s.slotId)
  const [slots, schools, reservations, booked] = await Promise.all([
    db.slot.findMany({ where: { id: { in: slotIds } }, select: { id: true, organisationId: true, programmeId: true, startsAt: true, endsAt: true, capacity: true, confirmedCount: true, programme: { select: { name: true, sector: true } }, organisation: { select: { name: true } } }, orderBy: { startsAt: 'asc' } }).then((rows) => coordinatorPlaces(db, rows, now)),
    db.organisation.findMany({ where: { id: { in: c.schools.map((s) => s.schoolId) } }, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    db.participationReservation.findMany({ where: { slotId: { in: slotIds } }, select: { id: true, slotId: true, schoolId: true, places: true, remaining: true, releaseAt: true, releasedAt: true } }),
    db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "ParticipationBooking" pb JOIN "SlotBooking" b ON b."id" = pb."bookingId"
      JOIN "ParticipationCampaignSlot" cs ON cs."slotId" = b."slotId" AND cs."campaignId" = ${c.id} WHERE b."status" IN ('PENDING', 'CONFIRMED', 'WAITLISTED', 'OFFERED')`,
  ])
  return { ...c, slots, schools, reservations: reservations.map((r) => maskReservation(actor, r)), listedBookings: maskCount(Number(booked[0]?.n ?? 0)) }
}

/** Slots a coordinator can add: upcoming published slots of the region's institutions (places as in coordinatorPlaces). */
export async function candidateSlots(db: Db, actor: Actor, regionId: string, now = new Date()) {
  authorize(actor, 'participation.campaigns', { regionIds: [regionId] })
  const slots = await db.slot.findMany({
    where: { status: 'PUBLISHED', startsAt: { gt: now }, organisation: { regions: { some: { regionId } } } },
    select: { id: true, organisationId: true, programmeId: true, startsAt: true, endsAt: true, capacity: true, confirmedCount: true, programme: { select: { name: true, sector: true } }, organisation: { select: { name: true } } },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    take: 300,
  })
  return coordinatorPlaces(db, slots, now)
}

/** The regions whose campaigns the actor runs, with their vo schools (for the campaign form). */
export async function campaignRegions(db: Db, actor: Actor) {
  const scope = scopeWhere(actor, 'participation.campaigns', { region: (ids) => ({ id: { in: ids } }) })
  const regions = await db.region.findMany({ where: scope, select: { id: true, name: true }, orderBy: { name: 'asc' }, take: 100 })
  const schools = await db.organisation.findMany({
    where: { sector: 'VO', regions: { some: { regionId: { in: regions.map((r) => r.id) } } } },
    select: { id: true, name: true, regions: { select: { regionId: true } } },
    orderBy: { name: 'asc' },
    take: 1000,
  })
  return regions.map((r) => ({ ...r, schools: schools.filter((s) => s.regions.some((x) => x.regionId === r.id)).map((s) => ({ id: s.id, name: s.name })) }))
}
