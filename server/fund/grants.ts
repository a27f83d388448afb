/**
 * Regional fund: grants, budget lines and the expenditure-report workflow
 * DRAFT → SUBMITTED → APPROVED | REJECTED (→ revised → SUBMITTED …). Approved reports are immutable; a closed
 * year takes no new or changed reports; concurrent edits are caught by the report's version number, and every change
 * of a report (content, status, evidence) holds its row lock, so they serialise (`lockReport`).
 */
import type { Db, DbTx, Prisma } from '../db/client.ts'
import type { FundReportStatus } from '../db/generated/enums.ts'
import { audit } from '../db/audit.ts'
import { notify } from '../notifications/notify.ts'
import { actionScope, authorize, can, grantingMemberships, scopeWhere, type Action, type Actor, type Tenant, type TenantPaths } from '../auth/policy.ts'
import { AppError, conflict, forbidden, invalid, notFound } from '../lib/errors.ts'
import { fromAmsterdam } from '../lib/time.ts'
import { afterKeyset, keysetPage } from '../lib/keyset.ts'
import { publishedIn } from '../calendar/query.ts'
import type {
  CreateBudgetLineInput,
  CreateGrantInput,
  CreateReportInput,
  GrantPageInput,
  LinkableEventsInput,
  ListReportsInput,
  RejectReportInput,
  ReportActionInput,
  SetLineEventsInput,
  UpdateReportInput,
} from './schema.ts'

// ---- tenants ---------------------------------------------------------------------------------------------

export const grantTenant = (grant: { regionId: string }): Tenant => ({ regionIds: [grant.regionId] })
/** Who pays for a grant (`fund.pay`): its region's coordinators and the staff of its penvoerder organisation. */
export const paymentTenant = (grant: { regionId: string; penvoerderId: string }): Tenant => ({ regionIds: [grant.regionId], organisationId: grant.penvoerderId })
export const reportTenant = (regionId: string, boardId: string): Tenant => ({ regionIds: [regionId], boardId })

/** Boards taking part in a region: those running an organisation in it. */
export async function boardsOfRegion(db: DbTx, regionId: string) {
  return db.board.findMany({
    where: { organisations: { some: { regions: { some: { regionId } } } } },
    select: { id: true, name: true, number: true },
    orderBy: { name: 'asc' },
  })
}

const grantPaths: TenantPaths<Prisma.FundGrantWhereInput> = {
  region: (ids) => ({ regionId: { in: ids } }),
  board: (ids) => ({ region: { organisations: { some: { organisation: { boardId: { in: ids } } } } } }),
}
const linePaths: TenantPaths<Prisma.FundBudgetLineWhereInput> = {
  region: (ids) => ({ grant: { regionId: { in: ids } } }),
  board: (ids) => ({ boards: { some: { boardId: { in: ids } } } }),
}
const reportPaths: TenantPaths<Prisma.FundReportWhereInput> = {
  region: (ids) => ({ budgetLine: { grant: { regionId: { in: ids } } } }),
  board: (ids) => ({ boardId: { in: ids } }),
}

export async function loadGrant(db: DbTx, grantId: string) {
  const grant = await db.fundGrant.findUnique({
    where: { id: grantId },
    include: {
      region: { select: { id: true, name: true } },
      penvoerder: { select: { id: true, name: true } },
      allocations: { orderBy: { year: 'asc' } },
      closedYears: { orderBy: { year: 'asc' } },
    },
  })
  if (!grant) throw notFound()
  return grant
}

/**
 * How the actor sees a grant: the whole region (coordinator, admin), or the boards of the region it reports for.
 * FORBIDDEN when neither.
 */
export async function grantView(db: DbTx, actor: Actor, grant: { regionId: string }) {
  if (can(actor, 'fund.read', grantTenant(grant))) return { kind: 'region' as const, boardIds: [] as string[] }
  return boardView(actor, await boardsOfRegion(db, grant.regionId))
}

