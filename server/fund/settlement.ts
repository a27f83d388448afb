/**
 * Reporting deadlines per grant year (overdue results reports flagged on the dashboards), the final settlement per
 * board and for the region, and closing the grant (read-only afterwards).
 *
 * The settlement is one SQL statement (GROUPING SETS over the budget, approved reports and payments of the grant):
 * per board and year, per board, per year and the region total. A line with several responsible boards is shared
 * equally in whole cents (the remainder to the first board by id), so the boards' budgets add up to the region's.
 */
import { Prisma } from '../db/generated/client.ts'
import { rawRows, type Db, type DbTx } from '../db/client.ts'
import { audit } from '../db/audit.ts'
import { authorize, type Actor } from '../auth/policy.ts'
import { conflict, invalid } from '../lib/errors.ts'
import { toAmsterdam } from '../lib/time.ts'
import { percentOf } from './money.ts'
import { assertGrantOpen, grantTenant, grantView, loadGrant } from './grants.ts'
import { authorizeView, grantOf, int, pageRow, readWithView, speculativeView, viewOf, type GrantCore, type GrantRow, type ViewGuess } from './grant-sql.ts'
import { codeOf, storeColumns, throughStore, type PageSpec, type StoreColumns } from './page-store.ts'
import type { SetDeadlineInput } from './schema.ts'

// ---- deadlines -------------------------------------------------------------------------------------------

export async function setDeadline(db: Db, actor: Actor, input: SetDeadlineInput) {
  return db.$transaction(async (tx) => {
    const grant = await loadGrant(tx, input.grantId)
    authorize(actor, 'fund.manage', grantTenant(grant))
    await assertGrantOpen(tx, grant.id)
    const before = grant.allocations.find((a) => a.year === input.year)
    if (!before) throw invalid('fund.errors.yearOutsidePeriod')
    const after = await tx.fundAllocation.update({ where: { id: before.id }, data: { reportDeadline: input.deadline ? new Date(`${input.deadline}T00:00:00Z`) : null } })
    await audit(tx, actor, { action: 'fund.deadline.set', entityType: 'FundAllocation', entityId: before.id, regionId: grant.regionId, before, after })
    return after
  })
}

/**
 * Results reports that are overdue: the year's deadline has passed (Amsterdam date), the year is open, and a
 * responsible board of an open line has not submitted (or had approved) its results report for that line.
 */
export async function overdueResults(db: DbTx, grant: Awaited<ReturnType<typeof loadGrant>>, boardIds: string[] | null, now = new Date()) {
  const today = toAmsterdam(now).date
  const closed = new Set(grant.closedYears.map((c) => c.year))
  const years = grant.allocations.filter((a) => a.reportDeadline && a.reportDeadline.toISOString().slice(0, 10) < today && !closed.has(a.year))
  if (!years.length || grant.closedAt) return []
  const lines = await db.fundBudgetLine.findMany({
    where: { grantId: grant.id, year: { in: years.map((y) => y.year) }, closedAt: null },
    select: {
      id: true,
      year: true,
      activity: true,
      boards: { where: boardIds ? { boardId: { in: boardIds } } : {}, select: { board: { select: { id: true, name: true } } } },
      results: { where: { status: { in: ['SUBMITTED', 'APPROVED'] } }, select: { boardId: true } },
    },
    orderBy: [{ year: 'asc' }, { activity: 'asc' }],
  })
  const deadline = new Map(years.map((y) => [y.year, y.reportDeadline!.toISOString().slice(0, 10)]))
  return lines.flatMap((l) =>
    l.boards
      .filter((b) => !l.results.some((r) => r.boardId === b.board.id))
      .map((b) => ({ year: l.year, deadline: deadline.get(l.year)!, lineId: l.id, activity: l.activity, boardId: b.board.id, boardName: b.board.name })),
  )
}

export async function overdue(db: Db, actor: Actor, grantId: string) {
  const grant = await loadGrant(db, grantId)
  const view = await grantView(db, actor, grant)
  return overdueResults(db, grant, view.kind === 'board' ? view.boardIds : null)
}

