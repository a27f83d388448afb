/**
 * The signed-in home ("Overzicht"): per role, what needs the user now and what is coming. Each role's blocks are read
 * in one scoped statement (each block a JSON array of its first rows, or a sum; the coordinator's late boards are a
 * second statement, run at the same time), with the tenant from the actor's verified memberships, never from input;
 * the page renders an empty state per block. The coordinator's proposals apply the review queue's conflict rule
 * (same region, overlapping time and audience) in the same statement. Pupils' names never appear here.
 */
import { rawRows, type Db } from '../db/client.ts'
import { Prisma } from '../db/generated/client.ts'
import type { Role } from '../db/generated/enums.ts'
import type { Actor } from '../auth/policy.ts'
import { addLocalDays } from '../calendar/time.ts'
import { publishedInRegionSql } from '../calendar/query-entries.ts'
import { slotAppPath, slotPlacesHiddenSql } from '../calendar/slot-entries.ts'
import { fromAmsterdam, toAmsterdam } from '../lib/time.ts'
import { lateBoards } from '../notifications/late-boards.ts'
import { epochMs } from '../db/epoch.ts'

export const SHOWN = 5
const DAY = 86_400_000

export type Item = { id: string; title: string; link: string; at?: Date | null; note?: string | null; flag?: boolean }
export type Block = { key: string; count: number; items: Item[]; link: string }

const idsOf = (actor: Actor, role: Role, field: 'regionId' | 'boardId' | 'organisationId') =>
  [...new Set(actor.memberships.filter((m) => m.role === role).map((m) => m[field]).filter((v): v is string => !!v))]

const block = (key: string, link: string, rows: Item[], count = rows.length): Block => ({ key, link, count, items: rows.slice(0, SHOWN) })

/**
 * Midnight in Amsterdam of `today` (an Amsterdam date) plus each of `days`, as instants: one zone conversion per
 * instant, and today is converted once per role (each conversion is a few µs of date-fns-tz, most of a block's CPU).
 */
export const dayStarts = (today: string, ...days: number[]) => days.map((n) => fromAmsterdam(addLocalDays(today, n), '00:00'))

/** An instant of a `timestamp` column (UTC, no zone) as epoch milliseconds in JSON (read back with `new Date`). */
const date = (v: number | null | undefined) => (v === null || v === undefined ? null : new Date(Number(v)))

