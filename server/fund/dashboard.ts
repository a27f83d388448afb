/**
 * Fund dashboards and the accountability export. All sums are computed by PostgreSQL (SUM … GROUP BY GROUPING
 * SETS over integer cents, returned as bigint and converted to exact JS integers); JavaScript only joins the few
 * grouped rows with names.
 */
import { Prisma } from '../db/generated/client.ts'
import type { Db, DbTx } from '../db/client.ts'
import type { FundCategory } from '../db/generated/enums.ts'
import { authorize, type Actor } from '../auth/policy.ts'
import { percentOf } from './money.ts'
import { boardsOfRegion, grantTenant, grantView, linkedEventsOfLine, loadGrant } from './grants.ts'

/** bigint / numeric from SQL → exact JS integer (cents stay far below 2^53). */
const int = (v: bigint | number | null | undefined): number => {
  if (v === null || v === undefined) return 0
  const n = Number(v)
  if (!Number.isSafeInteger(n)) throw new RangeError('sum out of range')
  return n
}

type ReportAggRow = { g: number; year: number | null; category: FundCategory | null; boardId: string | null; lineId: string | null; reported: bigint | null; approved: bigint | null; cofinanced: bigint | null; n: bigint }
type BudgetAggRow = { g: number; year: number | null; category: FundCategory | null; budgeted: bigint | null }

/** Report sums per year, category, board, budget line and in total, in one statement. */
export function reportAggregateSql(grantId: string, boardIds: string[] | null) {
  return Prisma.sql`
    SELECT GROUPING(l."year", r."category", r."boardId", r."budgetLineId")::int AS g,
           l."year", r."category", r."boardId", r."budgetLineId" AS "lineId",
           SUM(r."amountCents")::bigint AS reported,
           SUM(r."amountCents") FILTER (WHERE r."status" = 'APPROVED')::bigint AS approved,
           SUM(r."coFinancedCents") FILTER (WHERE r."status" = 'APPROVED')::bigint AS cofinanced,
           COUNT(*)::bigint AS n
      FROM "FundReport" r
      JOIN "FundBudgetLine" l ON l."id" = r."budgetLineId"
     WHERE l."grantId" = ${grantId}
       AND r."status" IN ('SUBMITTED', 'APPROVED')
       ${boardIds ? Prisma.sql`AND r."boardId" IN (${Prisma.join(boardIds)})` : Prisma.empty}
  GROUP BY GROUPING SETS ((l."year"), (r."category"), (r."boardId"), (r."budgetLineId"), ())`
}

function budgetAggregateSql(grantId: string, boardIds: string[] | null) {
  return Prisma.sql`
    SELECT GROUPING(l."year", l."category")::int AS g, l."year", l."category", SUM(l."amountCents")::bigint AS budgeted
      FROM "FundBudgetLine" l
     WHERE l."grantId" = ${grantId}
       ${boardIds ? Prisma.sql`AND EXISTS (SELECT 1 FROM "FundBudgetLineBoard" b WHERE b."budgetLineId" = l."id" AND b."boardId" IN (${Prisma.join(boardIds)}))` : Prisma.empty}
  GROUP BY GROUPING SETS ((l."year"), (l."category"), ())`
}

type PaidAggRow = { g: number; year: number | null; boardId: string | null; paid: bigint | null }

/** Payments per year, per board and in total. */
function paidAggregateSql(grantId: string, boardIds: string[] | null) {
  return Prisma.sql`
    SELECT GROUPING(p."year", p."boardId")::int AS g, p."year", p."boardId", SUM(p."amountCents")::bigint AS paid
      FROM "FundPayment" p
     WHERE p."grantId" = ${grantId}
       ${boardIds ? Prisma.sql`AND p."boardId" IN (${Prisma.join(boardIds)})` : Prisma.empty}
  GROUP BY GROUPING SETS ((p."year"), (p."boardId"), ())`
}

// GROUPING bitmasks: a 1 bit is a column rolled up. Report sets: year | category | board | line | total.
const R = { year: 0b0111, category: 0b1011, board: 0b1101, line: 0b1110, total: 0b1111 }
const B = { year: 0b01, category: 0b10, total: 0b11 }

type Sums = { reportedCents: number; approvedCents: number; coFinancedCents: number; reportCount: number }
const sums = (r?: ReportAggRow): Sums => ({ reportedCents: int(r?.reported), approvedCents: int(r?.approved), coFinancedCents: int(r?.cofinanced), reportCount: int(r?.n) })

