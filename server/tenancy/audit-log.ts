import type { Db, Prisma } from '../db/client.ts'
import { scopeWhere, type Actor, type TenantPaths } from '../auth/policy.ts'

const auditPaths: TenantPaths<Prisma.AuditLogWhereInput> = {
  region: (ids) => ({ regionId: { in: ids } }),
}

/** Recent audit entries the actor may read: everything for admins, their region's entries for coordinators. */
export async function listAudit(db: Db, actor: Actor, input: { entityType?: string; limit: number }) {
  const rows = await db.auditLog.findMany({
    where: { AND: [scopeWhere(actor, 'audit.read', auditPaths), input.entityType ? { entityType: input.entityType } : {}] },
    orderBy: { id: 'desc' },
    take: input.limit,
  })
  const actorIds = [...new Set(rows.flatMap((r) => (r.actorId ? [r.actorId] : [])))]
  const users = await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true, email: true } })
  const byId = new Map(users.map((u) => [u.id, u]))
  return rows.map((r) => ({ ...r, id: r.id.toString(), actor: r.actorId ? (byId.get(r.actorId) ?? null) : null }))
}
