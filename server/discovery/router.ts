import { z } from 'zod'
import { procedure, router } from '../api/trpc.ts'
import { ZPublicSearchInput } from './schema.ts'
import * as frontDoor from './front-door.ts'

/** Public reads of the front door (no sign-in). */
export const discoveryRouter = router({
  regions: procedure('public').input(z.void()).query(({ ctx }) => frontDoor.publicRegions(ctx.db)),
  upcoming: procedure('public').input(z.void()).query(({ ctx }) => frontDoor.upcomingOpenDays(ctx.db)),
  search: procedure('public').input(ZPublicSearchInput).query(({ ctx, input }) => frontDoor.searchInstitutions(ctx.db, input)),
})
