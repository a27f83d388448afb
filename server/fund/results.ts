/**
 * Results reporting: per budget line and responsible board, what was done and achieved in the line's year —
 * activities held (calendar events published in the region, slot programmes of the region's institutions, whose
 * participation figures are computed from the bookings), pupils reached, narrative, obstacles and the regional
 * plan's goals it contributed to — in the workflow DRAFT → SUBMITTED → APPROVED | REJECTED (→ revised → …).
 * The pupils reached (the board's own figure) are raw to the reporting board and masked for everyone else; the
 * programmes' booking figures cover pupils of every board's schools, so the board sees raw only its own schools' part.
 */
import type { Db, DbTx, Prisma } from '../db/client.ts'
import type { FundReportStatus } from '../db/generated/enums.ts'
import { audit } from '../db/audit.ts'
import { actionScope, authorize, can, type Action, type Actor } from '../auth/policy.ts'
import { HIDDEN, hiddenCells, maskCount, SUPPRESSED, type Masked } from '../transitions/suppression.ts'
import { AppError, conflict, invalid, notFound } from '../lib/errors.ts'
import { fromAmsterdam } from '../lib/time.ts'
import { afterKeyset, keysetPage } from '../lib/keyset.ts'
import { publishedIn } from '../calendar/query.ts'
import { assertYearOpen, grantTenant, grantView, loadGrant, reportTenant } from './grants.ts'
import type { ChangeActionInput, CreateResultInput, GrantPageInput, RejectChangeInput, UpdateResultInput } from './schema.ts'

/** The board's own figure (pupils reached): raw to the reporting board, masked by the shared rule for anyone else. */
const ownFigure = (n: number, owner: boolean): Masked => (owner ? n : maskCount(n))

type GoalNote = { goalId: string; note: string }

async function loadResult(tx: DbTx, id: string) {
  const r = await tx.fundResultReport.findUnique({ where: { id }, include: { budgetLine: { select: { id: true, year: true, activity: true, grantId: true, grant: { select: { regionId: true } } } }, board: { select: { id: true, name: true, number: true } } } })
  if (!r) throw notFound()
  return r
}
type LoadedResult = Awaited<ReturnType<typeof loadResult>>
const tenantOf = (r: LoadedResult) => reportTenant(r.budgetLine.grant.regionId, r.boardId)

/** Checks the linked events, programmes and goals belong to the grant's region (and the events to the line's year). */
async function checkLinks(tx: DbTx, regionId: string, year: number, input: { eventIds: string[]; programmeIds: string[]; goals: GoalNote[] }) {
  const eventIds = [...new Set(input.eventIds)]
  const programmeIds = [...new Set(input.programmeIds)]
  if (eventIds.length) {
    const n = await tx.calendarEvent.count({ where: { id: { in: eventIds }, ...publishedIn(regionId), startsAt: { gte: fromAmsterdam(`${year}-01-01`), lt: fromAmsterdam(`${year + 1}-01-01`) } } })
    if (n !== eventIds.length) throw invalid('fund.errors.eventNotInRegion')
  }
  if (programmeIds.length) {
    const n = await tx.slotProgramme.count({ where: { id: { in: programmeIds }, organisation: { regions: { some: { regionId } } } } })
    if (n !== programmeIds.length) throw invalid('fund.errors.programmeNotInRegion')
  }
  const goalIds = [...new Set(input.goals.map((g) => g.goalId))]
  if (goalIds.length !== input.goals.length) throw invalid('fund.errors.goalNotInPlan')
  if (goalIds.length) {
    const n = await tx.planGoal.count({ where: { id: { in: goalIds }, plan: { regionId } } })
    if (n !== goalIds.length) throw invalid('fund.errors.goalNotInPlan')
  }
  return { eventIds, programmeIds, goals: input.goals }
}

