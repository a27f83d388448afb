/**
 * The fund's read pages (dashboards, settlement, accountability export), stored as computed instead of computed on
 * every request.
 *
 * A page is a pure function of the grant's data, the view it is read with (the region, or a board reporter's boards)
 * and the code that builds it. It is stored in "FundPageStore" under (grant, key) — the key names the page and the
 * view — with the grant's data version it was computed from ("FundGrantVersion", bumped by triggers in the same
 * transaction as every write that changes what a page shows, whoever writes: migration 20261201000700_fund_page_store)
 * and its code: the xmin of the SQL functions that computed it (a migration replacing `fund_grant` or the page's
 * function makes it stale) and a hash of the JavaScript that shaped it (a release that changes it too). One row per
 * grant, page and view: the store holds at most (readers' distinct views + 1) × 3 pages per grant.
 *
 * A request is then one statement: the grant's region, and the stored page of its current version and code, with the
 * region's boards it was computed with. The actor is authorized on those exactly as when computing (the same rules
 * over the same data version): a page is never returned before that check. The stored text is sent as it is, per
 * top-level key (`writeParts` / `jsonTextObject`: the server neither parses nor re-encodes it). Only when there is
 * none (the first read after a change, another view, a new release) the page is computed as before — its statement
 * also reads the version and code it is of, in the same snapshot — and stored, never over a page of a newer
 * version. So a read after a commit never gets the page from before it, and every app instance reads the same pages.
 */
import { createHash } from 'node:crypto'
import { Prisma } from '../db/generated/client.ts'
import { rawRows, type Db } from '../db/client.ts'
import { jsonTextObject, writeParts, type TextParts, type Tags } from '../api/transformer.ts'
import { notFound } from '../lib/errors.ts'
import { sameView, type ViewGuess } from './grant-sql.ts'

/** A page and the SQL function that computes it (besides `fund_grant`, which every page function calls). */
export type PageSpec = { page: 'dashboard' | 'settlement' | 'accountability'; fn: 'fund_dashboard' | 'fund_settlement' | 'fund_accountability'; code: string }

/** A hash of the functions that shape a page from its row: a release that changes one never reads a page built before. */
export function codeOf(...fns: ((...args: never[]) => unknown)[]): string {
  return createHash('sha256').update(fns.map(String).join('\n')).digest('hex').slice(0, 16)
}

/** One row per page and view: a new release's page replaces the old one instead of adding a row. */
const keyOf = (spec: PageSpec, view: ViewGuess) => `${spec.page}:${view.kind}:${[...view.boardIds].sort().join(',')}`

/**
 * Columns to add to a page function's statement: the grant's data version and the code the page is of (the xmin of the
 * pg_proc rows of `fund_grant` and the page's function — a CREATE OR REPLACE writes a new row version — and the hash of
 * the JavaScript that shapes it), read in the same snapshot as the page (one statement). Both rules are SQL functions
 * (`fund_grant_version`, `fund_page_code`: migration 20261201001000_fund_page_read), which the stored page's read
 * uses too.
 */
export const storeColumns = (grantId: string, spec: PageSpec) =>
  Prisma.sql`"fund_grant_version"(${grantId})::text AS "storeVersion", "fund_page_code"(${spec.fn}, ${spec.code}) AS "storeCode"`

export type StoreColumns = { storeVersion: string; storeCode: string | null }

/** What a page's computation gives: the page, the view it is of, and the row it was built from. */
export type Computed<T> = { value: T; view: ViewGuess; row: StoreColumns & { regionBoards: readonly { id: string }[] } }

type StoredRow = { regionId: string; boards: string[] | null; page: string | null; parts: TextParts['parts'] | null; tags: Tags | null }

/**
 * The grant's region and its stored page for `view` of the current version and code (page NULL: none); no row: no
 * grant. A function (`fund_page_read`), whose plan each connection keeps: the same statement sent as it is was planned
 * anew on every request, 0.3 ms of its 0.4.
 */
async function readStored(db: Db, grantId: string, spec: PageSpec, view: ViewGuess): Promise<StoredRow | undefined> {
  const [row] = await rawRows<StoredRow>(db, Prisma.sql`SELECT * FROM "fund_page_read"(${grantId}, ${keyOf(spec, view)}, ${spec.fn}, ${spec.code})`)
  return row
}

/**
 * The page for the actor: the stored one when there is one for the grant's current version and code and the view
 * `guess` — after `check` (the page's authorization, given the grant's region and its boards as stored; it returns
 * the actor's view or throws) has passed and given that view — else `compute`d and stored.
 */
export async function throughStore<T extends object>(
  db: Db,
  grantId: string,
  spec: PageSpec,
  guess: ViewGuess,
  check: (grant: { regionId: string }, regionBoards: readonly { id: string }[]) => ViewGuess,
  compute: () => Promise<Computed<T>>,
): Promise<T> {
  // The stored page of the view guessed from the actor; when the rules give another view for this grant (an actor
  // holding fund.read in several kinds of scope), once more with that view's key, so such a reader is not always sent
  // to the computation.
  for (let attempt = 0, key = guess; attempt < 2; attempt++) {
    const stored = await readStored(db, grantId, spec, key)
    if (!stored) throw notFound()
    if (stored.page === null) break
    const view = check(stored, (stored.boards ?? []).map((id) => ({ id })))
    if (sameView(key, view)) return jsonTextObject<T>({ text: stored.page, parts: stored.parts ?? [], tags: stored.tags ?? undefined })
    key = view
  }
  const { value, view, row } = await compute()
  if (row.storeCode !== null) {
    const { text, parts, tags } = writeParts(value)
    await rawRows(
      db,
      Prisma.sql`
        INSERT INTO "FundPageStore" AS s ("grantId", "key", "version", "code", "boards", "page", "parts", "tags")
        VALUES (${grantId}, ${keyOf(spec, view)}, ${row.storeVersion}::bigint, ${row.storeCode}, ${JSON.stringify(row.regionBoards.map((b) => b.id))}::json,
                ${text}, ${JSON.stringify(parts)}::json, ${tags === undefined ? null : JSON.stringify(tags)}::json)
        ON CONFLICT ("grantId", "key") DO UPDATE SET "version" = EXCLUDED."version", "code" = EXCLUDED."code", "boards" = EXCLUDED."boards",
          "page" = EXCLUDED."page", "parts" = EXCLUDED."parts", "tags" = EXCLUDED."tags", "computedAt" = CURRENT_TIMESTAMP
        WHERE s."version" <= EXCLUDED."version"`,
    )
  }
  return value
}
