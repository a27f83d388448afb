/**
 * Calendar benchmarks: a database of 50,000 published events over one year in 10 regions, one region holding
 * 5,000, plus 20,000 proefstudeer/meeloop slots of 10 institutions (one in that region: 2,000 slots), which the
 * calendar shows next to the events. Month view (`calendar.range`) and list page (`calendar.list`) of that region
 * through the tRPC HTTP endpoint, next to the same rows read with one bare SQL statement (the floor), and the
 * query plans (no Seq Scan on CalendarEvent or Slot). Data is bulk-inserted with generate_series.
 * The app's side: one statement over the pool writes the entries' JSON (server/calendar/query-entries.ts), which the
 * response carries as it is (`jsonText`, server/api/transformer.ts); the client parses it once and revives the Dates,
 * as the floor's pg parses its JSON once. The floors are unchanged.
 */
import { buildOrganisation, buildRegion, buildUser } from '../db/factories.ts'
import { compare, cpuPerCall, explainApp, sameRows, usesIndex, type BenchContext, type BenchResult } from './harness.ts'
import { fromAmsterdam } from '../lib/time.ts'
import { MAX_EVENT_MS } from '../calendar/time.ts'
import { MAX_SLOT_MS } from '../calendar/slot-entries.ts'

const TOTAL = 50_000
const REGIONS = 10 // region 0 holds TOTAL / REGIONS = 5,000 events
const SLOTS = 20_000 // institution g % 10 (one per region) holds slot g
const LEVELS = `ARRAY['havo','vwo','vmbo-gt','mbo-4']`

async function seed(ctx: BenchContext) {
  const regions = []
  for (let i = 0; i < REGIONS; i++) {
    const region = await buildRegion(ctx.db)
    const org = await buildOrganisation(ctx.db, { regionIds: [region.id], sector: i % 2 ? 'MBO' : 'VO' })
    const institution = await buildOrganisation(ctx.db, { regionIds: [region.id], sector: 'HBO' })
    const programme = await ctx.db.slotProgramme.create({ data: { organisationId: institution.id, name: `Opleiding ${i}`, sector: 'HBO', level: 'BACHELOR', code: '34808' } })
    regions.push({ region, org, institution, programme })
  }
  const institutions = regions.map((r) => `'${r.institution.id}'`).join(',')
  const programmes = regions.map((r) => `'${r.programme.id}'`).join(',')
  await ctx.pool.query(`
    INSERT INTO "Slot" (id, "programmeId", "organisationId", "startsAt", "endsAt", location, capacity, "confirmedCount", "bookingOpensAt", "bookingClosesAt", "audienceLevels", status, "createdAt", "updatedAt")
    SELECT 'benchslot' || g, (ARRAY[${programmes}])[1 + g % ${REGIONS}], (ARRAY[${institutions}])[1 + g % ${REGIONS}],
           s, s + interval '3 hours', 'Campus', 20, g % 21, s - interval '60 days', s - interval '1 day', ARRAY['HAVO','VWO']::"PupilLevel"[], 'PUBLISHED', now(), now()
    FROM generate_series(0, ${SLOTS - 1}) g, LATERAL (SELECT timestamp '2027-01-01 09:00' + ((g / ${REGIONS}) % 365) * interval '1 day' + (g % 3) * interval '2 hours' AS s) t`)
  const ids = regions.map((r) => `'${r.region.id}'`).join(',')
  const orgs = regions.map((r) => `'${r.org.id}'`).join(',')
  // Event g belongs to region g % 10; events spread over 2027 (every day, 08:00–20:00 UTC starts, 2–3 hours).
  await ctx.pool.query(`
    INSERT INTO "CalendarEvent" (id, title, description, type, status, "startsAt", "endsAt", "allDay", "audienceLevels", "schoolYears", attachments, sequence, "createdAt", "updatedAt")
    SELECT 'bench' || g, 'Activiteit ' || g, '', (ARRAY['OPEN_DAG','MEELOOPDAG','VOORLICHTING','STUDIEBEURS']::"CalendarEventType"[])[1 + g % 4], 'PUBLISHED',
           s, s + interval '2 hours' + (g % 2) * interval '1 hour', false,
           ARRAY[(${LEVELS})[1 + g % 4], (${LEVELS})[1 + (g / 4) % 4]], ARRAY[3, 4], ARRAY[]::text[], 0, now(), now()
    FROM generate_series(0, ${TOTAL - 1}) g, LATERAL (SELECT timestamp '2027-01-01 08:00' + ((g / ${REGIONS}) % 365) * interval '1 day' + (g % 12) * interval '1 hour' AS s) t`)
  await ctx.pool.query(`
    INSERT INTO "CalendarEventRegion" ("eventId", "regionId", decision, "decidedAt")
    SELECT 'bench' || g, (ARRAY[${ids}])[1 + g % ${REGIONS}], 'PUBLISHED', now() FROM generate_series(0, ${TOTAL - 1}) g`)
  await ctx.pool.query(`
    INSERT INTO "CalendarEventOrganiser" ("eventId", "organisationId")
    SELECT 'bench' || g, (ARRAY[${orgs}])[1 + g % ${REGIONS}] FROM generate_series(0, ${TOTAL - 1}) g`)
  await ctx.pool.query('ANALYZE "CalendarEvent"; ANALYZE "CalendarEventRegion"; ANALYZE "CalendarEventOrganiser"; ANALYZE "Slot"')
  const coordinator = await buildUser(ctx.db, { roles: [{ role: 'REGION_COORDINATOR', regionId: regions[0]!.region.id }] })
  return { regionId: regions[0]!.region.id, userId: coordinator.id }
}

