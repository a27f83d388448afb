import { z } from 'zod'

/** The public front door's search: an institution (name, BRIN, place) or a programme (name, crebo/CROHO code). */
export const ZPublicSearchInput = z.object({
  q: z.string().trim().min(2, 'k.frontDoor.searchTooShort').max(100, 'v.tooLong'),
})
export type PublicSearchInput = z.infer<typeof ZPublicSearchInput>
