import { randomBytes } from 'node:crypto'
import { buildOrganisation, buildRegion, buildUser } from '../db/factories.ts'
import { compare, percentile, type BenchContext, type BenchResult } from './harness.ts'

const DAY = 86_400_000
/** A name has no digits (slots/schema.ts zPupilName): 12 → "bc". */
const letters = (n: number) => [...String(n)].map((d) => 'abcdefghij'[Number(d)]).join('')

/**
 * Benchmarks of the registration domain (the shared booking engine):
 *  (a) 300 concurrent public registrations over HTTP for one session of capacity 40 (each from its own client address
 *      and mail domain): throughput, latency, and proof that exactly 40 places are held and 260 waitlisted;
 *  (b) the check-in search by name on a session with 5,000 registrants, over HTTP as the organiser, next to a bare
 *      SQL floor.
 */
export async function benchRegistration(ctx: BenchContext): Promise<BenchResult[]> {
  const { db } = ctx
  const region = await buildRegion(db, { name: 'Bench regio aanmelding', slug: `bench-reg-${Date.now().toString(36)}` })
  const school = await buildOrganisation(db, { regionIds: [region.id], sector: 'VO' })
  const mbo = await buildOrganisation(db, { regionIds: [region.id], sector: 'MBO' })
  const organiser = await buildUser(db, { roles: [{ role: 'INSTITUTION_PUBLISHER', organisationId: mbo.id }] })
  const now = Date.now()
  const makeEvent = async (title: string, capacity: number) => {
    const startsAt = new Date(now + 20 * DAY)
    const event = await db.calendarEvent.create({
      data: { title, type: 'NETWERKWEEK', status: 'PUBLISHED', startsAt, endsAt: new Date(startsAt.getTime() + 8 * 3_600_000), audienceLevels: [], schoolYears: [], organisers: { create: { organisationId: mbo.id } }, regions: { create: { regionId: region.id, decision: 'PUBLISHED' } } },
    })
    await ctx.client(organiser.id).registration.setup.mutate({ eventId: event.id, audiences: [{ kind: 'PUPIL', levels: [], schoolYears: [], maxPartySize: 1, capacity: null }], sessions: [], capacity })
    const session = await db.registrationSession.findFirstOrThrow({ where: { registration: { eventId: event.id } } })
    return { event, session }
  }

  // (a) registration rush on one session
  const rush = await makeEvent('Bench netwerkweek', 40)
  const latencies: number[] = []
  const quiet = console.log
  console.log = () => {}
  const t0 = performance.now()
  const outcomes = await Promise.allSettled(
    Array.from({ length: 300 }, async (_, i) => {
      const client = ctx.client(null, `10.97.${Math.floor(i / 250)}.${(i % 250) + 1}`)
      const s = performance.now()
      const r = await client.registration.register.mutate({ eventId: rush.event.id, audience: 'PUPIL', name: `Leerling ${letters(i)}`, email: `pupil@reg-${i}.example.test`, schoolId: school.id, level: 'HAVO', year: 4, partySize: 1, sessionIds: [rush.session.id] })
      latencies.push(performance.now() - s)
      return r.seats[0]!.status
    }),
  )
  const wall = performance.now() - t0
  console.log = quiet
  const failed = outcomes.filter((o) => o.status === 'rejected')
  if (failed.length) throw new Error(`${failed.length} registration requests failed`, { cause: (failed[0] as PromiseRejectedResult).reason })
  const [held, waitlisted, row] = await Promise.all([
    db.registrationSeat.count({ where: { sessionId: rush.session.id, status: 'PENDING' } }),
    db.registrationSeat.count({ where: { sessionId: rush.session.id, status: 'WAITLISTED' } }),
    db.registrationSession.findUniqueOrThrow({ where: { id: rush.session.id } }),
  ])
  if (held !== 40 || waitlisted !== 260 || row.confirmedCount !== 40) throw new Error(`capacity violated: ${held} held, ${waitlisted} waitlisted, count ${row.confirmedCount}`)
  const results: BenchResult[] = [
    {
      name: 'registration: 300 concurrent registrations (HTTP), one session of 40',
      n: 300,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      notes: { throughput: `${((300 / wall) * 1000).toFixed(0)} req/s`, wall: `${wall.toFixed(0)} ms`, held, waitlisted, sessionConfirmedCount: row.confirmedCount },
    },
  ]

  // (b) check-in search over 5,000 registrants of one session
  const big = await makeEvent('Bench open dag', 6000)
  for (let chunk = 0; chunk < 5; chunk++) {
    const registrants = Array.from({ length: 1000 }, (_, k) => {
      const i = chunk * 1000 + k
      return { id: `bench-r-${big.session.id}-${i}`, registrationId: big.session.registrationId, audience: 'PUPIL' as const, name: `Leerling ${letters(i)} ${['de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit'][i % 5]}`, email: `p${i}@bench.example.test`, schoolId: school.id, level: 'HAVO' as const, year: 4, tokenHash: randomBytes(32).toString('hex'), checkinCode: randomBytes(16).toString('base64url') }
    })
    await db.registrant.createMany({ data: registrants })
    await db.registrationSeat.createMany({ data: registrants.map((r) => ({ registrantId: r.id, sessionId: big.session.id, status: 'CONFIRMED' as const, places: 1 })) })
  }
  // The session is today (from an hour ago): a check-in counts on the session's own day only.
  await db.registrationSession.update({ where: { id: big.session.id }, data: { confirmedCount: 5000, startsAt: new Date(Date.now() - 3_600_000), endsAt: new Date(Date.now() + 7 * 3_600_000) } })
  await ctx.pool.query('ANALYZE "Registrant"; ANALYZE "RegistrationSeat"')
  const floorSql = `
    SELECT r."id", r."name", s."places", s."attendance" FROM "RegistrationSeat" s JOIN "Registrant" r ON r."id" = s."registrantId"
    WHERE s."sessionId" = $1 AND s."status" IN ('CONFIRMED', 'PENDING', 'OFFERED') AND r."name" ILIKE $2
    ORDER BY r."name" LIMIT 20`
  const organiserClient = ctx.client(organiser.id)
  const search = await compare(
    'registration: check-in search by name, session with 5,000 registrants',
    () => organiserClient.registration.checkinSearch.query({ sessionId: big.session.id, q: 'bakker' }),
    () => ctx.pool.query(floorSql, [big.session.id, '%bakker%']),
  )
  search.notes = { registrants: 5000 }
  results.push(search)
  const first = await organiserClient.registration.checkIn.mutate({ sessionId: big.session.id, registrantId: `bench-r-${big.session.id}-42` })
  if (first.result !== 'CHECKED_IN') throw new Error(`check-in bench: the first scan answered ${first.result}`)
  const scan = await compare(
    'registration: check-in by QR code (second scan, ALREADY), session with 5,000 registrants',
    () => organiserClient.registration.checkIn.mutate({ sessionId: big.session.id, registrantId: `bench-r-${big.session.id}-42` }),
    () => ctx.pool.query(`UPDATE "RegistrationSeat" SET "checkedInAt" = "checkedInAt" WHERE "sessionId" = $1 AND "registrantId" = $2 AND "attendance" = 'PRESENT'`, [big.session.id, `bench-r-${big.session.id}-42`]),
  )
  results.push(scan)
  return results
}
