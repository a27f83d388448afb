import { procedure, router } from '../trpc.ts'
import { ZListAuditInput } from '../../schemas/tenancy.ts'
import { listAudit } from '../../services/audit-log.ts'

export const auditRouter = router({
  list: procedure('audit.read').input(ZListAuditInput).query(({ ctx, input }) => listAudit(ctx.db, ctx.actor, input)),
})
