import { z } from 'zod'
import { procedure, router } from '../trpc.ts'
import { ZCreateRegionInput, ZUpdateRegionInput } from '../../schemas/tenancy.ts'
import { zSlug } from '../../schemas/common.ts'
import * as regions from '../../services/region.ts'

export const regionRouter = router({
  list: procedure('region.read').query(({ ctx }) => regions.listRegions(ctx.db, ctx.actor)),
  bySlug: procedure('public')
    .input(z.object({ slug: zSlug }))
    .query(({ ctx, input }) => regions.regionBySlug(ctx.db, input.slug)),
  create: procedure('region.manage').input(ZCreateRegionInput).mutation(({ ctx, input }) => regions.createRegion(ctx.db, ctx.actor, input)),
  update: procedure('region.manage').input(ZUpdateRegionInput).mutation(({ ctx, input }) => regions.updateRegion(ctx.db, ctx.actor, input)),
})
