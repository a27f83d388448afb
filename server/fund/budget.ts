/**
 * Budget changes with four-eyes approval and a versioned budget. A coordinator proposes a change (line amounts,
 * responsible boards, a new line, closing a line, yearly allocations) with a reason against the budget version
 * they looked at; a second coordinator of the region or a platform admin approves it (the proposer may not, unless
 * the grant's four-eyes setting is off). Approval applies the operations in one transaction, bumps the grant's
 * budget version (optimistic lock: a change proposed against an older version is refused) and stores the diff.
 * Totals never exceed the allocations (checked here for a readable message, and by a deferred database trigger).
 */
import type { Db, DbTx, Prisma } from '../db/client.ts'
import { audit } from '../db/audit.ts'
import { authorize, isPlatformAdmin, type Actor } from '../auth/policy.ts'
import { AppError, conflict, forbidden, invalid, notFound } from '../lib/errors.ts'
import { assertGrantOpen, boardsOfRegion, ensureLineVersion, grantTenant, grantView, loadGrant } from './grants.ts'
import type { BudgetOp, ChangeActionInput, ProposeChangeInput, RejectChangeInput } from './schema.ts'

export type DiffEntry = {
  kind: 'line' | 'allocation'
  lineId?: string
  year: number
  activity?: string
  field: 'amountCents' | 'boardIds' | 'closed' | 'added' | 'allocationCents'
  before: number | string[] | boolean | null
  after: number | string[] | boolean | null
}

type LineState = { id: string | null; year: number; activity: string; category: string; amountCents: number; beforeCents: number; boardIds: string[]; closed: boolean; spentCents: number; changed: boolean }

/**
 * Works out what the operations do to the current budget without writing anything: the new state of every line
 * and allocation, and the diff. Throws a translated VALIDATION / CONFLICT when an operation is not possible now
 * (closed year, a line of another grant, below what was already reported, over an allocation, allocation total
 * changed).
 */
async function planChange(tx: DbTx, grant: Awaited<ReturnType<typeof loadGrant>>, ops: BudgetOp[]) {
  const lines = await tx.fundBudgetLine.findMany({ where: { grantId: grant.id }, include: { boards: { select: { boardId: true } } }, orderBy: [{ year: 'asc' }, { activity: 'asc' }] })
  // What a line can no longer go below: its submitted and approved reports.
  const spent = await tx.fundReport.groupBy({ by: ['budgetLineId'], where: { budgetLine: { grantId: grant.id }, status: { in: ['SUBMITTED', 'APPROVED'] } }, _sum: { amountCents: true } })
  const spentOf = new Map(spent.map((s) => [s.budgetLineId, s._sum.amountCents ?? 0]))
  const state = new Map<string, LineState>(
    lines.map((l) => [l.id, { id: l.id, year: l.year, activity: l.activity, category: l.category, amountCents: l.amountCents, beforeCents: l.amountCents, boardIds: l.boards.map((b) => b.boardId).sort(), closed: !!l.closedAt, spentCents: spentOf.get(l.id) ?? 0, changed: false }]),
  )
  const added: LineState[] = []
  const alloc = new Map(grant.allocations.map((a) => [a.year, a.amountCents]))
  const allocBefore = new Map(alloc)
  const closedYears = new Set(grant.closedYears.map((c) => c.year))
  const regionBoards = new Set((await boardsOfRegion(tx, grant.regionId)).map((b) => b.id))
  const diff: DiffEntry[] = []
  const openYear = (year: number) => {
    if (year < grant.startYear || year > grant.endYear) throw invalid('fund.errors.yearOutsidePeriod')
    if (closedYears.has(year)) throw conflict('fund.errors.yearClosed', { year })
  }
  const lineOf = (id: string) => {
    const l = state.get(id)
    if (!l) throw invalid('fund.errors.lineNotInGrant')
    openYear(l.year)
    return l
  }
  const boardsOk = (ids: string[]) => {
    if (!ids.every((id) => regionBoards.has(id))) throw invalid('fund.errors.boardNotInRegion')
    return [...new Set(ids)].sort()
  }
  for (const op of ops) {
    switch (op.op) {
      case 'amount': {
        const l = lineOf(op.lineId)
        if (op.amountCents < l.spentCents) throw conflict('fund.errors.belowSpent', { activity: l.activity })
        if (op.amountCents !== l.amountCents) diff.push({ kind: 'line', lineId: op.lineId, year: l.year, activity: l.activity, field: 'amountCents', before: l.amountCents, after: op.amountCents })
        l.amountCents = op.amountCents
        l.changed = true
        break
      }
      case 'boards': {
        const l = lineOf(op.lineId)
        const next = boardsOk(op.boardIds)
        diff.push({ kind: 'line', lineId: op.lineId, year: l.year, activity: l.activity, field: 'boardIds', before: l.boardIds, after: next })
        l.boardIds = next
        l.changed = true
        break
      }
      case 'close': {
        const l = lineOf(op.lineId)
        if (l.closed) throw conflict('fund.errors.lineClosed')
        diff.push({ kind: 'line', lineId: op.lineId, year: l.year, activity: l.activity, field: 'closed', before: false, after: true })
        l.closed = true
        l.changed = true
        break
      }
      case 'add': {
        openYear(op.year)
        const line: LineState = { id: null, year: op.year, activity: op.activity, category: op.category, amountCents: op.amountCents, beforeCents: 0, boardIds: boardsOk(op.boardIds), closed: false, spentCents: 0, changed: true }
        added.push(line)
        diff.push({ kind: 'line', year: op.year, activity: op.activity, field: 'added', before: null, after: op.amountCents })
        break
      }
      case 'allocation': {
        openYear(op.year)
        diff.push({ kind: 'allocation', year: op.year, field: 'allocationCents', before: alloc.get(op.year) ?? 0, after: op.amountCents })
        alloc.set(op.year, op.amountCents)
        break
      }
    }
  }
  // Money moves between years; the grant's total stays what the funder granted.
  const sum = (m: Map<number, number>) => [...m.values()].reduce((a, b) => a + b, 0)
  if (sum(alloc) !== sum(allocBefore)) throw conflict('fund.errors.allocationTotalChanged')
  const all = [...state.values(), ...added]
  for (let year = grant.startYear; year <= grant.endYear; year++) {
    const budget = all.filter((l) => l.year === year).reduce((a, l) => a + l.amountCents, 0)
    if (budget > (alloc.get(year) ?? 0)) throw conflict('fund.errors.overAllocation', { year })
  }
  if (!diff.length) throw invalid('fund.errors.noChange')
  return { state, added, alloc, allocBefore, diff }
}

