import { buildBoard, buildOrganisation, buildRegion, buildUser } from '../db/factories.ts'
import { buildBudgetLine, buildFundGrant } from '../fund/factories.ts'
import { compare, type BenchContext, type BenchResult } from './harness.ts'
import { nationalTenants } from './national/bench-database.ts'
import { explainInsideFunctions } from './fund.ts'
import type { NationalTenants } from './national/seed-national.ts'

const DAY = 86_400_000

/**
 * The home page ("Overzicht") blocks over HTTP: a coordinator of a region with 5,000 events (300 waiting for review),
 * 2,000 expenditure reports of 20 boards (100 submitted) and 400 slots, in a database with a second, equally large
 * region; and a decaan of one of its schools. The floor is the two busiest blocks' bare SQL (pending proposals and
 * submitted reports, each one statement).
 */
export async function benchHome(ctx: BenchContext): Promise<BenchResult[]> {
  const nat = nationalTenants(ctx)
  if (nat) return benchNationalHome(ctx, nat)
  const { db, pool } = ctx
  const year = new Date().getFullYear()
  const now = Date.now()
  const regions = [await buildRegion(db, { slug: `bench-home-a-${now.toString(36)}` }), await buildRegion(db, { slug: `bench-home-b-${now.toString(36)}` })]
  let coordinatorId = ''
  let decaanId = ''
  for (const [ri, region] of regions.entries()) {
    const school = await buildOrganisation(db, { regionIds: [region.id], sector: 'VO' })
    const mbo = await buildOrganisation(db, { regionIds: [region.id], sector: 'MBO' })
    const coordinator = await buildUser(db, { roles: [{ role: 'REGION_COORDINATOR', regionId: region.id }] })
    const decaan = await buildUser(db, { roles: [{ role: 'ORG_STAFF', organisationId: school.id }] })
    if (ri === 0) [coordinatorId, decaanId] = [coordinator.id, decaan.id]
    for (let chunk = 0; chunk < 5; chunk++) {
      const ids = Array.from({ length: 1000 }, (_, i) => `bh${ri}c${chunk}e${i}${now.toString(36)}`)
      await db.calendarEvent.createMany({
        data: ids.map((id, i) => {
          const startsAt = new Date(now + ((chunk * 1000 + i) % 120) * DAY - 60 * DAY)
          return { id, title: `Activiteit ${chunk}-${i}`, type: 'OPEN_DAG' as const, status: chunk === 0 && i < 300 ? ('PROPOSED' as const) : ('PUBLISHED' as const), startsAt, endsAt: new Date(startsAt.getTime() + 2 * 3_600_000), audienceLevels: ['havo'], createdById: decaan.id }
        }),
      })
      await db.calendarEventOrganiser.createMany({ data: ids.map((eventId) => ({ eventId, organisationId: school.id })) })
      await db.calendarEventRegion.createMany({ data: ids.map((eventId, i) => ({ eventId, regionId: region.id, decision: chunk === 0 && i < 300 ? ('PENDING' as const) : ('PUBLISHED' as const) })) })
    }
    const boards = await Promise.all(Array.from({ length: 20 }, () => buildBoard(db)))
    const grant = await buildFundGrant(db, { regionId: region.id, penvoerderId: mbo.id, fundName: `Bench ${ri} ${now}`, allocations: { [year]: 100_000_000 } })
    const line = await buildBudgetLine(db, { grantId: grant.id, year, boardIds: boards.map((b) => b.id), amountCents: 50_000_000 })
    await db.fundReport.createMany({
      data: Array.from({ length: 2000 }, (_, i) => ({
        budgetLineId: line.id,
        boardId: boards[i % 20]!.id,
        amountCents: 10_000 + i,
        coFinancedCents: 0,
        spentOn: new Date(Date.UTC(year, 0, 1 + (i % 200))),
        description: 'Besteding',
        category: 'ACTIVITIES' as const,
        status: i < 100 ? ('SUBMITTED' as const) : ('DRAFT' as const),
        submittedAt: i < 100 ? new Date(now - i * 60_000) : null,
      })),
    })
    const programme = await db.slotProgramme.create({ data: { organisationId: mbo.id, name: 'Zorg', sector: 'MBO', level: 'MBO_4', code: `2${ri}491` } })
    await db.slot.createMany({
      data: Array.from({ length: 400 }, (_, i) => {
        const startsAt = new Date(now + (i % 60) * DAY)
        return { programmeId: programme.id, organisationId: mbo.id, startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3_600_000), location: 'Hal 1', capacity: 20, confirmedCount: 0, bookingOpensAt: new Date(now - DAY), bookingClosesAt: startsAt, audienceLevels: ['HAVO' as const] }
      }),
    })
  }
  await pool.query('ANALYZE')
  const regionId = regions[0]!.id
  const floor = async () => {
    await pool.query(
      `SELECT e.id, e.title, e."startsAt" FROM "CalendarEvent" e JOIN "CalendarEventRegion" r ON r."eventId" = e.id
       WHERE r."regionId" = $1 AND r.decision = 'PENDING' AND e.status IN ('PROPOSED', 'PUBLISHED') ORDER BY e."startsAt", e.id LIMIT 100`,
      [regionId],
    )
    await pool.query(
      `SELECT r.id FROM "FundReport" r JOIN "FundBudgetLine" l ON l.id = r."budgetLineId" JOIN "FundGrant" g ON g.id = l."grantId"
       WHERE g."regionId" = $1 AND r.status = 'SUBMITTED' ORDER BY r."submittedAt" LIMIT 50`,
      [regionId],
    )
  }
  const coordinator = ctx.client(coordinatorId)
  const decaan = ctx.client(decaanId)
  return [
    await compare('home: coordinator overview, 7 blocks (300 proposals with conflict check, 100 submitted of 2,000 reports, boards not reported, 400 slots)', () => coordinator.home.overview.query(), floor, 20, 2),
    await compare('home: decaan overview, 4 blocks (own proposals, pupils’ bookings, events in 3 weeks)', () => decaan.home.overview.query(), floor, 20, 2),
  ]
}

