/**
 * Keyset pagination, shared by every list that can grow (the calendar's list view, the fund's reports, payments,
 * results and budget lines). A page is read with `take: limit + 1` in a fixed order (a sort key, then the row id as
 * tie-breaker); the cursor names the last row of the page: "<key>_<id>", the key a number (a date as epoch ms, a
 * year, …). The next page reads the rows after that position — no OFFSET, so a page costs the same at any depth
 * and rows inserted meanwhile do not shift it.
 */
import { z } from 'zod'

export type Keyset = { key: number; id: string }

const keyOf = (key: number | Date) => (key instanceof Date ? key.getTime() : key)

export const encodeKeyset = (key: number | Date, id: string) => `${keyOf(key)}_${id}`

/** The position of a cursor, or null when the text is not one (the id part: letters and digits, as cuids). */
export function decodeKeyset(cursor: string): Keyset | null {
  const m = /^(-?\d{1,15})_([A-Za-z0-9]{1,64})$/.exec(cursor)
  return m ? { key: Number(m[1]), id: m[2]! } : null
}

/**
 * The Prisma condition "after this position" for rows ordered by `field` then `id`, both ascending or both
 * descending: `{ OR: [{ field > key }, { field = key, id > id }] }` (< for descending).
 */
export function afterKeyset<F extends string, V extends number | Date>(field: F, key: V, id: string, direction: 'asc' | 'desc' = 'asc') {
  const op = direction === 'asc' ? ('gt' as const) : ('lt' as const)
  return { OR: [{ [field]: { [op]: key } } as Record<F, Partial<Record<'gt' | 'lt', V>>>, { [field]: key, id: { [op]: id } } as Record<F, V> & { id: Partial<Record<'gt' | 'lt', string>> }] }
}

/** Cuts the `limit + 1` rows read into the page and the cursor of the next one (null on the last page). */
export function keysetPage<T extends { id: string }>(rows: T[], limit: number, key: (row: T) => number | Date): { items: T[]; nextCursor: string | null } {
  const more = rows.length > limit
  const items = more ? rows.slice(0, limit) : rows
  const last = items[items.length - 1]
  return { items, nextCursor: more && last ? encodeKeyset(key(last), last.id) : null }
}

/** A cursor input: the text of a previous page's `nextCursor`, decoded; `message` is the translated refusal. */
export const zKeysetCursor = (message: string) =>
  z.string().transform((c, ctx) => {
    const decoded = decodeKeyset(c)
    if (!decoded) ctx.addIssue({ code: 'custom', message })
    return decoded ?? z.NEVER
  })
