/**
 * The plan's activity and fund figures come from one grouped statement per source for all school years
 * (server/plan/indicators.ts). This test checks them against the previous computation — Prisma groupBy per school
 * year, kept here as the reference, masked with the same `maskBookings` — on varied data: every level and metric,
 * small counts (≤ 5) and large ones, bookings and events on the exact school-year boundaries (1 August 00:00 Europe/Amsterdam),
 * cancelled and waiting bookings, draft/cancelled events and pending region decisions, another region's noise, and
 * fund reports of every status on lines linked to several goals and years, a line without reports. Bookings of three
 * kinds: made by the school's staff (bookedById), tied to a pupil of the school's class list (ParticipationBooking),
 * and public ones that only name the school (never counted) — plus a tie to another school's pupil (not counted
 * either). Some schools consent to being shown apart (participation's rule), two do not.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { buildOrganisation, buildTwoRegionWorld, buildUser } from '../db/factories.ts'
import { buildBudgetLine, buildCalendarEvent, buildFundGrant, buildReport } from '../fund/factories.ts'
import { fromAmsterdam } from '../lib/time.ts'
import { loadActor } from '../auth/actor.ts'
import { publishedIn } from '../calendar/query.ts'
import type { Actor } from '../auth/policy.ts'
import type { PupilLevel, CalendarEventStatus, CalendarEventType, CalendarRegionDecision, FundReportStatus, SlotBookingStatus, SlotAttendance } from '../db/generated/enums.ts'
import { db } from '../test/helpers.ts'
import { computeActuals, maskBookings, rawBookingFigures, reachPerSchool, schoolYear, type Actual, type IndicatorRow, type RawBookings } from './indicators.ts'

type World = Awaited<ReturnType<typeof buildTwoRegionWorld>>
let w: World
let actor: Actor
let goalIds: string[]
const YEARS = [2018, 2019, 2020, 2021]
const LEVELS: PupilLevel[] = ['VMBO_BB', 'VMBO_GT', 'HAVO', 'VWO', 'OTHER']
const TYPES: CalendarEventType[] = ['OPEN_DAG', 'MEELOOPDAG', 'VOORLICHTING']

// ---- The previous computation (Prisma groupBy per school year), as the reference. ----
/** Bookings tied to a pupil of the booking's own school (read in JS: SlotBooking has no relation to the tie). */
async function tiedIds() {
  const ties = await db.participationBooking.findMany({ select: { bookingId: true, schoolId: true } })
  const schools = new Map((await db.slotBooking.findMany({ where: { id: { in: ties.map((t) => t.bookingId) } }, select: { id: true, schoolId: true } })).map((b) => [b.id, b.schoolId]))
  return ties.filter((t) => schools.get(t.bookingId) === t.schoolId).map((t) => t.bookingId)
}
const bookingWhere = async (regionId: string, year: number) => ({
  status: 'CONFIRMED' as const,
  school: { regions: { some: { regionId } } },
  slot: { startsAt: schoolYear(year) },
  OR: [{ bookedById: { not: null } }, { id: { in: await tiedIds() } }],
})

async function previousBookings(regionId: string, year: number): Promise<RawBookings> {
  const where = await bookingWhere(regionId, year)
  const [byLevel, bySchoolLevel, bySchool] = await Promise.all([
    db.slotBooking.groupBy({ by: ['level', 'attendance'], where, _count: { _all: true } }),
    db.slotBooking.groupBy({ by: ['schoolId', 'level'], where }),
    db.slotBooking.groupBy({ by: ['schoolId'], where, _count: { _all: true } }),
  ])
  const levels = new Map<string, { booked: number; attended: number }>()
  const schools = new Map<string, Set<string>>()
  for (const g of byLevel) {
    const l = levels.get(g.level) ?? levels.set(g.level, { booked: 0, attended: 0 }).get(g.level)!
    l.booked += g._count._all
    if (g.attendance === 'PRESENT') l.attended += g._count._all
  }
  for (const g of bySchoolLevel) for (const k of ['*', g.level]) (schools.get(k) ?? schools.set(k, new Set()).get(k)!).add(g.schoolId!)
  return { levels, perSchool: new Map(bySchool.map((g) => [g.schoolId!, g._count._all])), schools: new Map([...schools].map(([k, v]) => [k, v.size])) }
}

