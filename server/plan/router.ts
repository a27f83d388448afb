import { procedure, router } from '../api/trpc.ts'
import {
  ZAdoptInput,
  ZAgreementInput,
  ZAgreementStatusInput,
  ZApplyDecisionsInput,
  ZContributionInput,
  ZCreatePlanInput,
  ZEndorseInput,
  ZGoalEvaluationInput,
  ZGoalInput,
  ZIndicatorInput,
  ZManualValueInput,
  ZPlanIdInput,
  ZServedGoalsInput,
  ZSetLinksInput,
  ZTargetInput,
  ZThemeInput,
  ZUpdateGoalInput,
  ZYearInput,
} from './schema.ts'
import * as plans from './plans.ts'
import { adopt } from './versions.ts'
import { linkable, servedGoals, setLinks } from './links.ts'
import { getPlan } from './view.ts'
import { endorse } from './endorsements.ts'
import { addContribution, applyDecisions, getEvaluation, openEvaluation, saveGoalEvaluation } from './evaluation.ts'

export const planRouter = router({
  themes: procedure('plan.read').query(({ ctx }) => plans.listThemes(ctx.db)),
  upsertTheme: procedure('plan.themes').input(ZThemeInput).mutation(({ ctx, input }) => plans.upsertTheme(ctx.db, ctx.actor, input)),

  list: procedure('plan.read').query(({ ctx }) => plans.listPlans(ctx.db, ctx.actor)),
  get: procedure('plan.read').input(ZPlanIdInput).query(({ ctx, input }) => getPlan(ctx.db, ctx.actor, input.planId)),
  create: procedure('plan.manage').input(ZCreatePlanInput).mutation(({ ctx, input }) => plans.createPlan(ctx.db, ctx.actor, input)),
  adopt: procedure('plan.manage').input(ZAdoptInput).mutation(({ ctx, input }) => adopt(ctx.db, ctx.actor, input)),

  createGoal: procedure('plan.manage').input(ZGoalInput).mutation(({ ctx, input }) => plans.createGoal(ctx.db, ctx.actor, input)),
  updateGoal: procedure('plan.manage').input(ZUpdateGoalInput).mutation(({ ctx, input }) => plans.updateGoal(ctx.db, ctx.actor, input)),
  monitorCriteria: procedure('plan.read').query(({ ctx }) => plans.monitorCriteria(ctx.db)),
  createIndicator: procedure('plan.manage').input(ZIndicatorInput).mutation(({ ctx, input }) => plans.createIndicator(ctx.db, ctx.actor, input)),
  setTarget: procedure('plan.manage').input(ZTargetInput).mutation(({ ctx, input }) => plans.setTarget(ctx.db, ctx.actor, input)),
  setManualValue: procedure('plan.manage').input(ZManualValueInput).mutation(({ ctx, input }) => plans.setManualValue(ctx.db, ctx.actor, input)),
  createAgreement: procedure('plan.manage').input(ZAgreementInput).mutation(({ ctx, input }) => plans.createAgreement(ctx.db, ctx.actor, input)),
  setAgreementStatus: procedure('plan.manage').input(ZAgreementStatusInput).mutation(({ ctx, input }) => plans.setAgreementStatus(ctx.db, ctx.actor, input)),

  linkable: procedure('plan.manage').input(ZPlanIdInput).query(({ ctx, input }) => linkable(ctx.db, ctx.actor, input.planId)),
  setLinks: procedure('plan.manage').input(ZSetLinksInput).mutation(({ ctx, input }) => setLinks(ctx.db, ctx.actor, input)),
  servedGoals: procedure('plan.read').input(ZServedGoalsInput).query(({ ctx, input }) => servedGoals(ctx.db, ctx.actor, input)),

  endorse: procedure('plan.endorse').input(ZEndorseInput).mutation(({ ctx, input }) => endorse(ctx.db, ctx.actor, input)),

  evaluation: procedure('plan.read').input(ZYearInput).query(({ ctx, input }) => getEvaluation(ctx.db, ctx.actor, input)),
  openEvaluation: procedure('plan.manage').input(ZYearInput).mutation(({ ctx, input }) => openEvaluation(ctx.db, ctx.actor, input)),
  saveGoalEvaluation: procedure('plan.manage').input(ZGoalEvaluationInput).mutation(({ ctx, input }) => saveGoalEvaluation(ctx.db, ctx.actor, input)),
  addContribution: procedure('plan.contribute').input(ZContributionInput).mutation(({ ctx, input }) => addContribution(ctx.db, ctx.actor, input)),
  applyDecisions: procedure('plan.manage').input(ZApplyDecisionsInput).mutation(({ ctx, input }) => applyDecisions(ctx.db, ctx.actor, input)),
})
