/**
 * Plan benchmark: the regional plan's dashboard (`plan.get`: every indicator computed for every school year of a
 * 4-year plan) and one year's evaluation (`plan.evaluation`), through the tRPC HTTP endpoint, for a region of 30
 * schools next to a second region of the same size (noise the scoped queries must skip): 24,000 slot bookings and
 * 2,000 published events per region over four school years, a fund grant with 2,000 reports on the goals' budget
 * lines, and the schools' self-assessments with a closed round per year. The plan has 8 goals × 3 indicators of
 * every computed kind (activity, fund, monitor) and a manual one. Of the bookings, the school's staff made some and
 * some are tied to a pupil on its class list; a quarter are public ones that only name the school (not counted).
 *
 * The floor is hand-written and independent of the app's statements: one GROUP BY per source (bookings per school
 * year, events per school year and type, approved cents per goal and line year, the region's monitor rounds with
 * their sharing count, the manual values), then the same disclosure rules applied to those few rows. The app's
 * figures are checked equal to the floor's, indicator by indicator and year by year; the app's statements are EXPLAINed.
 */
import { buildBoard, buildOrganisation, buildRegion, buildUser } from '../db/factories.ts'
import { buildFundGrant } from '../fund/factories.ts'
import { buildAssessment, ensureFramework } from '../monitor/factories.ts'
import { closeRound } from '../monitor/region.ts'
import { loadActor } from '../auth/actor.ts'
import { fromAmsterdam } from '../lib/time.ts'
import { compare, explainApp, sameRows, type BenchContext, type BenchResult } from './harness.ts'

const YEARS = [2019, 2020, 2021, 2022]
const SCHOOLS = 30
const SLOTS = 480 // per region, every 3 days from 1 September 2019
const PER_SLOT = 50
const EVENTS = 2_000 // per region
const REPORTS = 2_000
const GOALS = 8

type Config = { metric?: string; level?: string; eventType?: string; criterion?: string }
const INDICATORS: { kind: 'ACTIVITY' | 'FUND' | 'MONITOR' | 'MANUAL'; config: Config }[] = [
  { kind: 'ACTIVITY', config: { metric: 'BOOKED' } },
  { kind: 'ACTIVITY', config: { metric: 'ATTENDED', level: 'HAVO' } },
  { kind: 'ACTIVITY', config: { metric: 'SCHOOLS_REACHED' } },
  { kind: 'ACTIVITY', config: { metric: 'EVENTS', eventType: 'OPEN_DAG' } },
  { kind: 'ACTIVITY', config: { metric: 'EVENTS' } },
  { kind: 'FUND', config: { metric: 'APPROVED' } },
  { kind: 'MONITOR', config: { metric: 'MEDIAN' } },
  { kind: 'MONITOR', config: { metric: 'SHARE_3_PLUS' } },
  { kind: 'MANUAL', config: {} },
]