/** The month/list events in one statement: what `calendar.range` / `calendar.list` return for events (the fields the views show). */
const EVENTS_SQL = (tail: string) => `
  SELECT e.id, e.title, e.type, e.status, e."startsAt", e."endsAt", e."allDay", e."locationAddress", e."onlineUrl", e."audienceLevels",
         (SELECT json_agg(json_build_object('id', o.id, 'name', o.name)) FROM "CalendarEventOrganiser" eo JOIN "Organisation" o ON o.id = eo."organisationId" WHERE eo."eventId" = e.id) AS organisers
  FROM "CalendarEvent" e
  WHERE e.status IN ('PUBLISHED', 'CANCELLED')
    AND e.id IN (SELECT r."eventId" FROM "CalendarEventRegion" r WHERE r."regionId" = $1 AND r.decision = 'PUBLISHED')
    ${tail}`
/** The same for the slots of the region's institutions. */
const SLOTS_SQL = (tail: string) => `
  SELECT s.id, p.name, p.sector, s.status, s."startsAt", s."endsAt", s.location, s.capacity, s."confirmedCount", s."audienceLevels", o.name AS organisation, o.brin
  FROM "Slot" s JOIN "SlotProgramme" p ON p.id = s."programmeId" JOIN "Organisation" o ON o.id = s."organisationId"
  WHERE s.status IN ('PUBLISHED', 'CANCELLED') AND o.sector IN ('MBO', 'HBO', 'WO')
    AND s."organisationId" IN (SELECT m."organisationId" FROM "OrganisationRegion" m WHERE m."regionId" = $1)
    ${tail}`
/** Both in one statement (the floor): events and slots as two JSON arrays. */
const FLOOR_SQL = (events: string, slots: string) => `SELECT (SELECT json_agg(x) FROM (${EVENTS_SQL(events)}) x) AS events, (SELECT json_agg(y) FROM (${SLOTS_SQL(slots)}) y) AS slots`
const MONTH_SQL = FLOOR_SQL(
  `AND e."startsAt" >= $2 AND e."startsAt" < $3 AND e."endsAt" > $4 ORDER BY e."startsAt", e.id LIMIT 2000`,
  `AND s."startsAt" >= $5 AND s."startsAt" < $3 AND s."endsAt" > $4 ORDER BY s."startsAt", s.id LIMIT 2000`,
)
/** The list page's floor: exactly the page the app returns — events and slots merged by (start, id), 50 rows. */
const LIST_SQL = `
  SELECT u.j FROM (
    (SELECT to_jsonb(x) AS j, x."startsAt", x.id FROM (${EVENTS_SQL(`AND e."startsAt" >= $2 ORDER BY e."startsAt", e.id LIMIT 50`)}) x)
    UNION ALL
    (SELECT to_jsonb(y), y."startsAt", y.id FROM (${SLOTS_SQL(`AND s."startsAt" >= $2 ORDER BY s."startsAt", s.id LIMIT 50`)}) y)
  ) u ORDER BY u."startsAt", u.id LIMIT 50`
const floorRows = (r: { rows: { events: unknown[] | null; slots: unknown[] | null }[] }) => (r.rows[0]!.events?.length ?? 0) + (r.rows[0]!.slots?.length ?? 0)