async function coordinatorBlocks(db: Db, regionIds: string[], now: Date): Promise<Block[]> {
  const today = toAmsterdam(now).date
  const year = Number(today.slice(0, 4))
  const [from, weekTo, fortnightTo] = dayStarts(today, 0, 7, 14) as [Date, Date, Date]
  const week = { from, to: weekTo }
  const fortnight = { from, to: fortnightTo }
  type Row = {
    pending: { id: string; title: string; startsAt: number; conflict: boolean; total: number }[] | null
    reports: { id: string; submittedAt: number | null; board: string; activity: string; grantId: string }[] | null
    // Sums (bigint): a string over the pool, a BigInt through Prisma; read with Number().
    allocated: string | bigint | null
    budgeted: string | bigint | null
    reported: string | bigint | null
    approved: string | bigint | null
    events: { id: string; title: string; startsAt: number }[] | null
    slots: { id: string; name: string; startsAt: number; capacity: number; confirmedCount: number }[] | null
    openYears: { grantId: string; fundName: string; year: number }[] | null
  }
  // Six blocks in one statement (each a JSON array or a sum), next to the late boards' statement (shared with the
  // deadline notification, server/notifications/late-boards.ts), both at once.
  const [[row], late] = await Promise.all([
    rawRows<Row>(db, Prisma.sql`
      SELECT
        -- The proposals waiting in the coordinator's regions, each flagged when a published event of the same region
        -- overlaps it in time and audience (the review queue's conflict rule), with the total count. The shown
        -- proposals first (p); then, once, their regions' published events overlapping any of them (near); each
        -- proposal's flag is a check over that short list. A probe per proposal read the region's published events
        -- again for each (5 × ~1,100 lookups in the national bench's largest region, ~2.5× the buffers).
        (WITH p AS MATERIALIZED (
           SELECT e.id, e.title, e."startsAt", e."endsAt", e."audienceLevels", r."regionId", count(*) OVER () AS total
           FROM "CalendarEvent" e JOIN "CalendarEventRegion" r ON r."eventId" = e.id
           WHERE r."regionId" = ANY(${regionIds}) AND r.decision = 'PENDING' AND e.status = 'PROPOSED'
           ORDER BY e."startsAt", e.id LIMIT ${SHOWN}),
         near AS MATERIALIZED (
           SELECT pr."regionId", o.id, o."startsAt", o."endsAt", o."audienceLevels"
           FROM "CalendarEventRegion" pr JOIN "CalendarEvent" o ON o.id = pr."eventId"
           WHERE pr."regionId" IN (SELECT "regionId" FROM p) AND pr.decision = 'PUBLISHED' AND o.status = 'PUBLISHED'
             AND o."startsAt" < (SELECT max("endsAt") FROM p) AND o."endsAt" > (SELECT min("startsAt") FROM p))
         SELECT json_agg(json_build_object('id', p.id, 'title', p.title, 'startsAt', ${epochMs('p."startsAt"')}, 'total', p.total,
                  'conflict', EXISTS (SELECT 1 FROM near o WHERE o."regionId" = p."regionId" AND o.id <> p.id
                                        AND o."startsAt" < p."endsAt" AND o."endsAt" > p."startsAt" AND o."audienceLevels" && p."audienceLevels"))
                ORDER BY p."startsAt", p.id) FROM p) AS pending,
        -- Submitted expenditure reports of the regions' grants, oldest first.
        (SELECT json_agg(json_build_object('id', x.id, 'submittedAt', ${epochMs('x."submittedAt"')}, 'board', x.board, 'activity', x.activity, 'grantId', x."grantId") ORDER BY x."submittedAt", x.id) FROM (
           SELECT r.id, r."submittedAt", b.name AS board, l.activity, l."grantId"
           FROM "FundReport" r JOIN "FundBudgetLine" l ON l.id = r."budgetLineId" JOIN "FundGrant" g ON g.id = l."grantId" JOIN "Board" b ON b.id = r."boardId"
           WHERE r.status = 'SUBMITTED' AND g."regionId" = ANY(${regionIds})
           ORDER BY r."submittedAt", r.id LIMIT 50) x) AS reports,
        (SELECT SUM(a."amountCents") FROM "FundAllocation" a JOIN "FundGrant" g ON g.id = a."grantId" WHERE g."regionId" = ANY(${regionIds}) AND a.year = ${year}) AS allocated,
        (SELECT SUM(l."amountCents") FROM "FundBudgetLine" l JOIN "FundGrant" g ON g.id = l."grantId" WHERE g."regionId" = ANY(${regionIds}) AND l.year = ${year}) AS budgeted,
        (SELECT SUM(r."amountCents") FROM "FundReport" r JOIN "FundBudgetLine" l ON l.id = r."budgetLineId" JOIN "FundGrant" g ON g.id = l."grantId"
          WHERE g."regionId" = ANY(${regionIds}) AND l.year = ${year} AND r.status IN ('SUBMITTED', 'APPROVED')) AS reported,
        (SELECT SUM(r."amountCents") FROM "FundReport" r JOIN "FundBudgetLine" l ON l.id = r."budgetLineId" JOIN "FundGrant" g ON g.id = l."grantId"
          WHERE g."regionId" = ANY(${regionIds}) AND l.year = ${year} AND r.status = 'APPROVED') AS approved,
        -- Events published in the regions this week.
        (SELECT json_agg(json_build_object('id', x.id, 'title', x.title, 'startsAt', ${epochMs('x."startsAt"')}) ORDER BY x."startsAt", x.id) FROM (
           SELECT e.id, e.title, e."startsAt" FROM "CalendarEvent" e
           WHERE e.status = 'PUBLISHED' AND e."startsAt" >= ${week.from} AND e."startsAt" < ${week.to}
             AND ${publishedInRegionSql('e', regionIds)}
           ORDER BY e."startsAt", e.id LIMIT 50) x) AS events,
        -- Slots of the regions' institutions in the next two weeks that are nearly full (≥ 90 %) or under-booked (< 25 %).
        -- Not the personal-link-only ones (slot-rules.ts, placesHidden): their places taken are class-list pupils'
        -- bookings, which nobody but the institution sees — not as a figure, nor by being picked out as nearly full or
        -- under-booked. The coordinator sees those slots with their capacity only, in the campaign views. Nor the ones
        -- that ended earlier today (placesHidden too).
        (SELECT json_agg(json_build_object('id', x.id, 'name', x.name, 'startsAt', ${epochMs('x."startsAt"')}, 'capacity', x.capacity, 'confirmedCount', x."confirmedCount") ORDER BY x."startsAt", x.id) FROM (
           SELECT s.id, p.name, s."startsAt", s.capacity, s."confirmedCount"
           FROM "Slot" s JOIN "SlotProgramme" p ON p.id = s."programmeId"
           WHERE s.status = 'PUBLISHED' AND s."startsAt" >= ${fortnight.from} AND s."startsAt" < ${fortnight.to}
             AND s."organisationId" IN (SELECT "organisationId" FROM "OrganisationRegion" WHERE "regionId" = ANY(${regionIds}))
             AND (s."confirmedCount" * 10 >= s.capacity * 9 OR s."confirmedCount" * 4 < s.capacity)
             AND NOT ${Prisma.raw(slotPlacesHiddenSql('s', now))}
           ORDER BY s."startsAt", s.id LIMIT 50) x) AS slots,
        -- Past grant years not yet closed.
        (SELECT json_agg(json_build_object('grantId', x."grantId", 'fundName', x."fundName", 'year', x.year) ORDER BY x.year, x."fundName", x."grantId") FROM (
           SELECT g.id AS "grantId", g."fundName", a.year
           FROM "FundAllocation" a JOIN "FundGrant" g ON g.id = a."grantId"
           WHERE g."regionId" = ANY(${regionIds}) AND a.year < ${year}
             AND NOT EXISTS (SELECT 1 FROM "FundClosedYear" c WHERE c."grantId" = a."grantId" AND c.year = a.year)
           ORDER BY a.year, g."fundName", g.id LIMIT 50) x) AS "openYears"`),
    // Boards that have not reported for a grant year whose deadline has passed (the year still open).
    lateBoards(db, { regionIds, before: new Date(Date.parse(`${today}T00:00:00Z`)), limit: 50 }),
  ])
  const pending = row?.pending ?? []
  return [
    block(
      'coordinator.proposals',
      '/agenda/manage',
      pending.map((e) => ({ id: e.id, title: e.title, link: `/agenda/${e.id}`, at: date(e.startsAt), flag: e.conflict })),
      Number(pending[0]?.total ?? 0),
    ),
    block(
      'coordinator.reports',
      '/fonds',
      (row?.reports ?? []).map((r) => ({ id: r.id, title: `${r.board}: ${r.activity}`, link: `/fonds/${r.grantId}/rapportages/${r.id}`, at: date(r.submittedAt) })),
    ),
    block(
      'coordinator.late',
      '/fonds',
      late.map((l) => ({ id: `${l.allocationId}:${l.boardId}`, title: `${l.board} — ${l.fundName} ${l.year}`, link: `/fonds/${l.grantId}`, at: l.reportDeadline })),
    ),
    {
      key: 'coordinator.fund',
      link: '/fonds',
      count: Number(row?.allocated ?? 0) ? 1 : 0,
      items: Number(row?.allocated ?? 0)
        ? (['allocated', 'budgeted', 'reported', 'approved'] as const).map((k) => ({ id: k, title: k, link: '/fonds', note: String(Number(row?.[k] ?? 0)) }))
        : [],
    },
    block('coordinator.events', '/agenda', (row?.events ?? []).map((e) => ({ id: e.id, title: e.title, link: `/agenda/${e.id}`, at: date(e.startsAt) }))),
    block(
      'coordinator.slots',
      '/agenda',
      (row?.slots ?? []).map((s) => ({ id: s.id, title: s.name, link: `/agenda`, at: date(s.startsAt), note: `${s.confirmedCount}/${s.capacity}`, flag: s.confirmedCount * 10 >= s.capacity * 9 })),
    ),
    block('coordinator.years', '/fonds', (row?.openYears ?? []).map((y) => ({ id: `${y.grantId}:${y.year}`, title: `${y.fundName} ${y.year}`, link: `/fonds/${y.grantId}` }))),
  ]
}

