import { buildOrganisation, buildRegion } from '../db/factories.ts'
import { expireHolds } from '../slots/booking.ts'
import { newBookingToken } from '../slots/token.ts'
import { captureQueries, compare, cpuPerCall, explainApp, percentile, sameRows, usesIndex, type BenchContext, type BenchResult } from './harness.ts'

const DAY = 86_400_000
/** A pupil's name has no digits (slots/schema.ts zPupilName): 12 → "bc". */
const letters = (n: number) => [...String(n)].map((d) => 'abcdefghij'[Number(d)]).join('')

/**
 * Benchmarks of the slots domain:
 *  (a) 300 concurrent public booking requests over HTTP for one slot with capacity 25 (each from its own client
 *      address and mail domain, like 300 pupils): throughput, latency, and proof that exactly 25 places are held
 *      (PENDING) and 275 waitlisted; then the PENDING step: 20 pupils confirm through their links over HTTP while 50
 *      more book, the 5 unconfirmed holds expire (job), and exactly 25 places stay taken (20 CONFIRMED + 5 offered
 *      to the first five of the waiting list, FIFO);
 *  (b) the public slot search over a region with 20,000 slots, next to a bare SQL floor.
 */
export async function benchSlots(ctx: BenchContext): Promise<BenchResult[]> {
  const { db } = ctx
  const region = await buildRegion(db, { name: 'Bench regio', slug: `bench-slots-${Date.now().toString(36)}` })
  const school = await buildOrganisation(db, { regionIds: [region.id], sector: 'VO' })
  const institutions = await Promise.all(Array.from({ length: 8 }, (_, i) => buildOrganisation(db, { regionIds: [region.id], sector: i % 2 ? 'HBO' : 'MBO' })))
  const programmes = await Promise.all(
    institutions.flatMap((org, i) =>
      Array.from({ length: 5 }, (_, j) =>
        db.slotProgramme.create({ data: { organisationId: org.id, name: `Opleiding ${i}-${j}`, sector: org.sector, level: org.sector === 'MBO' ? 'MBO_4' : 'BACHELOR', code: String(30000 + i * 10 + j) } }),
      ),
    ),
  )
  const now = Date.now()
  const slotData = (programme: (typeof programmes)[number], startsAt: number, capacity: number) => ({
    programmeId: programme.id,
    organisationId: programme.organisationId,
    startsAt: new Date(startsAt),
    endsAt: new Date(startsAt + 4 * 3_600_000),
    location: 'Hoofdgebouw',
    capacity,
    bookingOpensAt: new Date(now - DAY),
    bookingClosesAt: new Date(startsAt - DAY),
    audienceLevels: ['HAVO', 'VWO'] as ('HAVO' | 'VWO')[],
  })

  // (a) booking rush
  const rush = await db.slot.create({ data: slotData(programmes[0]!, now + 30 * DAY, 25) })
  const latencies: number[] = []
  const quiet = console.log // the dev mailer logs every message; keep the table readable
  console.log = () => {}
  const t0 = performance.now()
  const outcomes = await Promise.allSettled(
    Array.from({ length: 300 }, async (_, i) => {
      const client = ctx.client(null, `10.77.${Math.floor(i / 250)}.${(i % 250) + 1}`)
      const s = performance.now()
      const r = await client.slots.book.mutate({ slotId: rush.id, name: `Leerling ${letters(i)}`, email: `pupil@rush-${i}.example.test`, schoolId: school.id, level: 'HAVO', year: 4, answers: {} })
      latencies.push(performance.now() - s)
      return r.status
    }),
  )
  const wall = performance.now() - t0
  console.log = quiet
  const failed = outcomes.filter((o) => o.status === 'rejected')
  if (failed.length) throw new Error(`${failed.length} booking requests failed`, { cause: (failed[0] as PromiseRejectedResult).reason })
  const count = (status: 'PENDING' | 'CONFIRMED' | 'WAITLISTED' | 'OFFERED') => db.slotBooking.count({ where: { slotId: rush.id, status } })
  const [pending, waitlisted, slotRow] = await Promise.all([count('PENDING'), count('WAITLISTED'), db.slot.findUniqueOrThrow({ where: { id: rush.id } })])
  if (pending !== 25 || waitlisted !== 275 || slotRow.confirmedCount !== 25) throw new Error(`capacity violated: ${pending} pending, ${waitlisted} waitlisted, count ${slotRow.confirmedCount}`)

  // The PENDING step. Only link hashes are stored and the mails went to the dev outbox, so the bench gives each
  // held booking a fresh link the way an offer does (new token, its hash stored) and "clicks" 20 of them.
  const held = await db.slotBooking.findMany({ where: { slotId: rush.id, status: 'PENDING' }, select: { id: true }, orderBy: { createdAt: 'asc' } })
  const links = await Promise.all(
    held.map(async (h) => {
      const { token, hash } = newBookingToken()
      await db.slotBooking.update({ where: { id: h.id }, data: { tokenHash: hash } })
      return token
    }),
  )
  const queue = await db.slotBooking.findMany({ where: { slotId: rush.id, status: 'WAITLISTED' }, select: { id: true }, orderBy: [{ waitlistedAt: 'asc' }, { id: 'asc' }], take: 5 })
  console.log = () => {}
  const confirmLatencies: number[] = []
  const t1 = performance.now()
  const step = await Promise.allSettled([
    ...links.slice(0, 20).map(async (token, i) => {
      const s = performance.now()
      await ctx.client(null, `10.78.0.${i + 1}`).slots.confirmBooking.mutate({ token })
      confirmLatencies.push(performance.now() - s)
    }),
    ...Array.from({ length: 50 }, (_, i) =>
      ctx.client(null, `10.79.0.${i + 1}`).slots.book.mutate({ slotId: rush.id, name: `Laatkomer ${letters(i)}`, email: `pupil@late-${i}.example.test`, schoolId: school.id, level: 'HAVO', year: 4, answers: {} }),
    ),
  ])
  const stepWall = performance.now() - t1
  const expired = await expireHolds(db, { now: new Date(Date.now() + 31 * 60_000) })
  console.log = quiet
  const stepFailed = step.filter((o) => o.status === 'rejected')
  if (stepFailed.length) throw new Error(`${stepFailed.length} confirm/booking requests failed`, { cause: (stepFailed[0] as PromiseRejectedResult).reason })
  const [confirmed, offered, waitingAfter, slotAfter] = await Promise.all([count('CONFIRMED'), count('OFFERED'), count('WAITLISTED'), db.slot.findUniqueOrThrow({ where: { id: rush.id } })])
  const offeredIds = (await db.slotBooking.findMany({ where: { slotId: rush.id, status: 'OFFERED' }, select: { id: true } })).map((o) => o.id).sort()
  const fifo = JSON.stringify(offeredIds) === JSON.stringify(queue.map((q) => q.id).sort())
  if (confirmed !== 20 || offered !== 5 || slotAfter.confirmedCount !== 25 || !fifo || expired < 5)
    throw new Error(`PENDING step violated: ${confirmed} confirmed, ${offered} offered (FIFO ${fifo}), count ${slotAfter.confirmedCount}, expired ${expired}`)
  const results: BenchResult[] = [
    {
      name: 'slots: 300 concurrent bookings (HTTP), capacity 25',
      n: 300,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      notes: { throughput: `${((300 / wall) * 1000).toFixed(0)} req/s`, wall: `${wall.toFixed(0)} ms`, pending, waitlisted, slotConfirmedCount: slotRow.confirmedCount },
    },
    {
      name: 'slots: 20 confirmations by link + 50 more bookings at once (HTTP), then hold expiry',
      n: 20,
      p50: percentile(confirmLatencies, 50),
      p95: percentile(confirmLatencies, 95),
      notes: { wall: `${stepWall.toFixed(0)} ms`, confirmed, offeredFifo: fifo ? offered : `${offered} (not FIFO)`, waitlisted: waitingAfter, slotConfirmedCount: slotAfter.confirmedCount },
    },
  ]

  // (b) search over a region with 20,000 slots (spread over two years, 40 programmes); --national: the national
  // data set's largest region instead (its own slots are not added).
  const searchRegion = ctx.national ? { id: ctx.national.regionId, slug: ctx.national.regionSlug } : region
  const nameFilter = ctx.national ? 'opleiding 3' : 'opleiding 3-' // national programmes are "Opleiding <n>"
  const other = await buildRegion(db, { name: 'Bench andere regio' })
  const otherOrg = await buildOrganisation(db, { regionIds: [other.id], sector: 'MBO' })
  const otherProgramme = await db.slotProgramme.create({ data: { organisationId: otherOrg.id, name: 'Elders', sector: 'MBO', level: 'MBO_3', code: '39999' } })
  for (let chunk = 0; chunk < (ctx.national ? 0 : 20); chunk++)
    await db.slot.createMany({
      data: Array.from({ length: 1000 }, (_, k) => {
        const i = chunk * 1000 + k
        return slotData(programmes[i % programmes.length]!, now + 2 * DAY + (i % 730) * DAY + (i % 7) * 3_600_000, 10 + (i % 20))
      }),
    })
  await db.slot.createMany({ data: Array.from({ length: 5000 }, (_, i) => slotData(otherProgramme, now + 2 * DAY + (i % 730) * DAY, 10)) })
  await ctx.pool.query('ANALYZE "Slot"; ANALYZE "SlotProgramme"; ANALYZE "OrganisationRegion"')

  let ipCounter = 0
  const anon = () => ctx.client(null, `10.88.${Math.floor(ipCounter / 100) % 250}.${(ipCounter++ % 100) + 1}`)
  // The floor: the same cards (open, upcoming, published slots of programmes that are not archived, with programme,
  // institution and whether only a listed pupil may book), hand-written.
  const floorSql = `
    SELECT s."id", s."startsAt", s."endsAt", s."location", s."capacity", s."confirmedCount", s."bookingOpensAt", s."audienceLevels",
           p."name", p."level", p."sector", o."name" AS org, o."brin",
           coalesce(own."listedOnly", inst."listedOnly", false) OR EXISTS (
             SELECT 1 FROM "ParticipationCampaignSlot" cs JOIN "ParticipationCampaign" c ON c."id" = cs."campaignId" WHERE cs."slotId" = s."id" AND c."listedOnly") AS listed
    FROM "Slot" s JOIN "SlotProgramme" p ON p."id" = s."programmeId" JOIN "Organisation" o ON o."id" = s."organisationId"
    LEFT JOIN "ParticipationListRule" own ON own."organisationId" = s."organisationId" AND own."programmeId" = s."programmeId"
    LEFT JOIN "ParticipationListRule" inst ON inst."organisationId" = s."organisationId" AND inst."programmeId" = ''
    WHERE s."organisationId" IN (SELECT "organisationId" FROM "OrganisationRegion" WHERE "regionId" = $1)
      AND s."status" = 'PUBLISHED' AND s."startsAt" >= $2 AND s."bookingClosesAt" > $2 AND p."archivedAt" IS NULL
    ORDER BY s."startsAt", s."id" LIMIT 50`
  const filteredSql = floorSql.replace('ORDER BY', `AND p."sector" = 'HBO' AND p."name" ILIKE '%${nameFilter}%' ORDER BY`)
  // The same cards as the app, and the app's own statement(s) explained while it answers.
  const searchInput = { regionSlug: searchRegion.slug, limit: 50 }
  const filteredInput = { regionSlug: searchRegion.slug, sector: 'HBO' as const, programme: nameFilter, limit: 50 }
  for (const [name, input, sql] of [['slot search', searchInput, floorSql], ['filtered slot search', filteredInput, filteredSql]] as const) {
    const at = new Date()
    const [app, floor] = [await anon().slots.search.query(input), (await ctx.pool.query<{ id: string; listed: boolean }>(sql, [searchRegion.id, at])).rows]
    sameRows(`${name} vs floor`, app.map((c) => `${c.id}:${c.personalLinkOnly}`), floor.map((r) => `${r.id}:${r.listed}`))
  }
  const { queries: searchStatements } = await captureQueries(() => anon().slots.search.query(searchInput))
  const searchPlan = await explainApp(ctx, 'slots.search', () => anon().slots.search.query(searchInput))
  const filteredPlan = await explainApp(ctx, 'slots.search (filtered)', () => anon().slots.search.query(filteredInput))
  const plan = await usesIndex(ctx.pool, floorSql, [searchRegion.id, new Date()], 'Slot')
  const search = await compare(
    ctx.national ? `slots: public search, largest national region (${ctx.national.regionSlots.toLocaleString('en-US')} slots; first 50)` : 'slots: public search, region with 20,000 slots (first 50)',
    () => anon().slots.search.query(searchInput),
    () => ctx.pool.query(floorSql, [searchRegion.id, new Date()]),
  )
  search.notes = {
    slotsInRegion: ctx.national?.regionSlots ?? 20_000 + 1,
    floorUsesIndex: plan.ok ? 'yes' : 'no',
    statements: `${searchStatements.length} (${searchStatements.map((q) => q.text.trim().split(/\s/)[0]).join(', ')}; the rate limit's write included)`,
    cpuPerCall: `app ${(await cpuPerCall(() => anon().slots.search.query(searchInput))).toFixed(1)} ms, floor ${(await cpuPerCall(() => ctx.pool.query(floorSql, [searchRegion.id, new Date()]))).toFixed(1)} ms (server + client, this process)`,
    plan: searchPlan.note,
  }
  results.push(search)
  const filtered = await compare(
    'slots: public search, region + sector + programme filter',
    () => anon().slots.search.query(filteredInput),
    () => ctx.pool.query(filteredSql, [searchRegion.id, new Date()]),
  )
  filtered.notes = {
    cpuPerCall: `app ${(await cpuPerCall(() => anon().slots.search.query(filteredInput))).toFixed(1)} ms, floor ${(await cpuPerCall(() => ctx.pool.query(filteredSql, [searchRegion.id, new Date()]))).toFixed(1)} ms (server + client, this process)`,
    plan: filteredPlan.note,
  }
  results.push(filtered)
  return results
}