export async function createResult(db: Db, actor: Actor, input: CreateResultInput) {
  return db.$transaction(async (tx) => {
    const line = await tx.fundBudgetLine.findUnique({ where: { id: input.budgetLineId }, include: { grant: { select: { regionId: true } }, boards: { select: { boardId: true } } } })
    if (!line) throw notFound()
    const reporterBoards = actionScope(actor, 'fund.report').boardIds
    const boardId = input.boardId ?? (reporterBoards.length === 1 ? reporterBoards[0]! : undefined)
    if (!boardId) throw invalid('fund.errors.boardRequired')
    authorize(actor, 'fund.report', { ...grantTenant(line.grant), boardId })
    if (!line.boards.some((b) => b.boardId === boardId)) throw new AppError('FORBIDDEN', 'fund.errors.notYourLine')
    await assertYearOpen(tx, line.grantId, line.year)
    if (await tx.fundResultReport.findUnique({ where: { budgetLineId_boardId: { budgetLineId: line.id, boardId } }, select: { id: true } })) throw conflict('fund.errors.resultExists')
    const links = await checkLinks(tx, line.grant.regionId, line.year, input)
    const result = await tx.fundResultReport.create({
      data: { budgetLineId: line.id, boardId, pupilsReached: input.pupilsReached, narrative: input.narrative, obstacles: input.obstacles, ...links, createdById: actor.userId },
    })
    await audit(tx, actor, { action: 'fund.result.create', entityType: 'FundResultReport', entityId: result.id, regionId: line.grant.regionId, boardId, after: result })
    return result
  })
}

async function writeVersioned(tx: DbTx, actor: Actor, before: LoadedResult, version: number, action: string, data: Prisma.FundResultReportUncheckedUpdateManyInput) {
  const { count } = await tx.fundResultReport.updateMany({ where: { id: before.id, version }, data: { ...data, version: { increment: 1 } } })
  if (count === 0) throw conflict('fund.errors.staleVersion')
  const after = await tx.fundResultReport.findUniqueOrThrow({ where: { id: before.id } })
  const { budgetLine: _l, board: _b, ...beforeRow } = before
  await audit(tx, actor, { action, entityType: 'FundResultReport', entityId: before.id, regionId: before.budgetLine.grant.regionId, boardId: before.boardId, before: beforeRow, after })
  return after
}

const EDITABLE: FundReportStatus[] = ['DRAFT', 'REJECTED']

export async function updateResult(db: Db, actor: Actor, input: UpdateResultInput) {
  return db.$transaction(async (tx) => {
    const before = await loadResult(tx, input.id)
    authorize(actor, 'fund.report', tenantOf(before))
    if (before.status === 'APPROVED') throw conflict('fund.errors.approvedImmutable')
    if (!EDITABLE.includes(before.status)) throw conflict('fund.errors.notEditable')
    await assertYearOpen(tx, before.budgetLine.grantId, before.budgetLine.year)
    const links = await checkLinks(tx, before.budgetLine.grant.regionId, before.budgetLine.year, input)
    return writeVersioned(tx, actor, before, input.version, 'fund.result.update', { pupilsReached: input.pupilsReached, narrative: input.narrative, obstacles: input.obstacles, ...links })
  })
}

type Transition = { permission: Action; from: FundReportStatus[]; to: FundReportStatus; action: string }
const TRANSITIONS = {
  submit: { permission: 'fund.report', from: ['DRAFT', 'REJECTED'], to: 'SUBMITTED', action: 'fund.result.submit' },
  approve: { permission: 'fund.approve', from: ['SUBMITTED'], to: 'APPROVED', action: 'fund.result.approve' },
  reject: { permission: 'fund.approve', from: ['SUBMITTED'], to: 'REJECTED', action: 'fund.result.reject' },
} as const satisfies Record<string, Transition>

function transition(db: Db, actor: Actor, input: ChangeActionInput, t: Transition, extra: (r: LoadedResult) => Prisma.FundResultReportUncheckedUpdateManyInput) {
  return db.$transaction(async (tx) => {
    const before = await loadResult(tx, input.id)
    authorize(actor, t.permission, tenantOf(before))
    if (before.status === 'APPROVED') throw conflict('fund.errors.approvedImmutable')
    if (!t.from.includes(before.status)) throw conflict('fund.errors.wrongStatus')
    await assertYearOpen(tx, before.budgetLine.grantId, before.budgetLine.year)
    return writeVersioned(tx, actor, before, input.version, t.action, { status: t.to, ...extra(before) })
  })
}

