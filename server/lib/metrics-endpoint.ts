/**
 * The Prometheus endpoint's logic (app/api/metrics): `Authorization: Bearer <METRICS_TOKEN>` (compared in constant
 * time); without a configured token the endpoint does not exist (404); a wrong or missing token is 401.
 */
import { timingSafeEqual } from 'node:crypto'
import type { Db } from '../db/client.ts'
import { collectDatabaseMetrics, metrics } from './metrics.ts'
import { logger } from './logger.ts'

function tokenMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

export async function metricsResponse(req: Request, db: Db, token: string | undefined): Promise<Response> {
  const headers = { 'Cache-Control': 'no-store' }
  if (!token) return new Response('Not Found', { status: 404, headers })
  const given = /^Bearer (.+)$/.exec(req.headers.get('authorization') ?? '')?.[1] ?? ''
  if (!tokenMatches(given, token)) return new Response('Unauthorized', { status: 401, headers: { ...headers, 'WWW-Authenticate': 'Bearer' } })
  // The database-backed gauges are best effort: with the database down the process's own metrics still answer.
  await collectDatabaseMetrics(db).catch((err: unknown) => logger.warn({ err }, 'metrics: database gauges unavailable'))
  return new Response(await metrics.registry.metrics(), { headers: { ...headers, 'Content-Type': metrics.registry.contentType } })
}
