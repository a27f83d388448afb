/** Readiness for load balancers: database reachable, migrations applied, worker heartbeat recent, not draining. */
import { db } from '@/server/db/client'
import { readiness, readinessResponse } from '@/server/jobs/readiness'

export const dynamic = 'force-dynamic'

export async function GET(): Promise<Response> {
  return readinessResponse(await readiness(db))
}
