import { z } from 'zod'
import { procedure, replicaRead, router } from '../api/trpc.ts'
import { ZCreateRegionInput, ZUpdateRegionInput } from './schema.ts'
import { zSlug } from '../lib/zod.ts'
import * as regions from './regions.ts'

export const regionRouter = router({
  list: procedure('region.read').query(({ ctx }) => regions.listRegions(ctx.db, ctx.actor)),
  bySlug: procedure('public')
    .use(replicaRead)
    .input(z.object({ slug: zSlug }))
    .query(({ ctx, input }) => regions.regionBySlug(ctx.db, input.slug)),
  create: procedure('region.manage').input(ZCreateRegionInput).mutation(({ ctx, input }) => regions.createRegion(ctx.db, ctx.actor, input)),
  update: procedure('region.manage').input(ZUpdateRegionInput).mutation(({ ctx, input }) => regions.updateRegion(ctx.db, ctx.actor, input)),
})
