/**
 * Payments (disbursements) by the penvoerder to boards: an advance (optionally for a budget line) or a payment
 * after approval (for an approved report). Recorded by the staff of the grant's penvoerder organisation or by the
 * region's coordinator on its behalf (`fund.pay` on `paymentTenant`); each board sees its own payments and what is
 * still outstanding (approved − paid). Penvoerder staff get nothing else of the fund: no budget, reports or results.
 */
import type { Db, Prisma } from '../db/client.ts'
import { audit } from '../db/audit.ts'
import { authorize, can, scopeWhere, type Actor, type TenantPaths } from '../auth/policy.ts'
import { afterKeyset, keysetPage } from '../lib/keyset.ts'
import { conflict, invalid } from '../lib/errors.ts'
import { assertGrantOpen, boardsOfRegion, grantView, loadGrant, paymentTenant } from './grants.ts'
import type { CreatePaymentInput, GrantPageInput } from './schema.ts'

const payGrantPaths: TenantPaths<Prisma.FundGrantWhereInput> = {
  region: (ids) => ({ regionId: { in: ids } }),
  organisation: (ids) => ({ penvoerderId: { in: ids } }),
}
/** Payments the actor records or sees as payer (`fund.pay`): the region's, or those of grants its organisation pays. */
const payPaths: TenantPaths<Prisma.FundPaymentWhereInput> = {
  region: (ids) => ({ grant: { regionId: { in: ids } } }),
  organisation: (ids) => ({ grant: { penvoerderId: { in: ids } } }),
}
/** Payments the actor sees as reader (`fund.read`): the region's (coordinators), a board its own. */
const readPaths: TenantPaths<Prisma.FundPaymentWhereInput> = {
  region: (ids) => ({ grant: { regionId: { in: ids } } }),
  board: (ids) => ({ boardId: { in: ids } }),
}

/**
 * The payments the actor may see, as a Prisma `where`: a payer's, or a reader's — never another region's, another
 * penvoerder's or another board's (each part matches nothing when the actor holds no such role).
 */
export const visiblePaymentsWhere = (actor: Actor): Prisma.FundPaymentWhereInput => ({ OR: [scopeWhere(actor, 'fund.pay', payPaths), scopeWhere(actor, 'fund.read', readPaths)] })

/** Grants the actor records payments for (a penvoerder's staff: the grants of their organisation). */
export async function payGrants(db: Db, actor: Actor) {
  return db.fundGrant.findMany({
    where: scopeWhere(actor, 'fund.pay', payGrantPaths),
    include: { region: { select: { name: true } }, penvoerder: { select: { name: true } } },
    orderBy: [{ startYear: 'desc' }, { fundName: 'asc' }],
    take: 200,
  })
}

export async function createPayment(db: Db, actor: Actor, input: CreatePaymentInput) {
  return db.$transaction(async (tx) => {
    const grant = await loadGrant(tx, input.grantId)
    authorize(actor, 'fund.pay', paymentTenant(grant))
    await assertGrantOpen(tx, grant.id)
    const boards = new Set((await boardsOfRegion(tx, grant.regionId)).map((b) => b.id))
    if (!boards.has(input.boardId)) throw invalid('fund.errors.boardNotInRegion')
    let year = Number(input.paidOn.slice(0, 4))
    let budgetLineId = input.budgetLineId ?? null
    if (input.kind === 'AFTER_APPROVAL') {
      if (!input.reportId) throw invalid('fund.errors.paymentNeedsReport')
      const report = await tx.fundReport.findUnique({ where: { id: input.reportId }, include: { budgetLine: { select: { grantId: true, year: true } } } })
      if (!report || report.budgetLine.grantId !== grant.id || report.boardId !== input.boardId) throw invalid('fund.errors.reportNotOfBoard')
      if (report.status !== 'APPROVED') throw conflict('fund.errors.reportNotApproved')
      const paid = await tx.fundPayment.aggregate({ where: { reportId: report.id }, _sum: { amountCents: true } })
      if ((paid._sum.amountCents ?? 0) + input.amountCents > report.amountCents) throw conflict('fund.errors.overpaid')
      year = report.budgetLine.year
      budgetLineId = report.budgetLineId
    } else if (input.reportId) {
      throw invalid('fund.errors.advanceNoReport')
    }
    if (input.budgetLineId) {
      const line = await tx.fundBudgetLine.findUnique({ where: { id: input.budgetLineId }, include: { boards: { select: { boardId: true } } } })
      if (!line || line.grantId !== grant.id || !line.boards.some((b) => b.boardId === input.boardId)) throw invalid('fund.errors.lineNotOfBoard')
      if (budgetLineId !== line.id) throw invalid('fund.errors.lineNotOfBoard')
      year = line.year
    }
    if (year < grant.startYear || year > grant.endYear) throw invalid('fund.errors.yearOutsidePeriod')
    const payment = await tx.fundPayment.create({
      data: {
        grantId: grant.id,
        boardId: input.boardId,
        year,
        kind: input.kind,
        paidOn: new Date(`${input.paidOn}T00:00:00Z`),
        amountCents: input.amountCents,
        reference: input.reference,
        budgetLineId,
        reportId: input.reportId ?? null,
        createdById: actor.userId,
      },
    })
    await audit(tx, actor, { action: 'fund.payment.create', entityType: 'FundPayment', entityId: payment.id, regionId: grant.regionId, boardId: payment.boardId, after: payment })
    return payment
  })
}

