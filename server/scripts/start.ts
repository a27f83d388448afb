/**
 * Starts the built app (`next start`) and, when present, the background job worker beside it.
 * Arguments are passed to `next start`. Stops both when either stops.
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
run('next', ['start', ...process.argv.slice(2)])
if (existsSync('server/jobs/worker.ts')) run('tsx', ['server/jobs/worker.ts'])
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => children.forEach((c) => c.kill(sig)))
