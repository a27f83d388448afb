/**
 * Slots for publishers (programmes, series of dates, participants, attendance, exports, booking rules), for
 * decanen (their pupils' bookings, show-up rates) and the public search. Bookings themselves: booking.ts.
 */
import type { z } from 'zod'
import { rawRows, type Db, type DbTx } from '../db/client.ts'
import { Prisma } from '../db/generated/client.ts'
import type { ProgrammeLevel, PupilLevel, Sector } from '../db/generated/enums.ts'
import { audit } from '../db/audit.ts'
import { authorize, scopeWhere, type Actor, type TenantPaths } from '../auth/policy.ts'
import { conflict, invalid, notFound } from '../lib/errors.ts'
import { fromAmsterdam, fromAmsterdamRange } from '../lib/time.ts'
import { afterKeyset, keysetPage } from '../lib/keyset.ts'
import {
  levelsBySector,
  type CreateSlotsInput,
  type SearchSlotsInput,
  ZCreateProgrammeInput,
  ZListSlotsInput,
  ZParticipantsInput,
  ZSchoolBookingsInput,
  ZSetAttendanceInput,
  ZSettingsInput,
  ZUpdateProgrammeInput,
  ZUpdateSlotInput,
  ZArchiveProgrammeInput,
  retentionDays,
} from './schema.ts'
import { ACTIVE_STATUSES, bookingLocale, endedMail, fillFreePlaces, sendSlotMails, settingsFor, slotForMail, type SlotDeps } from './booking.ts'
import { enqueueMails } from '../mail/outbox.ts'
import { personalLinkOnlySql, placesHidden, slotRules, visibleFree } from '../participation/slot-rules.ts'
import { epochMs } from '../db/epoch.ts'

const INSTITUTION_SECTORS = ['MBO', 'HBO', 'WO'] as const

/** Rows owned by an institution (organisationId column). */
const byInstitution: TenantPaths<{ organisationId: { in: string[] } }> = { organisation: (ids) => ({ organisationId: { in: ids } }) }

/** Loads an institution the actor may publish for: NOT_FOUND / FORBIDDEN / VALIDATION (not an mbo/hbo/wo). */
async function publishableInstitution(db: DbTx, actor: Actor, organisationId: string) {
  const org = await db.organisation.findUnique({ where: { id: organisationId }, select: { id: true, name: true, sector: true } })
  if (!org) throw notFound()
  authorize(actor, 'slots.publish', { organisationId: org.id })
  if (org.sector === 'VO') throw invalid('slots.errors.notInstitution')
  return org as typeof org & { sector: (typeof INSTITUTION_SECTORS)[number] }
}

/** Institutions the actor publishes for. */
export async function listInstitutions(db: Db, actor: Actor) {
  const scope = scopeWhere(actor, 'slots.publish', { organisation: (ids) => ({ id: { in: ids } }) })
  return db.organisation.findMany({ where: { AND: [scope, { sector: { in: [...INSTITUTION_SECTORS] } }] }, select: { id: true, name: true, sector: true, brin: true }, orderBy: { name: 'asc' }, take: 500 })
}

function assertLevel(sector: keyof typeof levelsBySector, level: string) {
  if (!(levelsBySector[sector] as readonly string[]).includes(level)) throw invalid('slots.errors.levelSector')
}

export async function createProgramme(db: Db, actor: Actor, input: z.infer<typeof ZCreateProgrammeInput>) {
  return db.$transaction(async (tx) => {
    const org = await publishableInstitution(tx, actor, input.organisationId)
    assertLevel(org.sector, input.level)
    const programme = await tx.slotProgramme.create({ data: { ...input, sector: org.sector } })
    await audit(tx, actor, { action: 'slots.programme.create', entityType: 'SlotProgramme', entityId: programme.id, organisationId: org.id, after: programme })
    return programme
  })
}

export async function updateProgramme(db: Db, actor: Actor, input: z.infer<typeof ZUpdateProgrammeInput>) {
  const { id, ...data } = input
  return db.$transaction(async (tx) => {
    const before = await tx.slotProgramme.findUnique({ where: { id } })
    if (!before) throw notFound()
    const org = await publishableInstitution(tx, actor, before.organisationId)
    assertLevel(org.sector, data.level)
    const programme = await tx.slotProgramme.update({ where: { id }, data: { ...data, description: data.description ?? null } })
    await audit(tx, actor, { action: 'slots.programme.update', entityType: 'SlotProgramme', entityId: id, organisationId: org.id, before, after: programme })
    return programme
  })
}