async function seedRegion(ctx: BenchContext, tag: string) {
  const region = await buildRegion(ctx.db)
  const schoolIds: string[] = []
  for (let i = 0; i < SCHOOLS; i++) schoolIds.push((await buildOrganisation(ctx.db, { regionIds: [region.id], sector: 'VO' })).id)
  // Per school a decaan (books on a pupil's behalf) and one pupil on the class list (the tied bookings' record).
  const staffIds: string[] = []
  for (const organisationId of schoolIds) staffIds.push((await buildUser(ctx.db, { roles: [{ role: 'ORG_STAFF', organisationId }] })).id)
  const mbo = await buildOrganisation(ctx.db, { regionIds: [region.id], sector: 'MBO' })
  const client = await ctx.pool.connect()
  try {
    // Seeding only: triggers off (the booking rules would check every inserted booking one by one).
    await client.query('SET session_replication_role = replica')
    await client.query(`INSERT INTO "SlotProgramme" (id, "organisationId", name, sector, level, code, "createdAt", "updatedAt") VALUES ($1 || '-pm', $2, 'Meeloop', 'MBO', 'MBO_4', '25001', now(), now())`, [tag, mbo.id])
    await client.query(
      `INSERT INTO "Slot" (id, "programmeId", "organisationId", "startsAt", "endsAt", location, capacity, "confirmedCount", "bookingOpensAt", "bookingClosesAt", "audienceLevels", "updatedAt")
       SELECT $1 || '-s' || g, $1 || '-pm', $2, s, s + interval '4 hours', 'Campus', 100, 0, s - interval '60 days', s - interval '1 day', ARRAY['HAVO','VWO']::"PupilLevel"[], now()
       FROM generate_series(0, ${SLOTS - 1}) g, LATERAL (SELECT timestamp '2019-09-01 08:00' + g * interval '3 days' AS s) t`,
      [tag, mbo.id],
    )
    // Booking k of slot g: school (g + k) % 30, HAVO or VWO, mostly confirmed, some present; made by the school's
    // decaan (k % 4 = 0, or 3 in an even slot), tied to its listed pupil (below: k % 4 = 2, or 3 in an odd slot) or a
    // public one naming the school (k % 4 = 1: VWO only, so HAVO stays the larger level).
    await client.query(
      `INSERT INTO "SlotBooking" (id, "slotId", "organisationId", "programmeId", "schoolId", level, year, status, attendance, "bookedById", "updatedAt")
       SELECT $1 || '-b' || g || '-' || k, $1 || '-s' || g, $2, $1 || '-pm', ($3::text[])[1 + (g + k) % ${SCHOOLS}], (ARRAY['HAVO','VWO']::"PupilLevel"[])[1 + k % 2], 4,
              (ARRAY['CONFIRMED','CONFIRMED','CONFIRMED','CANCELLED','WAITLISTED']::"SlotBookingStatus"[])[1 + (g + k) % 5],
              (ARRAY['PRESENT', NULL, 'ABSENT']::"SlotAttendance"[])[1 + (g * 3 + k) % 3], CASE WHEN k % 4 = 0 OR (k % 4 = 3 AND g % 2 = 0) THEN ($4::text[])[1 + (g + k) % ${SCHOOLS}] END, now()
       FROM generate_series(0, ${SLOTS - 1}) g, generate_series(0, ${PER_SLOT - 1}) k`,
      [tag, mbo.id, schoolIds, staffIds],
    )
    await client.query(
      `INSERT INTO "ParticipationPupil" (id, "schoolId", "schoolYear", name, email, level, year, "className", "updatedAt")
       SELECT $1 || '-p' || i, ($2::text[])[i], 2019, 'Leerling ' || i, 'leerling' || i || '@' || $1 || '.example', 'HAVO', 4, '4H', now() FROM generate_series(1, ${SCHOOLS}) i`,
      [tag, schoolIds],
    )
    await client.query(
      `INSERT INTO "ParticipationBooking" ("bookingId", "pupilId", "schoolId", "slotId")
       SELECT $1 || '-b' || g || '-' || k, $1 || '-p' || (1 + (g + k) % ${SCHOOLS}), ($2::text[])[1 + (g + k) % ${SCHOOLS}], $1 || '-s' || g
       FROM generate_series(0, ${SLOTS - 1}) g, generate_series(0, ${PER_SLOT - 1}) k WHERE k % 4 = 2 OR (k % 4 = 3 AND g % 2 = 1)`,
      [tag, schoolIds],
    )
    await client.query('SET session_replication_role = DEFAULT')
  } finally {
    client.release()
  }
  await ctx.pool.query(
    `INSERT INTO "CalendarEvent" (id, title, description, type, status, "startsAt", "endsAt", "allDay", "audienceLevels", "schoolYears", attachments, sequence, "createdAt", "updatedAt")
     SELECT $1 || '-e' || g, 'Activiteit ' || g, '', (ARRAY['OPEN_DAG','MEELOOPDAG','VOORLICHTING','STUDIEBEURS']::"CalendarEventType"[])[1 + g % 4],
            (ARRAY['PUBLISHED','PUBLISHED','PUBLISHED','CANCELLED','DRAFT']::"CalendarEventStatus"[])[1 + g % 5],
            s, s + interval '2 hours', false, ARRAY['HAVO']::"PupilLevel"[], ARRAY[4], ARRAY[]::text[], 0, now(), now()
     FROM generate_series(0, ${EVENTS - 1}) g, LATERAL (SELECT timestamp '2019-08-15 08:00' + (g % 1460) * interval '1 day' + (g % 9) * interval '1 hour' AS s) t`,
    [tag],
  )
  await ctx.pool.query(
    `INSERT INTO "CalendarEventRegion" ("eventId", "regionId", decision, "decidedAt")
     SELECT $1 || '-e' || g, $2, (ARRAY['PUBLISHED','PUBLISHED','PUBLISHED','PENDING']::"CalendarRegionDecision"[])[1 + g % 4], now() FROM generate_series(0, ${EVENTS - 1}) g`,
    [tag, region.id],
  )
  await ctx.pool.query(`INSERT INTO "CalendarEventOrganiser" ("eventId", "organisationId") SELECT $1 || '-e' || g, $2 FROM generate_series(0, ${EVENTS - 1}) g`, [tag, mbo.id])
  return { region, schoolIds, mbo }
}

