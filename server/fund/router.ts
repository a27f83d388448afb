import { procedure, router } from '../api/trpc.ts'
import {
  ZCloseYearInput,
  ZCreateBudgetLineInput,
  ZCreateGrantInput,
  ZCreateReportInput,
  ZEventIdInput,
  ZGrantIdInput,
  ZGrantPageInput,
  ZLinkableEventsInput,
  ZListReportsInput,
  ZRejectReportInput,
  ZReopenYearInput,
  ZReportActionInput,
  ZReportIdInput,
  ZSetLineEventsInput,
  ZUpdateReportInput,
  ZProposeChangeInput,
  ZChangeActionInput,
  ZRejectChangeInput,
  ZSetFourEyesInput,
  ZCreatePaymentInput,
  ZCreateResultInput,
  ZUpdateResultInput,
  ZSetDeadlineInput,
  ZCloseGrantInput,
} from './schema.ts'
import * as budget from './budget.ts'
import * as payments from './payments.ts'
import * as results from './results.ts'
import * as settle from './settlement.ts'
import { z } from 'zod'
import { zId } from '../lib/zod.ts'
import * as fund from './grants.ts'
import * as dashboards from './dashboard.ts'
import { removeEvidence } from './evidence.ts'
import { fileStorage } from '../storage/index.ts'