/**
 * Archives a programme (or brings it back). An archived programme leaves the public search and gets no new slots;
 * its slots, bookings and show-up figures stay. Refused while it still has upcoming published slots: those are
 * cancelled first (the pupils are told), so no bookable day hangs off an archived programme.
 */
export async function archiveProgramme(db: Db, actor: Actor, input: z.infer<typeof ZArchiveProgrammeInput>, now = new Date()) {
  return db.$transaction(async (tx) => {
    const before = await tx.slotProgramme.findUnique({ where: { id: input.id } })
    if (!before) throw notFound()
    await publishableInstitution(tx, actor, before.organisationId)
    if (input.archived) {
      const upcoming = await tx.slot.count({ where: { programmeId: before.id, status: 'PUBLISHED', startsAt: { gt: now } } })
      if (upcoming > 0) throw conflict('slots.errors.archiveUpcoming', { count: upcoming })
    }
    const programme = await tx.slotProgramme.update({ where: { id: before.id }, data: { archivedAt: input.archived ? (before.archivedAt ?? now) : null } })
    await audit(tx, actor, { action: input.archived ? 'slots.programme.archive' : 'slots.programme.restore', entityType: 'SlotProgramme', entityId: before.id, organisationId: before.organisationId, before: { archivedAt: before.archivedAt }, after: { archivedAt: programme.archivedAt } })
    return programme
  })
}

export async function listProgrammes(db: Db, actor: Actor, input: { organisationId?: string }) {
  // Another institution's id is FORBIDDEN (403) like everywhere else, not an empty list.
  if (input.organisationId) await publishableInstitution(db, actor, input.organisationId)
  const where: Prisma.SlotProgrammeWhereInput = { AND: [scopeWhere(actor, 'slots.publish', byInstitution), input.organisationId ? { organisationId: input.organisationId } : {}] }
  return db.slotProgramme.findMany({ where, orderBy: [{ name: 'asc' }], include: { organisation: { select: { name: true } } }, take: 500 })
}

/** Creates a series of dates of one programme in one transaction; each date has its own capacity. */
export async function createSlots(db: Db, actor: Actor, input: CreateSlotsInput, deps: SlotDeps = {}) {
  const now = deps.now ?? new Date()
  return db.$transaction(async (tx) => {
    const programme = await tx.slotProgramme.findUnique({ where: { id: input.programmeId } })
    if (!programme) throw notFound()
    await publishableInstitution(tx, actor, programme.organisationId)
    if (programme.archivedAt) throw conflict('slots.errors.programmeArchived')
    const opensAt = input.bookingOpensAt ? fromAmsterdam(input.bookingOpensAt) : now
    const questions = input.questions.map((q, i) => ({ id: `q${i + 1}`, label: q.label, required: q.required }))
    const data = input.dates.map((d) => {
      const { startsAt, endsAt } = fromAmsterdamRange({ date: d.date, time: d.startTime }, { date: d.date, time: d.endTime })
      const bookingClosesAt = new Date(startsAt.getTime() - input.closesHoursBefore * 3_600_000)
      if (startsAt <= now) throw invalid('slots.errors.inPast', { date: d.date })
      if (bookingClosesAt <= opensAt) throw invalid('slots.errors.windowEmpty', { date: d.date })
      return {
        programmeId: programme.id,
        organisationId: programme.organisationId,
        startsAt,
        endsAt,
        location: input.location,
        capacity: d.capacity,
        bookingOpensAt: opensAt,
        bookingClosesAt,
        audienceLevels: input.audienceLevels,
        questions,
      }
    })
    const slots = await tx.slot.createManyAndReturn({ data, select: { id: true, startsAt: true, capacity: true } })
    await audit(tx, actor, { action: 'slots.slot.createSeries', entityType: 'SlotProgramme', entityId: programme.id, organisationId: programme.organisationId, after: { slots } })
    return slots
  })
}

