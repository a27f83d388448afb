/**
 * Fund dashboards and the accountability export, each ONE statement (server/fund/grant-sql.ts): the grant, its
 * region's boards and every figure of the page. All sums are computed by PostgreSQL (SUM … GROUP BY GROUPING SETS
 * over integer cents, returned as exact integers); JavaScript only joins the few grouped rows with names.
 */
import { Prisma } from '../db/generated/client.ts'
import { rawRows, type Db } from '../db/client.ts'
import type { CalendarEventStatus, FundCategory } from '../db/generated/enums.ts'
import type { Actor } from '../auth/policy.ts'
import { notFound } from '../lib/errors.ts'
import { percentOf } from './money.ts'
import { authorizeView, grantOf, int, pageRow, readWithView, regionReader, REGION, speculativeView, viewOf, type BoardRow, type GrantCore, type GrantRow, type ViewGuess } from './grant-sql.ts'
import { codeOf, storeColumns, throughStore, type PageSpec, type StoreColumns } from './page-store.ts'

type Num = bigint | number | null
type ReportAggRow = { g: number; year: number | null; category: FundCategory | null; boardId: string | null; lineId: string | null; reported: Num; approved: Num; cofinanced: Num; n: Num }
type BudgetAggRow = { g: number; year: number | null; category: FundCategory | null; budgeted: Num }
type PaidAggRow = { g: number; year: number | null; boardId: string | null; paid: Num }
type LineRow = { id: string; year: number; activity: string; category: FundCategory; amountCents: number; boards: { id: string; name: string }[] }

type DashboardRow = GrantRow & StoreColumns & { reports: ReportAggRow[] | null; budget: BudgetAggRow[] | null; paid: PaidAggRow[] | null; lines: LineRow[] | null }

/**
 * The grant, its region's boards and all of a dashboard's figures (region, or the given boards), as one row: the
 * function `fund_dashboard` (report sums per year, category, board, budget line and in total by GROUPING SETS;
 * budget per year, category and in total; payments per year, board and in total; the lines with their boards).
 */
async function readDashboard(db: Db, grantId: string, view: ViewGuess): Promise<DashboardRow | undefined> {
  const boardIds = view.kind === 'board' ? view.boardIds : null
  const [row] = await rawRows<Omit<DashboardRow, keyof GrantRow> & { grant: GrantRow | null }>(
    db,
    Prisma.sql`SELECT f.*, ${storeColumns(grantId, DASHBOARD)} FROM "fund_dashboard"(${grantId}, ${boardIds}::text[]) f`,
  )
  return pageRow(row)
}

/** A grouped row's key within its grouping set: the value of the one column the set groups by (null: the total). */
type Key = string | number | null

/** Rows per grouping set (`g`), each set's rows by their key. */
function bySet<T extends { g: number }>(rows: T[], key: (r: T) => Key): Map<number, Map<Key, T>> {
  const sets = new Map<number, Map<Key, T>>()
  for (const r of rows) {
    let set = sets.get(r.g)
    if (!set) sets.set(r.g, (set = new Map()))
    set.set(key(r), r)
  }
  return sets
}

// GROUPING bitmasks: a 1 bit is a column rolled up. Report sets: year | category | board | line | total.
const R = { year: 0b0111, category: 0b1011, board: 0b1101, line: 0b1110, total: 0b1111 }
const B = { year: 0b01, category: 0b10, total: 0b11 }

type Sums = { reportedCents: number; approvedCents: number; coFinancedCents: number; reportCount: number }
const sums = (r?: ReportAggRow): Sums => ({ reportedCents: int(r?.reported), approvedCents: int(r?.approved), coFinancedCents: int(r?.cofinanced), reportCount: int(r?.n) })