/** `grantView` for a grant whose region's boards (`boardsOfRegion`) are already read. */
export function grantViewOf(actor: Actor, grant: { regionId: string }, regionBoards: readonly { id: string }[]) {
  if (can(actor, 'fund.read', grantTenant(grant))) return { kind: 'region' as const, boardIds: [] as string[] }
  return boardView(actor, regionBoards)
}

function boardView(actor: Actor, regionBoards: readonly { id: string }[]) {
  const scope = actionScope(actor, 'fund.read')
  const boardIds = regionBoards.filter((b) => scope.boardIds.includes(b.id)).map((b) => b.id)
  if (!boardIds.length) throw forbidden()
  return { kind: 'board' as const, boardIds }
}

/**
 * What every page of a grant shows above its tabs, and which tabs the actor gets: the fund's readers (region or
 * board) all of them, the penvoerder's staff only the payments. FORBIDDEN for anyone else.
 */
export async function grantHeader(db: Db, actor: Actor, grantId: string) {
  const grant = await loadGrant(db, grantId)
  const pay = can(actor, 'fund.pay', paymentTenant(grant))
  const view = await grantView(db, actor, grant).catch((e: unknown) => {
    if (pay && e instanceof AppError && e.code === 'FORBIDDEN') return null
    throw e
  })
  return {
    id: grant.id,
    fundName: grant.fundName,
    region: grant.region,
    penvoerder: grant.penvoerder,
    startYear: grant.startYear,
    endYear: grant.endYear,
    coFinancingPercent: grant.coFinancingPercent,
    closedAt: grant.closedAt,
    access: { read: !!view, region: view?.kind === 'region', pay },
  }
}

// ---- grants and budget lines -----------------------------------------------------------------------------

export async function listGrants(db: Db, actor: Actor) {
  return db.fundGrant.findMany({
    where: scopeWhere(actor, 'fund.read', grantPaths),
    include: { region: { select: { name: true } }, penvoerder: { select: { name: true } } },
    orderBy: [{ startYear: 'desc' }, { fundName: 'asc' }],
    take: 200,
  })
}

export async function getGrant(db: Db, actor: Actor, grantId: string) {
  const grant = await loadGrant(db, grantId)
  const view = await grantView(db, actor, grant)
  const lines = await db.fundBudgetLine.findMany({
    where: { grantId, ...(view.kind === 'board' ? { boards: { some: { boardId: { in: view.boardIds } } } } : {}) },
    include: {
      boards: { include: { board: { select: { id: true, name: true, number: true } } } },
      events: linkedEventsOfLine,
    },
    orderBy: [{ year: 'asc' }, { activity: 'asc' }],
  })
  const boards = view.kind === 'region' ? await boardsOfRegion(db, grant.regionId) : await db.board.findMany({ where: { id: { in: view.boardIds } }, select: { id: true, name: true, number: true }, orderBy: { name: 'asc' } })
  const tenant = grantTenant(grant)
  const documents = await db.fundGrantDocument.findMany({ where: { grantId }, select: { id: true, filename: true, contentType: true, sizeBytes: true, createdAt: true }, orderBy: { createdAt: 'asc' } })
  return {
    ...grant,
    documents,
    view,
    boards,
    lines: lines.map((l) => ({ ...l, boards: l.boards.map((b) => b.board), events: l.events.map((e) => e.event) })),
    closed: grant.closedYears.map((c) => c.year),
    can: {
      manage: !grant.closedAt && can(actor, 'fund.manage', tenant),
      approve: !grant.closedAt && can(actor, 'fund.approve', tenant),
      settle: can(actor, 'fund.manage', tenant),
      report: !grant.closedAt && view.boardIds.some((boardId) => can(actor, 'fund.report', { ...tenant, boardId })),
    },
  }
}