async function loadChange(tx: DbTx, id: string) {
  const change = await tx.fundBudgetChange.findUnique({ where: { id } })
  if (!change) throw notFound()
  return change
}

export async function proposeChange(db: Db, actor: Actor, input: ProposeChangeInput) {
  return db.$transaction(async (tx) => {
    const grant = await loadGrant(tx, input.grantId)
    authorize(actor, 'fund.manage', grantTenant(grant))
    await assertGrantOpen(tx, grant.id)
    if (grant.budgetVersion !== input.baseVersion) throw conflict('fund.errors.budgetChanged')
    await planChange(tx, grant, input.ops)
    const change = await tx.fundBudgetChange.create({
      data: { grantId: grant.id, baseVersion: grant.budgetVersion, reason: input.reason, ops: input.ops as Prisma.InputJsonValue, proposedById: actor.userId },
    })
    await audit(tx, actor, { action: 'fund.budget.propose', entityType: 'FundBudgetChange', entityId: change.id, regionId: grant.regionId, after: change })
    return change
  })
}

/** Writes a change's status only if nobody decided it since the caller read `version`. */
async function writeChange(tx: DbTx, id: string, version: number, data: Prisma.FundBudgetChangeUncheckedUpdateManyInput) {
  const { count } = await tx.fundBudgetChange.updateMany({ where: { id, version, status: 'PROPOSED' }, data: { ...data, version: { increment: 1 } } })
  if (count === 0) throw conflict('fund.errors.staleVersion')
  return tx.fundBudgetChange.findUniqueOrThrow({ where: { id } })
}

/**
 * Approves a proposed change (four-eyes: not by its proposer while the grant requires a second person) and applies
 * it as the next budget version. Lines that change get a new line version; their previous version stays, so
 * approved reports keep pointing at the version they were approved against.
 */
