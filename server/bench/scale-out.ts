/**
 * `npm run bench -- scale-out` (only when named; needs a PostgreSQL server: DATABASE_URL): several app instances
 * and several job workers against one database, as a deployment behind a load balancer runs them.
 *  - Two app instances: by default two of the bench's own servers of the /api/trpc handler (server/bench/harness.ts
 *    startServer: the same router, procedures and database code as /api/trpc), each its own OS process with its own Prisma and
 *    rate-limit pools. With BENCH_NEXT_DIST=<dist dir of a production build> (e.g. .next-rush), two `next start`
 *    instances (server/scripts/serve.ts) instead.
 *  - Two job workers: `server/jobs/worker.ts` twice (pg-boss on the same database).
 * A booking rush is split over both instances (booking i → instance i mod 2): every slot still holds exactly its
 * capacity, FIFO positions intact. Then holds lapse and 20 jobs are enqueued once each: every job runs exactly once
 * across both workers (counted in their logs by job id), and every lapsed hold expires once (audit entries and
 * offers counted).
 * The file is also the instance's entry: `tsx server/bench/scale-out.ts --instance` serves and prints its URL.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:net'
import PgBoss from 'pg-boss'
import { bookingPoster, checkRush, rushInput, rushIp, rushSetup, type RushShape } from './rush.ts'
import { percentile, type BenchContext, type BenchResult } from './harness.ts'

type Proc = { child: ChildProcess; out: string[] }

function start(args: string[], env: Record<string, string>): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  const out: string[] = []
  child.stdout!.setEncoding('utf8').on('data', (d: string) => out.push(...d.split('\n')))
  child.stderr!.setEncoding('utf8').on('data', (d: string) => out.push(...d.split('\n')))
  return { child, out }
}

async function waitFor(p: Proc, pattern: RegExp, what: string, ms = 180_000): Promise<RegExpMatchArray> {
  const until = Date.now() + ms
  for (;;) {
    for (const line of p.out) {
      const m = pattern.exec(line)
      if (m) return m
    }
    if (p.child.exitCode !== null) throw new Error(`${what} exited (${p.child.exitCode}): ${p.out.slice(-20).join('\n')}`)
    if (Date.now() > until) throw new Error(`${what} not ready after ${ms} ms: ${p.out.slice(-20).join('\n')}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })

async function stopAll(procs: Proc[]) {
  await Promise.all(
    procs.map(
      (p) =>
        new Promise<void>((resolve) => {
          if (p.child.exitCode !== null || p.child.signalCode !== null) return resolve()
          const t = setTimeout(() => {
            p.child.kill('SIGKILL')
            resolve()
          }, 15_000)
          p.child.once('exit', () => {
            clearTimeout(t)
            resolve()
          })
          p.child.kill('SIGTERM')
        }),
    ),
  )
}

export async function benchScaleOut(ctx: BenchContext): Promise<BenchResult[]> {
  if (!process.argv.includes('scale-out')) return [] // only when named
  if (process.env.EMBEDDED_DATABASE) throw new Error('scale-out needs a PostgreSQL server (DATABASE_URL): several processes share the database')
  const url = process.env.DATABASE_URL!
  const shape: RushShape = { bookings: Number(process.env.BENCH_SCALE_BOOKINGS ?? 1000), slots: Number(process.env.BENCH_SCALE_SLOTS ?? 25), capacity: 20 }
  const nextDist = process.env.BENCH_NEXT_DIST
  // Each instance: its own pools (10 Prisma connections); the public rate limit off the measured path (one client
  // address per booking through the harness; `next start` sees every request from 127.0.0.1).
  const instanceEnv = { DATABASE_URL: url, DATABASE_POOL_MAX: '10', LOG_LEVEL: 'warn', SLOTS_PUBLIC_RATE_LIMIT: '1000000', MAIL_OUTBOX_DIR: process.env.MAIL_OUTBOX_DIR ?? '' }
  // Production refuses to start without AUTH_URL (links in mails) and needs a secret for Auth.js's cookies.
  const authSecret = randomBytes(32).toString('hex')
  const procs: Proc[] = []
  try {
    const instances: string[] = []
    for (let k = 0; k < 2; k++) {
      if (nextDist) {
        const port = await freePort()
        const p = start(['server/scripts/serve.ts', '-p', String(port)], { ...instanceEnv, NEXT_DIST_DIR: nextDist, NODE_ENV: 'production', PORT: String(port), LOG_LEVEL: 'info', AUTH_URL: `http://127.0.0.1:${port}`, AUTH_SECRET: authSecret })
        procs.push(p)
        await waitFor(p, /"msg":"Overstap on http/, `next start ${k + 1}`) // server/scripts/serve.ts logs this once it listens
        instances.push(`http://127.0.0.1:${port}/api/trpc`)
      } else {
        const p = start(['server/bench/scale-out.ts', '--instance'], instanceEnv)
        procs.push(p)
        instances.push((await waitFor(p, /^INSTANCE (\S+)/, `instance ${k + 1}`))[1]!)
      }
    }
    const workers = [0, 1].map(() => start(['server/jobs/worker.ts'], { DATABASE_URL: url, LOG_LEVEL: 'info', MAIL_OUTBOX_DIR: instanceEnv.MAIL_OUTBOX_DIR }))
    procs.push(...workers)
    await Promise.all(workers.map((w, k) => waitFor(w, /worker ready/, `worker ${k + 1}`)))

    // The rush, split over both instances.
    const setup = await rushSetup(ctx.db, shape, 'scale')
    const posts = instances.map((u) => bookingPoster(u, 32))
    const latencies: number[] = []
    const t0 = performance.now()
    const outcomes = await Promise.all(
      Array.from({ length: shape.bookings }, async (_, i) => {
        const s = performance.now()
        const r = await posts[i % 2]!(rushInput(setup, i, 'scale'), rushIp(i))
        latencies.push(performance.now() - s)
        return r
      }),
    )
    const wall = performance.now() - t0
    const check = await checkRush(ctx.pool, shape, setup, outcomes)
    if (check.oversoldSlots || check.fifoBroken) throw new Error(`scale-out rush: ${check.oversoldSlots} slots over/under capacity, ${check.fifoBroken} FIFO errors`)

    // Jobs once: the first 5 holds of every slot lapse; 20 jobs (the hold expiry and 19 outbox flushes) are
    // enqueued once each while both workers poll.
    const { rowCount: lapsed } = await ctx.pool.query(
      `UPDATE "SlotBooking" SET "offerExpiresAt" = (now() AT TIME ZONE 'UTC') - interval '1 minute'
       WHERE "id" IN (SELECT "id" FROM (SELECT "id", row_number() OVER (PARTITION BY "slotId" ORDER BY "createdAt", "id") AS n
                                     FROM "SlotBooking" WHERE "slotId" = ANY($1) AND "status" = 'PENDING') x WHERE n <= 5)`,
      [setup.slotIds],
    )
    const boss = new PgBoss({ connectionString: url, schema: 'pgboss', max: 2 })
    boss.on('error', () => {})
    await boss.start()
    const ids: string[] = []
    ids.push((await boss.send('slots-expire-offers', {}))!)
    for (let j = 0; j < 19; j++) ids.push((await boss.send('mail-outbox', {}))!)
    const until = Date.now() + 120_000
    const runsOf = (id: string) => workers.map((w) => w.out.filter((l) => l.includes(`:${id}"`) && l.includes('job done')).length)
    while (Date.now() < until && !ids.every((id) => runsOf(id).reduce((a, b) => a + b, 0) >= 1)) await new Promise((r) => setTimeout(r, 500))
    await new Promise((r) => setTimeout(r, 3_000)) // a second run, if there were one, would show by now
    await boss.stop({ graceful: false })
    const runs = ids.map(runsOf)
    const once = runs.filter((r) => r[0]! + r[1]! === 1).length
    const perWorker = [0, 1].map((k) => runs.reduce((n, r) => n + r[k]!, 0))
    const { rows: expiry } = await ctx.pool.query<{ expired: string; audits: string; offered: string }>(
      `SELECT (SELECT count(*) FROM "SlotBooking" WHERE "slotId" = ANY($1) AND "status" = 'EXPIRED') AS expired,
              (SELECT count(*) FROM "AuditLog" a JOIN "SlotBooking" b ON b."id" = a."entityId" WHERE b."slotId" = ANY($1) AND a."action" = 'slots.expired') AS audits,
              (SELECT count(*) FROM "SlotBooking" WHERE "slotId" = ANY($1) AND "status" = 'OFFERED') AS offered`,
      [setup.slotIds],
    )
    const e = expiry[0]!
    const { rows: over } = await ctx.pool.query<{ n: string }>(`SELECT count(*) AS n FROM "Slot" WHERE "id" = ANY($1) AND "confirmedCount" <> "capacity"`, [setup.slotIds])
    const jobsOk = once === ids.length && Number(e.expired) === lapsed && Number(e.audits) === lapsed && Number(e.offered) === lapsed && Number(over[0]!.n) === 0
    if (!jobsOk) throw new Error(`scale-out jobs: ${once}/${ids.length} ran once (runs per job ${JSON.stringify(runs)}); lapsed ${lapsed}, expired ${e.expired}, audits ${e.audits}, offered ${e.offered}, slots off capacity ${over[0]!.n}`)
    return [
      {
        name: `scale-out: ${shape.bookings.toLocaleString('en-US')} bookings over ${shape.slots} slots of ${shape.capacity}, split over 2 ${nextDist ? '`next start`' : 'standalone tRPC'} instances + 2 job workers`,
        n: shape.bookings,
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        notes: {
          throughput: `${((shape.bookings / wall) * 1000).toFixed(0)} bookings/s`,
          held: check.held,
          waitlisted: check.waitlisted,
          noOversellFifo: 'yes',
          jobsRunOnce: `${once}/${ids.length} (worker 1 ran ${perWorker[0]}, worker 2 ${perWorker[1]})`,
          lapsedHoldsExpiredOnce: `${e.expired}/${lapsed} (audit ${e.audits}, offered ${e.offered})`,
        },
      },
    ]
  } finally {
    await stopAll(procs)
  }
}

// The instance's entry: the bench's standalone tRPC server on DATABASE_URL.
if (process.argv.includes('--instance')) {
  const { db } = await import('../db/client.ts')
  const { startServer } = await import('./harness.ts')
  const server = await startServer(db)
  console.log(`INSTANCE ${server.baseUrl}`)
  for (const sig of ['SIGTERM', 'SIGINT'] as const)
    process.once(sig, () => {
      void server.close().finally(async () => {
        await db.$disconnect()
        process.exit(0)
      })
    })
}