/** Loads a slot for a publisher with the slot row locked (tx) and authorizes. */
async function lockedSlot(tx: DbTx, actor: Actor, id: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Slot" WHERE "id" = ${id} FOR UPDATE`
  if (!rows.length) throw notFound()
  const slot = await tx.slot.findUniqueOrThrow({ where: { id } })
  authorize(actor, 'slots.publish', { organisationId: slot.organisationId })
  return slot
}

/** Capacity and location. Capacity below the places already taken is refused; a raise offers places to the waiting list. */
export async function updateSlot(db: Db, actor: Actor, input: z.infer<typeof ZUpdateSlotInput>, deps: SlotDeps = {}) {
  const now = deps.now ?? new Date()
  const { slot, offers } = await db.$transaction(async (tx) => {
    const before = await lockedSlot(tx, actor, input.id)
    if (input.capacity < before.confirmedCount) throw conflict('slots.errors.capacityBelowConfirmed', { confirmed: before.confirmedCount })
    const slot = await tx.slot.update({ where: { id: input.id }, data: { capacity: input.capacity, location: input.location } })
    const offers = slot.status === 'PUBLISHED' && input.capacity > before.capacity ? await fillFreePlaces(tx, slot.id, now) : []
    await audit(tx, actor, { action: 'slots.slot.update', entityType: 'Slot', entityId: slot.id, organisationId: slot.organisationId, before: { capacity: before.capacity, location: before.location }, after: { capacity: slot.capacity, location: slot.location } })
    return { slot, offers }
  })
  await sendSlotMails(db, offers.map((o) => o.key), deps)
  return slot
}

/** Cancels a slot: every active booking is cancelled and the pupils are told by e-mail (outbox, each in their booking's language). */
export async function cancelSlot(db: Db, actor: Actor, id: string, deps: SlotDeps = {}) {
  const keys = await db.$transaction(async (tx) => {
    const slot = await lockedSlot(tx, actor, id)
    if (slot.status === 'CANCELLED') throw conflict('slots.errors.slotCancelled')
    const affected = await tx.slotBooking.findMany({ where: { slotId: id, status: { in: [...ACTIVE_STATUSES] } }, select: { id: true, pupilEmail: true, pupilName: true, locale: true } })
    await tx.slotBooking.updateMany({ where: { slotId: id, status: { in: [...ACTIVE_STATUSES] } }, data: { status: 'CANCELLED' } })
    await tx.slot.update({ where: { id }, data: { status: 'CANCELLED', confirmedCount: 0 } })
    await audit(tx, actor, { action: 'slots.slot.cancel', entityType: 'Slot', entityId: id, organisationId: slot.organisationId, after: { cancelledBookings: affected.length } })
    const full = await tx.slot.findUniqueOrThrow({ where: { id }, ...slotForMail })
    const mails = affected.flatMap((a) => (a.pupilEmail ? [endedMail('slotCancelled', { ...a, pupilEmail: a.pupilEmail }, full, bookingLocale(a.locale))] : []))
    await enqueueMails(tx, mails)
    return mails.map((m) => m.key)
  })
  await sendSlotMails(db, keys, deps)
  return { status: 'CANCELLED' as const }
}

const slotListInclude = { programme: { select: { name: true, level: true, code: true } }, organisation: { select: { name: true } } } satisfies Prisma.SlotInclude

/** The publisher's slots, upcoming soonest first or past latest first, a page at a time, with booking counts per status. */
export async function listSlots(db: Db, actor: Actor, input: z.infer<typeof ZListSlotsInput>, now = new Date()) {
  if (input.organisationId) await publishableInstitution(db, actor, input.organisationId)
  const where: Prisma.SlotWhereInput = {
    AND: [scopeWhere(actor, 'slots.publish', byInstitution), input.organisationId ? { organisationId: input.organisationId } : {}, input.past ? { startsAt: { lt: now } } : { startsAt: { gte: now } }],
  }
  const direction = input.past ? 'desc' : 'asc'
  const [rows, total] = await Promise.all([
    db.slot.findMany({
      where: input.cursor ? { AND: [where, afterKeyset('startsAt', new Date(input.cursor.key), input.cursor.id, direction)] } : where,
      include: slotListInclude,
      orderBy: [{ startsAt: direction }, { id: direction }],
      take: input.limit + 1,
    }),
    db.slot.count({ where }),
  ])
  const page = keysetPage(rows, input.limit, (s) => s.startsAt)
  const counts = await db.slotBooking.groupBy({ by: ['slotId', 'status'], where: { slotId: { in: page.items.map((s) => s.id) } }, _count: { _all: true } })
  const count = (slotId: string, status: string) => counts.find((c) => c.slotId === slotId && c.status === status)?._count._all ?? 0
  return {
    ...page,
    items: page.items.map((s) => ({ ...s, waitlisted: count(s.id, 'WAITLISTED'), offered: count(s.id, 'OFFERED'), pending: count(s.id, 'PENDING'), confirmed: count(s.id, 'CONFIRMED') })),
    total,
  }
}

