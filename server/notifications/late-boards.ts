/**
 * Boards that have not reported for a grant year whose reporting deadline has passed: a board with budget lines in
 * that year of the grant and no expenditure report on any of them submitted or approved. Grant years that are
 * closed, and closed grants, are left out (nothing can be reported there any more). One statement, used by the
 * 'fund.deadlinePassed' notification (per grant year) and by the coordinator's home block (per region).
 *
 * The year's boards come from a lateral join over that grant year's budget lines (index on FundBudgetLine(grantId,
 * year)), so only the selected allocations' boards are visited: the earlier `JOIN "Board" b ON b.id IN (<correlated
 * subquery>)` could not become a semi-join and paired every board with every allocation, running the subquery per
 * pair (800 runs, ~40 ms quiet / ~100 ms under load for the national bench's largest region; now ~1 ms). A board on
 * several lines of the year appears once (DISTINCT, as IN did). `a.id` last makes the order total when two grants
 * share fund name, year and deadline.
 */
import type { DbTx } from '../db/client.ts'
import { Prisma } from '../db/generated/client.ts'

export type LateBoard = { allocationId: string; grantId: string; fundName: string; year: number; reportDeadline: Date; boardId: string; board: string }

/** `before`: only deadlines before this day (a @db.Date at UTC midnight); `limit` rows at most. */
export async function lateBoards(tx: DbTx, where: { allocationIds?: string[]; regionIds?: string[]; before?: Date; limit?: number }): Promise<LateBoard[]> {
  const filters = [
    where.allocationIds ? Prisma.sql`a.id = ANY(${where.allocationIds})` : null,
    where.regionIds ? Prisma.sql`g."regionId" = ANY(${where.regionIds})` : null,
    where.before ? Prisma.sql`a."reportDeadline" < ${where.before}::date` : null,
  ].filter((f): f is Prisma.Sql => !!f)
  return tx.$queryRaw<LateBoard[]>`
    SELECT a.id AS "allocationId", g.id AS "grantId", g."fundName", a.year, a."reportDeadline", b.id AS "boardId", b.name AS board
    FROM "FundAllocation" a
    JOIN "FundGrant" g ON g.id = a."grantId"
    CROSS JOIN LATERAL (SELECT DISTINCT lb."boardId" FROM "FundBudgetLine" l JOIN "FundBudgetLineBoard" lb ON lb."budgetLineId" = l.id
                        WHERE l."grantId" = a."grantId" AND l.year = a.year) yb
    JOIN "Board" b ON b.id = yb."boardId"
    WHERE a."reportDeadline" IS NOT NULL AND g."closedAt" IS NULL
      ${filters.length ? Prisma.sql`AND ${Prisma.join(filters, ' AND ')}` : Prisma.empty}
      AND NOT EXISTS (SELECT 1 FROM "FundClosedYear" c WHERE c."grantId" = a."grantId" AND c.year = a.year)
      AND NOT EXISTS (SELECT 1 FROM "FundReport" r JOIN "FundBudgetLine" rl ON rl.id = r."budgetLineId"
                      WHERE rl."grantId" = a."grantId" AND rl.year = a.year AND r."boardId" = yb."boardId" AND r.status IN ('SUBMITTED', 'APPROVED'))
    ORDER BY a."reportDeadline", g."fundName", a.year, b.name, b.id, a.id
    LIMIT ${where.limit ?? 500}`
}
