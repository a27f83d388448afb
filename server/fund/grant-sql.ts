/**
 * The fund's read pages (dashboards, accountability export, settlement) each read in ONE statement: the grant with
 * its header relations, the boards of its region and the page's figures, as columns of a single row (arrays as JSON).
 * Before, each page ran 10–14 Prisma statements (the grant and four relations, the region's boards, then the
 * figures), and their round trips and Prisma's per-statement compile were most of its time.
 *
 * Authorization stays in JavaScript, with the same rules, on the row read: nothing is returned before `authorize` /
 * `viewFromBoards` (grants.ts) has passed. Which boards a board reporter's figures are filtered by is decided before
 * the grant's region is known — the reporter's own boards (`speculativeView`) — and checked afterwards against the
 * view the rules give for the grant read; when they differ (an actor holding fund.read in several kinds of scope),
 * the page reads again with the exact view, so the figures are always those of `grantView`.
 */
import { Prisma } from '../db/generated/client.ts'
import { actionScope, type Actor } from '../auth/policy.ts'
import { conflict, notFound } from '../lib/errors.ts'
import { grantViewOf } from './grants.ts'

/** The grant's fields the read pages use (a subset of `loadGrant`'s, same names and types). */
export type GrantCore = {
  id: string
  regionId: string
  fundName: string
  startYear: number
  endYear: number
  penvoerderId: string
  coFinancingPercent: number
  budgetVersion: number
  closedAt: Date | null
  region: { id: string; name: string }
  penvoerder: { id: string; name: string }
  allocations: { year: number; amountCents: number; reportDeadline: Date | null }[]
  closedYears: { year: number }[]
}

export type BoardRow = { id: string; name: string; number: string }

/** The grant row's columns of a statement `FROM "FundGrant" g` (regionBoards: the boards of the grant's region). */
export const grantColumns = Prisma.sql`
  g."id", g."regionId", g."fundName", g."startYear", g."endYear", g."penvoerderId", g."coFinancingPercent", g."budgetVersion",
  (extract(epoch FROM g."closedAt") * 1000)::bigint AS "closedAtMs",
  (SELECT json_build_object('id', x."id", 'name', x."name") FROM "Region" x WHERE x."id" = g."regionId") AS "region",
  (SELECT json_build_object('id', x."id", 'name', x."name") FROM "Organisation" x WHERE x."id" = g."penvoerderId") AS "penvoerder",
  COALESCE((SELECT json_agg(json_build_object('year', a."year", 'amountCents', a."amountCents", 'reportDeadline', a."reportDeadline") ORDER BY a."year")
              FROM "FundAllocation" a WHERE a."grantId" = g."id"), '[]'::json) AS "allocations",
  COALESCE((SELECT json_agg(json_build_object('year', c."year") ORDER BY c."year") FROM "FundClosedYear" c WHERE c."grantId" = g."id"), '[]'::json) AS "closedYears",
  COALESCE((SELECT json_agg(json_build_object('id', b."id", 'name', b."name", 'number', b."number") ORDER BY b."name", b."id")
              FROM "Board" b
             WHERE b."id" IN (SELECT o."boardId" FROM "Organisation" o JOIN "OrganisationRegion" r ON r."organisationId" = o."id" WHERE r."regionId" = g."regionId")),
           '[]'::json) AS "regionBoards"`

export type GrantRow = Omit<GrantCore, 'allocations' | 'closedAt'> & {
  /** An instant as epoch milliseconds (bigint: a string over the pool, a BigInt through Prisma), not a `timestamp`. */
  closedAtMs: string | bigint | null
  allocations: { year: number; amountCents: number; reportDeadline: string | null }[]
  regionBoards: BoardRow[]
}

/** The grant of a row read with `grantColumns` (JSON dates → Date at UTC midnight, as Prisma reads a @db.Date). */
export function grantOf(row: GrantRow): GrantCore {
  return {
    id: row.id,
    regionId: row.regionId,
    fundName: row.fundName,
    startYear: row.startYear,
    endYear: row.endYear,
    penvoerderId: row.penvoerderId,
    coFinancingPercent: row.coFinancingPercent,
    budgetVersion: row.budgetVersion,
    closedAt: row.closedAtMs === null ? null : new Date(Number(row.closedAtMs)),
    region: row.region,
    penvoerder: row.penvoerder,
    allocations: row.allocations.map((a) => ({ year: a.year, amountCents: a.amountCents, reportDeadline: a.reportDeadline ? new Date(`${a.reportDeadline}T00:00:00Z`) : null })),
    closedYears: row.closedYears,
  }
}

/** The boards a page's figures are filtered by: null for the whole region. */
export type ViewGuess = { kind: 'region' | 'board'; boardIds: string[] }

/**
 * The view to read with before the grant's region is known: the region's for an actor holding fund.read over a
 * region (coordinator) or everywhere (admin), else that of the actor's own boards (reporter). Checked by `sameView`.
 */
export function speculativeView(actor: Actor): ViewGuess {
  const scope = actionScope(actor, 'fund.read')
  if (scope.all || scope.regionIds.length) return { kind: 'region', boardIds: [] }
  return { kind: 'board', boardIds: [...new Set(scope.boardIds)] }
}

/** Whether figures read for `guess` are those of the actor's real view of the grant. */
export function sameView(guess: ViewGuess, view: ViewGuess): boolean {
  if (guess.kind !== view.kind) return false
  if (view.kind === 'region') return true
  return guess.boardIds.length === view.boardIds.length && view.boardIds.every((id) => guess.boardIds.includes(id))
}

/** bigint / numeric (or a JSON number) from SQL → exact JS integer (cents stay far below 2^53). */
export function int(v: bigint | number | string | null | undefined): number {
  if (v === null || v === undefined) return 0
  const n = Number(v)
  if (!Number.isSafeInteger(n)) throw new RangeError('sum out of range')
  return n
}

/**
 * Reads a grant page's row with the actor's view of the grant: first with `speculativeView`, then — only when the
 * rules (`grantViewOf`: region for a coordinator of the grant's region or an admin, else the actor's boards in that
 * region, FORBIDDEN when none) give another view for the grant read — again with that view. NOT_FOUND for an
 * unknown grant. The figures returned are always those of the view `grantView` gives.
 */
export async function readWithView<R extends GrantRow>(actor: Actor, read: (view: ViewGuess) => Promise<R | undefined>) {
  let guess = speculativeView(actor)
  for (let attempt = 0; attempt < 3; attempt++) {
    const row = await read(guess)
    if (!row) throw notFound()
    const view = grantViewOf(actor, row, row.regionBoards)
    if (sameView(guess, view)) return { row, view }
    guess = view
  }
  throw conflict()
}