/** The dashboard's figures from the row read: per year, category, budget line and board, and in total. */
function aggregate(grant: GrantCore, row: DashboardRow, boards: BoardRow[], boardIds: string[] | null) {
  const reportRows = row.reports ?? []
  const budgetRows = row.budget ?? []
  const paidRows = row.paid ?? []
  const lines = row.lines ?? []
  // Index the grouped rows by grouping set, then by the one column that set groups by: one pass, then O(1) lookups
  // (no composite string keys: building and hashing one per lookup was most of this function's time).
  const repIndex = bySet(reportRows, (r) => (r.g === R.year ? r.year : r.g === R.category ? r.category : r.g === R.board ? r.boardId : r.g === R.line ? r.lineId : null))
  const budIndex = bySet(budgetRows, (r) => (r.g === B.year ? r.year : r.g === B.category ? r.category : null))
  const paidIndex = bySet(paidRows, (r) => (r.g === 0b01 ? r.year : r.g === 0b10 ? r.boardId : null))
  const paid = (g: number, k: Key = null) => int(paidIndex.get(g)?.get(k)?.paid)
  const rep = (g: number, k: Key = null) => repIndex.get(g)?.get(k)
  const bud = (g: number, k: Key = null) => int(budIndex.get(g)?.get(k)?.budgeted)
  const closed = new Set(grant.closedYears.map((c) => c.year))
  const years: number[] = []
  for (let y = grant.startYear; y <= grant.endYear; y++) years.push(y)
  const byYear = years.map((year) => {
    const allocationCents = boardIds ? 0 : int(grant.allocations.find((a) => a.year === year)?.amountCents)
    const s = sums(rep(R.year, year))
    const budgetedCents = bud(B.year, year)
    const requiredCoFinancingCents = boardIds ? 0 : percentOf(allocationCents, grant.coFinancingPercent)
    const deadline = grant.allocations.find((a) => a.year === year)?.reportDeadline ?? null
    return { year, closed: closed.has(year), allocationCents, budgetedCents, ...s, paidCents: paid(0b01, year), reportDeadline: deadline, requiredCoFinancingCents, overBudget: !boardIds && budgetedCents > allocationCents, overspent: s.reportedCents > (boardIds ? budgetedCents : allocationCents) }
  })
  const categories = [...new Set([...budgetRows.filter((r) => r.g === B.category).map((r) => r.category!), ...reportRows.filter((r) => r.g === R.category).map((r) => r.category!)])]
  const byCategory = categories.map((category) => {
    const budgetedCents = bud(B.category, category)
    const s = sums(rep(R.category, category))
    return { category, budgetedCents, ...s, overspent: s.reportedCents > budgetedCents }
  })
  const byLine = lines.map((l) => {
    const s = sums(rep(R.line, l.id))
    return { id: l.id, year: l.year, activity: l.activity, category: l.category, boards: l.boards, budgetedCents: l.amountCents, ...s, overspent: s.reportedCents > l.amountCents }
  })
  const byBoard = boards.map((b) => {
    const s = sums(rep(R.board, b.id))
    const paidCents = paid(0b10, b.id)
    // The board's fields written out, not spread: a second spread into a spread copy of a parsed object takes V8's slow
    // path (≈ 6 µs per board, most of this function's time). Same keys in the same order (BoardRow's).
    return { id: b.id, name: b.name, number: b.number, ...s, paidCents, outstandingCents: s.approvedCents - paidCents }
  })
  const allocationCents = byYear.reduce((a, y) => a + y.allocationCents, 0) // four integers, not the report rows
  const totals = {
    allocationCents,
    budgetedCents: bud(B.total),
    ...sums(rep(R.total)),
    paidCents: paid(0b11),
    requiredCoFinancingCents: byYear.reduce((a, y) => a + y.requiredCoFinancingCents, 0),
  }
  return { byYear, byCategory, byLine, byBoard, totals: { ...totals, outstandingCents: totals.approvedCents - totals.paidCents }, budgetVersion: grant.budgetVersion, closedAt: grant.closedAt }
}

function grantHeader(grant: GrantCore) {
  return { id: grant.id, fundName: grant.fundName, region: grant.region, penvoerder: grant.penvoerder, startYear: grant.startYear, endYear: grant.endYear, coFinancingPercent: grant.coFinancingPercent }
}

/** The region dashboard: allocation vs budgeted vs reported vs approved, co-financing, overspending. */
export async function regionDashboard(db: Db, actor: Actor, grantId: string) {
  return throughStore(db, grantId, DASHBOARD, REGION, (grant) => regionReader(actor, grant), async () => {
    const row = await readDashboard(db, grantId, REGION)
    if (!row) throw notFound()
    const grant = grantOf(row)
    regionReader(actor, grant)
    return { value: dashboardPage(grant, row, REGION), view: REGION, row }
  })
}

