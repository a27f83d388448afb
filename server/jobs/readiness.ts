/**
 * Readiness (/api/ready): may a load balancer send this instance traffic? The database answers within
 * CHECK_TIMEOUT_MS, every committed migration is applied, a job worker beat its heartbeat recently, and the
 * instance is not shutting down. Any failing check → 503 with Retry-After.
 */
import type { Db } from '../db/client.ts'
import { pendingMigrations } from '../db/migrations.ts'
import { isDraining } from '../lib/draining.ts'
import { RETRY_AFTER_SECONDS } from '../lib/errors.ts'
import { HEARTBEAT_STALE_MS, latestHeartbeatAge } from './heartbeat.ts'

const CHECK_TIMEOUT_MS = 2_000

type Check = { ok: boolean; detail?: string | number }

function withTimeout<T>(p: Promise<T>): Promise<T> {
  return Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS).unref())])
}

export async function readiness(db: Db): Promise<{ ready: boolean; checks: Record<string, Check> }> {
  const checks: Record<string, Check> = { shuttingDown: { ok: !isDraining() } }
  try {
    await withTimeout(db.$queryRaw`SELECT 1`)
    checks.database = { ok: true }
    const pending = await withTimeout(pendingMigrations((sql) => db.$queryRawUnsafe<{ migration_name: string }[]>(sql)))
    checks.migrations = pending.length ? { ok: false, detail: `${pending.length} pending` } : { ok: true }
    const age = await withTimeout(latestHeartbeatAge(db))
    checks.worker = age === null ? { ok: false, detail: 'no heartbeat' } : { ok: age < HEARTBEAT_STALE_MS, detail: `${Math.round(age / 1000)} s ago` }
  } catch {
    checks.database = { ok: false, detail: 'unreachable' }
  }
  return { ready: Object.values(checks).every((c) => c.ok), checks }
}

export function readinessResponse(result: Awaited<ReturnType<typeof readiness>>): Response {
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' }
  if (!result.ready) headers['Retry-After'] = String(RETRY_AFTER_SECONDS)
  return Response.json({ status: result.ready ? 'ready' : 'not ready', checks: result.checks }, { status: result.ready ? 200 : 503, headers })
}