export async function createGrant(db: Db, actor: Actor, input: CreateGrantInput) {
  authorize(actor, 'fund.manage', { regionIds: [input.regionId] })
  return db.$transaction(async (tx) => {
    const member = await tx.organisationRegion.findUnique({ where: { organisationId_regionId: { organisationId: input.penvoerderId, regionId: input.regionId } } })
    if (!member) throw invalid('fund.errors.penvoerderNotInRegion')
    const { allocations, ...data } = input
    const grant = await tx.fundGrant.create({ data: { ...data, allocations: { create: allocations } }, include: { allocations: true } })
    await audit(tx, actor, { action: 'fund.grant.create', entityType: 'FundGrant', entityId: grant.id, regionId: grant.regionId, after: grant })
    return grant
  })
}

/** A closed grant (after the final settlement) is read-only; the database refuses changes too (trigger). */
export async function assertGrantOpen(tx: DbTx, grantId: string) {
  const grant = await tx.fundGrant.findUnique({ where: { id: grantId }, select: { closedAt: true } })
  if (grant?.closedAt) throw conflict('fund.errors.grantClosed')
}

export async function assertYearOpen(tx: DbTx, grantId: string, year: number) {
  await assertGrantOpen(tx, grantId)
  const closed = await tx.fundClosedYear.findUnique({ where: { grantId_year: { grantId, year } }, select: { year: true } })
  if (closed) throw conflict('fund.errors.yearClosed', { year })
}

/**
 * The snapshot of a budget line at its current version (written once per version), e.g. the version a report is
 * approved against. Returns its id. `budgetVersion`: the budget version the line's current content belongs to, when
 * the grant's has already moved on in this transaction (default: the grant's current one).
 */
export async function ensureLineVersion(tx: DbTx, lineId: string, budgetVersion?: number): Promise<string> {
  const line = await tx.fundBudgetLine.findUniqueOrThrow({ where: { id: lineId }, include: { boards: { select: { boardId: true } }, grant: { select: { budgetVersion: true } } } })
  const existing = await tx.fundLineVersion.findUnique({ where: { budgetLineId_version: { budgetLineId: lineId, version: line.version } }, select: { id: true } })
  if (existing) return existing.id
  const created = await tx.fundLineVersion.create({
    data: { budgetLineId: line.id, version: line.version, budgetVersion: budgetVersion ?? line.grant.budgetVersion, activity: line.activity, category: line.category, year: line.year, amountCents: line.amountCents, boardIds: line.boards.map((b) => b.boardId).sort(), closed: !!line.closedAt },
  })
  return created.id
}

/**
 * The sum of the grant year's budget lines, plus an amount about to be added, must stay within its allocation. Checked
 * before writing: the database's own trigger (migration 20261130071500_fund_lifecycle) refuses an over-allocated
 * year too, but as an untranslated error (a 500), so it is never the one a user meets.
 */
export async function assertWithinAllocation(tx: DbTx, grantId: string, year: number, adding = 0) {
  const [lines, alloc] = await Promise.all([
    tx.fundBudgetLine.aggregate({ where: { grantId, year }, _sum: { amountCents: true } }),
    tx.fundAllocation.findUnique({ where: { grantId_year: { grantId, year } }, select: { amountCents: true } }),
  ])
  if ((lines._sum.amountCents ?? 0) + adding > (alloc?.amountCents ?? 0)) throw conflict('fund.errors.overAllocation', { year })
}

/** What a budget line shows of a linked calendar event (events are published in the region anyway). */
export const linkedEventSelect = { id: true, title: true, startsAt: true, status: true } satisfies Prisma.CalendarEventSelect
/** A budget line's linked events in date order (for `select`/`include` of FundBudgetLine.events). */
export const linkedEventsOfLine = {
  select: { event: { select: linkedEventSelect } },
  orderBy: [{ event: { startsAt: 'asc' } }, { eventId: 'asc' }],
} satisfies Prisma.FundBudgetLine$eventsArgs

/**
 * The distinct event ids, each of an event published (or published, then cancelled) in the region; else
 * VALIDATION fund.errors.eventNotInRegion (another region's event, a draft, a proposal, an unknown id).
 */
