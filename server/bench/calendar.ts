/**
 * Calendar benchmarks: a database of 50,000 published events over one year in 10 regions, one region holding
 * 5,000, plus 20,000 proefstudeer/meeloop slots of 10 institutions (one in that region: 2,000 slots), which the
 * calendar shows next to the events. Month view (`calendar.range`) and list page (`calendar.list`) of that region
 * through the tRPC HTTP endpoint, next to the same rows read with one bare SQL statement (the floor), and the
 * query plans (no Seq Scan on CalendarEvent or Slot). Data is bulk-inserted with generate_series.
 */
import { buildOrganisation, buildRegion, buildUser } from '../db/factories.ts'
import { compare, usesIndex, type BenchContext, type BenchResult } from './harness.ts'
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

/** The month/list events in one statement: what `calendar.range` / `calendar.list` return for events. */
const EVENTS_SQL = (tail: string) => `
  SELECT e.id, e.title, e.type, e.status, e."startsAt", e."endsAt", e."allDay", e."locationAddress", e."onlineUrl", e."audienceLevels",
         e."schoolYears", e."registrationUrl",
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
const LIST_SQL = FLOOR_SQL(`AND e."startsAt" >= $2 ORDER BY e."startsAt", e.id LIMIT 51`, `AND s."startsAt" >= $2 ORDER BY s."startsAt", s.id LIMIT 51`)
const floorRows = (r: { rows: { events: unknown[] | null; slots: unknown[] | null }[] }) => (r.rows[0]!.events?.length ?? 0) + (r.rows[0]!.slots?.length ?? 0)

export async function benchCalendar(ctx: BenchContext): Promise<BenchResult[]> {
  const t0 = performance.now()
  const { regionId, userId } = await seed(ctx)
  const setupMs = Math.round(performance.now() - t0)
  const client = ctx.client(userId)
  const from = fromAmsterdam('2027-03-01')
  const to = fromAmsterdam('2027-04-01')
  const monthParams = [regionId, new Date(from.getTime() - MAX_EVENT_MS), to, from, new Date(from.getTime() - MAX_SLOT_MS)]
  const listParams = [regionId, from]

  const monthCount = (await client.calendar.range.query({ regionId, from: '2027-03-01', to: '2027-04-01', types: [] })).length
  const floorCount = floorRows(await ctx.pool.query(MONTH_SQL, monthParams))
  if (monthCount !== floorCount) throw new Error(`month view: API ${monthCount} rows, SQL floor ${floorCount}`)

  const plans = async (sql: string, params: unknown[]) => {
    const [events, slots] = [await usesIndex(ctx.pool, sql, params, 'CalendarEvent'), await usesIndex(ctx.pool, sql, params, 'Slot')]
    return { ok: events.ok && slots.ok, plan: events.plan }
  }
  const [monthPlan, listPlan] = [await plans(MONTH_SQL, monthParams), await plans(LIST_SQL, listParams)]
  for (const [name, p] of [['month', monthPlan], ['list', listPlan]] as const) {
    if (!p.ok) console.error(`calendar ${name} plan has a Seq Scan on CalendarEvent or Slot:\n${p.plan}`)
  }

  const month = await compare(
    'calendar month view (region of 5,000 / 50,000 events + 2,000 / 20,000 slots)',
    () => client.calendar.range.query({ regionId, from: '2027-03-01', to: '2027-04-01', types: [] }),
    () => ctx.pool.query(MONTH_SQL, monthParams),
  )
  month.notes = { rows: monthCount, usesIndex: String(monthPlan.ok), setupMs }
  const list = await compare(
    'calendar list page (50, same region)',
    () => client.calendar.list.query({ regionId, from: '2027-03-01', limit: 50, types: [] }),
    () => ctx.pool.query(LIST_SQL, listParams),
  )
  list.notes = { rows: 50, usesIndex: String(listPlan.ok) }
  return [month, list]
}