async function aggregate(db: DbTx, grant: LoadedGrant, boardIds: string[] | null) {
  const [reportRows, budgetRows, lines, boards, paidRows] = await Promise.all([
    db.$queryRaw<ReportAggRow[]>(reportAggregateSql(grant.id, boardIds)),
    db.$queryRaw<BudgetAggRow[]>(budgetAggregateSql(grant.id, boardIds)),
    db.fundBudgetLine.findMany({
      where: { grantId: grant.id, ...(boardIds ? { boards: { some: { boardId: { in: boardIds } } } } : {}) },
      select: { id: true, year: true, activity: true, category: true, amountCents: true, boards: { select: { board: { select: { id: true, name: true } } } } },
      orderBy: [{ year: 'asc' }, { activity: 'asc' }],
    }),
    boardIds ? db.board.findMany({ where: { id: { in: boardIds } }, select: { id: true, name: true, number: true }, orderBy: { name: 'asc' } }) : boardsOfRegion(db, grant.regionId),
    db.$queryRaw<PaidAggRow[]>(paidAggregateSql(grant.id, boardIds)),
  ])
  const paidIndex = new Map(paidRows.map((r) => [`${r.g}:${r.year ?? ''}:${r.boardId ?? ''}`, int(r.paid)]))
  const paid = (g: number, k: { year?: number; boardId?: string }) => paidIndex.get(`${g}:${k.year ?? ''}:${k.boardId ?? ''}`) ?? 0
  // Index the grouped rows by grouping set and key: one pass, then O(1) lookups.
  const repIndex = new Map(reportRows.map((r) => [`${r.g}:${r.year ?? ''}:${r.category ?? ''}:${r.boardId ?? ''}:${r.lineId ?? ''}`, r]))
  const budIndex = new Map(budgetRows.map((r) => [`${r.g}:${r.year ?? ''}:${r.category ?? ''}`, r]))
  const rep = (g: number, k: { year?: number; category?: string; boardId?: string; lineId?: string }) => repIndex.get(`${g}:${k.year ?? ''}:${k.category ?? ''}:${k.boardId ?? ''}:${k.lineId ?? ''}`)
  const bud = (g: number, k: { year?: number; category?: string }) => int(budIndex.get(`${g}:${k.year ?? ''}:${k.category ?? ''}`)?.budgeted)
  const closed = new Set(grant.closedYears.map((c) => c.year))
  const years: number[] = []
  for (let y = grant.startYear; y <= grant.endYear; y++) years.push(y)

  const byYear = years.map((year) => {
    const allocationCents = boardIds ? 0 : int(grant.allocations.find((a) => a.year === year)?.amountCents)
    const s = sums(rep(R.year, { year }))
    const budgetedCents = bud(B.year, { year })
    const requiredCoFinancingCents = boardIds ? 0 : percentOf(allocationCents, grant.coFinancingPercent)
    const deadline = grant.allocations.find((a) => a.year === year)?.reportDeadline ?? null
    return { year, closed: closed.has(year), allocationCents, budgetedCents, ...s, paidCents: paid(0b01, { year }), reportDeadline: deadline, requiredCoFinancingCents, overBudget: !boardIds && budgetedCents > allocationCents, overspent: s.reportedCents > (boardIds ? budgetedCents : allocationCents) }
  })
  const categories = [...new Set([...budgetRows.filter((r) => r.g === B.category).map((r) => r.category!), ...reportRows.filter((r) => r.g === R.category).map((r) => r.category!)])]
  const byCategory = categories.map((category) => {
    const budgetedCents = bud(B.category, { category })
    const s = sums(rep(R.category, { category }))
    return { category, budgetedCents, ...s, overspent: s.reportedCents > budgetedCents }
  })
  const byLine = lines.map((l) => {
    const s = sums(rep(R.line, { lineId: l.id }))
    return { id: l.id, year: l.year, activity: l.activity, category: l.category, boards: l.boards.map((b) => b.board), budgetedCents: l.amountCents, ...s, overspent: s.reportedCents > l.amountCents }
  })
  const byBoard = boards.map((b) => {
    const s = sums(rep(R.board, { boardId: b.id }))
    const paidCents = paid(0b10, { boardId: b.id })
    return { ...b, ...s, paidCents, outstandingCents: s.approvedCents - paidCents }
  })
  const allocationCents = byYear.reduce((a, y) => a + y.allocationCents, 0) // four integers, not the report rows
  const totals = {
    allocationCents,
    budgetedCents: bud(B.total, {}),
    ...sums(rep(R.total, {})),
    paidCents: paid(0b11, {}),
    requiredCoFinancingCents: byYear.reduce((a, y) => a + y.requiredCoFinancingCents, 0),
  }
  return { byYear, byCategory, byLine, byBoard, totals: { ...totals, outstandingCents: totals.approvedCents - totals.paidCents }, budgetVersion: grant.budgetVersion, closedAt: grant.closedAt }
}