/** What a publisher sees of a booking: chosen field by field, so no link hash or other internal reaches a response. */
const participantSelect = {
  id: true,
  status: true,
  pupilName: true,
  pupilEmail: true,
  schoolOther: true,
  level: true,
  year: true,
  answers: true,
  waitlistedAt: true,
  offerExpiresAt: true,
  attendance: true,
  purgedAt: true,
  createdAt: true,
  school: { select: { name: true } },
} satisfies Prisma.SlotBookingSelect

/** A slot (publisher of its institution only); its participants: listParticipants. */
export async function getSlot(db: Db, actor: Actor, id: string) {
  const slot = await db.slot.findUnique({ where: { id }, include: slotListInclude })
  if (!slot) throw notFound()
  authorize(actor, 'slots.publish', { organisationId: slot.organisationId })
  return slot
}

/** A slot's participants in booking order, a page at a time (keyset on createdAt, id), with how many there are. */
export async function listParticipants(db: Db, actor: Actor, input: z.infer<typeof ZParticipantsInput>) {
  await getSlot(db, actor, input.slotId)
  const where: Prisma.SlotBookingWhereInput = { slotId: input.slotId }
  const [rows, total] = await Promise.all([
    db.slotBooking.findMany({
      where: input.cursor ? { AND: [where, afterKeyset('createdAt', new Date(input.cursor.key), input.cursor.id)] } : where,
      select: participantSelect,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: input.limit + 1,
    }),
    db.slotBooking.count({ where }),
  ])
  return { ...keysetPage(rows, input.limit, (b) => b.createdAt), total }
}

export async function setAttendance(db: Db, actor: Actor, input: z.infer<typeof ZSetAttendanceInput>, now = new Date()) {
  return db.$transaction(async (tx) => {
    const b = await tx.slotBooking.findUnique({ where: { id: input.bookingId }, include: { slot: { select: { startsAt: true } } } })
    if (!b) throw notFound()
    authorize(actor, 'slots.publish', { organisationId: b.organisationId })
    if (b.status !== 'CONFIRMED') throw invalid('slots.errors.attendanceNotConfirmed')
    if (b.slot.startsAt > now) throw invalid('slots.errors.attendanceBeforeStart')
    const updated = await tx.slotBooking.update({ where: { id: b.id }, data: { attendance: input.attendance }, select: { id: true, attendance: true } })
    await audit(tx, actor, { action: 'slots.attendance', entityType: 'SlotBooking', entityId: b.id, organisationId: b.organisationId, before: { attendance: b.attendance }, after: { attendance: input.attendance } })
    return updated
  })
}

/** Rows of the participant export (CSV/XLSX), in the order of the list. */
export async function participantRows(db: Db, actor: Actor, slotId: string) {
  const slot = await getSlot(db, actor, slotId)
  const questions = slot.questions as { id: string; label: string }[]
  // The export holds every participant (a file, not a page), in the order of the list.
  const bookings = await db.slotBooking.findMany({ where: { slotId }, select: participantSelect, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })
  return {
    slot,
    questions,
    rows: bookings.map((b) => ({
      status: b.status,
      name: b.pupilName ?? '',
      email: b.pupilEmail ?? '',
      school: b.school?.name ?? b.schoolOther ?? '',
      level: b.level,
      year: b.year,
      attendance: b.attendance ?? '',
      bookedAt: b.createdAt,
      answers: questions.map((q) => ((b.answers as Record<string, string> | null) ?? {})[q.id] ?? ''),
    })),
  }
}