const voSchoolsOf = (regionId: string) => db.organisation.findMany({ where: { sector: 'VO', regions: { some: { regionId } } }, select: { id: true, name: true }, orderBy: { name: 'asc' } })
/** The region's vo schools split by consent, read here on its own. */
async function columnsOf(regionId: string) {
  const schools = await voSchoolsOf(regionId)
  const consenting = new Set((await db.participationReachConsent.findMany({ select: { schoolId: true } })).map((c) => c.schoolId))
  const shown = schools.filter((s) => consenting.has(s.id))
  return { shown, columns: { shown: shown.map((s) => s.id), others: schools.length - shown.length } }
}

async function previousEvents(regionId: string, year: number) {
  const groups = await db.calendarEvent.groupBy({ by: ['type'], where: { ...publishedIn(regionId), status: 'PUBLISHED', startsAt: schoolYear(year) }, _count: { _all: true } })
  return new Map(groups.map((g) => [g.type as string, g._count._all]))
}

async function previousFund(ids: string[]) {
  const [links, sums] = await Promise.all([
    db.planGoalBudgetLine.findMany({ where: { goalId: { in: ids } }, select: { goalId: true, budgetLine: { select: { id: true, year: true } } } }),
    db.fundReport.groupBy({ by: ['budgetLineId', 'status'], where: { status: { in: ['SUBMITTED', 'APPROVED'] }, budgetLine: { planGoals: { some: { goalId: { in: ids } } } } }, _sum: { amountCents: true } }),
  ])
  const byLine = new Map<string, { approved: number; reported: number }>()
  for (const s of sums) {
    const line = byLine.get(s.budgetLineId) ?? { approved: 0, reported: 0 }
    line.reported += s._sum.amountCents ?? 0
    if (s.status === 'APPROVED') line.approved += s._sum.amountCents ?? 0
    byLine.set(s.budgetLineId, line)
  }
  const out = new Map<string, { approved: number; reported: number }>()
  for (const l of links) {
    const key = `${l.goalId}:${l.budgetLine.year}`
    const acc = out.get(key) ?? { approved: 0, reported: 0 }
    const line = byLine.get(l.budgetLine.id)
    if (line) {
      acc.approved += line.approved
      acc.reported += line.reported
    }
    out.set(key, acc)
  }
  return out
}

async function previousReach(regionId: string, year: number) {
  const { shown, columns } = await columnsOf(regionId)
  const masked = maskBookings(await previousBookings(regionId, year), columns)
  const schools = shown.map((s) => {
    const m = masked.perSchool.get(s.id)
    return { id: s.id, name: s.name, bookings: typeof m === 'number' ? m : null }
  })
  return { schools, otherSchools: columns.others }
}

async function previousActuals(regionId: string, indicators: IndicatorRow[], years: number[]) {
  const fund = await previousFund([...new Set(indicators.filter((i) => i.kind === 'FUND').map((i) => i.goalId))])
  const out = new Map<string, Map<number, Actual>>()
  const { columns } = await columnsOf(regionId)
  for (const year of years) {
    const b = maskBookings(await previousBookings(regionId, year), columns)
    const e = await previousEvents(regionId, year)
    for (const ind of indicators) {
      const cfg = ind.config as { metric: string; level?: string; eventType?: string }
      const shown = (m: unknown): Actual => (typeof m === 'number' ? { value: m, suppressed: false } : { value: null, suppressed: true })
      const key = cfg.level ?? '*'
      let a: Actual = { value: null, suppressed: false }
      if (ind.kind === 'FUND') {
        const f = fund.get(`${ind.goalId}:${year}`)
        if (f) a = { value: cfg.metric === 'REPORTED' ? f.reported : f.approved, suppressed: false }
      } else if (cfg.metric === 'BOOKED') a = shown(b.booked.get(key))
      else if (cfg.metric === 'ATTENDED') a = shown(b.attended.get(key))
      else if (cfg.metric === 'SCHOOLS_REACHED') a = shown(b.schools.get(key))
      else if (cfg.metric === 'EVENTS') a = { value: cfg.eventType ? (e.get(cfg.eventType) ?? 0) : [...e.values()].reduce((x, y) => x + y, 0), suppressed: false }
      ;(out.get(ind.id) ?? out.set(ind.id, new Map()).get(ind.id)!).set(year, a)
    }
  }
  return out
}

