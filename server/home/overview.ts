/**
 * The signed-in home ("Overzicht"): per role, what needs the user now and what is coming. Each block is one scoped
 * query (tenant from the actor's verified memberships, never from input) returning a count and the first few rows
 * with links; the page renders an empty state per block. The coordinator's proposals apply the review queue's
 * conflict rule (same region, overlapping time and audience) in the same statement. Pupils' names never appear here.
 */
import type { Db } from '../db/client.ts'
import type { Role } from '../db/generated/enums.ts'
import type { Actor } from '../auth/policy.ts'
import { addLocalDays } from '../calendar/time.ts'
import { fromAmsterdam, toAmsterdam } from '../lib/time.ts'
import { lateBoards } from '../notifications/late-boards.ts'

export const SHOWN = 5
const DAY = 86_400_000

export type Item = { id: string; title: string; link: string; at?: Date | null; note?: string | null; flag?: boolean }
export type Block = { key: string; count: number; items: Item[]; link: string }

const idsOf = (actor: Actor, role: Role, field: 'regionId' | 'boardId' | 'organisationId') =>
  [...new Set(actor.memberships.filter((m) => m.role === role).map((m) => m[field]).filter((v): v is string => !!v))]

const block = (key: string, link: string, rows: Item[], count = rows.length): Block => ({ key, link, count, items: rows.slice(0, SHOWN) })

/** Start of today and of the day after `days` more days, in Amsterdam, as instants. */
function localDays(now: Date, days: number) {
  const today = toAmsterdam(now).date
  return { from: fromAmsterdam(today, '00:00'), to: fromAmsterdam(addLocalDays(today, days), '00:00') }
}