/** The dashboard that fits the actor: the region's for coordinators and admins, else that of the actor's boards. */
export async function dashboard(db: Db, actor: Actor, grantId: string) {
  return throughStore(db, grantId, DASHBOARD, speculativeView(actor), (grant, boards) => viewOf(actor, grant, boards), async () => {
    const { row, view } = await readWithView(actor, (v) => readDashboard(db, grantId, v))
    const grant = grantOf(row)
    authorizeView(actor, grant, view)
    return { value: dashboardPage(grant, row, view), view, row }
  })
}

function dashboardPage(grant: GrantCore, row: DashboardRow, view: ViewGuess) {
  const boardIds = view.kind === 'board' ? view.boardIds : null
  const boards = boardIds ? row.regionBoards.filter((b) => boardIds.includes(b.id)) : row.regionBoards
  return { grant: grantHeader(grant), scope: view.kind, ...aggregate(grant, row, boards, boardIds) }
}

const DASHBOARD: PageSpec = { page: 'dashboard', fn: 'fund_dashboard', code: codeOf(aggregate, sums, bySet, grantHeader, dashboardPage, grantOf, pageRow, int, percentOf) }

// ---- accountability export -------------------------------------------------------------------------------

type ExportRow = { g: number; year: number | null; lineId: string | null; activity: string | null; boardNumber: string | null; boardName: string | null; category: FundCategory | null; n: Num; amount: Num; cofinanced: Num }
type LinkedLineRow = { id: string; year: number; activity: string; events: { id: string; title: string; startsAtMs: number; status: string }[] }

/**
 * Approved expenditure per year, budget line, board and category, with year totals and the grand total — all
 * from one GROUPING SETS statement, so the totals are the database's and equal the dashboard's approved sums —
 * and the calendar events carrying out each budget line, read with the grant in one statement (the function
 * `fund_accountability`).
 */
export async function accountability(db: Db, actor: Actor, grantId: string) {
  return throughStore(db, grantId, ACCOUNTABILITY, REGION, (grant) => regionReader(actor, grant), async () => {
    const row = pageRow(
      (
        await rawRows<{ grant: GrantRow | null; rows: ExportRow[] | null; linked: LinkedLineRow[] | null } & StoreColumns>(
          db,
          Prisma.sql`SELECT f.*, ${storeColumns(grantId, ACCOUNTABILITY)} FROM "fund_accountability"(${grantId}) f`,
        )
      )[0],
    )
    if (!row) throw notFound()
    const grant = grantOf(row)
    regionReader(actor, grant)
    return { value: accountabilityPage(grant, row.rows ?? [], row.linked ?? []), view: REGION, row }
  })
}

function accountabilityPage(grant: GrantCore, rows: ExportRow[], linked: LinkedLineRow[]) {
  const toRow = (r: ExportRow) => ({ year: r.year, activity: r.activity, boardNumber: r.boardNumber, boardName: r.boardName, category: r.category, reportCount: int(r.n), approvedCents: int(r.amount), coFinancedCents: int(r.cofinanced) })
  return {
    grant: grantHeader(grant),
    rows: rows.filter((r) => r.g === 0).map(toRow),
    lineEvents: linked.map((l) => ({
      id: l.id,
      year: l.year,
      activity: l.activity,
      events: l.events.map((e) => ({ id: e.id, title: e.title, startsAt: new Date(e.startsAtMs), status: e.status as CalendarEventStatus })),
    })),
    yearTotals: rows.filter((r) => r.g === 0b0111).map(toRow),
    total: toRow(rows.find((r) => r.g === 0b1111) ?? { g: 15, year: null, lineId: null, activity: null, boardNumber: null, boardName: null, category: null, n: 0, amount: 0, cofinanced: 0 }),
  }
}

const ACCOUNTABILITY: PageSpec = { page: 'accountability', fn: 'fund_accountability', code: codeOf(accountabilityPage, grantHeader, grantOf, pageRow, int) }
