/**
 * Starts the built app (server/scripts/serve.ts: `next start` that records the socket's peer address for the
 * client IP) and, when present, the background job worker beside it. Arguments (-H host, -p port) go to serve.ts.
 * Stops both when either stops.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'

const children: ChildProcess[] = []
function run(cmd: string, args: string[]) {
  const child = spawn(cmd, args, { stdio: 'inherit', env: process.env })
  children.push(child)
  child.on('exit', (code) => {
    for (const c of children) if (c !== child) c.kill('SIGTERM')
    process.exit(code ?? 0)
  })
}
run('tsx', ['server/scripts/serve.ts', ...process.argv.slice(2)])
if (existsSync('server/jobs/worker.ts')) run('tsx', ['server/jobs/worker.ts'])
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => children.forEach((c) => c.kill(sig)))