export async function approveChange(db: Db, actor: Actor, input: ChangeActionInput) {
  return db.$transaction(async (tx) => {
    const change = await loadChange(tx, input.id)
    const grant = await loadGrant(tx, change.grantId)
    authorize(actor, 'fund.manage', grantTenant(grant))
    await assertGrantOpen(tx, grant.id)
    if (change.status !== 'PROPOSED') throw conflict('fund.errors.wrongStatus')
    if (grant.fourEyes && change.proposedById === actor.userId) throw forbidden('fund.errors.fourEyes')
    if (grant.budgetVersion !== change.baseVersion) throw conflict('fund.errors.budgetChanged')
    const plan = await planChange(tx, grant, change.ops as BudgetOp[])
    const changed = [...plan.state.values()].filter((l) => l.changed)
    // Optimistic lock on the whole budget, as the first write: the version moves only if it is still the one the
    // change was made on. A concurrent approval waits here for the grant's row and then finds the version moved —
    // before it writes anything that could clash with the first one's rows (such as the same line version).
    const { count } = await tx.fundGrant.updateMany({ where: { id: grant.id, budgetVersion: change.baseVersion }, data: { budgetVersion: { increment: 1 } } })
    if (count === 0) throw conflict('fund.errors.budgetChanged')
    const resultVersion = change.baseVersion + 1
    // The versions being replaced are kept, as versions of the budget they belonged to.
    for (const l of changed) await ensureLineVersion(tx, l.id!, change.baseVersion)
    // The allocation trigger checks every row as it is written: lower lines first, then raise allocations, lower
    // allocations, raise lines and add new ones — each intermediate state stays within the allocations.
    const lower = changed.filter((l) => l.amountCents <= l.beforeCents)
    const raise = changed.filter((l) => l.amountCents > l.beforeCents)
    const allocations = [...plan.alloc].filter(([year, cents]) => plan.allocBefore.get(year) !== cents)
    const allocUp = allocations.filter(([year, cents]) => cents > (plan.allocBefore.get(year) ?? 0))
    const allocDown = allocations.filter(([year, cents]) => cents < (plan.allocBefore.get(year) ?? 0))
    const writeLine = async (l: LineState) => {
      const line = await tx.fundBudgetLine.update({
        where: { id: l.id! },
        data: { amountCents: l.amountCents, closedAt: l.closed ? new Date() : null, version: { increment: 1 } },
        include: { boards: { select: { boardId: true } } },
      })
      const current = line.boards.map((b) => b.boardId).sort()
      if (current.join() !== l.boardIds.join()) {
        await tx.fundBudgetLineBoard.deleteMany({ where: { budgetLineId: line.id, boardId: { notIn: l.boardIds } } })
        await tx.fundBudgetLineBoard.createMany({ data: l.boardIds.map((boardId) => ({ budgetLineId: line.id, boardId })), skipDuplicates: true })
      }
      await ensureLineVersion(tx, line.id)
    }
    const writeAllocation = ([year, amountCents]: [number, number]) =>
      tx.fundAllocation.upsert({ where: { grantId_year: { grantId: grant.id, year } }, create: { grantId: grant.id, year, amountCents }, update: { amountCents } })
    for (const l of lower) await writeLine(l)
    for (const a of allocUp) await writeAllocation(a)
    for (const a of allocDown) await writeAllocation(a)
    for (const l of raise) await writeLine(l)
    const diff = [...plan.diff]
    for (const l of plan.added) {
      const line = await tx.fundBudgetLine.create({
        data: { grantId: grant.id, year: l.year, activity: l.activity, category: l.category as never, amountCents: l.amountCents, boards: { create: l.boardIds.map((boardId) => ({ boardId })) } },
      })
      await ensureLineVersion(tx, line.id)
      const entry = diff.find((d) => d.field === 'added' && !d.lineId && d.activity === l.activity && d.year === l.year)
      if (entry) entry.lineId = line.id
    }
    const after = await writeChange(tx, change.id, input.version, { status: 'APPROVED', decidedById: actor.userId, decidedAt: new Date(), resultVersion, diff: diff as unknown as Prisma.InputJsonValue })
    await audit(tx, actor, { action: 'fund.budget.approve', entityType: 'FundBudgetChange', entityId: change.id, regionId: grant.regionId, before: change, after })
    return after
  })
}

export async function rejectChange(db: Db, actor: Actor, input: RejectChangeInput) {
  return closeProposal(db, actor, input, 'fund.budget.reject', { status: 'REJECTED', decidedById: actor.userId, rejectReason: input.reason })
}

/** The proposer takes back a change that nobody decided yet. */
export async function withdrawChange(db: Db, actor: Actor, input: ChangeActionInput) {
  return closeProposal(db, actor, input, 'fund.budget.withdraw', { status: 'WITHDRAWN' }, (change) => {
    if (change.proposedById !== actor.userId) throw forbidden()
  })
}

/**
 * Ends a change that is still PROPOSED without applying it (rejected, withdrawn): checks the permission, then
 * `guard`, then the status; writes `data` (decided now) against the version the user saw and audits it as `action`.
 */