async function coordinatorBlocks(db: Db, regionIds: string[], now: Date): Promise<Block[]> {
  const year = Number(toAmsterdam(now).date.slice(0, 4))
  const week = localDays(now, 7)
  const fortnight = localDays(now, 14)
  // One statement: the proposals waiting in the coordinator's regions, each flagged when a published event of the
  // same region overlaps it in time and audience (the review queue's conflict rule), with the total count.
  const pending = await db.$queryRaw<{ id: string; title: string; startsAt: Date; conflict: boolean; total: bigint }[]>`
    SELECT e.id, e.title, e."startsAt", count(*) OVER () AS total,
      EXISTS (SELECT 1 FROM "CalendarEventRegion" pr JOIN "CalendarEvent" o ON o.id = pr."eventId"
              WHERE pr."regionId" = r."regionId" AND pr.decision = 'PUBLISHED' AND o.id <> e.id AND o.status = 'PUBLISHED'
                AND o."startsAt" < e."endsAt" AND o."endsAt" > e."startsAt" AND o."audienceLevels" && e."audienceLevels") AS conflict
    FROM "CalendarEvent" e JOIN "CalendarEventRegion" r ON r."eventId" = e.id
    WHERE r."regionId" = ANY(${regionIds}) AND r.decision = 'PENDING' AND e.status = 'PROPOSED'
    ORDER BY e."startsAt", e.id LIMIT ${SHOWN}`
  const reports = await db.fundReport.findMany({
    where: { status: 'SUBMITTED', budgetLine: { grant: { regionId: { in: regionIds } } } },
    select: { id: true, submittedAt: true, board: { select: { name: true } }, budgetLine: { select: { activity: true, grantId: true } } },
    orderBy: { submittedAt: 'asc' },
    take: 50,
  })
  // Boards that have not reported for a grant year whose deadline has passed (the year still open).
  const late = await lateBoards(db, { regionIds, before: new Date(Date.parse(`${toAmsterdam(now).date}T00:00:00Z`)), limit: 50 })
  const [fund] = await db.$queryRaw<{ allocated: bigint | null; budgeted: bigint | null; reported: bigint | null; approved: bigint | null }[]>`
    SELECT
      (SELECT SUM(a."amountCents") FROM "FundAllocation" a JOIN "FundGrant" g ON g.id = a."grantId" WHERE g."regionId" = ANY(${regionIds}) AND a.year = ${year}) AS allocated,
      (SELECT SUM(l."amountCents") FROM "FundBudgetLine" l JOIN "FundGrant" g ON g.id = l."grantId" WHERE g."regionId" = ANY(${regionIds}) AND l.year = ${year}) AS budgeted,
      (SELECT SUM(r."amountCents") FROM "FundReport" r JOIN "FundBudgetLine" l ON l.id = r."budgetLineId" JOIN "FundGrant" g ON g.id = l."grantId"
        WHERE g."regionId" = ANY(${regionIds}) AND l.year = ${year} AND r.status IN ('SUBMITTED', 'APPROVED')) AS reported,
      (SELECT SUM(r."amountCents") FROM "FundReport" r JOIN "FundBudgetLine" l ON l.id = r."budgetLineId" JOIN "FundGrant" g ON g.id = l."grantId"
        WHERE g."regionId" = ANY(${regionIds}) AND l.year = ${year} AND r.status = 'APPROVED') AS approved`
  const events = await db.calendarEvent.findMany({
    where: { status: 'PUBLISHED', startsAt: { gte: week.from, lt: week.to }, regions: { some: { regionId: { in: regionIds }, decision: 'PUBLISHED' } } },
    select: { id: true, title: true, startsAt: true },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    take: 50,
  })
  // Slots of the region's institutions in the next two weeks that are nearly full (≥ 90 %) or under-booked (< 25 %).
  const slots = await db.$queryRaw<{ id: string; name: string; startsAt: Date; capacity: number; confirmedCount: number }[]>`
    SELECT s.id, p.name, s."startsAt", s.capacity, s."confirmedCount"
    FROM "Slot" s JOIN "SlotProgramme" p ON p.id = s."programmeId"
    WHERE s.status = 'PUBLISHED' AND s."startsAt" >= ${fortnight.from} AND s."startsAt" < ${fortnight.to}
      AND s."organisationId" IN (SELECT "organisationId" FROM "OrganisationRegion" WHERE "regionId" = ANY(${regionIds}))
      AND (s."confirmedCount" * 10 >= s.capacity * 9 OR s."confirmedCount" * 4 < s.capacity)
    ORDER BY s."startsAt", s.id LIMIT 50`
  const openYears = await db.$queryRaw<{ grantId: string; fundName: string; year: number }[]>`
    SELECT g.id AS "grantId", g."fundName", a.year
    FROM "FundAllocation" a JOIN "FundGrant" g ON g.id = a."grantId"
    WHERE g."regionId" = ANY(${regionIds}) AND a.year < ${year}
      AND NOT EXISTS (SELECT 1 FROM "FundClosedYear" c WHERE c."grantId" = a."grantId" AND c.year = a.year)
    ORDER BY a.year, g."fundName" LIMIT 50`
  return [
    block(
      'coordinator.proposals',
      '/agenda/manage',
      pending.map((e) => ({ id: e.id, title: e.title, link: `/agenda/${e.id}`, at: e.startsAt, flag: e.conflict })),
      Number(pending[0]?.total ?? 0),
    ),
    block(
      'coordinator.reports',
      '/fonds',
      reports.map((r) => ({ id: r.id, title: `${r.board.name}: ${r.budgetLine.activity}`, link: `/fonds/${r.budgetLine.grantId}/rapportages/${r.id}`, at: r.submittedAt })),
    ),
    block(
      'coordinator.late',
      '/fonds',
      late.map((l) => ({ id: `${l.allocationId}:${l.boardId}`, title: `${l.board} — ${l.fundName} ${l.year}`, link: `/fonds/${l.grantId}`, at: l.reportDeadline })),
    ),
    {
      key: 'coordinator.fund',
      link: '/fonds',
      count: fund?.allocated ? 1 : 0,
      items: fund?.allocated
        ? (['allocated', 'budgeted', 'reported', 'approved'] as const).map((k) => ({ id: k, title: k, link: '/fonds', note: String(Number(fund[k] ?? 0)) }))
        : [],
    },
    block('coordinator.events', '/agenda', events.map((e) => ({ id: e.id, title: e.title, link: `/agenda/${e.id}`, at: e.startsAt }))),
    block(
      'coordinator.slots',
      '/agenda',
      slots.map((s) => ({ id: s.id, title: s.name, link: `/agenda`, at: s.startsAt, note: `${s.confirmedCount}/${s.capacity}`, flag: s.confirmedCount * 10 >= s.capacity * 9 })),
    ),
    block('coordinator.years', '/fonds', openYears.map((y) => ({ id: `${y.grantId}:${y.year}`, title: `${y.fundName} ${y.year}`, link: `/fonds/${y.grantId}` }))),
  ]
}

