/**
 * The app behind PgBouncer in transaction mode (`npm run bench -- pgbouncer`; part of a full run when the
 * `pgbouncer` binary is installed — Debian: `apt-get install pgbouncer` — else skipped with a note). Starts its own
 * PgBouncer (a generated ini in a temporary directory, its own port, `auth_type = trust` to the bench database's
 * server, a server pool of 5 so that client transactions really share server connections), runs app paths through
 * it and stops it:
 *   - 60 concurrent public bookings over HTTP for one slot of capacity 10 (interactive transactions with advisory
 *     transaction locks): exactly 10 held, 50 waitlisted;
 *   - the public calendar month of the region and an authenticated call (session cookie → actor → permission →
 *     notifications.unreadCount through the tRPC fetch handler), each next to the same call on a direct connection;
 *   - the rate limiter's store (unnamed statements: rate-limiter-flexible names its own, see server/lib/rate-limit.ts);
 *   - pg-boss on the pooler: its schema created (start), a job sent, worked once (a real job body: expireHolds).
 * node-postgres and @prisma/adapter-pg send unnamed statements only (Parse/Bind/Execute of the unnamed statement,
 * or simple queries), so PgBouncer < 1.21 without prepared-statement support is enough. Migrations take a
 * session-level advisory lock: run them against PostgreSQL directly, never through a transaction-mode pooler.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs'
import { createServer } from 'node:net'
import { randomBytes } from 'node:crypto'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import PgBoss from 'pg-boss'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '../db/generated/client.ts'
import { buildOrganisation, buildRegion, buildUser } from '../db/factories.ts'
import { clientFactory, percentile, sample, sameRows, startServer, type BenchContext, type BenchResult } from './harness.ts'

const PGBOUNCER = process.env.PGBOUNCER_BIN ?? '/usr/sbin/pgbouncer'
const DAY = 86_400_000
const letters = (n: number) => [...String(n)].map((d) => 'abcdefghij'[Number(d)]).join('')

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

/** The PgBouncer settings the app needs (transaction pooling), as the bench runs it. */
export function pgbouncerIni(o: { dir: string; port: number; serverHost: string; serverPort: number; poolSize: number }): string {
  return `[databases]
* = host=${o.serverHost} port=${o.serverPort}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${o.port}
unix_socket_dir =
auth_type = trust
auth_file = ${o.dir}/userlist.txt
pool_mode = transaction
default_pool_size = ${o.poolSize}
max_client_conn = 500
server_reset_query =
ignore_startup_parameters = extra_float_digits
logfile = ${o.dir}/pgbouncer.log
pidfile = ${o.dir}/pgbouncer.pid
`
}

/** Starts PgBouncer (as the postgres user when run as root: it refuses root) and waits until it accepts connections. */
async function startPgbouncer(databaseUrl: string, poolSize: number) {
  const server = new URL(databaseUrl)
  const dir = mkdtempSync(path.join(tmpdir(), 'overstap-pgbouncer-'))
  const port = await freePort()
  writeFileSync(path.join(dir, 'userlist.txt'), `"${decodeURIComponent(server.username || 'postgres')}" ""\n`)
  const ini = path.join(dir, 'pgbouncer.ini')
  writeFileSync(ini, pgbouncerIni({ dir, port, serverHost: server.hostname, serverPort: Number(server.port || 5432), poolSize }))
  let child: ChildProcess
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString())
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString())
    for (const f of [dir, ini, path.join(dir, 'userlist.txt')]) chownSync(f, uid, gid)
    chmodSync(dir, 0o700)
    child = spawn('runuser', ['-u', 'postgres', '--', PGBOUNCER, ini], { stdio: 'ignore' })
  } else {
    child = spawn(PGBOUNCER, [ini], { stdio: 'ignore' })
  }
  const bouncerUrl = new URL(databaseUrl)
  bouncerUrl.hostname = '127.0.0.1'
  bouncerUrl.port = String(port)
  bouncerUrl.searchParams.delete('host') // a Unix-socket DATABASE_URL (?host=/var/run/postgresql) would bypass the pooler
  const deadline = Date.now() + 10_000
  for (;;) {
    const c = new pg.Client({ connectionString: bouncerUrl.toString() })
    try {
      await c.connect()
      await c.query('SELECT 1')
      await c.end()
      break
    } catch (err) {
      await c.end().catch(() => {})
      if (Date.now() > deadline || child.exitCode !== null) {
        const log = existsSync(path.join(dir, 'pgbouncer.log')) ? readFileSync(path.join(dir, 'pgbouncer.log'), 'utf8').slice(-2000) : ''
        throw new Error(`pgbouncer did not start on port ${port}: ${(err as Error).message}\n${log}`)
      }
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  const stop = async () => {
    // PgBouncer's own pid (it runs in the foreground under runuser): SIGINT = shut down once clients are gone.
    const pidFile = path.join(dir, 'pgbouncer.pid')
    const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : child.pid
    if (pid) {
      try {
        process.kill(pid, 'SIGTERM')
      } catch {
        /* already gone */
      }
    }
    await new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())))
    rmSync(dir, { recursive: true, force: true })
  }
  return { url: bouncerUrl.toString(), port, stop }
}