export const fundRouter = router({
  grants: procedure('fund.read').query(({ ctx }) => fund.listGrants(ctx.db, ctx.actor)),
  /** Penvoerder staff: the grants their organisation pays for (coordinators: the region's, as `grants`). */
  payGrants: procedure('fund.pay').query(({ ctx }) => payments.payGrants(ctx.db, ctx.actor)),
  /** The header and tabs of a grant's pages, for its readers (fund.read) and its payers (fund.pay); the service decides. */
  grantHeader: procedure('authenticated').input(ZGrantIdInput).query(({ ctx, input }) => fund.grantHeader(ctx.db, ctx.actor, input.grantId)),
  grant: procedure('fund.read').input(ZGrantIdInput).query(({ ctx, input }) => fund.getGrant(ctx.db, ctx.actor, input.grantId)),
  createGrant: procedure('fund.manage').input(ZCreateGrantInput).mutation(({ ctx, input }) => fund.createGrant(ctx.db, ctx.actor, input)),
  createBudgetLine: procedure('fund.manage').input(ZCreateBudgetLineInput).mutation(({ ctx, input }) => fund.createBudgetLine(ctx.db, ctx.actor, input)),
  setLineEvents: procedure('fund.manage').input(ZSetLineEventsInput).mutation(({ ctx, input }) => fund.setLineEvents(ctx.db, ctx.actor, input)),
  linkableEvents: procedure('fund.manage').input(ZLinkableEventsInput).query(({ ctx, input }) => fund.linkableEvents(ctx.db, ctx.actor, input)),
  eventFunding: procedure('fund.read').input(ZEventIdInput).query(({ ctx, input }) => fund.eventFunding(ctx.db, ctx.actor, input.eventId)),
  lines: procedure('fund.read').input(ZGrantPageInput).query(({ ctx, input }) => fund.listLines(ctx.db, ctx.actor, input)),
  closeYear: procedure('fund.manage').input(ZCloseYearInput).mutation(({ ctx, input }) => fund.closeYear(ctx.db, ctx.actor, input)),
  reopenYear: procedure('fund.manage').input(ZReopenYearInput).mutation(({ ctx, input }) => fund.reopenYear(ctx.db, ctx.actor, input)),

  dashboard: procedure('fund.read').input(ZGrantIdInput).query(({ ctx, input }) => dashboards.dashboard(ctx.db, ctx.actor, input.grantId)),
  regionDashboard: procedure('fund.read').input(ZGrantIdInput).query(({ ctx, input }) => dashboards.regionDashboard(ctx.db, ctx.actor, input.grantId)),
  accountability: procedure('fund.read').input(ZGrantIdInput).query(({ ctx, input }) => dashboards.accountability(ctx.db, ctx.actor, input.grantId)),

  reports: procedure('fund.read').input(ZListReportsInput).query(({ ctx, input }) => fund.listReports(ctx.db, ctx.actor, input)),
  report: procedure('fund.read').input(ZReportIdInput).query(({ ctx, input }) => fund.getReport(ctx.db, ctx.actor, input.id)),
  createReport: procedure('fund.report').input(ZCreateReportInput).mutation(({ ctx, input }) => fund.createReport(ctx.db, ctx.actor, input)),
  updateReport: procedure('fund.report').input(ZUpdateReportInput).mutation(({ ctx, input }) => fund.updateReport(ctx.db, ctx.actor, input)),
  submitReport: procedure('fund.report').input(ZReportActionInput).mutation(({ ctx, input }) => fund.submitReport(ctx.db, ctx.actor, input)),
  approveReport: procedure('fund.approve').input(ZReportActionInput).mutation(({ ctx, input }) => fund.approveReport(ctx.db, ctx.actor, input)),
  rejectReport: procedure('fund.approve').input(ZRejectReportInput).mutation(({ ctx, input }) => fund.rejectReport(ctx.db, ctx.actor, input)),
  removeEvidence: procedure('fund.report').input(ZReportIdInput).mutation(({ ctx, input }) => removeEvidence(ctx.db, ctx.actor, fileStorage(), input.id)),

  // budget changes (four-eyes) and versions
  budgetHistory: procedure('fund.read').input(ZGrantIdInput).query(({ ctx, input }) => budget.budgetHistory(ctx.db, ctx.actor, input.grantId)),
  proposeChange: procedure('fund.manage').input(ZProposeChangeInput).mutation(({ ctx, input }) => budget.proposeChange(ctx.db, ctx.actor, input)),
  approveChange: procedure('fund.manage').input(ZChangeActionInput).mutation(({ ctx, input }) => budget.approveChange(ctx.db, ctx.actor, input)),
  rejectChange: procedure('fund.manage').input(ZRejectChangeInput).mutation(({ ctx, input }) => budget.rejectChange(ctx.db, ctx.actor, input)),
  withdrawChange: procedure('fund.manage').input(ZChangeActionInput).mutation(({ ctx, input }) => budget.withdrawChange(ctx.db, ctx.actor, input)),
  setFourEyes: procedure('fund.manage').input(ZSetFourEyesInput).mutation(({ ctx, input }) => budget.setFourEyes(ctx.db, ctx.actor, input)),

  // payments
  payments: procedure('fund.read').input(ZGrantPageInput).query(({ ctx, input }) => payments.listPayments(ctx.db, ctx.actor, input)),
  /** The same list for the penvoerder's staff, who hold fund.pay but not fund.read (one service, one scoped where). */
  paidByUs: procedure('fund.pay').input(ZGrantPageInput).query(({ ctx, input }) => payments.listPayments(ctx.db, ctx.actor, input)),
  paymentDesk: procedure('fund.pay').input(ZGrantIdInput).query(({ ctx, input }) => payments.paymentDesk(ctx.db, ctx.actor, input.grantId)),
  payableReports: procedure('fund.pay').input(ZGrantIdInput).query(({ ctx, input }) => payments.payableReports(ctx.db, ctx.actor, input.grantId)),
  createPayment: procedure('fund.pay').input(ZCreatePaymentInput).mutation(({ ctx, input }) => payments.createPayment(ctx.db, ctx.actor, input)),

  // results reporting
  results: procedure('fund.read').input(ZGrantPageInput).query(({ ctx, input }) => results.listResults(ctx.db, ctx.actor, input)),
  result: procedure('fund.read').input(ZReportIdInput).query(({ ctx, input }) => results.getResult(ctx.db, ctx.actor, input.id)),
  resultOptions: procedure('fund.read').input(z.object({ budgetLineId: zId })).query(({ ctx, input }) => results.resultOptions(ctx.db, ctx.actor, input.budgetLineId)),
  createResult: procedure('fund.report').input(ZCreateResultInput).mutation(({ ctx, input }) => results.createResult(ctx.db, ctx.actor, input)),
  updateResult: procedure('fund.report').input(ZUpdateResultInput).mutation(({ ctx, input }) => results.updateResult(ctx.db, ctx.actor, input)),
  submitResult: procedure('fund.report').input(ZChangeActionInput).mutation(({ ctx, input }) => results.submitResult(ctx.db, ctx.actor, input)),
  approveResult: procedure('fund.approve').input(ZChangeActionInput).mutation(({ ctx, input }) => results.approveResult(ctx.db, ctx.actor, input)),
  rejectResult: procedure('fund.approve').input(ZRejectChangeInput).mutation(({ ctx, input }) => results.rejectResult(ctx.db, ctx.actor, input)),

  // deadlines, settlement, closing
  setDeadline: procedure('fund.manage').input(ZSetDeadlineInput).mutation(({ ctx, input }) => settle.setDeadline(ctx.db, ctx.actor, input)),
  overdue: procedure('fund.read').input(ZGrantIdInput).query(({ ctx, input }) => settle.overdue(ctx.db, ctx.actor, input.grantId)),
  settlement: procedure('fund.read').input(ZGrantIdInput).query(({ ctx, input }) => settle.settlement(ctx.db, ctx.actor, input.grantId)),
  closeGrant: procedure('fund.manage').input(ZCloseGrantInput).mutation(({ ctx, input }) => settle.closeGrant(ctx.db, ctx.actor, input.grantId)),
})
