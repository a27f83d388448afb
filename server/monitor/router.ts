import { procedure, router } from '../api/trpc.ts'
import {
  ZActionIdInput,
  ZAddActionInput,
  ZAddCriterionInput,
  ZAssessmentKeyInput,
  ZAssessmentVersionInput,
  ZCriterionIdInput,
  ZFrameworkIdInput,
  ZRegionInput,
  ZSaveScoresInput,
  ZSetSharingInput,
  ZUpdateActionInput,
  ZUpdateCriterionInput,
} from './schema.ts'
import * as assessments from './assessments.ts'
import * as framework from './framework.ts'
import { closeRound, regionView } from './region.ts'

export const monitorRouter = router({
  // The school's own self-assessment (ORG_STAFF of that school).
  overview: procedure('monitor.fill').query(({ ctx }) => assessments.overview(ctx.db, ctx.actor)),
  assessment: procedure('monitor.fill').input(ZAssessmentKeyInput).query(({ ctx, input }) => assessments.getAssessment(ctx.db, ctx.actor, input)),
  start: procedure('monitor.fill').input(ZAssessmentKeyInput).mutation(({ ctx, input }) => assessments.startAssessment(ctx.db, ctx.actor, input)),
  saveScores: procedure('monitor.fill').input(ZSaveScoresInput).mutation(({ ctx, input }) => assessments.saveScores(ctx.db, ctx.actor, input)),
  submit: procedure('monitor.fill').input(ZAssessmentVersionInput).mutation(({ ctx, input }) => assessments.submitAssessment(ctx.db, ctx.actor, input)),
  reopen: procedure('monitor.fill').input(ZAssessmentVersionInput).mutation(({ ctx, input }) => assessments.reopenAssessment(ctx.db, ctx.actor, input)),
  setSharing: procedure('monitor.fill').input(ZSetSharingInput).mutation(({ ctx, input }) => assessments.setSharing(ctx.db, ctx.actor, input)),
  addAction: procedure('monitor.fill').input(ZAddActionInput).mutation(({ ctx, input }) => assessments.addAction(ctx.db, ctx.actor, input)),
  updateAction: procedure('monitor.fill').input(ZUpdateActionInput).mutation(({ ctx, input }) => assessments.updateAction(ctx.db, ctx.actor, input)),
  removeAction: procedure('monitor.fill').input(ZActionIdInput).mutation(({ ctx, input }) => assessments.removeAction(ctx.db, ctx.actor, input.id)),

  // The region (coordinators): protected distribution, shared schools, closing a year's round.
  region: procedure('monitor.regionRead').input(ZRegionInput).query(({ ctx, input }) => regionView(ctx.db, ctx.actor, input)),
  closeRound: procedure('monitor.regionManage').input(ZRegionInput).mutation(({ ctx, input }) => closeRound(ctx.db, ctx.actor, input)),

  // The framework (platform admin).
  frameworks: procedure('monitor.manageFramework').query(({ ctx }) => framework.listFrameworks(ctx.db, ctx.actor)),
  framework: procedure('monitor.manageFramework').input(ZFrameworkIdInput).query(({ ctx, input }) => framework.getFramework(ctx.db, ctx.actor, input.frameworkId)),
  newVersion: procedure('monitor.manageFramework').input(ZFrameworkIdInput).mutation(({ ctx, input }) => framework.newVersion(ctx.db, ctx.actor, input.frameworkId)),
  activate: procedure('monitor.manageFramework').input(ZFrameworkIdInput).mutation(({ ctx, input }) => framework.activateFramework(ctx.db, ctx.actor, input.frameworkId)),
  updateCriterion: procedure('monitor.manageFramework').input(ZUpdateCriterionInput).mutation(({ ctx, input }) => framework.updateCriterion(ctx.db, ctx.actor, input)),
  addCriterion: procedure('monitor.manageFramework').input(ZAddCriterionInput).mutation(({ ctx, input }) => framework.addCriterion(ctx.db, ctx.actor, input)),
  removeCriterion: procedure('monitor.manageFramework').input(ZCriterionIdInput).mutation(({ ctx, input }) => framework.removeCriterion(ctx.db, ctx.actor, input.criterionId)),
})
