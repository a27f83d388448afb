import { z } from 'zod'
import { zId, zLocalDateOf, zNum } from '../lib/zod.ts'

export const INDICATOR_KINDS = ['TRANSITIONS', 'ACTIVITY', 'FUND', 'MONITOR', 'MANUAL'] as const
export const DIRECTIONS = ['HIGHER', 'LOWER'] as const
export const AGREEMENT_STATUSES = ['OPEN', 'IN_PROGRESS', 'DONE', 'DROPPED'] as const
export const PARTIES = ['VO', 'MBO', 'HBO', 'WO'] as const
export const DECISIONS = ['CONTINUE', 'ADJUST', 'STOP', 'NEW_GOAL'] as const
export const ENDORSEMENTS = ['AGREE', 'OBJECT'] as const

/** What a computed indicator measures (config of PlanIndicator, per kind). */
export const TRANSITION_METRICS = ['switchedPct', 'droppedOutPct', 'enrolledPct', 'diplomaPct'] as const
export const ACTIVITY_METRICS = ['BOOKED', 'ATTENDED', 'EVENTS', 'SCHOOLS_REACHED'] as const
export const FUND_METRICS = ['APPROVED', 'REPORTED'] as const
/** From the schools' self-assessment of one criterion: the region's median level (1–4), or the % of schools at level 3 or 4. */
export const MONITOR_METRICS = ['MEDIAN', 'SHARE_3_PLUS'] as const
export const TRACKS = ['VMBO_B', 'VMBO_K', 'VMBO_GT', 'HAVO', 'VWO', 'MBO_1', 'MBO_2', 'MBO_3', 'MBO_4'] as const
export const PUPIL_LEVELS = ['VMBO_BB', 'VMBO_KB', 'VMBO_GT', 'HAVO', 'VWO', 'MBO', 'OTHER'] as const
export const EVENT_TYPES = ['OPEN_DAG', 'MEELOOPDAG', 'PROEFSTUDEREN', 'VOORLICHTING', 'OUDERAVOND', 'STUDIEBEURS', 'LOB_WORKSHOP', 'NETWERKWEEK', 'OTHER'] as const

export const zPlanYear = zNum(z.number().int('v.year').min(2000, 'v.year').max(2100, 'v.year'))
const zText = (max: number) => z.string().trim().max(max, 'v.tooLong')
const zTitle = z.string().trim().min(2, 'v.nameTooShort').max(200, 'v.tooLong')
/** Why a change was made; required (checked in the service) once the plan has been adopted. */
const zReason = z.string().trim().max(500, 'v.tooLong').optional()
const zValue = zNum(z.number()).refine(Number.isFinite, 'k.plan.validation.number').refine((v) => Math.abs(v) < 1e12, 'k.plan.validation.number')
const zOptValue = z.preprocess((v) => (v === '' || v === null ? undefined : v), zValue.optional())
const zOptYear = z.preprocess((v) => (v === '' || v === null ? undefined : v), zPlanYear.optional())
const zOptEnum = <T extends readonly [string, ...string[]]>(values: T) => z.preprocess((v) => (v === '' ? undefined : v), z.enum(values).optional())

export const ZPlanIdInput = z.object({ planId: zId })
export const ZGoalIdInput = z.object({ goalId: zId })
export const ZYearInput = z.object({ planId: zId, year: zPlanYear })

export const ZCreatePlanInput = z
  .object({ regionId: zId, title: zTitle, startYear: zPlanYear, endYear: zPlanYear })
  .refine((v) => v.endYear >= v.startYear && v.endYear - v.startYear <= 9, { path: ['endYear'], message: 'k.plan.validation.period' })

export const ZAdoptInput = z.object({ planId: zId, reason: zText(500).optional() })

export const ZGoalInput = z.object({
  planId: zId,
  themeId: zId,
  title: zTitle,
  description: zText(4000).default(''),
  organisationIds: z.array(zId).max(50).default([]),
  reason: zReason,
})
export const ZUpdateGoalInput = ZGoalInput.omit({ planId: true }).extend({ goalId: zId })
export const ZGoalChangeInput = z.object({ goalId: zId, reason: zReason })