async function seed(ctx: BenchContext) {
  const a = await seedRegion(ctx, 'pa')
  const b = await seedRegion(ctx, 'pb')
  const coordinator = await buildUser(ctx.db, { roles: [{ role: 'REGION_COORDINATOR', regionId: a.region.id }] })
  const coordinatorB = await buildUser(ctx.db, { roles: [{ role: 'REGION_COORDINATOR', regionId: b.region.id }] })

  // Fund: a grant of region A, 10 budget lines per year, 2,000 reports on them (half approved).
  const grant = await buildFundGrant(ctx.db, { regionId: a.region.id, penvoerderId: a.mbo.id, allocations: { 2019: 20_000_000, 2020: 20_000_000, 2021: 20_000_000, 2022: 20_000_000 } })
  const board = (await buildBoard(ctx.db)).id
  await ctx.pool.query(
    `INSERT INTO "FundBudgetLine" (id, "grantId", year, activity, category, "amountCents", "createdAt", "updatedAt")
     SELECT $1 || '-l' || g, $1, ${YEARS[0]} + g % 4, 'Activiteit ' || g, 'ACTIVITIES', 500000 + g * 1013, now(), now() FROM generate_series(0, 39) g`,
    [grant.id],
  )
  await ctx.pool.query(`INSERT INTO "FundBudgetLineBoard" ("budgetLineId", "boardId") SELECT $1 || '-l' || g, $2 FROM generate_series(0, 39) g`, [grant.id, board])
  await ctx.pool.query(
    `INSERT INTO "FundReport" (id, "budgetLineId", "boardId", "amountCents", "coFinancedCents", "spentOn", description, category, status, version, "createdAt", "updatedAt")
     SELECT $1 || '-r' || g, $1 || '-l' || (g % 40), $2, 1000 + (g * 7919) % 500000, 0, make_date(${YEARS[0]} + (g % 40) % 4, 1 + g % 12, 1 + g % 28), 'Besteding ' || g, 'ACTIVITIES',
            (ARRAY['SUBMITTED','APPROVED','APPROVED','REJECTED']::"FundReportStatus"[])[1 + g % 4], 1, now(), now()
     FROM generate_series(0, ${REPORTS - 1}) g`,
    [grant.id, board],
  )

  // Monitor: every school of both regions assesses each year (scores vary by school, criterion and year); the
  // rounds of 2019–2021 are closed, 2022 stays open (no data).
  const fw = await ensureFramework(ctx.db)
  const codes = fw.sections.flatMap((s) => s.criteria.map((c) => c.code))
  for (const [r, side] of [a, b].entries())
    for (const year of YEARS)
      for (const [i, organisationId] of side.schoolIds.entries()) await buildAssessment(ctx.db, { organisationId, schoolYear: year, score: (_code, j) => 1 + ((i + j + year + r) % 4) })
  for (const [userId, side] of [[coordinator.id, a], [coordinatorB.id, b]] as const) {
    const actor = (await loadActor(ctx.db, userId))!
    for (const year of YEARS.slice(0, 3)) await closeRound(ctx.db, actor, { regionId: side.region.id, schoolYear: year })
  }

  // The plan: 8 goals, 3 indicators each (cycling through the kinds), each goal linked to the year's budget lines.
  const themes = await ctx.db.planTheme.findMany({ select: { id: true } })
  const plan = await ctx.db.plan.create({ data: { regionId: a.region.id, title: 'Ambitieagenda (bench)', startYear: YEARS[0]!, endYear: YEARS.at(-1)!, version: 1, adoptedAt: new Date() } })
  for (let g = 0; g < GOALS; g++) {
    const goal = await ctx.db.planGoal.create({ data: { planId: plan.id, themeId: themes[g % themes.length]!.id, title: `Doel ${g + 1}`, position: g } })
    await ctx.db.planGoalBudgetLine.createMany({ data: Array.from({ length: 5 }, (_, k) => ({ goalId: goal.id, budgetLineId: `${grant.id}-l${(g * 5 + k) % 40}` })) })
    for (let k = 0; k < 3; k++) {
      const spec = INDICATORS[(g * 3 + k) % INDICATORS.length]!
      const config = spec.kind === 'MONITOR' ? { ...spec.config, criterion: codes[(g + k) % codes.length]! } : spec.config
      await ctx.db.planIndicator.create({
        data: {
          goalId: goal.id,
          name: `Indicator ${g + 1}.${k + 1}`,
          kind: spec.kind,
          config,
          sourceNote: spec.kind === 'MANUAL' ? 'Telling' : null,
          targets: { create: YEARS.map((year) => ({ year, value: 10 + year - YEARS[0]! })) },
          manualValues: spec.kind === 'MANUAL' ? { create: YEARS.slice(0, 2).map((year) => ({ year, value: g * 10 + year - YEARS[0]!, sourceNote: 'Telling' })) } : undefined,
        },
      })
    }
  }
  await ctx.db.planEvaluation.create({ data: { planId: plan.id, year: 2020, openedById: coordinator.id } })
  await ctx.pool.query('ANALYZE "SlotBooking"; ANALYZE "ParticipationBooking"; ANALYZE "ParticipationPupil"; ANALYZE "Slot"; ANALYZE "CalendarEvent"; ANALYZE "CalendarEventRegion"; ANALYZE "FundReport"; ANALYZE "MonitorAssessment"; ANALYZE "OrganisationRegion"')
  return { planId: plan.id, regionId: a.region.id, coordinatorId: coordinator.id }
}