// ---- Data ----
let seq = 0
async function slotAt(mboId: string, startsAt: Date) {
  const programme = await db.slotProgramme.create({ data: { organisationId: mboId, name: `Opleiding ${++seq}`, sector: 'MBO', level: 'MBO_4', code: String(30000 + seq) } })
  const slot = await db.slot.create({
    data: { programmeId: programme.id, organisationId: mboId, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), location: 'Enschede', capacity: 500, bookingOpensAt: new Date(startsAt.getTime() - 90 * 86_400_000), bookingClosesAt: startsAt, audienceLevels: LEVELS },
  })
  return { slot, programme }
}

beforeAll(async () => {
  w = await buildTwoRegionWorld(db)
  actor = (await loadActor(db, w.a.coordinator.id))!
  const schools = [w.a.school, ...(await Promise.all([0, 1, 2].map(() => buildOrganisation(db, { regionIds: [w.a.region.id], sector: 'VO' }))))]
  const noise = w.b.school
  // Slots on and around the school-year boundaries, and inside the years.
  const instants = [
    new Date(fromAmsterdam('2018-08-01').getTime() - 1), // 2017/18: outside every year asked
    fromAmsterdam('2018-08-01'), // first instant of 2018/19
    fromAmsterdam('2019-03-15', '10:00'),
    new Date(fromAmsterdam('2019-08-01').getTime() - 1), // last instant of 2018/19
    fromAmsterdam('2019-08-01'),
    fromAmsterdam('2019-10-27', '02:30'), // the autumn clock change
    fromAmsterdam('2020-06-01', '09:00'),
    fromAmsterdam('2021-01-10', '13:00'),
    fromAmsterdam('2022-07-31', '23:59'), // 2021/22, outside
  ]
  const statuses: SlotBookingStatus[] = ['CONFIRMED', 'CONFIRMED', 'CONFIRMED', 'CANCELLED', 'WAITLISTED', 'CONFIRMED']
  const attendance: (SlotAttendance | null)[] = ['PRESENT', null, 'ABSENT', 'PRESENT']
  // Per school a staff member (books on a pupil's behalf) and a pupil on the class list (bookings tied to it).
  const all = [...schools, noise]
  const staff = await Promise.all(all.map((school) => buildUser(db, { roles: [{ role: 'ORG_STAFF', organisationId: school.id }] })))
  const pupils = await Promise.all(
    all.map((school, s) => db.participationPupil.create({ data: { schoolId: school.id, schoolYear: 2019, name: `Leerling ${s}`, email: `leerling${s}.${school.id}@school.example`, level: 'HAVO', year: 4, className: '4H' } })),
  )
  for (const [i, at] of instants.entries()) {
    const { slot, programme } = await slotAt(w.a.mbo.id, at)
    const data = []
    const ties: { bookingId: string; pupilId: string; schoolId: string; slotId: string }[] = []
    // Per slot a varying number of bookings per school and level: from none to about two dozen (small and large
    // counts), of which a third public ones that only name the school.
    for (const [s, school] of all.entries())
      for (const [l, level] of LEVELS.entries()) {
        const n = ((i * 7 + s * 3 + l * 5) % 13) * 2
        for (let k = 0; k < n; k++) {
          const id = `pi-${i}-${s}-${l}-${k}-${seq}`
          const way = (i + s + k) % 3 // 0: staff, 1: tied to a pupil, 2: public
          data.push({ id, slotId: slot.id, organisationId: w.a.mbo.id, programmeId: programme.id, schoolId: school.id, level, year: 4, status: statuses[(i + s + l + k) % statuses.length]!, attendance: attendance[(i + k + l) % attendance.length]!, bookedById: way === 0 ? staff[s]!.id : null })
          // A public booking now and then tied to another school's pupil: not the booking's school, not counted.
          if (way === 1 || (way === 2 && k % 4 === 0)) {
            const pupil = pupils[way === 1 ? s : (s + 1) % all.length]!
            ties.push({ bookingId: id, pupilId: pupil.id, schoolId: pupil.schoolId, slotId: slot.id })
          }
        }
      }
    await db.slotBooking.createMany({ data })
    await db.participationBooking.createMany({ data: ties })
  }
  // A school with two confirmed bookings in 2019/20 and one with none (both masked in the reach).
  const small = await slotAt(w.a.mbo.id, fromAmsterdam('2019-11-12', '09:00'))
  const few = await buildOrganisation(db, { regionIds: [w.a.region.id], sector: 'VO' })
  await buildOrganisation(db, { regionIds: [w.a.region.id], sector: 'VO' })
  const fewStaff = await buildUser(db, { roles: [{ role: 'ORG_STAFF', organisationId: few.id }] })
  await db.slotBooking.createMany({ data: [0, 1, 2].map((k) => ({ slotId: small.slot.id, organisationId: w.a.mbo.id, programmeId: small.programme.id, schoolId: few.id, level: 'HAVO' as const, year: 4, status: 'CONFIRMED' as const, bookedById: k < 2 ? fewStaff.id : null })) })
  // Consent to being shown apart: three of the schools and the small one; schools[3] and the empty one do not.
  await db.participationReachConsent.createMany({ data: [schools[0]!, schools[1]!, schools[2]!, few].map((s) => ({ schoolId: s.id })) })
  // Events: statuses, types, decisions, years, and one of region B only.
  const eventStatuses: CalendarEventStatus[] = ['PUBLISHED', 'PUBLISHED', 'CANCELLED', 'DRAFT']
  const decisions: CalendarRegionDecision[] = ['PUBLISHED', 'PUBLISHED', 'PENDING', 'REJECTED', 'PUBLISHED']
  for (const [i, at] of instants.entries())
    for (let k = 0; k < 6; k++) {
      const status = eventStatuses[(i + k) % eventStatuses.length]!
      await buildCalendarEvent(db, { title: `Activiteit ${i}.${k}`, startsAt: at, regionIds: [k === 5 ? w.b.region.id : w.a.region.id], organiserId: w.a.mbo.id, type: TYPES[(i + k) % TYPES.length], status, decision: status === 'DRAFT' ? 'PENDING' : decisions[(i * 2 + k) % decisions.length] })
    }
  // Fund: lines of two years, reports of every status, linked to three goals (one line to two goals, one without reports).
  const plan = await db.plan.create({ data: { regionId: w.a.region.id, title: 'Vergelijking', startYear: 2018, endYear: 2021 } })
  goalIds = []
  for (let g = 0; g < 3; g++) goalIds.push((await db.planGoal.create({ data: { planId: plan.id, themeId: 'plantheme-studiekeuze', title: `Doel ${g}`, position: g } })).id)
  const grant = await buildFundGrant(db, { regionId: w.a.region.id, penvoerderId: w.a.mbo.id, fundName: `Vergelijkingsfonds ${Date.now()}` })
  const lines = []
  for (let l = 0; l < 5; l++) lines.push(await buildBudgetLine(db, { grantId: grant.id, year: 2019 + (l % 2), boardIds: [w.a.board.id], amountCents: 100_000 * (l + 1) }))
  const reportStatuses: FundReportStatus[] = ['APPROVED', 'SUBMITTED', 'REJECTED', 'DRAFT', 'APPROVED']
  for (let r = 0; r < 16; r++) await buildReport(db, { budgetLineId: lines[r % 4]!.id, boardId: w.a.board.id, year: 2019 + ((r % 4) % 2), amountCents: 1_000 + r * 7_919, status: reportStatuses[r % reportStatuses.length]! })
  await db.planGoalBudgetLine.createMany({
    data: [
      { goalId: goalIds[0]!, budgetLineId: lines[0]!.id },
      { goalId: goalIds[0]!, budgetLineId: lines[1]!.id },
      { goalId: goalIds[0]!, budgetLineId: lines[2]!.id },
      { goalId: goalIds[1]!, budgetLineId: lines[2]!.id },
      { goalId: goalIds[1]!, budgetLineId: lines[4]!.id }, // no reports
    ],
  })
})

