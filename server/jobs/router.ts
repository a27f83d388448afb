import { procedure, router } from '../api/trpc.ts'
import { jobStatus } from './status.ts'

/** The background jobs' status for the platform admin (`/admin/taken`). */
export const jobsRouter = router({
  status: procedure('ops.jobs').query(({ ctx }) => jobStatus(ctx.db)),
})