function grantHeader(grant: LoadedGrant) {
  return { id: grant.id, fundName: grant.fundName, region: grant.region, penvoerder: grant.penvoerder, startYear: grant.startYear, endYear: grant.endYear, coFinancingPercent: grant.coFinancingPercent }
}

type LoadedGrant = Awaited<ReturnType<typeof loadGrant>>

async function regionFigures(db: Db, actor: Actor, grant: LoadedGrant) {
  authorize(actor, 'fund.read', grantTenant(grant))
  return { grant: grantHeader(grant), scope: 'region' as const, ...(await aggregate(db, grant, null)) }
}

async function boardFigures(db: Db, actor: Actor, grant: LoadedGrant, boardIds: string[]) {
  for (const boardId of boardIds) authorize(actor, 'fund.read', { ...grantTenant(grant), boardId })
  return { grant: grantHeader(grant), scope: 'board' as const, ...(await aggregate(db, grant, boardIds)) }
}

/** The region dashboard: allocation vs budgeted vs reported vs approved, co-financing, overspending. */
export async function regionDashboard(db: Db, actor: Actor, grantId: string) {
  return regionFigures(db, actor, await loadGrant(db, grantId))
}

/** The dashboard that fits the actor: the region's for coordinators and admins, else that of the actor's boards. */
export async function dashboard(db: Db, actor: Actor, grantId: string) {
  const grant = await loadGrant(db, grantId)
  const view = await grantView(db, actor, grant)
  return view.kind === 'region' ? regionFigures(db, actor, grant) : boardFigures(db, actor, grant, view.boardIds)
}

// ---- accountability export -------------------------------------------------------------------------------

type ExportRow = { g: number; year: number | null; lineId: string | null; activity: string | null; boardNumber: string | null; boardName: string | null; category: FundCategory | null; n: bigint; amount: bigint; cofinanced: bigint }

/**
 * Approved expenditure per year, budget line, board and category, with year totals and the grand total — all
 * from one GROUPING SETS statement, so the totals are the database's and equal the dashboard's approved sums.
 */
export async function accountability(db: Db, actor: Actor, grantId: string) {
  const grant = await loadGrant(db, grantId)
  authorize(actor, 'fund.read', grantTenant(grant))
  const rows = await db.$queryRaw<ExportRow[]>(Prisma.sql`
    SELECT GROUPING(l."year", l."id", b."id", r."category")::int AS g,
           l."year", l."id" AS "lineId", MIN(l."activity") AS activity, MIN(b."number") AS "boardNumber", MIN(b."name") AS "boardName", r."category",
           COUNT(*)::bigint AS n, SUM(r."amountCents")::bigint AS amount, SUM(r."coFinancedCents")::bigint AS cofinanced
      FROM "FundReport" r
      JOIN "FundBudgetLine" l ON l."id" = r."budgetLineId"
      JOIN "Board" b ON b."id" = r."boardId"
     WHERE l."grantId" = ${grant.id} AND r."status" = 'APPROVED'
  GROUP BY GROUPING SETS ((l."year", l."id", b."id", r."category"), (l."year"), ())
  ORDER BY l."year" NULLS LAST, g, MIN(l."activity"), MIN(b."name"), r."category"`)
  // The calendar events carrying out each budget line (lines without linked events are left out).
  const linked = await db.fundBudgetLine.findMany({
    where: { grantId: grant.id, events: { some: {} } },
    select: { id: true, year: true, activity: true, events: linkedEventsOfLine },
    orderBy: [{ year: 'asc' }, { activity: 'asc' }],
  })
  const toRow = (r: ExportRow) => ({ year: r.year, activity: r.activity, boardNumber: r.boardNumber, boardName: r.boardName, category: r.category, reportCount: int(r.n), approvedCents: int(r.amount), coFinancedCents: int(r.cofinanced) })
  return {
    grant: grantHeader(grant),
    rows: rows.filter((r) => r.g === 0).map(toRow),
    lineEvents: linked.map((l) => ({ id: l.id, year: l.year, activity: l.activity, events: l.events.map((e) => e.event) })),
    yearTotals: rows.filter((r) => r.g === 0b0111).map(toRow),
    total: toRow(rows.find((r) => r.g === 0b1111) ?? { g: 15, year: null, lineId: null, activity: null, boardNumber: null, boardName: null, category: null, n: 0n, amount: 0n, cofinanced: 0n }),
  }
}