function indicatorRows(): IndicatorRow[] {
  const rows: IndicatorRow[] = []
  const add = (kind: IndicatorRow['kind'], config: object, goalId = goalIds[0]!) => rows.push({ id: `i${rows.length}`, goalId, kind, config, manualValues: [] })
  for (const metric of ['BOOKED', 'ATTENDED', 'SCHOOLS_REACHED']) for (const level of [undefined, ...LEVELS, 'VMBO_KB']) add('ACTIVITY', { metric, level })
  for (const eventType of [undefined, ...TYPES, 'STUDIEBEURS']) add('ACTIVITY', { metric: 'EVENTS', eventType })
  for (const goalId of goalIds) for (const metric of ['APPROVED', 'REPORTED']) add('FUND', { metric }, goalId)
  return rows
}

const plain = (m: Map<string, Map<number, Actual>>) => Object.fromEntries([...m].map(([id, y]) => [id, Object.fromEntries(y)]))

describe('plan indicators: one grouped statement per source gives the previous figures', () => {
  it('every activity and fund figure, for four school years and for one, equals the per-year computation', async () => {
    const indicators = indicatorRows()
    for (const years of [YEARS, [2019], [2020, 2021]]) {
      const now = await computeActuals(db, actor, { regionId: w.a.region.id }, indicators, years)
      const before = await previousActuals(w.a.region.id, indicators, years)
      expect(plain(now)).toEqual(plain(before))
    }
    // The data has both sides of the disclosure rule: suppressed level counts and shown ones, and empty years.
    const cells = [...(await computeActuals(db, actor, { regionId: w.a.region.id }, indicators, YEARS)).values()].flatMap((y) => [...y.values()])
    expect(cells.some((c) => c.suppressed)).toBe(true)
    expect(cells.some((c) => !c.suppressed && (c.value ?? 0) > 5)).toBe(true)
    expect(cells.some((c) => c.value === null && !c.suppressed)).toBe(true)
  })

  it('the raw booking figures of the grouped statement equal the per-year groupBy', async () => {
    const raw = await rawBookingFigures(db, w.a.region.id, YEARS)
    for (const year of YEARS) expect(raw.get(year)).toEqual(await previousBookings(w.a.region.id, year))
  })

  it('reach per school equals the previous computation, small counts masked, only consenting schools named', async () => {
    for (const year of YEARS) expect(await reachPerSchool(db, w.a.region.id, year)).toEqual(await previousReach(w.a.region.id, year))
    const reach = await Promise.all(YEARS.map((y) => reachPerSchool(db, w.a.region.id, y)))
    const all = reach.flatMap((r) => r.schools)
    expect(all.some((r) => r.bookings === null)).toBe(true)
    expect(all.some((r) => (r.bookings ?? 0) > 5)).toBe(true)
    expect(reach.every((r) => r.schools.length === 4 && r.otherSchools === 2)).toBe(true)
  })

  it('public bookings that only name a school, and ties to another school’s pupil, are not counted', async () => {
    const raw = await rawBookingFigures(db, w.a.region.id, YEARS)
    const confirmed = await db.slotBooking.count({ where: { status: 'CONFIRMED', school: { regions: { some: { regionId: w.a.region.id } } }, slot: { startsAt: { gte: schoolYear(2018).gte, lt: schoolYear(2021).lt } } } })
    const counted = [...raw.values()].reduce((s, f) => s + [...f.levels.values()].reduce((a, l) => a + l.booked, 0), 0)
    expect(counted).toBeGreaterThan(0)
    expect(counted).toBeLessThan(confirmed)
  })
})