async function closeProposal(
  db: Db,
  actor: Actor,
  input: ChangeActionInput,
  action: 'fund.budget.reject' | 'fund.budget.withdraw',
  data: Prisma.FundBudgetChangeUncheckedUpdateManyInput,
  guard: (change: Awaited<ReturnType<typeof loadChange>>) => void = () => {},
) {
  return db.$transaction(async (tx) => {
    const change = await loadChange(tx, input.id)
    const grant = await loadGrant(tx, change.grantId)
    authorize(actor, 'fund.manage', grantTenant(grant))
    guard(change)
    if (change.status !== 'PROPOSED') throw conflict('fund.errors.wrongStatus')
    const after = await writeChange(tx, change.id, input.version, { ...data, decidedAt: new Date() })
    await audit(tx, actor, { action, entityType: 'FundBudgetChange', entityId: change.id, regionId: grant.regionId, before: change, after })
    return after
  })
}

/** Four-eyes on or off for a grant: coordinators may switch it on, only a platform admin may switch it off. */
export async function setFourEyes(db: Db, actor: Actor, input: { grantId: string; fourEyes: boolean }) {
  return db.$transaction(async (tx) => {
    const grant = await loadGrant(tx, input.grantId)
    authorize(actor, 'fund.manage', grantTenant(grant))
    await assertGrantOpen(tx, grant.id)
    if (!input.fourEyes && !isPlatformAdmin(actor)) throw forbidden('fund.errors.fourEyesAdminOnly')
    const after = await tx.fundGrant.update({ where: { id: grant.id }, data: { fourEyes: input.fourEyes }, select: { id: true, fourEyes: true } })
    await audit(tx, actor, { action: 'fund.budget.fourEyes', entityType: 'FundGrant', entityId: grant.id, regionId: grant.regionId, before: { fourEyes: grant.fourEyes }, after })
    return after
  })
}

/**
 * The budget history: the current version, pending proposals and every decided change with its diff. Coordinators
 * see all; a board reporter sees the approved versions' entries of its own lines only.
 */
export async function budgetHistory(db: Db, actor: Actor, grantId: string) {
  const grant = await loadGrant(db, grantId)
  const view = await grantView(db, actor, grant)
  const changes = await db.fundBudgetChange.findMany({
    where: { grantId, ...(view.kind === 'board' ? { status: 'APPROVED' as const } : {}) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: 200,
  })
  const userIds = [...new Set(changes.flatMap((c) => [c.proposedById, c.decidedById]).filter((x): x is string => !!x))]
  const users = new Map((await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } })).map((u) => [u.id, u.name ?? u.email]))
  let boardLines: Set<string> | null = null
  if (view.kind === 'board') {
    const own = await db.fundBudgetLine.findMany({ where: { grantId, boards: { some: { boardId: { in: view.boardIds } } } }, select: { id: true } })
    boardLines = new Set(own.map((l) => l.id))
  }
  // A pending proposal shows what it would do to today's budget (the diff its approval would store), or why it can no
  // longer be applied (e.g. the year was closed meanwhile) — so the second person decides on the actual numbers.
  const previews = new Map<string, { diff: DiffEntry[] } | { refused: { key: string; params?: Record<string, string | number> } }>()
  if (view.kind === 'region') {
    for (const c of changes.filter((x) => x.status === 'PROPOSED')) {
      if (c.baseVersion !== grant.budgetVersion) {
        previews.set(c.id, { refused: { key: 'fund.errors.budgetChanged' } })
        continue
      }
      const preview = await planChange(db, grant, c.ops as BudgetOp[]).then(
        (p) => ({ diff: p.diff }),
        (e: unknown) => {
          if (e instanceof AppError) return { refused: { key: e.key, ...(e.params ? { params: e.params } : {}) } }
          throw e
        },
      )
      previews.set(c.id, preview)
    }
  }
  return {
    grantId,
    budgetVersion: grant.budgetVersion,
    fourEyes: grant.fourEyes,
    changes: changes.map((c) => ({
      id: c.id,
      status: c.status,
      version: c.version,
      baseVersion: c.baseVersion,
      resultVersion: c.resultVersion,
      reason: view.kind === 'region' ? c.reason : null,
      rejectReason: c.rejectReason,
      createdAt: c.createdAt,
      decidedAt: c.decidedAt,
      proposedBy: view.kind === 'region' && c.proposedById ? (users.get(c.proposedById) ?? null) : null,
      decidedBy: view.kind === 'region' && c.decidedById ? (users.get(c.decidedById) ?? null) : null,
      mine: c.proposedById === actor.userId,
      canDecide: view.kind === 'region' && c.status === 'PROPOSED' && !grant.closedAt && (!grant.fourEyes || c.proposedById !== actor.userId),
      diff: ((c.diff ?? []) as DiffEntry[]).filter((d) => !boardLines || (d.lineId && boardLines.has(d.lineId))),
      preview: previews.get(c.id) ?? null,
      ops: view.kind === 'region' ? (c.ops as BudgetOp[]) : [],
    })),
  }
}
