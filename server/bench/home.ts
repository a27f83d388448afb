import { buildBoard, buildOrganisation, buildRegion, buildUser } from '../db/factories.ts'
import { buildBudgetLine, buildFundGrant } from '../fund/factories.ts'
import { compare, type BenchContext, type BenchResult } from './harness.ts'

const DAY = 86_400_000

/**
 * The home page ("Overzicht") blocks over HTTP: a coordinator of a region with 5,000 events (300 waiting for review),
 * 2,000 expenditure reports of 20 boards (100 submitted) and 400 slots, in a database with a second, equally large
 * region; and a decaan of one of its schools. The floor is the two busiest blocks' bare SQL (pending proposals and
 * submitted reports, each one statement).
 */
export async function benchHome(ctx: BenchContext): Promise<BenchResult[]> {
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
