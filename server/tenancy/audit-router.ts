import { procedure, router } from '../api/trpc.ts'
import { ZListAuditInput } from './schema.ts'
import { listAudit } from './audit-log.ts'

export const auditRouter = router({
  list: procedure('audit.read').input(ZListAuditInput).query(({ ctx, input }) => listAudit(ctx.db, ctx.actor, input)),
})
