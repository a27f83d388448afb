import type { DbTx } from './client.ts'
import type { Actor } from '../auth/policy.ts'

export type AuditEntry = {
  action: string
  entityType: string
  entityId: string
  regionId?: string | null
  boardId?: string | null
  organisationId?: string | null
  before?: unknown
  after?: unknown
}

/** JSON-safe copy (Dates → ISO strings, BigInt → string) for the audit log's before/after columns. */
function snapshot(value: unknown): unknown {
  if (value === undefined || value === null) return undefined
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)))
}

/**
 * Appends an entry to the append-only audit log. Call it inside the transaction of the change it records,
 * so a change and its audit entry are written together or not at all.
 */
export async function audit(tx: DbTx, actor: Actor | null, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorId: actor?.userId ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      regionId: entry.regionId ?? null,
      boardId: entry.boardId ?? null,
      organisationId: entry.organisationId ?? null,
      before: snapshot(entry.before) as never,
      after: snapshot(entry.after) as never,
    },
  })
}