async function linkableEventIds(tx: DbTx, regionId: string, eventIds: readonly string[]): Promise<string[]> {
  const ids = [...new Set(eventIds)]
  if (!ids.length) return ids
  const found = await tx.calendarEvent.count({ where: { id: { in: ids }, ...publishedIn(regionId) } })
  if (found !== ids.length) throw invalid('fund.errors.eventNotInRegion')
  return ids
}

export async function createBudgetLine(db: Db, actor: Actor, input: CreateBudgetLineInput) {
  return db.$transaction(async (tx) => {
    const grant = await loadGrant(tx, input.grantId)
    authorize(actor, 'fund.manage', grantTenant(grant))
    if (input.year < grant.startYear || input.year > grant.endYear) throw invalid('fund.errors.yearOutsidePeriod')
    await assertYearOpen(tx, grant.id, input.year)
    // Once a budget change has been approved, the budget changes only through further (four-eyes) changes.
    if (grant.budgetVersion > 1) throw conflict('fund.errors.useBudgetChange')
    const regionBoards = new Set((await boardsOfRegion(tx, grant.regionId)).map((b) => b.id))
    if (!input.boardIds.every((id) => regionBoards.has(id))) throw invalid('fund.errors.boardNotInRegion')
    const { boardIds, eventIds = [], ...data } = input
    const events = await linkableEventIds(tx, grant.regionId, eventIds)
    await assertWithinAllocation(tx, grant.id, input.year, input.amountCents)
    const line = await tx.fundBudgetLine.create({
      data: { ...data, boards: { create: [...new Set(boardIds)].map((boardId) => ({ boardId })) }, events: { create: events.map((eventId) => ({ eventId })) } },
      include: { boards: true, events: true },
    })
    await audit(tx, actor, { action: 'fund.line.create', entityType: 'FundBudgetLine', entityId: line.id, regionId: grant.regionId, after: line })
    return line
  })
}

/** Replaces the calendar events linked to a budget line (coordinator of the grant's region; open year only). */
export async function setLineEvents(db: Db, actor: Actor, input: SetLineEventsInput) {
  return db.$transaction(async (tx) => {
    const line = await tx.fundBudgetLine.findUnique({ where: { id: input.budgetLineId }, include: { grant: { select: { regionId: true } }, events: { select: { eventId: true } } } })
    if (!line) throw notFound()
    authorize(actor, 'fund.manage', grantTenant(line.grant))
    await assertYearOpen(tx, line.grantId, line.year)
    const next = await linkableEventIds(tx, line.grant.regionId, input.eventIds)
    const before = line.events.map((e) => e.eventId).sort()
    const keep = new Set(next)
    const removed = before.filter((id) => !keep.has(id))
    const added = next.filter((id) => !before.includes(id))
    if (removed.length) await tx.fundBudgetLineEvent.deleteMany({ where: { budgetLineId: line.id, eventId: { in: removed } } })
    if (added.length) await tx.fundBudgetLineEvent.createMany({ data: added.map((eventId) => ({ budgetLineId: line.id, eventId })) })
    const after = [...next].sort()
    if (removed.length || added.length)
      await audit(tx, actor, { action: 'fund.line.events', entityType: 'FundBudgetLine', entityId: line.id, regionId: line.grant.regionId, before: { eventIds: before }, after: { eventIds: after } })
    return { budgetLineId: line.id, eventIds: after }
  })
}

/**
 * Events a coordinator can link to the grant's budget lines: published (or cancelled after publication) in the
 * grant's region, starting within the grant's period (Amsterdam time), optionally in one year or matching a text.
 */
export async function linkableEvents(db: Db, actor: Actor, input: LinkableEventsInput) {
  const grant = await loadGrant(db, input.grantId)
  authorize(actor, 'fund.manage', grantTenant(grant))
  const first = Math.max(grant.startYear, input.year ?? grant.startYear)
  const last = Math.min(grant.endYear, input.year ?? grant.endYear)
  if (first > last) return []
  return db.calendarEvent.findMany({
    where: {
      ...publishedIn(grant.regionId),
      startsAt: { gte: fromAmsterdam(`${first}-01-01`), lt: fromAmsterdam(`${last + 1}-01-01`) },
      ...(input.q ? { title: { contains: input.q, mode: 'insensitive' as const } } : {}),
    },
    select: linkedEventSelect,
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    take: 200,
  })
}