/**
 * A page of the grant's payments (newest first) with the totals of all of them: all for the region's coordinators
 * and the penvoerder's staff, only its own for a board. FORBIDDEN for anyone else.
 */
export async function listPayments(db: Db, actor: Actor, input: GrantPageInput) {
  const grant = await loadGrant(db, input.grantId)
  if (!can(actor, 'fund.pay', paymentTenant(grant))) await grantView(db, actor, grant)
  const where: Prisma.FundPaymentWhereInput = { AND: [{ grantId: grant.id }, visiblePaymentsWhere(actor)] }
  const [rows, totals] = await Promise.all([
    db.fundPayment.findMany({
      where: input.cursor ? { AND: [where, afterKeyset('paidOn', new Date(input.cursor.key), input.cursor.id, 'desc')] } : where,
      include: { board: { select: { id: true, name: true, number: true } }, budgetLine: { select: { id: true, activity: true, year: true } }, report: { select: { id: true, description: true } } },
      orderBy: [{ paidOn: 'desc' }, { id: 'desc' }],
      take: input.limit + 1,
    }),
    db.fundPayment.aggregate({ where, _count: true, _sum: { amountCents: true } }),
  ])
  return { ...keysetPage(rows, input.limit, (p) => p.paidOn), total: totals._count, totalCents: totals._sum.amountCents ?? 0 }
}

/**
 * What the payment form needs, for whoever records payments of the grant (`fund.pay`): the grant, the region's
 * boards, the open lines and the approved reports not fully paid yet.
 */
export async function paymentDesk(db: Db, actor: Actor, grantId: string) {
  const grant = await loadGrant(db, grantId)
  authorize(actor, 'fund.pay', paymentTenant(grant))
  const [boards, lines, reports] = await Promise.all([
    boardsOfRegion(db, grant.regionId),
    db.fundBudgetLine.findMany({ where: { grantId }, select: { id: true, year: true, activity: true, boards: { select: { boardId: true } } }, orderBy: [{ year: 'asc' }, { activity: 'asc' }] }),
    payableReports(db, actor, grantId),
  ])
  return {
    grant: { id: grant.id, fundName: grant.fundName, closed: !!grant.closedAt },
    boards,
    lines: lines.map((l) => ({ id: l.id, year: l.year, activity: l.activity, boardIds: l.boards.map((b) => b.boardId) })),
    reports,
  }
}

/** Approved reports of a board that are not fully paid yet (for the payment form's picker). */
export async function payableReports(db: Db, actor: Actor, grantId: string) {
  const grant = await loadGrant(db, grantId)
  authorize(actor, 'fund.pay', paymentTenant(grant))
  const reports = await db.fundReport.findMany({
    where: { status: 'APPROVED', budgetLine: { grantId } },
    select: { id: true, boardId: true, amountCents: true, description: true, budgetLine: { select: { year: true, activity: true } }, payments: { select: { amountCents: true } } },
    orderBy: [{ spentOn: 'asc' }, { id: 'asc' }],
    take: 2000,
  })
  return reports
    .map((r) => ({ id: r.id, boardId: r.boardId, description: r.description, year: r.budgetLine.year, activity: r.budgetLine.activity, openCents: r.amountCents - r.payments.reduce((a, p) => a + p.amountCents, 0) }))
    .filter((r) => r.openCents > 0)
}