async function reporterBlocks(db: Db, boardIds: string[], now: Date): Promise<Block[]> {
  const reports = await db.fundReport.findMany({
    where: { boardId: { in: boardIds }, status: { in: ['DRAFT', 'REJECTED'] } },
    select: { id: true, status: true, rejectReason: true, updatedAt: true, budgetLine: { select: { activity: true, grantId: true, year: true } } },
    orderBy: { updatedAt: 'desc' },
    take: 100,
  })
  const today = localDays(now, 0).from
  const deadlines = await db.fundAllocation.findMany({
    where: { reportDeadline: { gte: today }, grant: { lines: { some: { boards: { some: { boardId: { in: boardIds } } } } } } },
    select: { id: true, year: true, reportDeadline: true, grant: { select: { id: true, fundName: true } } },
    orderBy: { reportDeadline: 'asc' },
    take: 50,
  })
  const item = (r: (typeof reports)[number]) => ({ id: r.id, title: `${r.budgetLine.activity} (${r.budgetLine.year})`, link: `/fonds/${r.budgetLine.grantId}/rapportages/${r.id}`, at: r.updatedAt, note: r.rejectReason })
  return [
    block('reporter.drafts', '/fonds', reports.filter((r) => r.status === 'DRAFT').map(item)),
    block('reporter.rejected', '/fonds', reports.filter((r) => r.status === 'REJECTED').map(item)),
    block('reporter.deadlines', '/fonds', deadlines.map((d) => ({ id: d.id, title: `${d.grant.fundName} ${d.year}`, link: `/fonds/${d.grant.id}`, at: d.reportDeadline }))),
  ]
}

async function staffBlocks(db: Db, orgIds: string[], now: Date): Promise<Block[]> {
  const proposals = await db.calendarEvent.findMany({
    where: { organisers: { some: { organisationId: { in: orgIds } } }, status: { in: ['DRAFT', 'PROPOSED', 'REJECTED'] }, endsAt: { gte: now } },
    select: { id: true, title: true, status: true, startsAt: true, regions: { select: { rejectReason: true }, where: { decision: 'REJECTED' } } },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    take: 50,
  })
  const bookings = await db.slotBooking.findMany({
    where: { schoolId: { in: orgIds }, status: { in: ['CONFIRMED', 'PENDING', 'OFFERED', 'WAITLISTED'] }, slot: { startsAt: { gte: now } } },
    select: { id: true, status: true, slot: { select: { startsAt: true, programme: { select: { name: true } } } } },
    orderBy: [{ slot: { startsAt: 'asc' } }, { id: 'asc' }],
    take: 200,
  })
  const weeks = localDays(now, 21)
  const regionIds = (await db.organisationRegion.findMany({ where: { organisationId: { in: orgIds } }, select: { regionId: true } })).map((r) => r.regionId)
  const events = await db.calendarEvent.findMany({
    where: { status: 'PUBLISHED', startsAt: { gte: now, lt: weeks.to }, regions: { some: { regionId: { in: regionIds }, decision: 'PUBLISHED' } }, organisers: { none: { organisationId: { in: orgIds } } } },
    select: { id: true, title: true, startsAt: true },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    take: 50,
  })
  const booked = bookings.filter((b) => b.status !== 'WAITLISTED')
  const waiting = bookings.filter((b) => b.status === 'WAITLISTED')
  const slotItem = (b: (typeof bookings)[number]) => ({ id: b.id, title: b.slot.programme.name, link: '/proefstuderen/school', at: b.slot.startsAt })
  return [
    block('staff.proposals', '/agenda', proposals.map((e) => ({ id: e.id, title: e.title, link: `/agenda/${e.id}`, at: e.startsAt, note: e.status, flag: e.status === 'REJECTED' }))),
    block('staff.bookings', '/proefstuderen/school', booked.map(slotItem)),
    block('staff.waiting', '/proefstuderen/school', waiting.map(slotItem)),
    block('staff.events', '/agenda', events.map((e) => ({ id: e.id, title: e.title, link: `/agenda/${e.id}`, at: e.startsAt }))),
  ]
}

