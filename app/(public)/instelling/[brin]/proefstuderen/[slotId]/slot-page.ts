import 'server-only'
import { publicReadDb } from '@/server/db/replica'
import type { BookedPage } from './booked-result'

/**
 * A slot's page lives under its own institution's BRIN only: `/instelling/<another BRIN>/proefstuderen/<slotId>` is a
 * 404, so a link shared as one institution's day cannot show another's. BRINs are stored upper-case (zBrin); the path
 * may carry the code in lower case, as the institution's search page (../page.tsx) accepts.
 */
export function pathNamesInstitution(pathBrin: string, institutionBrin: string): boolean {
  return pathBrin.toUpperCase() === institutionBrin
}

/**
 * The slot's own page, its BRIN read from the database: the booking action's cookie path and redirect never take the
 * BRIN from the URL or from the form's bound state (a posted form can carry any). Null for an unknown slot.
 */
export async function slotPageOf(slotId: string): Promise<BookedPage | null> {
  const slot = await publicReadDb().slot.findUnique({ where: { id: slotId }, select: { id: true, organisation: { select: { brin: true } } } })
  return slot ? { brin: slot.organisation.brin, slotId: slot.id } : null
}