// ---- settlement ------------------------------------------------------------------------------------------

type Num = bigint | number | null
type SettlementRow = { g: number; boardId: string | null; year: number | null; budgeted: Num; approved: Num; cofinanced: Num; paid: Num }

/**
 * The grant, its region's boards and the settlement's figures (region, or the given boards) as one row: the function
 * `fund_settlement` (migration 20261130205511_page_functions) — per (board, year), board, year and in total:
 * the budget (a line with several boards shared equally in whole cents, the remainder to the first board by id),
 * approved spending and co-financing, payments; each source summed per (board, year) first, so the grouping sets
 * roll up a few hundred rows, not every report. The statement the bench measures.
 */
async function readSettlement(db: Db, grantId: string, view: ViewGuess) {
  const [row] = await rawRows<{ grant: GrantRow | null; figures: SettlementRow[] | null } & StoreColumns>(
    db,
    Prisma.sql`SELECT f.*, ${storeColumns(grantId, SETTLEMENT)} FROM "fund_settlement"(${grantId}, ${view.kind === 'board' ? view.boardIds : null}::text[]) f`,
  )
  return pageRow(row)
}

type Figures = { budgetedCents: number; approvedCents: number; coFinancedCents: number; paidCents: number }
const figures = (r?: SettlementRow): Figures => ({ budgetedCents: int(r?.budgeted), approvedCents: int(r?.approved), coFinancedCents: int(r?.cofinanced), paidCents: int(r?.paid) })

/**
 * The final settlement: per board its budget share ("allocation" of the board), approved spending, co-financing
 * achieved vs required, paid, and the balance (positive: still to pay to the board; negative: to repay); for the
 * region the grant's allocation, the same figures, and what remains unspent of the allocation (to repay to the
 * fund). A board reporter sees its own boards only. One statement (server/fund/grant-sql.ts), plus one for the
 * names of boards that left the region but have figures, when there are any.
 */
export async function settlement(db: Db, actor: Actor, grantId: string) {
  return throughStore(db, grantId, SETTLEMENT, speculativeView(actor), (grant, boards) => viewOf(actor, grant, boards), async () => {
    const { row, view } = await readWithView(actor, (v) => readSettlement(db, grantId, v))
    const grant = grantOf(row)
    authorizeView(actor, grant, view)
    const left = leftBoards(row)
    const extra = left.length ? await db.board.findMany({ where: { id: { in: left } }, select: { id: true, name: true, number: true } }) : []
    return { value: settlementPage(grant, row, view, extra), view, row }
  })
}

/** Boards that left the region but have figures in the settlement (a board's figures: grouping set 1). */
const leftBoards = (row: { figures: SettlementRow[] | null; regionBoards: readonly { id: string }[] }) =>
  (row.figures ?? []).filter((r) => r.g === 1 && r.boardId && !row.regionBoards.some((b) => b.id === r.boardId)).map((r) => r.boardId!)