export async function benchCalendar(ctx: BenchContext): Promise<BenchResult[]> {
  const t0 = performance.now()
  // --national: the national data set's largest region instead of the calendar's own 10 regions.
  const { regionId, userId } = ctx.national ? { regionId: ctx.national.regionId, userId: ctx.national.coordinatorId } : await seed(ctx)
  const scope = ctx.national ? `largest region of the national set: ${ctx.national.regionEvents.toLocaleString('en-US')} events, ${ctx.national.regionSlots.toLocaleString('en-US')} slots` : 'region of 5,000 / 50,000 events + 2,000 / 20,000 slots'
  const setupMs = Math.round(performance.now() - t0)
  const client = ctx.client(userId)
  const from = fromAmsterdam('2027-03-01')
  const to = fromAmsterdam('2027-04-01')
  const monthParams = [regionId, new Date(from.getTime() - MAX_EVENT_MS), to, from, new Date(from.getTime() - MAX_SLOT_MS)]
  const listParams = [regionId, from]

  const monthApp = await client.calendar.range.query({ regionId, from: '2027-03-01', to: '2027-04-01', types: [] })
  const monthCount = monthApp.length
  const monthFloor = (await ctx.pool.query(MONTH_SQL, monthParams)).rows[0] as { events: { id: string }[] | null; slots: { id: string }[] | null }
  if (monthCount !== floorRows({ rows: [monthFloor] })) throw new Error(`month view: API ${monthCount} rows, SQL floor ${floorRows({ rows: [monthFloor] })}`)
  // the same rows, not only as many
  sameRows('calendar month view vs floor', monthApp.map((e) => e.id), [...(monthFloor.events ?? []), ...(monthFloor.slots ?? [])].map((e) => e.id))
  const listApp = await client.calendar.list.query({ regionId, from: '2027-03-01', limit: 50, types: [] })
  const listFloor = (await ctx.pool.query<{ j: { id: string } }>(LIST_SQL, listParams)).rows.map((r) => r.j.id)
  sameRows('calendar list page vs floor', listApp.items.map((e) => e.id), listFloor)
  // and the app's own statements (captured while it answers) read no large table by a Seq Scan
  const monthApp2 = await explainApp(ctx, 'calendar.range', () => client.calendar.range.query({ regionId, from: '2027-03-01', to: '2027-04-01', types: [] }))
  const listApp2 = await explainApp(ctx, 'calendar.list', () => client.calendar.list.query({ regionId, from: '2027-03-01', limit: 50, types: [] }))

  const plans = async (sql: string, params: unknown[]) => {
    const [events, slots] = [await usesIndex(ctx.pool, sql, params, 'CalendarEvent'), await usesIndex(ctx.pool, sql, params, 'Slot')]
    return { ok: events.ok && slots.ok, plan: events.plan }
  }
  const [monthPlan, listPlan] = [await plans(MONTH_SQL, monthParams), await plans(LIST_SQL, listParams)]
  for (const [name, p] of [['month', monthPlan], ['list', listPlan]] as const) {
    if (!p.ok) console.error(`calendar ${name} plan has a Seq Scan on CalendarEvent or Slot:\n${p.plan}`)
  }

  const month = await compare(
    `calendar month view (${scope})`,
    () => client.calendar.range.query({ regionId, from: '2027-03-01', to: '2027-04-01', types: [] }),
    () => ctx.pool.query(MONTH_SQL, monthParams),
  )
  const cpu = async (app: () => Promise<unknown>, floor: () => Promise<unknown>) => `app ${(await cpuPerCall(app)).toFixed(1)} ms, floor ${(await cpuPerCall(floor)).toFixed(1)} ms (server + client, this process)`
  month.notes = {
    rows: monthCount,
    usesIndex: String(monthPlan.ok),
    setupMs,
    cpuPerCall: await cpu(() => client.calendar.range.query({ regionId, from: '2027-03-01', to: '2027-04-01', types: [] }), () => ctx.pool.query(MONTH_SQL, monthParams)),
    plan: monthApp2.note,
  }
  const list = await compare(
    'calendar list page (50, same region)',
    () => client.calendar.list.query({ regionId, from: '2027-03-01', limit: 50, types: [] }),
    () => ctx.pool.query(LIST_SQL, listParams),
  )
  list.notes = {
    rows: listApp.items.length,
    floorRows: listFloor.length,
    usesIndex: String(listPlan.ok),
    cpuPerCall: await cpu(() => client.calendar.list.query({ regionId, from: '2027-03-01', limit: 50, types: [] }), () => ctx.pool.query(LIST_SQL, listParams)),
    plan: listApp2.note,
  }
  return [month, list]
}

/** For the read-replica benchmark (server/bench/replica.ts): the same data set and month floor. */
export { seed as seedCalendar, MONTH_SQL }
