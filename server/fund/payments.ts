/**
 * Payments (disbursements) by the penvoerder to boards: an advance (optionally for a budget line) or a payment
 * after approval (for an approved report). Recorded by the region's coordinator on behalf of the penvoerder; each
 * board sees its own payments and what is still outstanding (approved − paid).
 */
import type { Db, Prisma } from '../db/client.ts'
import { audit } from '../db/audit.ts'
import { authorize, type Actor } from '../auth/policy.ts'
import { conflict, invalid } from '../lib/errors.ts'
import { assertGrantOpen, boardsOfRegion, grantTenant, grantView, loadGrant } from './grants.ts'
import type { CreatePaymentInput } from './schema.ts'

export async function createPayment(db: Db, actor: Actor, input: CreatePaymentInput) {
  return db.$transaction(async (tx) => {
    const grant = await loadGrant(tx, input.grantId)
    authorize(actor, 'fund.manage', grantTenant(grant))
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

/** The grant's payments: all for the region, only its own for a board. */
export async function listPayments(db: Db, actor: Actor, grantId: string) {
  const grant = await loadGrant(db, grantId)
  const view = await grantView(db, actor, grant)
  const where: Prisma.FundPaymentWhereInput = { grantId, ...(view.kind === 'board' ? { boardId: { in: view.boardIds } } : {}) }
  return db.fundPayment.findMany({
    where,
    include: { board: { select: { id: true, name: true, number: true } }, budgetLine: { select: { id: true, activity: true, year: true } }, report: { select: { id: true, description: true } } },
    orderBy: [{ paidOn: 'desc' }, { createdAt: 'desc' }],
    take: 1000,
  })
}

/** Approved reports of a board that are not fully paid yet (for the payment form's picker). */
export async function payableReports(db: Db, actor: Actor, grantId: string) {
  const grant = await loadGrant(db, grantId)
  authorize(actor, 'fund.manage', grantTenant(grant))
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
