import { z } from 'zod'
import { zId, zLocalDateOf } from '../lib/zod.ts'

/** A school year by its first calendar year: 2020 = school year 2020–2021. */
export const zSchoolYear = z.number({ error: 'k.monitor.validation.schoolYear' }).int('k.monitor.validation.schoolYear').min(2000, 'k.monitor.validation.schoolYear').max(2100, 'k.monitor.validation.schoolYear')
export const zScore = z.number({ error: 'k.monitor.validation.score' }).int('k.monitor.validation.score').min(1, 'k.monitor.validation.score').max(4, 'k.monitor.validation.score')
const zEvidence = z.string().trim().max(4000, 'v.tooLong')
/** A calendar date "yyyy-MM-dd". */
const zDate = zLocalDateOf('k.monitor.validation.date')

export const ZAssessmentKeyInput = z.object({ organisationId: zId, schoolYear: zSchoolYear })
export const ZAssessmentIdInput = z.object({ assessmentId: zId })
export const ZAssessmentVersionInput = z.object({ assessmentId: zId, version: z.number().int().min(1) })

export const ZSaveScoresInput = ZAssessmentVersionInput.extend({
  scores: z
    .array(z.object({ criterionId: zId, score: zScore.nullable(), evidence: zEvidence.optional() }))
    .max(200)
    .refine((s) => new Set(s.map((x) => x.criterionId)).size === s.length, 'k.monitor.validation.duplicateCriterion'),
})
export const ZSetSharingInput = z.object({ assessmentId: zId, shared: z.boolean() })

const actionFields = {
  action: z.string().trim().min(3, 'k.monitor.validation.actionShort').max(1000, 'v.tooLong'),
  ownerName: z.string().trim().min(2, 'k.monitor.validation.ownerRequired').max(200, 'v.tooLong'),
  dueOn: zDate.nullable().optional(),
  criterionId: zId.nullable().optional(),
}
export const ZAddActionInput = z.object({ assessmentId: zId, ...actionFields })
export const ZUpdateActionInput = z.object({ id: zId, ...actionFields, done: z.boolean() })
export const ZActionIdInput = z.object({ id: zId })

export const ZRegionInput = z.object({ regionId: zId, schoolYear: zSchoolYear })

// ---- framework administration ----------------------------------------------------------------------------

const zText = z.string().trim().min(2, 'v.nameTooShort').max(500, 'v.tooLong')
const zLevels = z.array(z.string().trim().min(2, 'k.monitor.validation.levelRequired').max(1000, 'v.tooLong')).length(4, 'k.monitor.validation.fourLevels')
const zCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/, 'k.monitor.validation.code')
  .max(60, 'v.tooLong')

export const ZFrameworkIdInput = z.object({ frameworkId: zId })
export const ZCriterionFields = z.object({ nameNl: zText, nameEn: zText, levelsNl: zLevels, levelsEn: zLevels })
export const ZUpdateCriterionInput = ZCriterionFields.extend({ criterionId: zId })
export const ZAddCriterionInput = ZCriterionFields.extend({ sectionId: zId, code: zCode })
export const ZCriterionIdInput = z.object({ criterionId: zId })

export type SaveScoresInput = z.infer<typeof ZSaveScoresInput>
export type AddActionInput = z.infer<typeof ZAddActionInput>
export type UpdateActionInput = z.infer<typeof ZUpdateActionInput>
export type RegionInput = z.infer<typeof ZRegionInput>
export type UpdateCriterionInput = z.infer<typeof ZUpdateCriterionInput>
export type AddCriterionInput = z.infer<typeof ZAddCriterionInput>
