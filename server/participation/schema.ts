import { z } from 'zod'
import { optional, zEmail, zId, zName, zLocalDateOf, zLocalDateTimeOf, zNum } from '../lib/zod.ts'
import { zPupilLevel, zPupilName } from '../slots/schema.ts'

/**
 * Participation: class lists, personal booking links, campaigns, reserved places, reach. Custom messages are keys:
 * "v.<key>" (validation.*) or "k.<full key>".
 */

/** Fields of a class-list file, in the order of the mapping form. */
export const IMPORT_FIELDS = [
  { field: 'name', required: true, aliases: ['naam', 'leerling', 'volledige naam', 'roepnaam'] },
  { field: 'email', required: true, aliases: ['e-mail', 'email', 'mail', 'emailadres', 'e-mailadres'] },
  { field: 'level', required: true, aliases: ['niveau', 'schooltype', 'opleiding', 'leerweg'] },
  { field: 'year', required: true, aliases: ['leerjaar', 'jaar', 'klasjaar'] },
  { field: 'className', required: true, aliases: ['klas', 'class', 'groep', 'stamklas'] },
  { field: 'pupilNumber', required: false, aliases: ['leerlingnummer', 'leerling nummer', 'llnr', 'nummer', 'student number'] },
] as const
export type ImportField = (typeof IMPORT_FIELDS)[number]['field']
const zColumn = z.string().max(200, 'v.tooLong')
export const ZColumnMapping = z.object({
  name: zColumn,
  email: zColumn,
  level: zColumn,
  year: zColumn,
  className: zColumn,
  pupilNumber: zColumn.optional(),
})
export type ColumnMapping = z.infer<typeof ZColumnMapping>

/** A school year by its first calendar year (2026 = 2026/27). */
export const zSchoolYear = zNum(z.number().int('k.participation.validation.schoolYear').min(2000, 'k.participation.validation.schoolYear').max(2100, 'k.participation.validation.schoolYear'))
export const zClassName = z.string().trim().min(1, 'v.required').max(20, 'v.tooLong').regex(/^[\p{L}\p{N} ._-]+$/u, 'k.participation.validation.className')
export const zLeerjaar = zNum(z.number().int('k.participation.validation.year').min(1, 'k.participation.validation.year').max(6, 'k.participation.validation.year'))
export const zPupilNumber = z.string().trim().max(20, 'v.tooLong').regex(/^[A-Za-z0-9-]+$/, 'k.participation.validation.pupilNumber')

/** Largest class-list file (base64 in the request: about 4/3 of this). */
export const MAX_LIST_BYTES = 2 * 1024 * 1024
const zFile = z.string().min(1, 'v.required').max(Math.ceil((MAX_LIST_BYTES * 4) / 3) + 4, 'k.participation.import.errors.tooLarge')

export const ZAnalyseInput = z.object({ schoolId: zId, fileName: z.string().trim().max(200, 'v.tooLong'), content: zFile })
export const ZImportInput = ZAnalyseInput.extend({ schoolYear: zSchoolYear, mapping: ZColumnMapping })

export const ZPupilInput = z.object({
  schoolId: zId,
  schoolYear: zSchoolYear,
  name: zPupilName,
  email: zEmail,
  level: zPupilLevel,
  year: zLeerjaar,
  className: zClassName,
  pupilNumber: optional(zPupilNumber),
})

export const ZListInput = z.object({ schoolId: optional(zId), schoolYear: optional(zSchoolYear), className: optional(zClassName), campaignId: optional(zId) })
export const ZPupilIdInput = z.object({ pupilId: zId })
export const ZSendLinksInput = z.object({ pupilIds: z.array(zId).min(1, 'v.required').max(2000) })
export const ZRemindInput = z.object({ schoolId: zId, campaignId: zId, schoolYear: optional(zSchoolYear) })

export const ZLinkTokenInput = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'k.participation.errors.linkInvalid') })
export const ZLinkBookInput = ZLinkTokenInput.extend({ slotId: zId })

const zLocalDate = zLocalDateOf('k.participation.validation.date')
const zLocalDateTime = zLocalDateTimeOf('k.participation.validation.dateTime')

export const ZCampaignInput = z
  .object({
    regionId: zId,
    name: zName,
    opensAt: zLocalDate,
    closesAt: zLocalDate,
    maxPerPupil: zNum(z.number().int('k.participation.validation.max').min(1, 'k.participation.validation.max').max(50, 'k.participation.validation.max')),
    maxPerSector: optional(zNum(z.number().int('k.participation.validation.max').min(1, 'k.participation.validation.max').max(50, 'k.participation.validation.max'))),
    levels: z.array(zPupilLevel).max(7).default([]),
    schoolIds: z.array(zId).max(500).default([]),
    slotIds: z.array(zId).max(2000).default([]),
    listedOnly: z.boolean().default(true),
  })
  .refine((c) => c.closesAt >= c.opensAt, { message: 'k.participation.validation.closesBeforeOpens', path: ['closesAt'] })
export const ZCampaignIdInput = z.object({ campaignId: zId })
export const ZCampaignSlotsInput = z.object({ campaignId: zId, slotIds: z.array(zId).max(2000) })
export const ZCampaignListInput = z.object({ regionId: optional(zId) })

export const ZReserveInput = z.object({
  slotId: zId,
  schoolId: zId,
  places: zNum(z.number().int('k.participation.validation.places').min(1, 'k.participation.validation.places').max(2000, 'k.participation.validation.places')),
  /** Amsterdam wall clock. */
  releaseAt: zLocalDateTime,
  campaignId: optional(zId),
})
export const ZReservationIdInput = z.object({ reservationId: zId })
export const ZSlotReservationsInput = z.object({ slotId: zId })

export const ZReachInput = z.object({ schoolYear: optional(zSchoolYear), schoolId: optional(zId), regionId: optional(zId) })
export const ZConsentInput = z.object({ schoolId: zId, consent: z.boolean() })
export const ZSchoolInput = z.object({ schoolId: zId })

/** The post-slot evaluation: three scales 1–5 and an optional comment. */
const zScore = zNum(z.number().int('k.participation.evaluation.validation.score').min(1, 'k.participation.evaluation.validation.score').max(5, 'k.participation.evaluation.validation.score'))
export const MAX_COMMENT = 500
export const ZEvaluationTokenInput = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'k.participation.evaluation.errors.invalid') })
export const ZEvaluateInput = ZEvaluationTokenInput.extend({
  useful: zScore,
  helpedChoice: zScore,
  recommend: zScore,
  comment: optional(z.string().trim().max(MAX_COMMENT, 'v.tooLong')),
})
export const ZEvaluationResultsInput = z.object({ organisationId: zId })

/** An institution's rule for pupils not on a class list: for the organisation (no programme) or one programme; null = the default (anyone). */
export const ZListRuleInput = z.object({ organisationId: zId, programmeId: optional(zId), listedOnly: z.boolean().nullable() })
export const ZOrganisationInput = z.object({ organisationId: zId })

export type EvaluateInput = z.infer<typeof ZEvaluateInput>
export type EvaluationResultsInput = z.infer<typeof ZEvaluationResultsInput>
export type ListRuleInput = z.infer<typeof ZListRuleInput>
export type PupilInput = z.infer<typeof ZPupilInput>
export type CampaignInput = z.infer<typeof ZCampaignInput>
export type ReserveInput = z.infer<typeof ZReserveInput>
export type ListInput = z.infer<typeof ZListInput>
export type ReachInput = z.infer<typeof ZReachInput>
