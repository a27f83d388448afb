/**
 * Fund benchmark: the region dashboard (`fund.regionDashboard`) over a grant of 4 years × 40 boards × 2,000
 * expenditure reports, through the tRPC HTTP endpoint, next to the same report aggregate computed by one bare SQL
 * statement (the floor). Also the board dashboard (with the query plan: a board's reports through the index, not a
 * scan of all reports) and the accountability export.
 */
import { buildBoard, buildOrganisation, buildRegion, buildUser } from '../db/factories.ts'
import { buildFundGrant } from '../fund/factories.ts'
import { reportAggregateSql } from '../fund/dashboard.ts'
import { compare, usesIndex, type BenchContext, type BenchResult } from './harness.ts'

const YEARS = [2018, 2019, 2020, 2021]
const BOARDS = 40
const REPORTS = 2_000

async function seed(ctx: BenchContext) {
  // A second, busier region so the grant's reports are a fraction of the table.
  const regions = [await buildRegion(ctx.db), await buildRegion(ctx.db)]
  const grants = []
  const boardIds: string[][] = [[], []]
  for (const [r, region] of regions.entries()) {
    for (let b = 0; b < BOARDS; b++) {
      const board = await buildBoard(ctx.db)
      await buildOrganisation(ctx.db, { regionIds: [region.id], boardId: board.id })
      boardIds[r]!.push(board.id)
    }
    const penvoerder = await buildOrganisation(ctx.db, { regionIds: [region.id], sector: 'MBO' })
    grants.push(await buildFundGrant(ctx.db, { regionId: region.id, penvoerderId: penvoerder.id }))
  }
  for (const [r, grant] of grants.entries()) {
    const boards = `ARRAY[${boardIds[r]!.map((id) => `'${id}'`).join(',')}]`
    const cats = `ARRAY['PERSONNEL','ACTIVITIES','MATERIALS','TRANSPORT','EXTERNAL_HIRE','OVERHEAD']::"FundCategory"[]`
    // One line per board per year (160), each for its board.
    await ctx.pool.query(
      `INSERT INTO "FundBudgetLine" (id, "grantId", year, activity, category, "amountCents", "createdAt", "updatedAt")
       SELECT $1 || '-l' || g, $1, ${YEARS[0]} + g % 4, 'Activiteit ' || g, (${cats})[1 + g % 6], 100000 + g * 137, now(), now()
       FROM generate_series(0, ${BOARDS * YEARS.length - 1}) g`,
      [grant.id],
    )
    await ctx.pool.query(
      `INSERT INTO "FundBudgetLineBoard" ("budgetLineId", "boardId") SELECT $1 || '-l' || g, (${boards})[1 + (g / 4) % ${BOARDS}] FROM generate_series(0, ${BOARDS * YEARS.length - 1}) g`,
      [grant.id],
    )
    // Reports: region 0 gets REPORTS, region 1 five times as many. Report g is on line g % 160 for that line's board.
    const n = r === 0 ? REPORTS : REPORTS * 5
    await ctx.pool.query(
      `INSERT INTO "FundReport" (id, "budgetLineId", "boardId", "amountCents", "coFinancedCents", "spentOn", description, category, status, version, "createdAt", "updatedAt")
       SELECT $1 || '-r' || g, $1 || '-l' || (g % 160), (${boards})[1 + ((g % 160) / 4) % ${BOARDS}], 1000 + (g * 7919) % 500000, (g * 31) % 20000,
              make_date(${YEARS[0]} + (g % 160) % 4, 1 + g % 12, 1 + g % 28), 'Besteding ' || g, (${cats})[1 + g % 6],
              (ARRAY['DRAFT','SUBMITTED','APPROVED','APPROVED','APPROVED','REJECTED']::"FundReportStatus"[])[1 + g % 6], 1, now(), now()
       FROM generate_series(0, ${n - 1}) g`,
      [grant.id],
    )
  }
  await ctx.pool.query('ANALYZE "FundBudgetLine"; ANALYZE "FundBudgetLineBoard"; ANALYZE "FundReport"')
  const coordinator = await buildUser(ctx.db, { roles: [{ role: 'REGION_COORDINATOR', regionId: regions[0]!.id }] })
  const reporter = await buildUser(ctx.db, { roles: [{ role: 'BOARD_REPORTER', boardId: boardIds[0]![0]! }] })
  return { grantId: grants[0]!.id, coordinatorId: coordinator.id, reporterId: reporter.id, boardId: boardIds[0]![0]! }
}

export async function benchFund(ctx: BenchContext): Promise<BenchResult[]> {
  const s = await seed(ctx)
  const coordinator = ctx.client(s.coordinatorId)
  const reporter = ctx.client(s.reporterId)
  const regionSql = reportAggregateSql(s.grantId, null)
  const boardSql = reportAggregateSql(s.grantId, [s.boardId])
  const floor = (q: { text: string; values: unknown[] }) => () => ctx.pool.query(q.text, q.values)

  // Sanity: the API's totals equal a plain SUM over the reports.
  const dash = await coordinator.fund.regionDashboard.query({ grantId: s.grantId })
  const plain = await ctx.pool.query(
    `SELECT SUM(r."amountCents") FILTER (WHERE r.status = 'APPROVED')::bigint AS approved FROM "FundReport" r JOIN "FundBudgetLine" l ON l.id = r."budgetLineId" WHERE l."grantId" = $1`,
    [s.grantId],
  )
  if (dash.totals.approvedCents !== Number(plain.rows[0].approved)) throw new Error('fund bench: dashboard total differs from SUM')

  // A board's reports are found through the (boardId, status) index, not a scan of every report.
  const boardPlan = await usesIndex(ctx.pool, boardSql.text, boardSql.values, 'FundReport')
  const region = await compare('fund.regionDashboard (4 y × 40 boards × 2,000 reports)', () => coordinator.fund.regionDashboard.query({ grantId: s.grantId }), floor(regionSql))
  const board = await compare('fund.dashboard as board reporter (own board)', () => reporter.fund.dashboard.query({ grantId: s.grantId }), floor(boardSql))
  const exportResult = await compare('fund.accountability (export rows + totals)', () => coordinator.fund.accountability.query({ grantId: s.grantId }), floor(regionSql))
  region.notes = { approvedCents: dash.totals.approvedCents, reportsInTable: REPORTS * 6 }
  board.notes = { reportIndexUsed: boardPlan.ok ? 'yes' : 'no' }
  return [region, board, exportResult]
}
