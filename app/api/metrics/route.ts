/** Prometheus metrics (prom-client) behind METRICS_TOKEN; see server/lib/metrics-endpoint.ts. */
import { db } from '@/server/db/client'
import { env } from '@/server/env'
import { metricsResponse } from '@/server/lib/metrics-endpoint'

export const dynamic = 'force-dynamic'

export function GET(req: Request): Promise<Response> {
  return metricsResponse(req, db, env.METRICS_TOKEN)
}