function settlementPage(grant: GrantCore, row: GrantRow & { figures: SettlementRow[] | null }, view: ViewGuess, left: { id: string; name: string; number: string }[]) {
  const boardIds = view.kind === 'board' ? view.boardIds : null
  const rows = row.figures ?? []
  const boards = boardIds ? row.regionBoards.filter((b) => boardIds.includes(b.id)) : row.regionBoards
  const idx = new Map(rows.map((r) => [`${r.g}:${r.boardId ?? ''}:${r.year ?? ''}`, r]))
  const pct = grant.coFinancingPercent
  const years: number[] = []
  for (let y = grant.startYear; y <= grant.endYear; y++) years.push(y)
  const known = new Set(boards.map((b) => b.id))
  // A board that left the region but has figures still belongs in the settlement (`left`: none is a region board).
  const allBoards = [...boards, ...left]
  const byBoard = allBoards
    .map((b) => {
      const f = figures(idx.get(`1:${b.id}:`))
      return {
        id: b.id,
        name: b.name,
        number: b.number, // written out, not spread before ...f: see the dashboard's byBoard (dashboard.ts)
        ...f,
        requiredCoFinancingCents: percentOf(f.budgetedCents, pct),
        balanceCents: f.approvedCents - f.paidCents,
        years: years.map((year) => ({ year, ...figures(idx.get(`0:${b.id}:${year}`)) })),
      }
    })
    .filter((b) => b.budgetedCents || b.approvedCents || b.paidCents || known.has(b.id))
  const total = figures(idx.get('3::'))
  const allocationCents = boardIds ? total.budgetedCents : grant.allocations.reduce((a, x) => a + x.amountCents, 0)
  const requiredCoFinancingCents = boardIds ? byBoard.reduce((a, b) => a + b.requiredCoFinancingCents, 0) : grant.allocations.reduce((a, x) => a + percentOf(x.amountCents, pct), 0)
  const byYear = years.map((year) => {
    const f = figures(idx.get(`2::${year}`))
    const alloc = grant.allocations.find((a) => a.year === year)?.amountCents ?? 0
    return { year, allocationCents: boardIds ? f.budgetedCents : alloc, ...f, balanceCents: f.approvedCents - f.paidCents }
  })
  return {
    grant: { id: grant.id, fundName: grant.fundName, region: grant.region, penvoerder: grant.penvoerder, startYear: grant.startYear, endYear: grant.endYear, coFinancingPercent: pct, closedAt: grant.closedAt, budgetVersion: grant.budgetVersion },
    scope: view.kind,
    byBoard,
    byYear,
    region: {
      allocationCents,
      ...total,
      requiredCoFinancingCents,
      coFinancingMet: total.coFinancedCents >= requiredCoFinancingCents,
      /** Approved spending not yet paid to the boards (negative: boards were paid more than approved). */
      balanceCents: total.approvedCents - total.paidCents,
      /** Allocation not spent (approved): to repay to the fund. */
      unspentCents: allocationCents - total.approvedCents,
    },
  }
}

const SETTLEMENT: PageSpec = { page: 'settlement', fn: 'fund_settlement', code: codeOf(settlementPage, leftBoards, figures, grantOf, pageRow, int, percentOf) }

export type Settlement = Awaited<ReturnType<typeof settlement>>

/**
 * Closes the grant after the settlement: nothing may still wait for a decision (submitted reports or results,
 * proposed budget changes); every year is closed; afterwards the grant is read-only (services and a trigger).
 */
export async function closeGrant(db: Db, actor: Actor, grantId: string) {
  return db.$transaction(async (tx) => {
    const grant = await loadGrant(tx, grantId)
    authorize(actor, 'fund.manage', grantTenant(grant))
    if (grant.closedAt) throw conflict('fund.errors.grantClosed')
    const [reports, results, changes] = await Promise.all([
      tx.fundReport.count({ where: { status: 'SUBMITTED', budgetLine: { grantId } } }),
      tx.fundResultReport.count({ where: { status: 'SUBMITTED', budgetLine: { grantId } } }),
      tx.fundBudgetChange.count({ where: { status: 'PROPOSED', grantId } }),
    ])
    if (reports + results) throw conflict('fund.errors.pendingReports', { count: reports + results })
    if (changes) throw conflict('fund.errors.pendingChanges', { count: changes })
    const closedYears = new Set(grant.closedYears.map((c) => c.year))
    for (let year = grant.startYear; year <= grant.endYear; year++) if (!closedYears.has(year)) await tx.fundClosedYear.create({ data: { grantId, year, closedById: actor.userId } })
    const { count } = await tx.fundGrant.updateMany({ where: { id: grantId, closedAt: null }, data: { closedAt: new Date(), closedById: actor.userId } })
    if (count === 0) throw conflict('fund.errors.grantClosed')
    const after = await tx.fundGrant.findUniqueOrThrow({ where: { id: grantId }, select: { id: true, closedAt: true, closedById: true } })
    await audit(tx, actor, { action: 'fund.grant.close', entityType: 'FundGrant', entityId: grantId, regionId: grant.regionId, before: { closedAt: null }, after })
    return after
  })
}