/** An indicator; `config` is checked against its kind. */
export const ZIndicatorInput = z
  .object({
    goalId: zId,
    name: zTitle,
    kind: z.enum(INDICATOR_KINDS),
    direction: z.enum(DIRECTIONS).default('HIGHER'),
    transitionMetric: zOptEnum(TRANSITION_METRICS),
    track: zOptEnum(TRACKS),
    activityMetric: zOptEnum(ACTIVITY_METRICS),
    level: zOptEnum(PUPIL_LEVELS),
    eventType: zOptEnum(EVENT_TYPES),
    fundMetric: zOptEnum(FUND_METRICS),
    monitorMetric: zOptEnum(MONITOR_METRICS),
    criterion: z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().max(60, 'v.tooLong').regex(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/, 'k.plan.validation.monitorConfig').optional()),
    baselineYear: zOptYear,
    baselineValue: zOptValue,
    sourceNote: zText(500).optional(),
    reason: zReason,
  })
  .refine((v) => v.kind !== 'TRANSITIONS' || (!!v.transitionMetric && !!v.track), { path: ['track'], message: 'k.plan.validation.transitionConfig' })
  .refine((v) => v.kind !== 'ACTIVITY' || !!v.activityMetric, { path: ['activityMetric'], message: 'k.plan.validation.activityConfig' })
  .refine((v) => v.kind !== 'FUND' || !!v.fundMetric, { path: ['fundMetric'], message: 'k.plan.validation.fundConfig' })
  .refine((v) => v.kind !== 'MONITOR' || (!!v.monitorMetric && !!v.criterion), { path: ['criterion'], message: 'k.plan.validation.monitorConfig' })
  .refine((v) => v.kind !== 'MANUAL' || !!v.sourceNote?.trim(), { path: ['sourceNote'], message: 'k.plan.validation.sourceNote' })
  .refine((v) => (v.baselineYear === undefined) === (v.baselineValue === undefined), { path: ['baselineValue'], message: 'k.plan.validation.baseline' })

export const ZTargetInput = z.object({ indicatorId: zId, year: zPlanYear, value: zOptValue, reason: zReason })
export const ZManualValueInput = z.object({ indicatorId: zId, year: zPlanYear, value: zValue, sourceNote: z.string().trim().min(2, 'k.plan.validation.sourceNote').max(500, 'v.tooLong') })

export const ZAgreementInput = z.object({
  planId: zId,
  party: z.enum(PARTIES),
  commitment: z.string().trim().min(5, 'k.plan.validation.commitment').max(1000, 'v.tooLong'),
  owner: z.string().trim().min(2, 'v.nameTooShort').max(200, 'v.tooLong'),
  dueDate: zLocalDateOf('k.plan.validation.date'),
  reason: zReason,
})
export const ZAgreementStatusInput = z.object({ agreementId: zId, status: z.enum(AGREEMENT_STATUSES), reason: zReason })

export const LINK_KINDS = ['event', 'programme', 'budgetLine'] as const
export const ZSetLinksInput = z.object({ goalId: zId, kind: z.enum(LINK_KINDS), ids: z.array(zId).max(100) })

export const ZEndorseInput = z.object({
  versionId: zId,
  boardId: zId.optional(),
  decision: z.enum(ENDORSEMENTS),
  comment: zText(2000).default(''),
}).refine((v) => v.decision === 'AGREE' || v.comment.length >= 2, { path: ['comment'], message: 'k.plan.validation.objectionComment' })

export const ZGoalEvaluationInput = z.object({
  planId: zId,
  year: zPlanYear,
  goalId: zId,
  evaluation: zText(4000).default(''),
  decision: zOptEnum(DECISIONS),
  decisionNote: zText(2000).default(''),
}).refine((v) => v.decision !== 'NEW_GOAL' || v.decisionNote.length >= 2, { path: ['decisionNote'], message: 'k.plan.validation.newGoalNote' })

export const ZContributionInput = z.object({
  planId: zId,
  year: zPlanYear,
  goalId: zId,
  organisationId: zId.optional(),
  text: z.string().trim().min(2, 'k.plan.validation.contribution').max(4000, 'v.tooLong'),
})

export const ZApplyDecisionsInput = z.object({ planId: zId, year: zPlanYear })

export const ZThemeInput = z.object({
  key: z.string().trim().regex(/^[a-z0-9-]{2,60}$/, 'v.slug'),
  nameNl: zTitle,
  nameEn: zTitle,
  position: zNum(z.number().int().min(0).max(1000)).default(0),
})

export const ZServedGoalsInput = z.object({ kind: z.enum(LINK_KINDS), id: zId })
