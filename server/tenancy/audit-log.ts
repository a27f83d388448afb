import type { z } from 'zod'
import type { Db, Prisma } from '../db/client.ts'
import { scopeWhere, type Actor, type TenantPaths } from '../auth/policy.ts'
import { fromAmsterdam } from '../lib/time.ts'
import type { ZListAuditInput } from './schema.ts'

const auditPaths: TenantPaths<Prisma.AuditLogWhereInput> = {
  region: (ids) => ({ regionId: { in: ids } }),
}

/** The day after an Amsterdam calendar day (YYYY-MM-DD), for an exclusive upper bound. */
function nextDay(day: string): string {
  const d = new Date(`${day}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

/**
 * Audit entries the actor may read (everything for admins, their region's entries for coordinators), newest first,
 * filtered by domain (action prefix), item type and Amsterdam day range, in keyset pages on the id. Returns the page,
 * the cursor of the next page (null on the last) and how many entries match the filters in total.
 */
export async function listAudit(db: Db, actor: Actor, input: z.infer<typeof ZListAuditInput>) {
  const filters: Prisma.AuditLogWhereInput[] = [scopeWhere(actor, 'audit.read', auditPaths)]
  if (input.entityType) filters.push({ entityType: input.entityType })
  if (input.domain) filters.push({ action: { startsWith: `${input.domain}.` } })
  if (input.from) filters.push({ at: { gte: fromAmsterdam(input.from, '00:00') } })
  if (input.to) filters.push({ at: { lt: fromAmsterdam(nextDay(input.to), '00:00') } })
  const where: Prisma.AuditLogWhereInput = { AND: filters }
  const [rows, total] = await Promise.all([
    db.auditLog.findMany({
      where: input.cursor ? { AND: [...filters, { id: { lt: BigInt(input.cursor) } }] } : where,
      orderBy: { id: 'desc' },
      take: input.limit + 1,
    }),
    db.auditLog.count({ where }),
  ])
  const page = rows.slice(0, input.limit)
  const actorIds = [...new Set(page.flatMap((r) => (r.actorId ? [r.actorId] : [])))]
  const users = await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true, email: true } })
  const byId = new Map(users.map((u) => [u.id, u]))
  return {
    entries: page.map((r) => ({ ...r, id: r.id.toString(), actor: r.actorId ? (byId.get(r.actorId) ?? null) : null })),
    nextCursor: rows.length > input.limit ? page[page.length - 1]!.id.toString() : null,
    total,
  }
}
