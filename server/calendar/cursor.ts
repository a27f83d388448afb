/**
 * Keyset cursor of the merged list (events and slots ordered by start, then id): "<epoch ms>_<id>".
 * Ids are cuids, unique across both tables.
 */
export const encodeCursor = (row: { startsAt: Date; id: string }) => `${row.startsAt.getTime()}_${row.id}`
/** The keyset condition "after this (startsAt, id)", for events and slots alike. */
export const afterKey = (k: { startsAt: Date; id: string }) => ({ OR: [{ startsAt: { gt: k.startsAt } }, { startsAt: k.startsAt, id: { gt: k.id } }] })
export function decodeCursor(cursor: string): { startsAt: Date; id: string } | null {
  const m = /^(\d{1,15})_([A-Za-z0-9]{1,64})$/.exec(cursor)
  return m ? { startsAt: new Date(Number(m[1])), id: m[2]! } : null
}
