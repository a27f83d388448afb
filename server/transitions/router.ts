import { procedure, router } from '../api/trpc.ts'
import { ZCreateDatasetInput, ZDatasetInput, ZReportInput, ZSetSharingInput } from './schema.ts'
import { createDataset, deleteDataset, getDataset, listDatasets, overview, report, setSharing } from './datasets.ts'

export const transitionsRouter = router({
  overview: procedure('transitions.read').query(({ ctx }) => overview(ctx.db, ctx.actor)),
  list: procedure('transitions.read').query(({ ctx }) => listDatasets(ctx.db, ctx.actor)),
  get: procedure('transitions.read').input(ZDatasetInput).query(({ ctx, input }) => getDataset(ctx.db, ctx.actor, input.datasetId)),
  report: procedure('transitions.read').input(ZReportInput).query(({ ctx, input }) => report(ctx.db, ctx.actor, input)),
  create: procedure('transitions.manage').input(ZCreateDatasetInput).mutation(({ ctx, input }) => createDataset(ctx.db, ctx.actor, input)),
  delete: procedure('transitions.manage').input(ZDatasetInput).mutation(({ ctx, input }) => deleteDataset(ctx.db, ctx.actor, input.datasetId)),
  setSharing: procedure('transitions.manage').input(ZSetSharingInput).mutation(({ ctx, input }) => setSharing(ctx.db, ctx.actor, input)),
})