/**
 * The budget lines that fund a calendar event, as far as the actor may read the fund: lines of grants in the
 * coordinator's regions, or lines of the reporter's boards. The event must be shared with a region whose fund the
 * actor reads (a coordinator of that region, or a reporter of a board with an organisation in it): another
 * tenant's event is FORBIDDEN, as everywhere in the API, not an empty list; an unknown id is NOT_FOUND.
 */
export async function eventFunding(db: Db, actor: Actor, eventId: string) {
  const event = await db.calendarEvent.findUnique({ where: { id: eventId }, select: { regions: { select: { regionId: true } } } })
  if (!event) throw notFound()
  const regionIds = event.regions.map((r) => r.regionId)
  if (!can(actor, 'fund.read', { regionIds })) {
    const boardIds = grantingMemberships(actor, 'fund.read').flatMap((m) => (m.boardId ? [m.boardId] : []))
    const boardInRegion = boardIds.length > 0 && (await db.organisationRegion.count({ where: { regionId: { in: regionIds }, organisation: { boardId: { in: boardIds } } } })) > 0
    if (!boardInRegion) throw forbidden()
  }
  return db.fundBudgetLine.findMany({
    where: { ...scopeWhere(actor, 'fund.read', linePaths), events: { some: { eventId } } },
    select: { id: true, activity: true, year: true, grant: { select: { id: true, fundName: true, region: { select: { name: true } } } } },
    orderBy: [{ year: 'asc' }, { activity: 'asc' }],
    take: 50,
  })
}

/** Closes a year of a grant. Submitted reports must be decided first; afterwards nothing in that year changes. */
export async function closeYear(db: Db, actor: Actor, input: { grantId: string; year: number }) {
  return db.$transaction(async (tx) => {
    const grant = await loadGrant(tx, input.grantId)
    authorize(actor, 'fund.manage', grantTenant(grant))
    if (input.year < grant.startYear || input.year > grant.endYear) throw invalid('fund.errors.yearOutsidePeriod')
    await assertYearOpen(tx, grant.id, input.year)
    const pending = await tx.fundReport.count({ where: { status: 'SUBMITTED', budgetLine: { grantId: grant.id, year: input.year } } })
    if (pending) throw conflict('fund.errors.pendingReports', { count: pending })
    const closed = await tx.fundClosedYear.create({ data: { grantId: grant.id, year: input.year, closedById: actor.userId } })
    await audit(tx, actor, { action: 'fund.year.close', entityType: 'FundClosedYear', entityId: `${grant.id}:${input.year}`, regionId: grant.regionId, before: { closed: false }, after: closed })
    await notify(tx, { kind: 'fund.yearClosed', actorId: actor.userId, grantId: grant.id, year: input.year })
    return closed
  })
}

/**
 * Reopens a closed year, e.g. one closed by mistake or to correct a report before the accountability report goes
 * out. Approved reports stay immutable; the reason goes into the audit log next to who closed it and when.
 */
export async function reopenYear(db: Db, actor: Actor, input: { grantId: string; year: number; reason: string }) {
  return db.$transaction(async (tx) => {
    const grant = await loadGrant(tx, input.grantId)
    authorize(actor, 'fund.manage', grantTenant(grant))
    const closed = await tx.fundClosedYear.findUnique({ where: { grantId_year: { grantId: grant.id, year: input.year } } })
    if (!closed) throw conflict('fund.errors.yearNotClosed', { year: input.year })
    await tx.fundClosedYear.delete({ where: { grantId_year: { grantId: grant.id, year: input.year } } })
    await audit(tx, actor, { action: 'fund.year.reopen', entityType: 'FundClosedYear', entityId: `${grant.id}:${input.year}`, regionId: grant.regionId, before: closed, after: { closed: false, reason: input.reason } })
    await notify(tx, { kind: 'fund.yearReopened', actorId: actor.userId, grantId: grant.id, year: input.year, reason: input.reason })
    return { grantId: grant.id, year: input.year }
  })
}