async function reporterBlocks(db: Db, boardIds: string[], now: Date): Promise<Block[]> {
  type Report = { id: string; status: 'DRAFT' | 'REJECTED'; rejectReason: string | null; updatedAt: number; activity: string; grantId: string; year: number }
  type Row = { reports: Report[] | null; deadlines: { id: string; year: number; reportDeadline: number; grantId: string; fundName: string }[] | null }
  // From today (Amsterdam) on: a deadline is a calendar date.
  const today = toAmsterdam(now).date
  // The function home_reporter (migrations 20261130205511_page_functions, 20261130205937_page_function_plans): its
  // generic plan is kept per connection, where the same statement sent as an unnamed one was planned anew each time
  // (planning was more than half its time).
  const [row] = await rawRows<Row>(db, Prisma.sql`SELECT * FROM "home_reporter"(${boardIds}::text[], ${today}::date)`)
  const reports = row?.reports ?? []
  const item = (r: Report) => ({ id: r.id, title: `${r.activity} (${r.year})`, link: `/fonds/${r.grantId}/rapportages/${r.id}`, at: date(r.updatedAt), note: r.rejectReason })
  return [
    block('reporter.drafts', '/fonds', reports.filter((r) => r.status === 'DRAFT').map(item)),
    block('reporter.rejected', '/fonds', reports.filter((r) => r.status === 'REJECTED').map(item)),
    block('reporter.deadlines', '/fonds', (row?.deadlines ?? []).map((d) => ({ id: d.id, title: `${d.fundName} ${d.year}`, link: `/fonds/${d.grantId}`, at: date(d.reportDeadline) }))),
  ]
}

