/**
 * Serves the built app like `next start`, with one difference: the socket's peer address is appended to
 * X-Forwarded-For before Next.js sees the request, as any reverse proxy does. `next start` only sets the header
 * from the socket when the client sent none, so there a client chooses its own address. server/lib/client-ip.ts
 * takes the right-most hop that is not in TRUSTED_PROXIES. Also refuses to start with an invalid environment
 * (e.g. production without AUTH_URL).
 * Usage: tsx server/scripts/serve.ts [-H host] [-p port]
 */
import { createServer } from 'node:http'
import next from 'next'
import { PEER_APPENDED } from '../lib/client-ip.ts'

const arg = (flag: string, long: string) => {
  const i = process.argv.findIndex((a) => a === flag || a === long)
  return i >= 0 ? process.argv[i + 1] : undefined
}
const hostname = arg('-H', '--hostname') ?? process.env.HOSTNAME ?? '0.0.0.0'
const port = Number(arg('-p', '--port') ?? process.env.PORT ?? 3000)
if (!process.env.NODE_ENV) Object.assign(process.env, { NODE_ENV: 'production' })

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

const server = createServer((req, res) => {
  const peer = req.socket.remoteAddress ?? 'unknown'
  const prior = req.headers['x-forwarded-for']
  const chain = [...(Array.isArray(prior) ? prior : prior ? [prior] : []), peer]
  req.headers['x-forwarded-for'] = chain.join(', ')
  handle(req, res).catch((err: unknown) => {
    console.error(err)
    if (!res.headersSent) res.statusCode = 500
    res.end()
  })
})
server.listen(port, hostname, () => console.log(`▲ Overstap on http://${hostname}:${port}`))
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => server.close(() => process.exit(0)))
