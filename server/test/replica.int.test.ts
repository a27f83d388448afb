/**
 * The read replica with a real streaming standby: a throwaway primary and `pg_basebackup -R` replica
 * (server/db/replica-cluster.ts), the app's procedures called as the app calls them (tRPC caller, fetch handler).
 * Which server answered is proved by pausing the replica's WAL replay: a row written on the primary after the pause
 * is missing from what the replica serves and present in what the primary serves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import { createCaller } from '../api/root.ts'
import { handleTrpc } from '../api/trpc-handler.ts'
import { READ_PRIMARY_COOKIE } from '../api/read-primary.ts'
import type { Context } from '../api/trpc.ts'
import { loadActor } from '../auth/actor.ts'
import { prismaOver, type Db } from '../db/client.ts'
import { freshDatabase } from '../db/fresh-database.ts'
import { buildOrganisation, buildRegion, buildUser, uniq } from '../db/factories.ts'
import { replicaRouting, type ReadRouting } from '../db/replica.ts'
import { replicaSkipReason, startReplicaPair, type ReplicaPair } from '../db/replica-cluster.ts'
import { unsubscribeToken } from '../notifications/unsubscribe-token.ts'
import { onEmbeddedDatabase } from './needs-postgres.ts'
import { TEST_FILE_IP } from './helpers.ts'
import { toAmsterdam } from '../lib/time.ts'

const DAY = 86_400_000
const skip = onEmbeddedDatabase() ? 'the embedded PGlite cannot stream to a replica' : replicaSkipReason()
if (skip) console.info(`[skipped] read replica tests — ${skip}. Runs with DATABASE_URL (a PostgreSQL server) and the PostgreSQL 15 server binaries.`)

describe.skipIf(!!skip)('read replica (a real primary and streaming replica)', () => {
  let pair: ReplicaPair
  let drop: () => Promise<void>
  let primaryPool: pg.Pool
  let replicaAdmin: pg.Pool
  let primary: Db
  let routing: ReadRouting
  let replicaUrl: string
  const logged: { level: string; message: string }[] = []
  let world: { regionSlug: string; regionId: string; organisationId: string; userId: string }

  beforeAll(async () => {
    pair = await startReplicaPair()
    const fresh = await freshDatabase(pair.primary.url(), 'overstap_replica')
    drop = fresh.drop
    const dbName = new URL(fresh.url).pathname.slice(1)
    primaryPool = new pg.Pool({ connectionString: fresh.url, max: 4 })
    primary = prismaOver(primaryPool)
    replicaUrl = pair.replica.url(dbName)
    replicaAdmin = new pg.Pool({ connectionString: replicaUrl, max: 1 })
    replicaAdmin.on('error', () => {}) // its idle connection ends when the test stops the replica
    // Probed only when the test asks (check()), so that each step's state is the test's doing.
    routing = replicaRouting(replicaUrl, primaryPool, { poolMax: 4, checkEverySeconds: 3600, log: (level, message) => logged.push({ level, message }) })
    const region = await buildRegion(primary)
    const org = await buildOrganisation(primary, { regionIds: [region.id], sector: 'MBO' })
    const user = await buildUser(primary, { roles: [{ role: 'REGION_COORDINATOR', regionId: region.id }] })
    world = { regionSlug: region.slug, regionId: region.id, organisationId: org.id, userId: user.id }
    await event('Al gerepliceerd')
    await pair.caughtUp()
    await routing.check()
  }, 180_000)

  afterAll(async () => {
    try {
      await routing?.end()
      await replicaAdmin?.end().catch(() => {})
      await primary?.$disconnect()
      await drop?.()
    } finally {
      pair?.destroy()
    }
  })

  /** A published event of the world's region, 10 days from now, written on the primary. */
  async function event(title: string) {
    const startsAt = new Date(Date.now() + 10 * DAY)
    return primary.calendarEvent.create({
      data: {
        title: `${title} ${uniq()}`,
        type: 'OPEN_DAG',
        status: 'PUBLISHED',
        startsAt,
        endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
        audienceLevels: [],
        schoolYears: [],
        organisers: { create: { organisationId: world.organisationId } },
        regions: { create: { regionId: world.regionId, decision: 'PUBLISHED' } },
      },
    })
  }

  const range = () => ({ slug: world.regionSlug, from: toAmsterdam(new Date(Date.now() + 5 * DAY)).date, to: toAmsterdam(new Date(Date.now() + 15 * DAY)).date, types: [] })
  const context = async (userId: string | null = null): Promise<Context> => ({
    db: primary,
    readDb: routing.db,
    wrote: { value: false },
    actor: userId ? await loadActor(primary, userId) : null,
    locale: 'nl',
    ip: TEST_FILE_IP,
  })
  const titles = async (ctx: Context) => (await createCaller(ctx).calendar.publicRange(range())).events.map((e) => e.title)

  it('serves public reads from the replica, and every public read procedure runs there (none writes)', async () => {
    expect(routing.state()).toBe('replica')
    const standby = await routing.db.$queryRaw<{ standby: boolean }[]>`SELECT pg_is_in_recovery() AS standby`
    expect(standby[0]?.standby).toBe(true)
    const caller = createCaller(await context())
    expect((await caller.calendar.publicRange(range())).events.map((e) => e.title)).toEqual([expect.stringMatching(/^Al gerepliceerd/)])
    expect((await caller.region.bySlug({ slug: world.regionSlug })).id).toBe(world.regionId)
    await caller.discovery.regions()
    await caller.discovery.upcoming()
    await caller.discovery.search({ q: 'ROC' })
    await caller.slots.search({ regionSlug: world.regionSlug, limit: 10 })
    await caller.registration.availability({ eventIds: [] })
    expect(routing.state()).toBe('replica') // nothing fell back to the primary
  })

  it('a row written while replay is paused: missing on the public path, present for signed-in users and a request that wrote', async () => {
    await replicaAdmin.query('SELECT pg_wal_replay_pause()')
    try {
      const fresh = await event('Net geschreven')
      // Anonymous public read: the replica, which has not replayed the insert.
      expect(await titles(await context())).not.toContain(fresh.title)
      // Signed in: the primary.
      expect(await titles(await context(world.userId))).toContain(fresh.title)
      // Anonymous, but this request wrote first (a public mutation of the app): its later reads use the primary.
      const wrote = await context()
      await createCaller(wrote).notifications.unsubscribe({ token: unsubscribeToken(world.userId, 'digest') })
      expect(wrote.wrote?.value).toBe(true)
      expect(await titles(wrote)).toContain(fresh.title)
      // Over HTTP the response of that write tells the browser to read the primary for a while.
      const body = JSON.stringify({ json: { token: unsubscribeToken(world.userId, 'digest') } })
      const res = await handleTrpc(
        new Request('http://localhost/api/trpc/notifications.unsubscribe', { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }, body }),
        () => context(),
      )
      expect(res.status).toBe(200)
      expect(res.headers.get('set-cookie')).toMatch(new RegExp(`^${READ_PRIMARY_COOKIE}=1;.*Max-Age=\\d+`))
      const read = await handleTrpc(new Request(`http://localhost/api/trpc/calendar.publicRange?input=${encodeURIComponent(JSON.stringify({ json: range() }))}`), () => context())
      expect(read.headers.get('set-cookie')).toBeNull()

      // Lagging more than the limit: a probe sends public reads to the primary.
      const strict = replicaRouting(replicaUrl, primaryPool, { maxLagSeconds: 0, checkEverySeconds: 3600, log: () => {} })
      try {
        await strict.check()
        expect(strict.state()).toBe('lagging')
        expect(await titles({ ...(await context()), readDb: strict.db })).toContain(fresh.title)
      } finally {
        await strict.end()
      }
    } finally {
      await replicaAdmin.query('SELECT pg_wal_replay_resume()')
    }
    await pair.caughtUp()
    expect(await titles(await context())).toEqual(expect.arrayContaining([expect.stringMatching(/^Net geschreven/)]))
  })

  it('replica stopped: public reads still answer, from the primary, with one warning; back when it is up again', async () => {
    const before = logged.length
    pair.replica.stop() // fast shutdown: the pooled replica connections are terminated too
    const fresh = await event('Na de stop')
    for (let i = 0; i < 3; i++) expect(await titles(await context())).toContain(fresh.title)
    expect(routing.state()).toBe('down')
    const warnings = logged.slice(before).filter((l) => l.level === 'warn')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]!.message).toMatch(/read replica unreachable \(.+\): public reads go to the primary/)
    expect(warnings[0]!.message).not.toMatch(/postgres(ql)?:\/\/|127\.0\.0\.1/)
    // A process that had not noticed (no idle connection dropped): the read's own connect is refused, and retried on the primary.
    const cold = replicaRouting(replicaUrl, primaryPool, { checkEverySeconds: 3600, log: () => {} })
    try {
      expect(await titles({ ...(await context()), readDb: cold.db })).toContain(fresh.title)
      expect(cold.state()).toBe('down')
    } finally {
      await cold.end()
    }

    pair.replica.start()
    await pair.caughtUp()
    await routing.check()
    expect(routing.state()).toBe('replica')
    expect(logged.at(-1)).toMatchObject({ level: 'info', message: expect.stringMatching(/read replica in use again/) })
    const standby = await routing.db.$queryRaw<{ standby: boolean }[]>`SELECT pg_is_in_recovery() AS standby`
    expect(standby[0]?.standby).toBe(true)
    expect(await titles(await context())).toContain(fresh.title)
  })
})
