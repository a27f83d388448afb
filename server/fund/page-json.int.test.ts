/**
 * The page functions' JSON (migration 20261201000100_fund_page_rows: `fund_grant` and the lines of `fund_dashboard`
 * written from rows, the lines read once) holds the same values, keys in the same order, as the statements before it
 * — kept here as the reference, as they were in migration 20261130205511_page_functions — and the pages built from it
 * are unchanged (the boards' figures keep their keys in order): a grant with deadlines and a closed year, lines of several boards (two boards of the same name,
 * ordered by id), a line without boards, a board that left the region, for the region, board views and an unknown grant.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { Prisma } from '../db/generated/client.ts'
import { rawRows } from '../db/client.ts'
import { buildBoard, buildOrganisation, buildTwoRegionWorld } from '../db/factories.ts'
import { buildBudgetLine, buildFundGrant, buildReport } from './factories.ts'
import { callerFor, db } from '../test/helpers.ts'

/** fund_grant as it was (20261130205511_page_functions). */
const previousGrant = (grantId: string) => Prisma.sql`
  SELECT json_build_object(
    'id', g."id", 'regionId', g."regionId", 'fundName', g."fundName", 'startYear', g."startYear", 'endYear', g."endYear",
    'penvoerderId', g."penvoerderId", 'coFinancingPercent', g."coFinancingPercent", 'budgetVersion', g."budgetVersion",
    'closedAtMs', (extract(epoch FROM g."closedAt") * 1000)::bigint,
    'region', (SELECT json_build_object('id', x."id", 'name', x."name") FROM "Region" x WHERE x."id" = g."regionId"),
    'penvoerder', (SELECT json_build_object('id', x."id", 'name', x."name") FROM "Organisation" x WHERE x."id" = g."penvoerderId"),
    'allocations', COALESCE((SELECT json_agg(json_build_object('year', a."year", 'amountCents', a."amountCents", 'reportDeadline', a."reportDeadline") ORDER BY a."year")
                               FROM "FundAllocation" a WHERE a."grantId" = g."id"), '[]'::json),
    'closedYears', COALESCE((SELECT json_agg(json_build_object('year', c."year") ORDER BY c."year") FROM "FundClosedYear" c WHERE c."grantId" = g."id"), '[]'::json),
    'regionBoards', COALESCE((SELECT json_agg(json_build_object('id', b."id", 'name', b."name", 'number', b."number") ORDER BY b."name", b."id")
                                FROM "Board" b
                               WHERE b."id" IN (SELECT o."boardId" FROM "Organisation" o JOIN "OrganisationRegion" r ON r."organisationId" = o."id" WHERE r."regionId" = g."regionId")),
                             '[]'::json)) AS j
  FROM "FundGrant" g WHERE g."id" = ${grantId}`

/** The lines column of fund_dashboard as it was. */
const previousLines = (grantId: string, boards: string[] | null) => Prisma.sql`
  SELECT json_agg(json_build_object('id', l."id", 'year', l."year", 'activity', l."activity", 'category', l."category", 'amountCents', l."amountCents",
           'boards', COALESCE(lb.boards, '[]'::json)) ORDER BY l."year", l."activity", l."id") AS j
    FROM "FundBudgetLine" l
    LEFT JOIN (SELECT x."budgetLineId", json_agg(json_build_object('id', b."id", 'name', b."name") ORDER BY b."name", b."id") AS boards
                 FROM "FundBudgetLineBoard" x JOIN "FundBudgetLine" xl ON xl."id" = x."budgetLineId" JOIN "Board" b ON b."id" = x."boardId"
                WHERE xl."grantId" = ${grantId}
             GROUP BY x."budgetLineId") lb ON lb."budgetLineId" = l."id"
   WHERE l."grantId" = ${grantId}
     AND (${boards}::text[] IS NULL OR EXISTS (SELECT 1 FROM "FundBudgetLineBoard" b WHERE b."budgetLineId" = l."id" AND b."boardId" = ANY(${boards}::text[])))`

/** A value as the app reads it: parsed JSON, written back with its keys in order. */
const text = (v: unknown) => JSON.stringify(v)

let w: Awaited<ReturnType<typeof buildTwoRegionWorld>>
let grantId: string
let views: (string[] | null)[]