/**
 * --national: the home pages of the national data set's largest region — its coordinator, the decaan of its VO school
 * with the most bookings, the reporter of one of its grant's boards and the publisher of its institution with the
 * most slots — among 100 regions' data. Each role's floor is one hand-written statement returning the same blocks'
 * rows (no translations, UTC day bounds instead of Amsterdam ones); not checked row by row against the app.
 */
async function benchNationalHome(ctx: BenchContext, nat: NationalTenants): Promise<BenchResult[]> {
  const { pool } = ctx
  const now = new Date()
  const org = async (userId: string) => (await pool.query<{ id: string }>(`SELECT "organisationId" AS id FROM "RoleMembership" WHERE "userId" = $1 AND "organisationId" IS NOT NULL LIMIT 1`, [userId])).rows[0]!.id
  const [school, institution] = [await org(nat.decaanId), await org(nat.publisherId)]
  // All seven blocks in one statement: proposals (conflict flag, total), submitted reports, boards late for a passed
  // deadline, the year's fund sums, events this week, slots nearly full or under-booked, open past years.
  const coordinatorFloor = () =>
    pool.query(
      `WITH gr AS (SELECT id, "fundName", "closedAt" FROM "FundGrant" WHERE "regionId" = $1)
       SELECT
         (SELECT json_agg(x) FROM (SELECT e.id, e.title, e."startsAt", count(*) OVER () AS total,
                 EXISTS (SELECT 1 FROM "CalendarEvent" o WHERE o.status = 'PUBLISHED' AND o.id <> e.id AND o."startsAt" < e."endsAt" AND o."endsAt" > e."startsAt"
                           AND o."audienceLevels" && e."audienceLevels" AND o.id IN (SELECT "eventId" FROM "CalendarEventRegion" WHERE "regionId" = $1 AND decision = 'PUBLISHED')) AS conflict
            FROM "CalendarEvent" e WHERE e.status = 'PROPOSED' AND e.id IN (SELECT "eventId" FROM "CalendarEventRegion" WHERE "regionId" = $1 AND decision = 'PENDING')
            ORDER BY e."startsAt", e.id LIMIT 5) x) AS proposals,
         (SELECT json_agg(x) FROM (SELECT r.id, r."submittedAt", b.name, l.activity, l."grantId" FROM "FundReport" r JOIN "FundBudgetLine" l ON l.id = r."budgetLineId" JOIN "Board" b ON b.id = r."boardId"
            WHERE l."grantId" IN (SELECT id FROM gr) AND r.status = 'SUBMITTED' ORDER BY r."submittedAt" LIMIT 50) x) AS reports,
         (SELECT json_agg(x) FROM (SELECT a.id, g.id AS "grantId", g."fundName", a.year, a."reportDeadline", lb."boardId"
            FROM "FundAllocation" a JOIN gr g ON g.id = a."grantId"
            JOIN (SELECT DISTINCT l."grantId", l.year, lb."boardId" FROM "FundBudgetLine" l JOIN "FundBudgetLineBoard" lb ON lb."budgetLineId" = l.id WHERE l."grantId" IN (SELECT id FROM gr)) lb
              ON lb."grantId" = a."grantId" AND lb.year = a.year
            WHERE a."reportDeadline" < $2::date AND g."closedAt" IS NULL
              AND (a."grantId", a.year) NOT IN (SELECT "grantId", year FROM "FundClosedYear")
              AND NOT EXISTS (SELECT 1 FROM "FundReport" r JOIN "FundBudgetLine" rl ON rl.id = r."budgetLineId" WHERE rl."grantId" = a."grantId" AND rl.year = a.year AND r."boardId" = lb."boardId" AND r.status IN ('SUBMITTED', 'APPROVED'))
            ORDER BY a."reportDeadline", a.year, lb."boardId" LIMIT 50) x) AS late,
         (SELECT sum("amountCents") FROM "FundAllocation" WHERE "grantId" IN (SELECT id FROM gr) AND year = $3) AS allocated,
         (SELECT sum("amountCents") FROM "FundBudgetLine" WHERE "grantId" IN (SELECT id FROM gr) AND year = $3) AS budgeted,
         (SELECT json_build_object('reported', sum(r."amountCents"), 'approved', sum(r."amountCents") FILTER (WHERE r.status = 'APPROVED')) FROM "FundReport" r JOIN "FundBudgetLine" l ON l.id = r."budgetLineId"
            WHERE l."grantId" IN (SELECT id FROM gr) AND l.year = $3 AND r.status IN ('SUBMITTED', 'APPROVED')) AS spent,
         (SELECT json_agg(x) FROM (SELECT e.id, e.title, e."startsAt" FROM "CalendarEvent" e WHERE e.status = 'PUBLISHED' AND e."startsAt" >= $2::date AND e."startsAt" < $2::date + 7
              AND e.id IN (SELECT "eventId" FROM "CalendarEventRegion" WHERE "regionId" = $1 AND decision = 'PUBLISHED') ORDER BY e."startsAt", e.id LIMIT 50) x) AS events,
         (SELECT json_agg(x) FROM (SELECT s.id, p.name, s."startsAt", s.capacity, s."confirmedCount" FROM "Slot" s JOIN "SlotProgramme" p ON p.id = s."programmeId"
            WHERE s.status = 'PUBLISHED' AND s."startsAt" >= $2::date AND s."startsAt" < $2::date + 14 AND s."organisationId" IN (SELECT "organisationId" FROM "OrganisationRegion" WHERE "regionId" = $1)
              AND (s."confirmedCount" * 10 >= s.capacity * 9 OR s."confirmedCount" * 4 < s.capacity) ORDER BY s."startsAt", s.id LIMIT 50) x) AS slots,
         (SELECT json_agg(x) FROM (SELECT g.id, g."fundName", a.year FROM "FundAllocation" a JOIN gr g ON g.id = a."grantId"
            WHERE a.year < $3 AND (a."grantId", a.year) NOT IN (SELECT "grantId", year FROM "FundClosedYear") ORDER BY a.year, g."fundName" LIMIT 50) x) AS years`,
      [nat.regionId, now.toISOString().slice(0, 10), now.getUTCFullYear()],
    )
  const decaanFloor = () =>
    pool.query(
      `SELECT
         (SELECT json_agg(x) FROM (SELECT e.id, e.title, e.status, e."startsAt" FROM "CalendarEvent" e
            WHERE e.id IN (SELECT "eventId" FROM "CalendarEventOrganiser" WHERE "organisationId" = $1) AND e.status IN ('DRAFT', 'PROPOSED', 'REJECTED') AND e."endsAt" >= $2
            ORDER BY e."startsAt", e.id LIMIT 50) x) AS proposals,
         (SELECT json_agg(y) FROM (SELECT b.id, b.status, s."startsAt", p.name FROM "SlotBooking" b JOIN "Slot" s ON s.id = b."slotId" JOIN "SlotProgramme" p ON p.id = s."programmeId"
            WHERE b."schoolId" = $1 AND b.status IN ('CONFIRMED', 'PENDING', 'OFFERED', 'WAITLISTED') AND s."startsAt" >= $2 ORDER BY s."startsAt", b.id LIMIT 200) y) AS bookings,
         (SELECT json_agg(z) FROM (SELECT e.id, e.title, e."startsAt" FROM "CalendarEvent" e
            WHERE e.status = 'PUBLISHED' AND e."startsAt" >= $2 AND e."startsAt" < $2::timestamp + interval '22 days'
              AND e.id IN (SELECT "eventId" FROM "CalendarEventRegion" WHERE decision = 'PUBLISHED' AND "regionId" IN (SELECT "regionId" FROM "OrganisationRegion" WHERE "organisationId" = $1))
              AND e.id NOT IN (SELECT "eventId" FROM "CalendarEventOrganiser" WHERE "organisationId" = $1)
            ORDER BY e."startsAt", e.id LIMIT 50) z) AS events`,
      [school, now],
    )
  const reporterFloor = () =>
    pool.query(
      `SELECT
         (SELECT json_agg(x) FROM (SELECT r.id, r.status, r."rejectReason", r."updatedAt", l.activity, l."grantId", l.year FROM "FundReport" r JOIN "FundBudgetLine" l ON l.id = r."budgetLineId"
            WHERE r."boardId" = $1 AND r.status IN ('DRAFT', 'REJECTED') ORDER BY r."updatedAt" DESC LIMIT 100) x) AS reports,
         (SELECT json_agg(y) FROM (SELECT a.id, a.year, a."reportDeadline", g.id AS "grantId", g."fundName" FROM "FundAllocation" a JOIN "FundGrant" g ON g.id = a."grantId"
            WHERE a."reportDeadline" >= $2 AND EXISTS (SELECT 1 FROM "FundBudgetLine" l JOIN "FundBudgetLineBoard" lb ON lb."budgetLineId" = l.id WHERE l."grantId" = g.id AND lb."boardId" = $1)
            ORDER BY a."reportDeadline" LIMIT 50) y) AS deadlines`,
      [nat.boardId, now],
    )
  const publisherFloor = () =>
    pool.query(
      `SELECT
         (SELECT json_agg(x) FROM (SELECT s.id, s."startsAt", s.capacity, s."confirmedCount", p.name,
                 (SELECT count(*) FROM "SlotBooking" b WHERE b."slotId" = s.id AND b.status = 'WAITLISTED') AS waiting
            FROM "Slot" s JOIN "SlotProgramme" p ON p.id = s."programmeId"
            WHERE s."organisationId" = $1 AND s.status = 'PUBLISHED' AND s."startsAt" >= $2::timestamp - interval '1 day' AND s."startsAt" < $2::timestamp + interval '8 days'
            ORDER BY s."startsAt", s.id LIMIT 100) x) AS week,
         (SELECT json_agg(y) FROM (SELECT s.id, s."startsAt", p.name, n.c FROM "Slot" s JOIN "SlotProgramme" p ON p.id = s."programmeId",
                 LATERAL (SELECT count(*) AS c FROM "SlotBooking" b WHERE b."slotId" = s.id AND b.status = 'CONFIRMED' AND b.attendance IS NULL) n
            WHERE s."organisationId" = $1 AND s."endsAt" < $2 AND s."endsAt" >= $2::timestamp - interval '30 days' AND n.c > 0
            ORDER BY s."startsAt" DESC, s.id LIMIT 50) y) AS attendance`,
      [institution, now],
    )
  const who = (role: string, id: string) => ctx.client(id).home.overview.query().then((o) => {
    if (!o.sections.some((x) => x.role === role)) throw new Error(`home bench: ${id} has no ${role} section`)
    return o
  })
  const region = `largest national region, ${nat.regionEvents.toLocaleString('en-US')} events, ${nat.regionSlots.toLocaleString('en-US')} slots`
  return [
    // Samples: a p95 of 20 is the 19th value, which one garbage collection or one busy moment of the machine decides;
    // 60 for the two pages of ≈ 20–50 ms, 300 (as the auth bench) for the two of a few ms.
    await compare(`home: coordinator overview, 7 blocks (${region})`, () => who('REGION_COORDINATOR', nat.coordinatorId), coordinatorFloor, 60, 3),
    await compare('home: decaan overview, 4 blocks (the region’s VO school with the most bookings)', () => who('ORG_STAFF', nat.decaanId), decaanFloor, 60, 3),
    // The reporter's and publisher's blocks are PL/pgSQL functions (home_reporter, home_publisher): their inner
    // statements' generic plans are EXPLAINed (a Seq Scan on a table of ≥ 10,000 rows fails the run).
    {
      ...(await compare('home: board reporter overview, 3 blocks (a board of the region’s grant)', () => who('BOARD_REPORTER', nat.reporterId), reporterFloor, 300, 6)),
      notes: { planInside: await explainInsideFunctions(ctx, 'home (board reporter)', () => who('BOARD_REPORTER', nat.reporterId)) },
    },
    {
      ...(await compare('home: publisher overview, 4 blocks (the region’s institution with the most slots)', () => who('INSTITUTION_PUBLISHER', nat.publisherId), publisherFloor, 300, 6)),
      notes: { planInside: await explainInsideFunctions(ctx, 'home (publisher)', () => who('INSTITUTION_PUBLISHER', nat.publisherId)) },
    },
  ]
}
