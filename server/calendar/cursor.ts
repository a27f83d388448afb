/**
 * Keyset cursor of the merged list (events and slots ordered by start, then id): "<epoch ms>_<id>" — the shared
 * keyset helper (server/lib/keyset.ts) over `startsAt`. Ids are cuids, unique across both tables.
 */
import { afterKeyset, decodeKeyset, encodeKeyset } from '../lib/keyset.ts'

export const encodeCursor = (row: { startsAt: Date; id: string }) => encodeKeyset(row.startsAt, row.id)
/** The keyset condition "after this (startsAt, id)", for events and slots alike. */
export const afterKey = (k: { startsAt: Date; id: string }) => afterKeyset('startsAt', k.startsAt, k.id)
export function decodeCursor(cursor: string): { startsAt: Date; id: string } | null {
  const k = decodeKeyset(cursor)
  return k ? { startsAt: new Date(k.key), id: k.id } : null
}