export async function getSettings(db: Db, actor: Actor, organisationId: string) {
  await publishableInstitution(db, actor, organisationId)
  return settingsFor(db, organisationId)
}

export async function updateSettings(db: Db, actor: Actor, input: z.infer<typeof ZSettingsInput>) {
  const { organisationId, ...data } = input
  return db.$transaction(async (tx) => {
    await publishableInstitution(tx, actor, organisationId)
    const before = await settingsFor(tx, organisationId)
    const settings = await tx.slotSettings.upsert({ where: { organisationId }, create: input, update: data })
    await audit(tx, actor, { action: 'slots.settings', entityType: 'SlotSettings', entityId: organisationId, organisationId, before, after: settings })
    return settings
  })
}

type RateRow = { key: string; name: string; confirmed: number; present: number; absent: number }
const withRate = (r: RateRow) => ({ ...r, showUpRate: r.present + r.absent ? r.present / (r.present + r.absent) : null })

/** Show-up per programme for the publisher's institutions (attendance registered after the day). */
export async function institutionShowUp(db: Db, actor: Actor) {
  const rows = await db.slotBooking.groupBy({
    by: ['programmeId', 'attendance'],
    where: { AND: [scopeWhere(actor, 'slots.publish', byInstitution), { status: 'CONFIRMED' }] },
    _count: { _all: true },
  })
  const programmes = await db.slotProgramme.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.programmeId))] } }, select: { id: true, name: true } })
  return programmes.map((p) => withRate(tally(p.id, p.name, rows.filter((r) => r.programmeId === p.id))))
}

function tally(key: string, name: string, rows: { attendance: string | null; _count: { _all: number } }[]): RateRow {
  const sum = (a: string | null) => rows.filter((r) => r.attendance === a).reduce((n, r) => n + r._count._all, 0)
  return { key, name, confirmed: rows.reduce((n, r) => n + r._count._all, 0), present: sum('PRESENT'), absent: sum('ABSENT') }
}

const bySchool: TenantPaths<Prisma.SlotBookingWhereInput> = { organisation: (ids) => ({ schoolId: { in: ids } }) }

/**
 * A decaan: the bookings of pupils who chose their school (personal data as long as it is kept), latest day first, a
 * page at a time (keyset on the slot's start, then the booking id), with the total and the show-up per school.
 */
export async function schoolBookings(db: Db, actor: Actor, input: z.infer<typeof ZSchoolBookingsInput>) {
  if (input.schoolId) authorize(actor, 'slots.schoolBookings', { organisationId: input.schoolId })
  const where: Prisma.SlotBookingWhereInput = { AND: [scopeWhere(actor, 'slots.schoolBookings', bySchool), input.schoolId ? { schoolId: input.schoolId } : {}] }
  // "After" the cursor in (slot.startsAt desc, id desc): afterKeyset's condition, the key on the booking's slot.
  const after = (c: { key: number; id: string }): Prisma.SlotBookingWhereInput => ({ OR: [{ slot: { startsAt: { lt: new Date(c.key) } } }, { slot: { startsAt: new Date(c.key) }, id: { lt: c.id } }] })
  const [rows, total] = await Promise.all([
    db.slotBooking.findMany({
      where: input.cursor ? { AND: [where, after(input.cursor)] } : where,
      select: { id: true, status: true, pupilName: true, level: true, year: true, attendance: true, school: { select: { name: true } }, slot: { select: { startsAt: true, location: true, programme: { select: { name: true } }, organisation: { select: { name: true } } } } },
      orderBy: [{ slot: { startsAt: 'desc' } }, { id: 'desc' }],
      take: input.limit + 1,
    }),
    db.slotBooking.count({ where }),
  ])
  const page = keysetPage(rows, input.limit, (b) => b.slot.startsAt)
  const grouped = await db.slotBooking.groupBy({ by: ['schoolId', 'attendance'], where: { AND: [where, { status: 'CONFIRMED' }] }, _count: { _all: true } })
  const schools = await db.organisation.findMany({ where: { id: { in: [...new Set(grouped.flatMap((g) => (g.schoolId ? [g.schoolId] : [])))] } }, select: { id: true, name: true } })
  return {
    bookings: page.items.map((b) => ({
      id: b.id,
      status: b.status,
      pupilName: b.pupilName,
      level: b.level,
      year: b.year,
      attendance: b.attendance,
      school: b.school?.name ?? '',
      startsAt: b.slot.startsAt,
      programme: b.slot.programme.name,
      institution: b.slot.organisation.name,
    })),
    nextCursor: page.nextCursor,
    total,
    showUp: schools.map((s) => withRate(tally(s.id, s.name, grouped.filter((g) => g.schoolId === s.id)))),
  }
}