type Cell = [indicatorId: string, year: number, value: number | null, suppressed: boolean]

/**
 * The floor: the same figures from hand-written SQL — one statement per source — and the disclosure rules
 * (≤ 5 masked for a level; monitor: closed round, ≥ 3 schools, not 1–2 hidden by the sharing ones, ≥ 3 per criterion).
 * Bookings: only those the school vouches for — made by a signed-in user (its staff) or tied to a pupil of its class
 * list; no school consented to being named, so the schools are one part of the total and schools reached is shown.
 */
async function floor(ctx: BenchContext, planId: string, regionId: string, years: number[]): Promise<Cell[]> {
  const from = fromAmsterdam(`${years[0]}-08-01`)
  const to = fromAmsterdam(`${years.at(-1)! + 1}-08-01`)
  const schoolYear = (col: string) => `extract(year from ((${col} AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Amsterdam') - interval '7 months')::int`
  const [indicators, bookings, events, fund, rounds] = await Promise.all([
    ctx.pool.query<{ id: string; goalId: string; kind: string; config: Config; manual: { year: number; value: number }[] | null }>(
      `SELECT i.id, i."goalId", i.kind::text, i.config, (SELECT json_agg(json_build_object('year', m.year, 'value', m.value)) FROM "PlanManualValue" m WHERE m."indicatorId" = i.id) AS manual
         FROM "PlanIndicator" i JOIN "PlanGoal" g ON g.id = i."goalId" WHERE g."planId" = $1`,
      [planId],
    ),
    ctx.pool.query<{ y: number; booked: number; attended_havo: number; schools: number }>(
      `SELECT ${schoolYear('s."startsAt"')} AS y, count(*)::int AS booked,
              count(*) FILTER (WHERE b.level = 'HAVO' AND b.attendance = 'PRESENT')::int AS attended_havo, count(DISTINCT b."schoolId")::int AS schools
         FROM "SlotBooking" b JOIN "Slot" s ON s.id = b."slotId"
         LEFT JOIN "ParticipationBooking" t ON t."bookingId" = b.id AND t."schoolId" = b."schoolId"
        WHERE b.status = 'CONFIRMED' AND s."startsAt" >= $2 AND s."startsAt" < $3
          AND b."schoolId" IN (SELECT "organisationId" FROM "OrganisationRegion" WHERE "regionId" = $1)
          AND (b."bookedById" IS NOT NULL OR t."bookingId" IS NOT NULL)
        GROUP BY 1`,
      [regionId, from, to],
    ),
    ctx.pool.query<{ y: number; type: string; n: number }>(
      `SELECT ${schoolYear('e."startsAt"')} AS y, e.type::text, count(*)::int AS n
         FROM "CalendarEvent" e JOIN "CalendarEventRegion" r ON r."eventId" = e.id AND r."regionId" = $1 AND r.decision = 'PUBLISHED'
        WHERE e.status = 'PUBLISHED' AND e."startsAt" >= $2 AND e."startsAt" < $3
        GROUP BY 1, 2`,
      [regionId, from, to],
    ),
    ctx.pool.query<{ goalId: string; year: number; approved: string | null }>(
      `SELECT gl."goalId", l.year, sum(r."amountCents") FILTER (WHERE r.status = 'APPROVED') AS approved
         FROM "PlanGoalBudgetLine" gl JOIN "PlanGoal" g ON g.id = gl."goalId" JOIN "FundBudgetLine" l ON l.id = gl."budgetLineId"
         LEFT JOIN "FundReport" r ON r."budgetLineId" = l.id
        WHERE g."planId" = $1 GROUP BY 1, 2`,
      [planId],
    ),
    ctx.pool.query<{ schoolYear: number; counts: Record<string, number[]>; contributors: number; sharing: number }>(
      `SELECT r."schoolYear", r.counts, cardinality(r."organisationIds") AS contributors,
              (SELECT count(*)::int FROM "MonitorAssessment" a WHERE a."schoolYear" = r."schoolYear" AND a.status = 'SUBMITTED' AND a."sharedWithRegion" AND a."organisationId" = ANY (r."organisationIds")) AS sharing
         FROM "MonitorRegionRound" r WHERE r."regionId" = $1 AND r."schoolYear" BETWEEN $2 AND $3`,
      [regionId, years[0], years.at(-1)],
    ),
  ])
  const out: Cell[] = []
  const masked = (n: number): [number | null, boolean] => (n <= 5 ? [null, true] : [n, false])
  for (const ind of indicators.rows) {
    const c = ind.config
    for (const year of years) {
      let cell: [number | null, boolean] = [null, false]
      if (ind.kind === 'ACTIVITY') {
        const b = bookings.rows.find((r) => r.y === year)
        if (c.metric === 'BOOKED') cell = [b?.booked ?? 0, false]
        else if (c.metric === 'ATTENDED') cell = masked(b?.attended_havo ?? 0)
        else if (c.metric === 'SCHOOLS_REACHED') cell = [b?.schools ?? 0, false]
        else if (c.metric === 'EVENTS') cell = [events.rows.filter((e) => e.y === year && (!c.eventType || e.type === c.eventType)).reduce((s, e) => s + e.n, 0), false]
      } else if (ind.kind === 'FUND') {
        const f = fund.rows.find((r) => r.goalId === ind.goalId && r.year === year)
        cell = f ? [Number(f.approved ?? 0), false] : [null, false]
      } else if (ind.kind === 'MONITOR') {
        const r = rounds.rows.find((x) => x.schoolYear === year)
        const hidden = r ? r.contributors - r.sharing : 0
        const counts = r?.counts[c.criterion!]
        const n = counts ? counts.reduce((s, x) => s + x, 0) : 0
        if (!r) cell = [null, false]
        else if (r.contributors < 3 || (hidden > 0 && hidden < 3)) cell = [null, true]
        else if (!counts) cell = [null, false]
        else if (n < 3) cell = [null, true]
        else if (c.metric === 'SHARE_3_PLUS') cell = [Math.round(((counts[2]! + counts[3]!) / n) * 1000) / 10, false]
        else {
          const levels = counts.flatMap((k, i) => Array<number>(k).fill(i + 1))
          cell = [n % 2 ? levels[(n - 1) / 2]! : (levels[n / 2 - 1]! + levels[n / 2]!) / 2, false]
        }
      } else {
        const m = ind.manual?.find((x) => x.year === year)
        cell = m ? [m.value, false] : [null, false]
      }
      out.push([ind.id, year, ...cell])
    }
  }
  return out
}