export function submitResult(db: Db, actor: Actor, input: ChangeActionInput) {
  return transition(db, actor, input, TRANSITIONS.submit, (r) => {
    if (r.narrative.trim().length < 3) throw invalid('fund.errors.narrativeRequired')
    return { submittedAt: new Date(), decidedAt: null, decidedById: null }
  })
}
export function approveResult(db: Db, actor: Actor, input: ChangeActionInput) {
  return transition(db, actor, input, TRANSITIONS.approve, () => ({ decidedAt: new Date(), decidedById: actor.userId, rejectReason: null }))
}
export function rejectResult(db: Db, actor: Actor, input: RejectChangeInput) {
  return transition(db, actor, input, TRANSITIONS.reject, () => ({ decidedAt: new Date(), decidedById: actor.userId, rejectReason: input.reason }))
}

type Tally = { bookings: number; present: number }

/**
 * A programme's whole figures as `actor` may see them. The viewer already knows `known` (the pupils of the boards it
 * reports for), so total − known is the rest of the region's pupils: the total is shown only when that rest could be
 * shown itself — primary and secondary suppression (shared rule) over rest bookings = rest present + rest absent, so
 * neither the other boards' bookings, their present pupils nor their no-shows can be recovered by subtraction (also
 * between the two totals). For a viewer without own pupils `known` is zero and this is plain masking of the totals.
 */
function maskTotals(total: Tally, known: Tally): { bookings: Masked; present: Masked } {
  const rest = { bookings: total.bookings - known.bookings, present: total.present - known.present }
  const hidden = hiddenCells([rest.bookings, rest.present, rest.bookings - rest.present], [{ total: 0, parts: [1, 2] }])
  const show = (n: number, hide: boolean): Masked => (!hide ? n : maskCount(n) === SUPPRESSED ? SUPPRESSED : HIDDEN)
  return { bookings: show(total.bookings, hidden[0]!), present: show(total.present, hidden[1]!) }
}

/**
 * Participation in a line year's slot programmes, computed from the bookings: confirmed bookings and pupils marked
 * present (on confirmed bookings, so present ⊆ bookings) on the programme's slots in that (calendar) year. The pupils
 * come from every school in the region, so the reporting board owns only its own schools' part: `own` is that part,
 * raw, for the board alone (null for anyone else); the whole programme is masked for everyone (`maskTotals`).
 */
async function programmeParticipation(db: DbTx, actor: Actor, programmeIds: string[], year: number, boardId: string, owner: boolean) {
  if (!programmeIds.length) return []
  const slot = { startsAt: { gte: fromAmsterdam(`${year}-01-01`), lt: fromAmsterdam(`${year + 1}-01-01`) } }
  // Every board the viewer reports for: a reporter of two boards knows both parts, so both come off the rest.
  const knownBoards = actionScope(actor, 'fund.report').boardIds
  const tally = async (school?: Prisma.OrganisationWhereInput) => {
    const where: Prisma.SlotBookingWhereInput = { programmeId: { in: programmeIds }, status: 'CONFIRMED', slot, ...(school ? { school } : {}) }
    const [booked, present] = await Promise.all([
      db.slotBooking.groupBy({ by: ['programmeId'], where, _count: { _all: true } }),
      db.slotBooking.groupBy({ by: ['programmeId'], where: { ...where, attendance: 'PRESENT' }, _count: { _all: true } }),
    ])
    const b = new Map(booked.map((x) => [x.programmeId, x._count._all]))
    const p = new Map(present.map((x) => [x.programmeId, x._count._all]))
    return (id: string): Tally => ({ bookings: b.get(id) ?? 0, present: p.get(id) ?? 0 })
  }
  const [programmes, total, own, known] = await Promise.all([
    db.slotProgramme.findMany({ where: { id: { in: programmeIds } }, select: { id: true, name: true, organisation: { select: { name: true } } }, orderBy: { name: 'asc' } }),
    tally(),
    tally({ boardId }),
    tally({ boardId: { in: knownBoards } }),
  ])
  return programmes.map((pr) => ({ id: pr.id, name: pr.name, organisation: pr.organisation.name, ...maskTotals(total(pr.id), known(pr.id)), own: owner ? own(pr.id) : null }))
}