/** The schools a decaan may book for. */
export async function mySchools(db: Db, actor: Actor) {
  const scope = scopeWhere(actor, 'slots.schoolBookings', { organisation: (ids) => ({ id: { in: ids } }) })
  return db.organisation.findMany({
    where: { AND: [scope, { sector: 'VO' }] },
    select: { id: true, name: true, regions: { select: { region: { select: { slug: true, name: true } } } } },
    orderBy: { name: 'asc' },
    take: 200,
  })
}

// ---- Public (no account) ----

/** What a slot listing shows of each slot: when, where and how many places are taken (public search, calendar). */
export const slotCardSelect = { id: true, startsAt: true, endsAt: true, location: true, capacity: true, confirmedCount: true } satisfies Prisma.SlotSelect

/** A search card as the statement returns it (JSON; instants as epoch milliseconds). */
type SlotCardJson = {
  id: string
  startsAt: number
  endsAt: number
  location: string
  audienceLevels: PupilLevel[]
  programme: { name: string; level: ProgrammeLevel; sector: Sector }
  organisation: { name: string; brin: string }
  free: number
  full: boolean
  opensAt: number | null
  personalLinkOnly: boolean
}

/** `x` for ILIKE '%x%': the user's text matched literally (%, _ and \\ escaped). */
const likeContains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/** A `timestamp(3)` column (UTC) as epoch milliseconds in the JSON. */

/**
 * Open slots over a region (slug) or one institution (BRIN), with filters. Only bookable, upcoming, published slots
 * of programmes that are not archived, soonest first. Two statements over the pool (no ORM compile): the owner's id
 * (an unknown slug or BRIN is NOT_FOUND), then the page of slots with programme and institution, the card's figures
 * (free places, full, when booking opens) and whether only the school's personal link books — the rule of
 * `slotRules` (participation/slot-rules.ts) and of the trigger participation_booking_rules: a programme's list rule
 * overrides the institution's (programmeId ''), or any campaign of the slot lists its pupils. The owner's id is a
 * value in the second statement, not a sub-select on the slug: the planner then knows how many institutions (and
 * slots) the region holds and reads its slots in start order until the page is full, instead of all upcoming slots
 * of the region sorted (≈ 4× the time on the national data set's largest region). The rest is joined to the page only.
 */