async function staffBlocks(db: Db, orgIds: string[], now: Date): Promise<Block[]> {
  const weeks = { to: dayStarts(toAmsterdam(now).date, 21)[0]! }
  type Booking = { id: string; status: string; startsAt: number; name: string }
  type Row = {
    proposals: { id: string; title: string; status: string; startsAt: number }[] | null
    bookings: Booking[] | null
    events: { id: string; title: string; startsAt: number }[] | null
  }
  const [row] = await rawRows<Row>(db, Prisma.sql`
    SELECT
      -- The organisations' own events still in preparation (draft, proposed, rejected) that have not ended.
      (SELECT json_agg(json_build_object('id', x.id, 'title', x.title, 'status', x.status, 'startsAt', ${epochMs('x."startsAt"')}) ORDER BY x."startsAt", x.id) FROM (
         SELECT e.id, e.title, e.status, e."startsAt" FROM "CalendarEvent" e
         WHERE EXISTS (SELECT 1 FROM "CalendarEventOrganiser" o WHERE o."eventId" = e.id AND o."organisationId" = ANY(${orgIds}))
           AND e.status IN ('DRAFT', 'PROPOSED', 'REJECTED') AND e."endsAt" >= ${now}
         ORDER BY e."startsAt", e.id LIMIT 50) x) AS proposals,
      -- The schools' pupils' bookings of coming slots.
      (SELECT json_agg(json_build_object('id', x.id, 'status', x.status, 'startsAt', ${epochMs('x."startsAt"')}, 'name', x.name) ORDER BY x."startsAt", x.id) FROM (
         SELECT b.id, b.status, s."startsAt", p.name
         FROM "SlotBooking" b JOIN "Slot" s ON s.id = b."slotId" JOIN "SlotProgramme" p ON p.id = s."programmeId"
         WHERE b."schoolId" = ANY(${orgIds}) AND b.status IN ('CONFIRMED', 'PENDING', 'OFFERED', 'WAITLISTED') AND s."startsAt" >= ${now}
         ORDER BY s."startsAt", b.id LIMIT 200) x) AS bookings,
      -- Others' events published in the organisations' regions in the next three weeks.
      (SELECT json_agg(json_build_object('id', x.id, 'title', x.title, 'startsAt', ${epochMs('x."startsAt"')}) ORDER BY x."startsAt", x.id) FROM (
         SELECT e.id, e.title, e."startsAt" FROM "CalendarEvent" e
         WHERE e.status = 'PUBLISHED' AND e."startsAt" >= ${now} AND e."startsAt" < ${weeks.to}
           AND EXISTS (SELECT 1 FROM "CalendarEventRegion" r WHERE r."eventId" = e.id AND r.decision = 'PUBLISHED'
                         AND r."regionId" IN (SELECT m."regionId" FROM "OrganisationRegion" m WHERE m."organisationId" = ANY(${orgIds})))
           AND NOT EXISTS (SELECT 1 FROM "CalendarEventOrganiser" o WHERE o."eventId" = e.id AND o."organisationId" = ANY(${orgIds}))
         ORDER BY e."startsAt", e.id LIMIT 50) x) AS events`)
  const bookings = row?.bookings ?? []
  const booked = bookings.filter((b) => b.status !== 'WAITLISTED')
  const waiting = bookings.filter((b) => b.status === 'WAITLISTED')
  const slotItem = (b: Booking) => ({ id: b.id, title: b.name, link: '/proefstuderen/school', at: date(b.startsAt) })
  return [
    block('staff.proposals', '/agenda', (row?.proposals ?? []).map((e) => ({ id: e.id, title: e.title, link: `/agenda/${e.id}`, at: date(e.startsAt), note: e.status, flag: e.status === 'REJECTED' }))),
    block('staff.bookings', '/proefstuderen/school', booked.map(slotItem)),
    block('staff.waiting', '/proefstuderen/school', waiting.map(slotItem)),
    block('staff.events', '/agenda', (row?.events ?? []).map((e) => ({ id: e.id, title: e.title, link: `/agenda/${e.id}`, at: date(e.startsAt) }))),
  ]
}