beforeAll(async () => {
  w = await buildTwoRegionWorld(db)
  const twinA = await buildBoard(db, { name: 'Stichting Tweeling' })
  const twinB = await buildBoard(db, { name: 'Stichting Tweeling' })
  const gone = await buildBoard(db) // on a line, but no organisation of it in the region (any more)
  for (const b of [twinA, twinB]) await buildOrganisation(db, { regionIds: [w.a.region.id], boardId: b.id })
  const grant = await buildFundGrant(db, { regionId: w.a.region.id, penvoerderId: w.a.mbo.id, allocations: { 2019: 10_000_000, 2020: 12_000_000, 2021: 9_000_000 } })
  grantId = grant.id
  await db.fundAllocation.updateMany({ where: { grantId, year: { in: [2019, 2020] } }, data: { reportDeadline: new Date('2020-03-01T00:00:00Z') } })
  const lines = [
    await buildBudgetLine(db, { grantId, year: 2019, boardIds: [w.a.board.id, twinB.id, twinA.id], activity: 'Open dagen', amountCents: 3_000_001 }),
    await buildBudgetLine(db, { grantId, year: 2019, boardIds: [twinA.id], activity: 'Decanen', category: 'PERSONNEL' }),
    await buildBudgetLine(db, { grantId, year: 2020, boardIds: [gone.id, w.a.board.id], activity: 'Netwerk', category: 'TRANSPORT' }),
    await buildBudgetLine(db, { grantId, year: 2021, boardIds: [], activity: 'Zonder besturen', category: 'MATERIALS' }),
  ]
  let day = 1
  for (const [line, board, year] of [[lines[0]!, w.a.board.id, 2019], [lines[0]!, twinA.id, 2019], [lines[1]!, twinA.id, 2019], [lines[2]!, gone.id, 2020], [lines[2]!, w.a.board.id, 2020]] as const)
    for (const status of ['DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED'] as const)
      await buildReport(db, { budgetLineId: line.id, boardId: board, year, amountCents: 10_000 + day * 37, coFinancedCents: day * 11, status, day: day++ })
  await db.fundClosedYear.create({ data: { grantId, year: 2019, closedById: w.a.coordinator.id } })
  views = [null, [w.a.board.id], [twinA.id, twinB.id], [gone.id], [w.b.board.id]]
})

describe('fund page functions: same JSON as the statements before them', () => {
  it('fund_grant: the grant, its allocations, closed years and region boards (twins by id), and NULL for an unknown grant', async () => {
    for (const id of [grantId, 'no-such-grant']) {
      const [now] = await rawRows<{ j: unknown }>(db, Prisma.sql`SELECT "fund_grant"(${id}) AS j`)
      const [before] = await rawRows<{ j: unknown }>(db, previousGrant(id))
      expect(text(now?.j ?? null)).toBe(text(before?.j ?? null))
    }
    const [row] = await rawRows<{ j: { regionBoards: { name: string }[]; closedYears: unknown[]; allocations: { reportDeadline: string | null }[] } }>(db, Prisma.sql`SELECT "fund_grant"(${grantId}) AS j`)
    expect(row!.j.regionBoards.filter((b) => b.name === 'Stichting Tweeling')).toHaveLength(2)
    expect(row!.j.closedYears).toEqual([{ year: 2019 }])
    expect(row!.j.allocations.map((a) => a.reportDeadline)).toEqual(['2020-03-01', '2020-03-01', null])
  })

  it('fund_dashboard: the lines with their boards, for the region and each board view', async () => {
    for (const boards of views) {
      const [now] = await rawRows<{ lines: unknown }>(db, Prisma.sql`SELECT "lines" FROM "fund_dashboard"(${grantId}, ${boards}::text[])`)
      const [before] = await rawRows<{ j: unknown }>(db, previousLines(grantId, boards))
      expect(text(now!.lines)).toBe(text(before!.j))
    }
  })

  it('the pages read from them: the region and board dashboards, the settlement and the export', async () => {
    const coordinator = await callerFor(w.a.coordinator.id)
    const reporter = await callerFor(w.a.boardReporter.id)
    const region = await coordinator.fund.regionDashboard({ grantId })
    expect(region.byLine.map((l) => [l.activity, l.boards.length])).toEqual([
      ['Decanen', 1],
      ['Open dagen', 3],
      ['Netwerk', 2],
      ['Zonder besturen', 0],
    ])
    expect(region.byYear.map((y) => [y.year, y.closed, y.reportDeadline?.toISOString() ?? null])).toEqual([
      [2019, true, '2020-03-01T00:00:00.000Z'],
      [2020, false, '2020-03-01T00:00:00.000Z'],
      [2021, false, null],
    ])
    // The boards' figures are written out field by field (no spread of the parsed board): the same keys, in the same order.
    const figures = ['reportedCents', 'approvedCents', 'coFinancedCents', 'reportCount']
    expect(region.byBoard.map((b) => Object.keys(b))).toEqual(region.byBoard.map(() => ['id', 'name', 'number', ...figures, 'paidCents', 'outstandingCents']))
    const board = await reporter.fund.dashboard({ grantId })
    expect(board.scope).toBe('board')
    expect(board.byLine.map((l) => l.activity)).toEqual(['Open dagen', 'Netwerk'])
    const settlement = await coordinator.fund.settlement({ grantId })
    expect(settlement.region.approvedCents).toBe(region.totals.approvedCents)
    expect(settlement.byBoard.map((b) => Object.keys(b))).toEqual(
      settlement.byBoard.map(() => ['id', 'name', 'number', 'budgetedCents', 'approvedCents', 'coFinancedCents', 'paidCents', 'requiredCoFinancingCents', 'balanceCents', 'years']),
    )
    expect(settlement.byBoard.map((b) => b.id)).toContain(w.a.board.id)
    const exported = await coordinator.fund.accountability({ grantId })
    expect(exported.total.approvedCents).toBe(region.totals.approvedCents)
  })
})