export async function benchPlan(ctx: BenchContext): Promise<BenchResult[]> {
  const s = await seed(ctx)
  const coordinator = ctx.client(s.coordinatorId)
  const dashboard = await coordinator.plan.get.query({ planId: s.planId })
  const appCells: Cell[] = dashboard.goals.flatMap((g) => g.indicators.flatMap((i) => i.cells.map((c): Cell => [i.id, c.year, c.actual, c.suppressed])))
  const floorCells = await floor(ctx, s.planId, s.regionId, YEARS)
  const n = floorCells.filter((c) => c[2] !== null).length
  sameRows('plan.get (dashboard) vs floor', appCells, floorCells)
  const evaluation = await coordinator.plan.evaluation.query({ planId: s.planId, year: 2020 })
  sameRows(
    'plan.evaluation 2020 vs floor',
    evaluation.goals.flatMap((g) => g.indicators.map((i): Cell => [i.id, 2020, i.actual, i.suppressed])),
    floorCells.filter((c) => c[1] === 2020),
  )
  const dashPlan = await explainApp(ctx, 'plan.get', () => coordinator.plan.get.query({ planId: s.planId }))
  const evalPlan = await explainApp(ctx, 'plan.evaluation', () => coordinator.plan.evaluation.query({ planId: s.planId, year: 2020 }))
  const indicators = GOALS * 3
  const dash = await compare(
    `plan: dashboard, ${indicators} indicators × ${YEARS.length} school years (activity, fund, monitor, manual); region of ${SCHOOLS} schools, ${(SLOTS * PER_SLOT * 2).toLocaleString('en-US')} bookings, ${(EVENTS * 2).toLocaleString('en-US')} events`,
    () => coordinator.plan.get.query({ planId: s.planId }),
    () => floor(ctx, s.planId, s.regionId, YEARS),
    30,
  )
  const ev = await compare(`plan: evaluation of one school year (${indicators} indicators)`, () => coordinator.plan.evaluation.query({ planId: s.planId, year: 2020 }), () => floor(ctx, s.planId, s.regionId, [2020]), 30)
  return [
    { ...dash, notes: { cells: appCells.length, withValue: n, floor: 'hand-written, one GROUP BY per source + disclosure rules, same figures checked', plan: dashPlan.note } },
    { ...ev, notes: { plan: evalPlan.note } },
  ]
}