async function publisherBlocks(db: Db, orgIds: string[], now: Date): Promise<Block[]> {
  const [from, dayTo, weekTo] = dayStarts(toAmsterdam(now).date, 0, 1, 7) as [Date, Date, Date]
  const day = { from, to: dayTo }
  const week = { from, to: weekTo }
  type Slot = { id: string; startsAt: number; capacity: number; confirmedCount: number; name: string; waiting: number }
  type Row = { week: Slot[] | null; past: { id: string; startsAt: number; name: string; unmarked: number }[] | null }
  // The function home_publisher (migrations 20261130205511, 20261130205937; its generic plan kept per connection): the
  // week's slots with their waiting lists, and the last 30 days' slots with unmarked attendance. Booking counts of
  // these slots only, through SlotBooking(slotId, status, …) per slot: a count over the whole SlotBooking table first
  // took 4 s at 2,000,000 bookings (the national bench).
  const [row] = await rawRows<Row>(db, Prisma.sql`SELECT * FROM "home_publisher"(${orgIds}::text[], ${day.from}::timestamp, ${week.to}::timestamp, ${now}::timestamp, ${new Date(now.getTime() - 30 * DAY)}::timestamp)`)
  const slots = row?.week ?? []
  const item = (s: Slot) => ({ id: s.id, title: s.name, link: slotAppPath(s.id), at: date(s.startsAt), note: `${s.confirmedCount}/${s.capacity}` })
  return [
    block('publisher.today', '/proefstuderen', slots.filter((s) => s.startsAt < day.to.getTime()).map(item)),
    block('publisher.week', '/proefstuderen', slots.map(item)),
    block('publisher.waiting', '/proefstuderen', slots.filter((s) => s.waiting > 0).map((s) => ({ ...item(s), note: String(s.waiting) }))),
    block('publisher.attendance', '/proefstuderen', (row?.past ?? []).map((s) => ({ id: s.id, title: s.name, link: slotAppPath(s.id), at: date(s.startsAt), note: String(s.unmarked) }))),
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
  const regions = idsOf(actor, 'REGION_COORDINATOR', 'regionId')
  const boards = idsOf(actor, 'BOARD_REPORTER', 'boardId')
  const staffOrgs = idsOf(actor, 'ORG_STAFF', 'organisationId')
  const publisherOrgs = idsOf(actor, 'INSTITUTION_PUBLISHER', 'organisationId')
  // Each role's blocks are one statement (the coordinator's two); a user with several roles reads them at once.
  const sections = await Promise.all([
    actor.memberships.some((m) => m.role === 'PLATFORM_ADMIN') ? adminBlocks(db, now).then((blocks) => ({ role: 'PLATFORM_ADMIN' as const, blocks })) : null,
    regions.length ? coordinatorBlocks(db, regions, now).then((blocks) => ({ role: 'REGION_COORDINATOR' as const, blocks })) : null,
    boards.length ? reporterBlocks(db, boards, now).then((blocks) => ({ role: 'BOARD_REPORTER' as const, blocks })) : null,
    staffOrgs.length ? staffBlocks(db, staffOrgs, now).then((blocks) => ({ role: 'ORG_STAFF' as const, blocks })) : null,
    publisherOrgs.length ? publisherBlocks(db, publisherOrgs, now).then((blocks) => ({ role: 'INSTITUTION_PUBLISHER' as const, blocks })) : null,
  ])
  return { sections: sections.filter((x): x is Overview['sections'][number] => x !== null) }
}