/** One results report with its linked activities and participation figures, for whoever may read it. */
export async function getResult(db: Db, actor: Actor, id: string) {
  const r = await loadResult(db, id)
  const tenant = tenantOf(r)
  authorize(actor, 'fund.read', tenant)
  const owner = can(actor, 'fund.report', tenant)
  const [events, programmes, goals, closed] = await Promise.all([
    db.calendarEvent.findMany({ where: { id: { in: r.eventIds } }, select: { id: true, title: true, startsAt: true, status: true, capacity: true }, orderBy: { startsAt: 'asc' } }),
    programmeParticipation(db, actor, r.programmeIds, r.budgetLine.year, r.boardId, owner),
    db.planGoal.findMany({ where: { id: { in: (r.goals as GoalNote[]).map((g) => g.goalId) } }, select: { id: true, title: true } }),
    db.fundClosedYear.findUnique({ where: { grantId_year: { grantId: r.budgetLine.grantId, year: r.budgetLine.year } } }),
  ])
  const notes = new Map((r.goals as GoalNote[]).map((g) => [g.goalId, g.note]))
  return {
    ...r,
    pupilsReached: ownFigure(r.pupilsReached, owner),
    events,
    programmes,
    goals: goals.map((g) => ({ ...g, note: notes.get(g.id) ?? '' })),
    can: {
      edit: !closed && EDITABLE.includes(r.status) && owner,
      decide: !closed && r.status === 'SUBMITTED' && can(actor, 'fund.approve', tenant),
    },
  }
}

/** A page of the grant's results reports (newest first): all for the region, its own for a board; with the count. */
export async function listResults(db: Db, actor: Actor, input: GrantPageInput) {
  const grant = await loadGrant(db, input.grantId)
  const view = await grantView(db, actor, grant)
  const where: Prisma.FundResultReportWhereInput = { budgetLine: { grantId: grant.id }, ...(view.kind === 'board' ? { boardId: { in: view.boardIds } } : {}) }
  const [rows, total] = await Promise.all([
    db.fundResultReport.findMany({
      where: input.cursor ? { AND: [where, afterKeyset('createdAt', new Date(input.cursor.key), input.cursor.id, 'desc')] } : where,
      include: { budgetLine: { select: { id: true, year: true, activity: true } }, board: { select: { id: true, name: true, number: true } } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: input.limit + 1,
    }),
    db.fundResultReport.count({ where }),
  ])
  const page = keysetPage(rows, input.limit, (r) => r.createdAt)
  return { ...page, items: page.items.map((r) => ({ ...r, pupilsReached: ownFigure(r.pupilsReached, view.kind === 'board'), eventCount: r.eventIds.length, programmeCount: r.programmeIds.length })), total }
}

/** What a board can link in a line's results report: the region's events of that year, programmes, plan goals. */
export async function resultOptions(db: Db, actor: Actor, budgetLineId: string) {
  const line = await db.fundBudgetLine.findUnique({ where: { id: budgetLineId }, include: { grant: { select: { regionId: true } }, events: { select: { eventId: true } }, planGoals: { select: { goalId: true } } } })
  if (!line) throw notFound()
  await grantView(db, actor, line.grant)
  const regionId = line.grant.regionId
  const [events, programmes, goals] = await Promise.all([
    db.calendarEvent.findMany({ where: { ...publishedIn(regionId), startsAt: { gte: fromAmsterdam(`${line.year}-01-01`), lt: fromAmsterdam(`${line.year + 1}-01-01`) } }, select: { id: true, title: true, startsAt: true }, orderBy: { startsAt: 'asc' }, take: 300 }),
    db.slotProgramme.findMany({ where: { organisation: { regions: { some: { regionId } } } }, select: { id: true, name: true, organisation: { select: { name: true } } }, orderBy: { name: 'asc' }, take: 300 }),
    db.planGoal.findMany({ where: { plan: { regionId } }, select: { id: true, title: true }, orderBy: { title: 'asc' }, take: 100 }),
  ])
  const linkedGoals = new Set(line.planGoals.map((g) => g.goalId))
  const linkedEvents = new Set(line.events.map((e) => e.eventId))
  return {
    events: events.map((e) => ({ ...e, linked: linkedEvents.has(e.id) })),
    programmes: programmes.map((p) => ({ id: p.id, name: `${p.name} (${p.organisation.name})` })),
    goals: goals.map((g) => ({ ...g, linked: linkedGoals.has(g.id) })),
  }
}
