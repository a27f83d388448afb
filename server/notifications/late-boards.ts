/**
 * Boards that have not reported for a grant year whose reporting deadline has passed: a board with budget lines in
 * that year of the grant and no expenditure report on any of them submitted or approved. Grant years that are
 * closed, and closed grants, are left out (nothing can be reported there any more). One statement, used by the
 * 'fund.deadlinePassed' notification (per grant year) and by the coordinator's home block (per region).
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
    JOIN "Board" b ON b.id IN (SELECT lb."boardId" FROM "FundBudgetLine" l JOIN "FundBudgetLineBoard" lb ON lb."budgetLineId" = l.id WHERE l."grantId" = g.id AND l.year = a.year)
    WHERE a."reportDeadline" IS NOT NULL AND g."closedAt" IS NULL
      ${filters.length ? Prisma.sql`AND ${Prisma.join(filters, ' AND ')}` : Prisma.empty}
      AND NOT EXISTS (SELECT 1 FROM "FundClosedYear" c WHERE c."grantId" = g.id AND c.year = a.year)
      AND NOT EXISTS (SELECT 1 FROM "FundReport" r JOIN "FundBudgetLine" rl ON rl.id = r."budgetLineId"
                      WHERE rl."grantId" = g.id AND rl.year = a.year AND r."boardId" = b.id AND r.status IN ('SUBMITTED', 'APPROVED'))
    ORDER BY a."reportDeadline", g."fundName", a.year, b.name, b.id
    LIMIT ${where.limit ?? 500}`
}
