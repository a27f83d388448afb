import { z } from 'zod'
import { procedure, replicaRead, router } from '../api/trpc.ts'
import { ZPublicSearchInput } from './schema.ts'
import * as frontDoor from './front-door.ts'

/** Public reads of the front door (no sign-in), from the read replica when there is one. */
const publicRead = procedure('public').use(replicaRead)

export const discoveryRouter = router({
  regions: publicRead.input(z.void()).query(({ ctx }) => frontDoor.publicRegions(ctx.db)),
  upcoming: publicRead.input(z.void()).query(({ ctx }) => frontDoor.upcomingOpenDays(ctx.db)),
  search: publicRead.input(ZPublicSearchInput).query(({ ctx, input }) => frontDoor.searchInstitutions(ctx.db, input)),
})