export async function searchSlots(db: Db, input: SearchSlotsInput, now = new Date()) {
  const [owner] = await rawRows<{ id: string }>(
    db,
    input.regionSlug ? Prisma.sql`SELECT "id" FROM "Region" WHERE "slug" = ${input.regionSlug}` : Prisma.sql`SELECT "id" FROM "Organisation" WHERE "brin" = ${input.brin!}`,
  )
  if (!owner) throw notFound()
  const from = input.from ? fromAmsterdam(input.from) : now
  const conds: Prisma.Sql[] = [
    input.regionSlug
      ? Prisma.sql`s."organisationId" IN (SELECT m."organisationId" FROM "OrganisationRegion" m WHERE m."regionId" = ${owner.id})`
      : Prisma.sql`s."organisationId" = ${owner.id}`,
    Prisma.sql`s."status" = 'PUBLISHED'`,
    Prisma.sql`s."startsAt" >= ${from > now ? from : now}`,
    Prisma.sql`s."bookingClosesAt" > ${now}`,
    Prisma.sql`p."archivedAt" IS NULL`,
  ]
  if (input.to) conds.push(Prisma.sql`s."startsAt" < ${new Date(fromAmsterdam(input.to).getTime() + 86_400_000)}`)
  if (input.sector) conds.push(Prisma.sql`p."sector" = ${input.sector}::"Sector"`)
  if (input.level) conds.push(Prisma.sql`p."level" = ${input.level}::"ProgrammeLevel"`)
  if (input.programme) conds.push(Prisma.sql`p."name" ILIKE ${likeContains(input.programme)}`)
  // The next page: the cards after the previous page's last, in the list's order (start, then id).
  if (input.cursor) conds.push(Prisma.sql`(s."startsAt", s."id") > (${new Date(input.cursor.key)}, ${input.cursor.id})`)
  const [row] = await rawRows<{ cards: string | null }>(
    db,
    Prisma.sql`
    SELECT (SELECT json_agg(c)::text FROM (
      SELECT s."id", ${epochMs('s."startsAt"')} AS "startsAt", ${epochMs('s."endsAt"')} AS "endsAt", s."location", s."audienceLevels",
             json_build_object('name', p."name", 'level', p."level", 'sector', p."sector") AS "programme",
             json_build_object('name', o."name", 'brin', o."brin") AS "organisation",
             GREATEST(0, s."capacity" - s."confirmedCount") AS "free", s."confirmedCount" >= s."capacity" AS "full",
             CASE WHEN s."bookingOpensAt" > ${now} THEN ${epochMs('s."bookingOpensAt"')} END AS "opensAt",
             ${Prisma.raw(personalLinkOnlySql('s'))} AS "personalLinkOnly"
        FROM "Slot" s JOIN "SlotProgramme" p ON p."id" = s."programmeId" JOIN "Organisation" o ON o."id" = s."organisationId"
       WHERE ${Prisma.join(conds, ' AND ')}
       ORDER BY s."startsAt", s."id" LIMIT ${input.limit}) c) AS "cards"`,
  )
  const cards = row?.cards ? (JSON.parse(row.cards) as SlotCardJson[]) : []
  // A personal-link-only slot's places are not shown to the public (placesHidden): neither free nor full. (An ended
  // slot's would not be either, but the search lists upcoming slots only.)
  return cards.map((c) => {
    const [startsAt, endsAt] = [new Date(c.startsAt), new Date(c.endsAt)]
    const hidden = placesHidden({ endsAt }, c, now)
    return { ...c, free: hidden ? null : c.free, full: hidden ? null : c.full, startsAt, endsAt, opensAt: c.opensAt === null ? null : new Date(c.opensAt) }
  })
}

/** One slot for the public booking form, with the schools a pupil can choose (vo schools of the institution's regions). */
export async function publicSlot(db: Db, id: string, now = new Date()) {
  const slot = await db.slot.findUnique({
    where: { id },
    include: { programme: { select: { name: true, level: true, sector: true, archivedAt: true } }, organisation: { select: { name: true, brin: true, regions: { select: { regionId: true } } } } },
  })
  if (!slot || slot.status !== 'PUBLISHED') throw notFound('slots.errors.slotNotFound')
  const settings = await settingsFor(db, slot.organisationId)
  const [schools, rules] = await Promise.all([
    db.organisation.findMany({
      where: { sector: 'VO', regions: { some: { regionId: { in: slot.organisation.regions.map((r) => r.regionId) } } } },
      select: { id: true, name: true, city: true },
      orderBy: { name: 'asc' },
    }),
    slotRules(db, [slot]).then((m) => m.get(slot.id)!),
  ])
  return {
    id: slot.id,
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
    location: slot.location,
    audienceLevels: slot.audienceLevels,
    /** The audience levels the slot's campaigns also allow: the form offers only these (the trigger refuses others). */
    allowedLevels: rules.levels ? slot.audienceLevels.filter((l) => rules.levels!.includes(l)) : slot.audienceLevels,
    /** Only pupils on a class list may book (campaign or institution rule): the page explains this instead of the open form. */
    personalLinkOnly: rules.personalLinkOnly,
    questions: slot.questions as { id: string; label: string; required: boolean }[],
    /** Null on a personal-link-only slot (its places would count listed pupils) or one that has ended (placesHidden). */
    free: visibleFree(slot, rules, now),
    open: now >= slot.bookingOpensAt && now < slot.bookingClosesAt && !slot.programme.archivedAt,
    programme: { name: slot.programme.name, level: slot.programme.level, sector: slot.programme.sector },
    /** Days after the day that the pupil's personal data is kept (the purge job's own period): the privacy notice. */
    purgeAfterDays: retentionDays(settings.purgeAfterDays),
    institution: { name: slot.organisation.name, brin: slot.organisation.brin },
    schools,
  }
}