// ---- reports ---------------------------------------------------------------------------------------------

const reportInclude = {
  budgetLine: { select: { id: true, year: true, activity: true, category: true, amountCents: true, grantId: true, grant: { select: { regionId: true } } } },
  board: { select: { id: true, name: true, number: true } },
  evidence: { select: { id: true, filename: true, contentType: true, sizeBytes: true, createdAt: true }, orderBy: { createdAt: 'asc' } },
} satisfies Prisma.FundReportInclude

type LoadedReport = Prisma.FundReportGetPayload<{ include: typeof reportInclude }>

async function loadReport(tx: DbTx, id: string): Promise<LoadedReport> {
  const report = await tx.fundReport.findUnique({ where: { id }, include: reportInclude })
  if (!report) throw notFound()
  return report
}

const tenantOf = (r: LoadedReport) => reportTenant(r.budgetLine.grant.regionId, r.boardId)
const EDITABLE: FundReportStatus[] = ['DRAFT', 'REJECTED']

/** Guards for changing a report's content (or evidence): its board's reporter, editable status, open year. */
export async function assertReportEditable(tx: DbTx, actor: Actor, report: LoadedReport) {
  authorize(actor, 'fund.report', tenantOf(report))
  if (report.status === 'APPROVED') throw conflict('fund.errors.approvedImmutable')
  if (!EDITABLE.includes(report.status)) throw conflict('fund.errors.notEditable')
  await assertYearOpen(tx, report.budgetLine.grantId, report.budgetLine.year)
}

/**
 * Loads a report for a change and holds its row lock (`FOR UPDATE`) to the end of the transaction. Every change of a
 * report — its content, its status, its evidence — goes through here, so they run one after another and each sees
 * the one before: the version check alone cannot, since evidence lives in rows of its own (a removal racing a
 * submission left a submitted report without evidence).
 */
async function lockReport(tx: DbTx, id: string): Promise<LoadedReport> {
  await tx.$queryRaw`SELECT 1 FROM "FundReport" WHERE "id" = ${id} FOR UPDATE`
  return loadReport(tx, id)
}

export { loadReport as loadFundReport, lockReport as lockFundReport }

function assertDateInYear(spentOn: string, year: number) {
  if (Number(spentOn.slice(0, 4)) !== year) throw invalid('fund.errors.dateOutsideYear', { year })
}

const dateOnly = (s: string) => new Date(`${s}T00:00:00Z`)

export async function createReport(db: Db, actor: Actor, input: CreateReportInput) {
  return db.$transaction(async (tx) => {
    const line = await tx.fundBudgetLine.findUnique({ where: { id: input.budgetLineId }, include: { grant: { select: { regionId: true } }, boards: { select: { boardId: true } } } })
    if (!line) throw notFound()
    const tenant = grantTenant(line.grant)
    const reporterBoards = actionScope(actor, 'fund.report').boardIds
    const boardId = input.boardId ?? (reporterBoards.length === 1 ? reporterBoards[0]! : undefined)
    if (!boardId) throw invalid('fund.errors.boardRequired')
    authorize(actor, 'fund.report', { ...tenant, boardId })
    if (!line.boards.some((b) => b.boardId === boardId)) throw new AppError('FORBIDDEN', 'fund.errors.notYourLine')
    await assertYearOpen(tx, line.grantId, line.year)
    if (line.closedAt) throw conflict('fund.errors.lineClosed')
    assertDateInYear(input.spentOn, line.year)
    const report = await tx.fundReport.create({
      data: {
        budgetLineId: line.id,
        boardId,
        amountCents: input.amountCents,
        coFinancedCents: input.coFinancedCents,
        spentOn: dateOnly(input.spentOn),
        description: input.description,
        category: input.category,
        createdById: actor.userId,
      },
    })
    await audit(tx, actor, { action: 'fund.report.create', entityType: 'FundReport', entityId: report.id, regionId: line.grant.regionId, boardId, after: report })
    return report
  })
}

