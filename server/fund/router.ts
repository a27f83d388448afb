import { procedure, router } from '../api/trpc.ts'
import {
  ZCloseYearInput,
  ZCreateBudgetLineInput,
  ZCreateGrantInput,
  ZCreateReportInput,
  ZEventIdInput,
  ZGrantIdInput,
  ZLinkableEventsInput,
  ZListReportsInput,
  ZRejectReportInput,
  ZReopenYearInput,
  ZReportActionInput,
  ZReportIdInput,
  ZSetLineEventsInput,
  ZUpdateReportInput,
} from './schema.ts'
import * as fund from './grants.ts'
import * as dashboards from './dashboard.ts'
import { removeEvidence } from './evidence.ts'
import { fileStorage } from '../storage/index.ts'

export const fundRouter = router({
  grants: procedure('fund.read').query(({ ctx }) => fund.listGrants(ctx.db, ctx.actor)),
  grant: procedure('fund.read').input(ZGrantIdInput).query(({ ctx, input }) => fund.getGrant(ctx.db, ctx.actor, input.grantId)),
  createGrant: procedure('fund.manage').input(ZCreateGrantInput).mutation(({ ctx, input }) => fund.createGrant(ctx.db, ctx.actor, input)),
  createBudgetLine: procedure('fund.manage').input(ZCreateBudgetLineInput).mutation(({ ctx, input }) => fund.createBudgetLine(ctx.db, ctx.actor, input)),
  setLineEvents: procedure('fund.manage').input(ZSetLineEventsInput).mutation(({ ctx, input }) => fund.setLineEvents(ctx.db, ctx.actor, input)),
  linkableEvents: procedure('fund.manage').input(ZLinkableEventsInput).query(({ ctx, input }) => fund.linkableEvents(ctx.db, ctx.actor, input)),
  eventFunding: procedure('fund.read').input(ZEventIdInput).query(({ ctx, input }) => fund.eventFunding(ctx.db, ctx.actor, input.eventId)),
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
})
