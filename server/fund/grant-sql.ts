/**
 * The fund's read pages (dashboards, accountability export, settlement) each read in ONE statement: the grant with
 * its header relations, the boards of its region and the page's figures, as columns of a single row (arrays as JSON).
 * Before, each page ran 10–14 Prisma statements (the grant and four relations, the region's boards, then the
 * figures), and their round trips and Prisma's per-statement compile were most of its time.
 *
 * The statements are PL/pgSQL functions (migration 20261130205511_page_functions: `fund_grant`, the grant as
 * JSON; `fund_dashboard`, `fund_accountability`, `fund_settlement`), called over the pool: PostgreSQL keeps a
 * function's plans per connection, where the same SQL sent as an unnamed statement (all the pool sends,
 * PgBouncer-safe) was planned anew on every call — about 1 ms of planning for 1.5 ms of work on the national data.
 * They always use the generic plan (migration 20261130205937_page_function_plans: PostgreSQL's own choice compared
 * estimated costs and kept planning each call, though the generic plan runs faster here). A page computed by them is
 * stored for the grant's data version (./page-store.ts): a read after a commit gets the figures as committed.
 *
 * Authorization stays in JavaScript, with the same rules, on the row read: nothing is returned before `authorize` /
 * `viewFromBoards` (grants.ts) has passed. Which boards a board reporter's figures are filtered by is decided before
 * the grant's region is known — the reporter's own boards (`speculativeView`) — and checked afterwards against the
 * view the rules give for the grant read; when they differ (an actor holding fund.read in several kinds of scope),
 * the page reads again with the exact view, so the figures are always those of `grantView`.
 */
import { actionScope, authorize, type Actor } from '../auth/policy.ts'
import { conflict, notFound } from '../lib/errors.ts'
import { grantTenant, grantViewOf } from './grants.ts'

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

export type GrantRow = Omit<GrantCore, 'allocations' | 'closedAt'> & {
  /** An instant as epoch milliseconds (a JSON number), not a `timestamp`. */
  closedAtMs: number | null
  allocations: { year: number; amountCents: number; reportDeadline: string | null }[]
  regionBoards: BoardRow[]
}

/**
 * A page function's row — `grant` (`fund_grant`'s JSON, NULL for an unknown grant) and the page's columns — as the
 * grant's fields with the page's columns; undefined for an unknown grant.
 */
export function pageRow<T extends { grant: GrantRow | null }>(row: T | undefined): (GrantRow & Omit<T, 'grant'>) | undefined {
  if (!row?.grant) return undefined
  const { grant, ...page } = row
  // The grant object is this row's own (parsed for this call): filled in place, where a second spread into a spread
  // copy takes V8's slow path.
  return Object.assign(grant, page)
}

/** The grant of a row read by `fund_grant` (JSON dates → Date at UTC midnight, as Prisma reads a @db.Date). */
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

export const REGION: ViewGuess = { kind: 'region', boardIds: [] }

/** A page readable by the grant's region only (coordinators, admins): FORBIDDEN for anyone else. */
export function regionReader(actor: Actor, grant: { regionId: string }): ViewGuess {
  authorize(actor, 'fund.read', grantTenant(grant))
  return REGION
}

/** The actor's view of a grant (`grantViewOf`: FORBIDDEN when none), authorized (`authorizeView`). */
export const viewOf = (actor: Actor, grant: { regionId: string }, regionBoards: readonly { id: string }[]): ViewGuess =>
  authorizeView(actor, grant, grantViewOf(actor, grant, regionBoards))

/** Authorizes the actor for a view of a grant: the region, or each of its boards. */
export function authorizeView(actor: Actor, grant: { regionId: string }, view: ViewGuess): ViewGuess {
  if (view.kind === 'region') authorize(actor, 'fund.read', grantTenant(grant))
  else for (const boardId of view.boardIds) authorize(actor, 'fund.read', { ...grantTenant(grant), boardId })
  return view
}