/**
 * Writes a change to a report only if nobody else changed it since the caller read `version`; bumps the version.
 * The second of two concurrent saves gets CONFLICT (fund.errors.staleVersion), nothing is overwritten.
 */
async function writeVersioned(tx: DbTx, actor: Actor, before: LoadedReport, version: number, action: string, data: Prisma.FundReportUncheckedUpdateManyInput) {
  const { count } = await tx.fundReport.updateMany({ where: { id: before.id, version }, data: { ...data, version: { increment: 1 } } })
  if (count === 0) throw conflict('fund.errors.staleVersion')
  const after = await tx.fundReport.findUniqueOrThrow({ where: { id: before.id } })
  const { evidence: _e, budgetLine: _l, board: _b, ...beforeRow } = before
  await audit(tx, actor, { action, entityType: 'FundReport', entityId: before.id, regionId: before.budgetLine.grant.regionId, boardId: before.boardId, before: beforeRow, after })
  return after
}

export async function updateReport(db: Db, actor: Actor, input: UpdateReportInput) {
  return db.$transaction(async (tx) => {
    const before = await lockReport(tx, input.id)
    await assertReportEditable(tx, actor, before)
    assertDateInYear(input.spentOn, before.budgetLine.year)
    const { id: _id, version, spentOn, ...fields } = input
    return writeVersioned(tx, actor, before, version, 'fund.report.update', { ...fields, spentOn: dateOnly(spentOn) })
  })
}

type Transition = { permission: Action; from: FundReportStatus[]; to: FundReportStatus; action: string }

const TRANSITIONS = {
  submit: { permission: 'fund.report', from: ['DRAFT', 'REJECTED'], to: 'SUBMITTED', action: 'fund.report.submit' },
  approve: { permission: 'fund.approve', from: ['SUBMITTED'], to: 'APPROVED', action: 'fund.report.approve' },
  reject: { permission: 'fund.approve', from: ['SUBMITTED'], to: 'REJECTED', action: 'fund.report.reject' },
} as const satisfies Record<string, Transition>

async function transition(
  db: Db,
  actor: Actor,
  input: ReportActionInput,
  t: Transition,
  extra: (r: LoadedReport) => Prisma.FundReportUncheckedUpdateManyInput,
  more?: (tx: DbTx, r: LoadedReport) => Promise<Prisma.FundReportUncheckedUpdateManyInput>,
) {
  return db.$transaction(async (tx) => {
    const before = await lockReport(tx, input.id)
    authorize(actor, t.permission, tenantOf(before))
    if (before.status === 'APPROVED') throw conflict('fund.errors.approvedImmutable')
    if (!t.from.includes(before.status)) throw conflict('fund.errors.wrongStatus')
    await assertYearOpen(tx, before.budgetLine.grantId, before.budgetLine.year)
    const data = { status: t.to, ...extra(before), ...(more ? await more(tx, before) : {}) }
    const after = await writeVersioned(tx, actor, before, input.version, t.action, data)
    await notify(tx, { kind: 'fund.report', report: { ...before, ...after }, actorId: actor.userId })
    return after
  })
}

export function submitReport(db: Db, actor: Actor, input: ReportActionInput) {
  return transition(db, actor, input, TRANSITIONS.submit, (r) => {
    if (!r.evidence.length) throw invalid('fund.errors.evidenceRequired')
    return { submittedAt: new Date(), decidedAt: null, decidedById: null }
  })
}