async function publisherBlocks(db: Db, orgIds: string[], now: Date): Promise<Block[]> {
  const day = localDays(now, 1)
  const week = localDays(now, 7)
  const slotRows = await db.slot.findMany({
    where: { organisationId: { in: orgIds }, startsAt: { gte: day.from, lt: week.to }, status: 'PUBLISHED' },
    select: { id: true, startsAt: true, capacity: true, confirmedCount: true, programme: { select: { name: true } } },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    take: 100,
  })
  const pastRows = await db.slot.findMany({
    where: { organisationId: { in: orgIds }, endsAt: { lt: now, gte: new Date(now.getTime() - 30 * DAY) }, bookings: { some: { status: 'CONFIRMED', attendance: null } } },
    select: { id: true, startsAt: true, programme: { select: { name: true } } },
    orderBy: [{ startsAt: 'desc' }, { id: 'asc' }],
    take: 50,
  })
  // Booking counts of these slots only, through SlotBooking(slotId, status, …): a relation `_count` with a filter
  // made Prisma aggregate the whole SlotBooking table first (4 s at 2,000,000 bookings, the national bench).
  const counts = async (slotIds: string[], where: { status: 'WAITLISTED' } | { status: 'CONFIRMED'; attendance: null }) =>
    new Map(slotIds.length ? (await db.slotBooking.groupBy({ by: ['slotId'], where: { slotId: { in: slotIds }, ...where }, _count: { _all: true } })).map((g) => [g.slotId, g._count._all]) : [])
  const waiting = await counts(slotRows.map((s) => s.id), { status: 'WAITLISTED' })
  const unmarked = await counts(pastRows.map((s) => s.id), { status: 'CONFIRMED', attendance: null })
  const slots = slotRows.map((s) => ({ ...s, _count: { bookings: waiting.get(s.id) ?? 0 } }))
  const past = pastRows.map((s) => ({ ...s, _count: { bookings: unmarked.get(s.id) ?? 0 } }))
  const item = (s: (typeof slots)[number]) => ({ id: s.id, title: s.programme.name, link: `/proefstuderen/${s.id}`, at: s.startsAt, note: `${s.confirmedCount}/${s.capacity}` })
  return [
    block('publisher.today', '/proefstuderen', slots.filter((s) => s.startsAt < day.to).map(item)),
    block('publisher.week', '/proefstuderen', slots.map(item)),
    block('publisher.waiting', '/proefstuderen', slots.filter((s) => s._count.bookings > 0).map((s) => ({ ...item(s), note: String(s._count.bookings) }))),
    block('publisher.attendance', '/proefstuderen', past.map((s) => ({ id: s.id, title: s.programme.name, link: `/proefstuderen/${s.id}`, at: s.startsAt, note: String(s._count.bookings) }))),
  ]
}

async function adminBlocks(db: Db, now: Date): Promise<Block[]> {
  const invitations = await db.invitation.findMany({
    where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    select: { id: true, role: true, expiresAt: true, region: { select: { name: true } }, board: { select: { name: true } }, organisation: { select: { name: true } } },
    orderBy: { expiresAt: 'asc' },
    take: 100,
  })
  const regions = await db.region.findMany({ where: { roles: { none: { role: 'REGION_COORDINATOR' } } }, select: { id: true, name: true }, orderBy: { name: 'asc' }, take: 100 })
  return [
    block('admin.invitations', '/admin/members', invitations.map((i) => ({ id: i.id, title: i.region?.name ?? i.board?.name ?? i.organisation?.name ?? '', link: '/admin/members', at: i.expiresAt, note: i.role }))),
    block('admin.regions', '/admin/regions', regions.map((r) => ({ id: r.id, title: r.name, link: `/admin/regions/${r.id}` }))),
  ]
}

export type Overview = { sections: { role: Role; blocks: Block[] }[] }

/** The home page's blocks for every role the actor holds (a user with two roles sees both sections). */
export async function homeOverview(db: Db, actor: Actor, now = new Date()): Promise<Overview> {
  const sections: Overview['sections'] = []
  const regions = idsOf(actor, 'REGION_COORDINATOR', 'regionId')
  const boards = idsOf(actor, 'BOARD_REPORTER', 'boardId')
  const staffOrgs = idsOf(actor, 'ORG_STAFF', 'organisationId')
  const publisherOrgs = idsOf(actor, 'INSTITUTION_PUBLISHER', 'organisationId')
  if (actor.memberships.some((m) => m.role === 'PLATFORM_ADMIN')) sections.push({ role: 'PLATFORM_ADMIN', blocks: await adminBlocks(db, now) })
  if (regions.length) sections.push({ role: 'REGION_COORDINATOR', blocks: await coordinatorBlocks(db, regions, now) })
  if (boards.length) sections.push({ role: 'BOARD_REPORTER', blocks: await reporterBlocks(db, boards, now) })
  if (staffOrgs.length) sections.push({ role: 'ORG_STAFF', blocks: await staffBlocks(db, staffOrgs, now) })
  if (publisherOrgs.length) sections.push({ role: 'INSTITUTION_PUBLISHER', blocks: await publisherBlocks(db, publisherOrgs, now) })
  return { sections }
}
