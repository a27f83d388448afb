/**
 * Serves the built app like `next start`, with these differences:
 * - the socket's peer address is appended to X-Forwarded-For before Next.js sees the request, as any reverse proxy
 *   does (`next start` only sets the header from the socket when the client sent none, so there a client chooses
 *   its own address); server/lib/client-ip.ts takes the right-most hop that is not in TRUSTED_PROXIES;
 * - every request gets a request id (a sane incoming X-Request-Id, else a new one), echoed in the response and
 *   attached to every log line written while handling it (server/lib/logger.ts), and its duration is recorded by
 *   procedure/route (server/lib/metrics.ts);
 * - graceful shutdown: on SIGTERM/SIGINT it stops accepting connections, tells keep-alive clients to close, answers
 *   /api/ready with 503 (a load balancer stops sending), lets in-flight requests finish and exits 0 — at the
 *   latest after SHUTDOWN_GRACE_MS (exit 1 then), inside a 10 s deploy budget;
 * - it refuses to start with an invalid environment (e.g. production without AUTH_URL).
 * Usage: tsx server/scripts/serve.ts [-H host] [-p port]
 */
import { createServer, type IncomingMessage } from 'node:http'
import next from 'next'
import { PEER_APPENDED } from '../lib/client-ip.ts'
import { logger, requestIdFrom, withRequestId } from '../lib/logger.ts'
import { metrics } from '../lib/metrics.ts'
import { DRAINING } from '../lib/draining.ts'

const arg = (flag: string, long: string) => {
  const i = process.argv.findIndex((a) => a === flag || a === long)
  return i >= 0 ? process.argv[i + 1] : undefined
}
const hostname = arg('-H', '--hostname') ?? process.env.HOSTNAME ?? '0.0.0.0'
const port = Number(arg('-p', '--port') ?? process.env.PORT ?? 3000)
if (!process.env.NODE_ENV) Object.assign(process.env, { NODE_ENV: 'production' })
const SHUTDOWN_GRACE_MS = Number(process.env.SHUTDOWN_GRACE_MS ?? 9_000)

try {
  await import('../env.ts')
} catch (err) {
  console.error((err as Error).message)
  process.exit(1)
}

;(globalThis as Record<symbol, unknown>)[PEER_APPENDED] = true
const app = next({ dev: false, hostname, port, dir: process.cwd() })
const handle = app.getRequestHandler()
await app.prepare()

/** A malformed %-escape (a bad request, answered 4xx by the app) must not throw in the metrics hook. */
function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

/** Metric label of a request: the tRPC procedure(s), or the API route without ids, or "page". */
function routeLabel(req: IncomingMessage): string[] {
  const path = (req.url ?? '/').split('?')[0]!
  if (path.startsWith('/api/trpc/')) return safeDecode(path.slice('/api/trpc/'.length)).split(',').map((p) => p.replace(/[^A-Za-z0-9.]/g, '').slice(0, 80))
  if (path.startsWith('/api/')) return [path.split('/').slice(0, 4).filter((s) => !/\d|[A-Z]|^c[a-z0-9]{20,}$/.test(s)).join('/')]
  if (path.startsWith('/_next/')) return ['static']
  return ['page']
}

let draining = false
const server = createServer((req, res) => {
  const peer = req.socket.remoteAddress ?? 'unknown'
  const prior = req.headers['x-forwarded-for']
  const chain = [...(Array.isArray(prior) ? prior : prior ? [prior] : []), peer]
  req.headers['x-forwarded-for'] = chain.join(', ')
  const requestId = requestIdFrom(req.headers['x-request-id'] as string | undefined)
  req.headers['x-request-id'] = requestId
  res.setHeader('X-Request-Id', requestId)
  if (draining) res.setHeader('Connection', 'close')
  const started = process.hrtime.bigint()
  res.on('finish', () => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    for (const procedure of routeLabel(req)) metrics.requestDuration.observe({ procedure, status: String(res.statusCode) }, seconds)
    if (res.statusCode >= 500) logger.warn({ requestId, method: req.method, path: req.url?.split('?')[0], status: res.statusCode, ms: Math.round(seconds * 1000) }, 'request failed')
  })
  withRequestId(requestId, () =>
    handle(req, res).catch((err: unknown) => {
      logger.error({ err, requestId }, 'unhandled request error')
      if (!res.headersSent) res.statusCode = 500
      res.end()
    }),
  )
})
server.listen(port, hostname, () => logger.info({ hostname, port }, `Overstap on http://${hostname}:${port}`))

function shutdown(signal: string) {
  if (draining) return
  draining = true
  ;(globalThis as Record<symbol, unknown>)[DRAINING] = true
  logger.info({ signal }, 'stopping: no new connections, finishing in-flight requests')
  server.close(() => {
    logger.info('all requests finished; exiting')
    process.exit(0)
  })
  // Keep-alive connections that are idle now would hold close() open: close them; busy ones close after their response.
  server.closeIdleConnections()
  setTimeout(() => {
    logger.error({ graceMs: SHUTDOWN_GRACE_MS }, 'requests still running after the grace period; exiting')
    process.exit(1)
  }, SHUTDOWN_GRACE_MS).unref()
}
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => shutdown(sig))