/** Approval records the budget-line version the report was approved against (it keeps pointing there). */
export function approveReport(db: Db, actor: Actor, input: ReportActionInput) {
  return transition(db, actor, input, TRANSITIONS.approve, () => ({ decidedAt: new Date(), decidedById: actor.userId, rejectReason: null }), async (tx, r) => ({ approvedLineVersionId: await ensureLineVersion(tx, r.budgetLineId) }))
}

export function rejectReport(db: Db, actor: Actor, input: RejectReportInput) {
  return transition(db, actor, input, TRANSITIONS.reject, () => ({ decidedAt: new Date(), decidedById: actor.userId, rejectReason: input.reason }))
}

export async function getReport(db: Db, actor: Actor, id: string) {
  const report = await loadReport(db, id)
  const tenant = tenantOf(report)
  authorize(actor, 'fund.read', tenant)
  const closed = !!(await db.fundClosedYear.findUnique({ where: { grantId_year: { grantId: report.budgetLine.grantId, year: report.budgetLine.year } } }))
  return {
    ...report,
    yearClosed: closed,
    can: {
      edit: !closed && EDITABLE.includes(report.status) && can(actor, 'fund.report', tenant),
      decide: !closed && report.status === 'SUBMITTED' && can(actor, 'fund.approve', tenant),
    },
  }
}

export async function listReports(db: Db, actor: Actor, input: ListReportsInput) {
  const grant = await loadGrant(db, input.grantId)
  await grantView(db, actor, grant) // FORBIDDEN for another region's grant, not an empty list
  const where: Prisma.FundReportWhereInput = {
    AND: [
      scopeWhere(actor, 'fund.read', reportPaths),
      { budgetLine: { grantId: grant.id, ...(input.year ? { year: input.year } : {}) } },
      input.status ? { status: input.status } : {},
      input.boardId ? { boardId: input.boardId } : {},
    ],
  }
  // Newest spending first, a page at a time (keyset on spentOn, id), with the count and sum of all of them.
  const [rows, totals] = await Promise.all([
    db.fundReport.findMany({
      where: input.cursor ? { AND: [where, afterKeyset('spentOn', new Date(input.cursor.key), input.cursor.id, 'desc')] } : where,
      include: { budgetLine: { select: { id: true, year: true, activity: true } }, board: { select: { id: true, name: true, number: true } }, _count: { select: { evidence: true } } },
      orderBy: [{ spentOn: 'desc' }, { id: 'desc' }],
      take: input.limit + 1,
    }),
    db.fundReport.aggregate({ where, _count: true, _sum: { amountCents: true } }),
  ])
  return { ...keysetPage(rows, input.limit, (r) => r.spentOn), total: totals._count, totalCents: totals._sum.amountCents ?? 0 }
}

/**
 * A page of the grant's budget lines (by year, then creation) with their boards and linked events: all for the
 * region, a board's own lines for a board; with the count and sum of all of them.
 */
export async function listLines(db: Db, actor: Actor, input: GrantPageInput) {
  const grant = await loadGrant(db, input.grantId)
  await grantView(db, actor, grant)
  const where: Prisma.FundBudgetLineWhereInput = { AND: [scopeWhere(actor, 'fund.read', linePaths), { grantId: grant.id }] }
  const [rows, totals] = await Promise.all([
    db.fundBudgetLine.findMany({
      where: input.cursor ? { AND: [where, afterKeyset('year', input.cursor.key, input.cursor.id)] } : where,
      include: { boards: { include: { board: { select: { id: true, name: true, number: true } } } }, events: linkedEventsOfLine },
      orderBy: [{ year: 'asc' }, { id: 'asc' }],
      take: input.limit + 1,
    }),
    db.fundBudgetLine.aggregate({ where, _count: true, _sum: { amountCents: true } }),
  ])
  const page = keysetPage(rows, input.limit, (l) => l.year)
  return {
    ...page,
    items: page.items.map((l) => ({ ...l, boards: l.boards.map((b) => b.board), events: l.events.map((e) => e.event) })),
    total: totals._count,
    totalCents: totals._sum.amountCents ?? 0,
  }
}