export async function benchPgbouncer(ctx: BenchContext): Promise<BenchResult[]> {
  if (!existsSync(PGBOUNCER)) {
    console.log(`pgbouncer: skipped — ${PGBOUNCER} not found (Debian: apt-get install pgbouncer; or set PGBOUNCER_BIN)\n`)
    return []
  }
  const [{ handleTrpc }, { actorForSession, SESSION_MAX_AGE, cookieValue, sessionCookieName }, { expireHolds }, { LOCALE_COOKIE, pickLocale }] = await Promise.all([
    import('../api/trpc-handler.ts'),
    import('../auth/session.ts'),
    import('../slots/booking.ts'),
    import('../i18n/config.ts'),
  ])
  const POOL = Number(process.env.PGBOUNCER_POOL_SIZE ?? 5)
  const bouncer = await startPgbouncer(process.env.DATABASE_URL!, POOL)
  const bouncerPool = new pg.Pool({ connectionString: bouncer.url, max: 20 })
  const bouncerDb = new PrismaClient({ adapter: new PrismaPg(bouncerPool) })
  const http = await startServer(bouncerDb as unknown as BenchContext['db'])
  const viaBouncer = clientFactory(http.baseUrl)
  let boss: PgBoss | undefined
  try {
    // Data: a region with a school, an institution and a slot (capacity 10); a signed-in board reporter.
    const { db } = ctx
    const region = await buildRegion(db)
    const school = await buildOrganisation(db, { regionIds: [region.id], sector: 'VO' })
    const inst = await buildOrganisation(db, { regionIds: [region.id], sector: 'HBO' })
    const programme = await db.slotProgramme.create({ data: { organisationId: inst.id, name: 'Bouncer-opleiding', sector: 'HBO', level: 'BACHELOR', code: '34808' } })
    const startsAt = Date.now() + 20 * DAY
    const newSlot = () =>
      db.slot.create({
        data: { programmeId: programme.id, organisationId: inst.id, startsAt: new Date(startsAt), endsAt: new Date(startsAt + 4 * 3_600_000), location: 'Campus', capacity: 10, bookingOpensAt: new Date(Date.now() - DAY), bookingClosesAt: new Date(startsAt - DAY), audienceLevels: ['HAVO', 'VWO'] },
      })

    // 1. booking rush through the pooler, then the same on a direct connection (another slot)
    const rush = async (client: BenchContext['client'], tag: string) => {
      const slot = await newSlot()
      const quiet = console.log
      console.log = () => {}
      const lat: number[] = []
      const t0 = performance.now()
      const outcomes = await Promise.allSettled(
        Array.from({ length: 60 }, async (_, i) => {
          const s = performance.now()
          await client(null, `10.66.${tag === 'b' ? 0 : 2}.${i + 1}`).slots.book.mutate({ slotId: slot.id, name: `Leerling ${letters(i)}`, email: `pupil@bouncer-${tag}-${i}.example.test`, schoolId: school.id, level: 'HAVO', year: 4, answers: {} })
          lat.push(performance.now() - s)
        }),
      )
      const wall = performance.now() - t0
      console.log = quiet
      const failed = outcomes.filter((o) => o.status === 'rejected')
      if (failed.length) throw new Error(`pgbouncer: ${failed.length} bookings failed`, { cause: (failed[0] as PromiseRejectedResult).reason })
      const count = (status: 'PENDING' | 'WAITLISTED') => db.slotBooking.count({ where: { slotId: slot.id, status } })
      const [held, waiting] = [await count('PENDING'), await count('WAITLISTED')]
      if (held !== 10 || waiting !== 50) throw new Error(`pgbouncer: capacity violated (${tag}): ${held} held, ${waiting} waitlisted`)
      return { lat, wall, held, waiting }
    }
    const { lat, wall, held, waiting } = await rush(viaBouncer, 'b')
    const direct = await rush(ctx.client, 'd')

    // 2. public calendar month, through the pooler and direct (same rows)
    const from = new Date(startsAt).toISOString().slice(0, 8) + '01'
    const toDate = new Date(Date.UTC(Number(from.slice(0, 4)), Number(from.slice(5, 7)), 1)).toISOString().slice(0, 10)
    const monthInput = { slug: region.slug, from, to: toDate }
    const month = (c: ReturnType<BenchContext['client']>) => () => c.calendar.publicRange.query(monthInput)
    const ids = (r: unknown) => JSON.stringify(r).length
    sameRows('pgbouncer: calendar month via pooler vs direct', [ids(await month(viaBouncer(null, '10.66.1.1'))())], [ids(await month(ctx.client(null, '10.66.1.1'))())])
    const monthB = await sample(month(viaBouncer(null, '10.66.1.2')), 60, 5)
    const monthD = await sample(month(ctx.client(null, '10.66.1.3')), 60, 5)

    // 3. authenticated call: session cookie → actor → permission → trivial procedure, fetch handler
    const user = await buildUser(db, { roles: [{ role: 'ORG_STAFF', organisationId: school.id }] })
    const token = randomBytes(32).toString('hex')
    await db.session.create({ data: { sessionToken: token, userId: user.id, expires: new Date(Date.now() + SESSION_MAX_AGE * 1000) } })
    const headers = new Headers({ cookie: `NEXT_LOCALE=nl; ${sessionCookieName(false)}=${token}` })
    const authed = (sql: pg.Pool, cdb: unknown) => async () => {
      const req = new Request('http://127.0.0.1/api/trpc/notifications.unreadCount', { headers })
      const res = await handleTrpc(req, async () => ({ db: cdb as BenchContext['db'], actor: await actorForSession(sql, cookieValue(headers.get('cookie'), sessionCookieName(false))), locale: pickLocale(cookieValue(headers.get('cookie'), LOCALE_COOKIE)), ip: '127.0.0.1' }))
      if (res.status !== 200) throw new Error(`pgbouncer: authenticated call answered ${res.status}`)
      await res.text()
    }
    const { db: appDb, pool: appPool } = await import('../db/client.ts')
    const authB = await sample(authed(bouncerPool, bouncerDb), 100, 10)
    const authD = await sample(authed(appPool, appDb), 100, 10)

    // 4. the rate limiter's store (server/lib/rate-limit.ts) through the pooler: 20 clients × 10 points at once
    const { RateLimiterPostgres } = await import('rate-limiter-flexible')
    const { unnamedStatements } = await import('../lib/rate-limit.ts')
    const rl = new RateLimiterPostgres({ storeClient: unnamedStatements(bouncerPool), storeType: 'pool', tableName: 'slots_rate_limit', tableCreated: true, keyPrefix: 'bench-bouncer', points: 1_000, duration: 60 })
    const r0 = performance.now()
    await Promise.all(Array.from({ length: 20 }, async (_, i) => { for (let k = 0; k < 10; k++) await rl.consume(`client-${i}`) }))
    const rlMs = performance.now() - r0
    const rlPoints = (await rl.get('client-7'))?.consumedPoints

    // 5. a job through pg-boss on the pooler (its own schema: created here through the pooler)
    boss = new PgBoss({ connectionString: bouncer.url, schema: 'pgboss_bouncer', max: 3, supervise: false, schedule: false })
    boss.on('error', (err) => console.error('pgbouncer: pg-boss error', err))
    const j0 = performance.now()
    await boss.start()
    await boss.createQueue('bench-bouncer')
    let runs = 0
    let expired = -1
    await boss.work('bench-bouncer', { pollingIntervalSeconds: 0.5 }, async () => {
      runs++
      expired = await expireHolds(bouncerDb as unknown as BenchContext['db'])
    })
    const jobId = await boss.send('bench-bouncer', {})
    let state = ''
    for (let i = 0; i < 100 && state !== 'completed'; i++) {
      await new Promise((r) => setTimeout(r, 100))
      state = (await boss.getJobById('bench-bouncer', jobId!))?.state ?? ''
    }
    const jobMs = performance.now() - j0
    if (rlPoints !== 10) throw new Error(`pgbouncer: rate limiter counted ${rlPoints} points, not 10`)
    if (state !== 'completed' || runs !== 1 || expired !== 0) throw new Error(`pgbouncer: pg-boss job ${state || 'not found'}, ran ${runs}×, expired ${expired}`)

    const fmt = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(1)}, p95 ${percentile(xs, 95).toFixed(1)} ms`
    return [
      { name: `pgbouncer (transaction mode, server pool ${POOL}): 60 concurrent bookings over HTTP, capacity 10`, n: 60, p50: percentile(lat, 50), p95: percentile(lat, 95), notes: { throughput: `${((60 / wall) * 1000).toFixed(0)} req/s`, held, waitlisted: waiting, direct: `${fmt(direct.lat)}, ${((60 / direct.wall) * 1000).toFixed(0)} req/s` } },
      { name: 'pgbouncer: public calendar month (HTTP)', n: monthB.length, p50: percentile(monthB, 50), p95: percentile(monthB, 95), notes: { direct: fmt(monthD) } },
      { name: 'pgbouncer: authenticated call (session cookie → actor → permission → trivial procedure)', n: authB.length, p50: percentile(authB, 50), p95: percentile(authB, 95), notes: { direct: fmt(authD) } },
      { name: 'pgbouncer: pg-boss start (schema), send, work once (expireHolds)', n: 1, p50: jobMs, p95: jobMs, notes: { state, runs } },
      { name: 'pgbouncer: rate limiter store, 20 clients × 10 points at once', n: 200, p50: rlMs, p95: rlMs, notes: { consumed: `${rlPoints} of 10 points per client (unnamed statements)` } },
    ]
  } finally {
    await boss?.stop({ graceful: false, wait: true, timeout: 2_000 }).catch(() => {})
    await http.close()
    await bouncerDb.$disconnect()
    await bouncerPool.end().catch(() => {})
    await bouncer.stop()
  }
}
