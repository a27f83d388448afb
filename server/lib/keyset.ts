/**
 * Keyset pagination, shared by every list that can grow (the calendar's list view, the fund's reports, payments,
 * results and budget lines). A page is read with `take: limit + 1` in a fixed order (a sort key, then the row id as
 * tie-breaker); the cursor names the last row of the page: "<key>_<id>", the key a number (a date as epoch ms, a
 * year, …), or for a text key (a name) "t<key as base64url>_<id>". The next page reads the rows after that position —
 * no OFFSET, so a page costs the same at any depth and rows inserted meanwhile do not shift it.
 */
import { z } from 'zod'
import { optional } from './zod.ts'

export type Keyset = { key: number; id: string }
export type TextKeyset = { key: string; id: string }

// base64url of UTF-8 text without Buffer (schemas holding a cursor are also bundled for the browser)
const toBase64Url = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
function fromBase64Url(b64: string): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(b64.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)))
  } catch {
    return null
  }
}

const keyOf = (key: number | Date | string) => (key instanceof Date ? key.getTime() : typeof key === 'string' ? `t${toBase64Url(key)}` : key)

export const encodeKeyset = (key: number | Date | string, id: string) => `${keyOf(key)}_${id}`

/** The position of a cursor, or null when the text is not one (the id part: letters, digits and '-', as cuids and UUIDs). */
export function decodeKeyset(cursor: string): Keyset | null {
  const m = /^(-?\d{1,15})_([A-Za-z0-9-]{1,64})$/.exec(cursor)
  return m ? { key: Number(m[1]), id: m[2]! } : null
}

/** The position of a text-key cursor ("t<base64url>_<id>"), or null when the text is not one. */
export function decodeTextKeyset(cursor: string): TextKeyset | null {
  // base64url may itself contain "_": the id (no "_") is what follows the last one.
  const m = /^t([A-Za-z0-9_-]{0,700})_([A-Za-z0-9-]{1,64})$/.exec(cursor)
  const key = m ? fromBase64Url(m[1]!) : null
  return m && key !== null ? { key, id: m[2]! } : null
}

/**
 * The Prisma condition "after this position" for rows ordered by `field` then `id`, both ascending or both
 * descending: `{ OR: [{ field > key }, { field = key, id > id }] }` (< for descending).
 */
export function afterKeyset<F extends string, V extends number | Date | string>(field: F, key: V, id: string, direction: 'asc' | 'desc' = 'asc') {
  const op = direction === 'asc' ? ('gt' as const) : ('lt' as const)
  return { OR: [{ [field]: { [op]: key } } as Record<F, Partial<Record<'gt' | 'lt', V>>>, { [field]: key, id: { [op]: id } } as Record<F, V> & { id: Partial<Record<'gt' | 'lt', string>> }] }
}

/** Cuts the `limit + 1` rows read into the page and the cursor of the next one (null on the last page). */
export function keysetPage<T extends { id: string }>(rows: T[], limit: number, key: (row: T) => number | Date | string): { items: T[]; nextCursor: string | null } {
  const more = rows.length > limit
  const items = more ? rows.slice(0, limit) : rows
  const last = items[items.length - 1]
  return { items, nextCursor: more && last ? encodeKeyset(key(last), last.id) : null }
}

/**
 * A cursor input: the text of a previous page's `nextCursor`, decoded; `message` is the translated refusal. With
 * 'text' the key is a text (a list ordered by name).
 */
export function zKeysetCursor(message: string): z.ZodType<Keyset, string>
export function zKeysetCursor(message: string, kind: 'text'): z.ZodType<TextKeyset, string>
export function zKeysetCursor(message: string, kind: 'number' | 'text' = 'number'): z.ZodType<Keyset | TextKeyset, string> {
  return z
    .string()
    .max(1000, message)
    .transform((c, ctx) => {
      const decoded = kind === 'text' ? decodeTextKeyset(c) : decodeKeyset(c)
      if (!decoded) ctx.addIssue({ code: 'custom', message })
      return decoded ?? z.NEVER
    })
}

/**
 * The input fields of one page of a list: the previous page's `nextCursor` (refused with `message`, a translation
 * key) and a bounded page size.
 */
export function zKeysetPage(message: string, size: number, max = 100) {
  return { cursor: optional(zKeysetCursor(message)), limit: z.number().int().min(1).max(max).default(size) }
}
