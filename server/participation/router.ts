import { procedure, router } from '../api/trpc.ts'
import { publicLimit } from '../lib/rate-limit.ts'
import { translator } from '../i18n/translate.ts'
import {
  ZAnalyseInput,
  ZCampaignIdInput,
  ZCampaignInput,
  ZCampaignListInput,
  ZCampaignSlotsInput,
  ZConsentInput,
  ZImportInput,
  ZLinkBookInput,
  ZLinkTokenInput,
  ZListInput,
  ZPupilIdInput,
  ZPupilInput,
  ZReachInput,
  ZRemindInput,
  ZReservationIdInput,
  ZReserveInput,
  ZSchoolInput,
  ZSendLinksInput,
  ZSlotReservationsInput,
  ZEvaluateInput,
  ZEvaluationResultsInput,
  ZEvaluationTokenInput,
  ZListRuleInput,
  ZOrganisationInput,
} from './schema.ts'
import * as evaluation from './evaluation.ts'
import * as listRules from './list-rules.ts'
import * as pupils from './pupils.ts'
import * as campaigns from './campaigns.ts'
import * as reservations from './reservations.ts'
import * as reach from './reach.ts'
import * as link from './link.ts'
import { z } from 'zod'
import { zId } from '../lib/zod.ts'

/** Public procedures (the personal link) consume the caller's per-IP rate limit first. */
const publicRead = procedure('public').use(publicLimit('read'))
const publicWrite = procedure('public').use(publicLimit('write'))

export const participationRouter = router({
  // Decaan: class lists, links, overview, export, AVG requests
  schools: procedure('participation.school').query(({ ctx }) => pupils.mySchools(ctx.db, ctx.actor)),
  analyseImport: procedure('participation.school').input(ZAnalyseInput).mutation(({ ctx, input }) => pupils.analyseImport(ctx.db, ctx.actor, input)),
  importPupils: procedure('participation.school').input(ZImportInput).mutation(({ ctx, input }) => pupils.importPupils(ctx.db, ctx.actor, input)),
  addPupil: procedure('participation.school').input(ZPupilInput).mutation(({ ctx, input }) => pupils.addPupil(ctx.db, ctx.actor, input)),
  overview: procedure('participation.school').input(ZListInput).query(({ ctx, input }) => pupils.overview(ctx.db, ctx.actor, input)),
  sendLinks: procedure('participation.school').input(ZSendLinksInput).mutation(({ ctx, input }) => pupils.sendLinks(ctx.db, ctx.actor, input.pupilIds)),
  revokeLink: procedure('participation.school').input(ZPupilIdInput).mutation(({ ctx, input }) => pupils.revokeLink(ctx.db, ctx.actor, input.pupilId)),
  remind: procedure('participation.school').input(ZRemindInput).mutation(({ ctx, input }) => pupils.remindCampaign(ctx.db, ctx.actor, input)),
  exportClass: procedure('participation.school').input(ZListInput).mutation(({ ctx, input }) => pupils.exportClass(ctx.db, ctx.actor, input, translator(ctx.locale), ctx.locale)),
  exportPupil: procedure('participation.school').input(ZPupilIdInput).mutation(({ ctx, input }) => pupils.exportPupilData(ctx.db, ctx.actor, input.pupilId)),
  deletePupil: procedure('participation.school').input(ZPupilIdInput).mutation(({ ctx, input }) => pupils.deletePupil(ctx.db, ctx.actor, input.pupilId, { locale: ctx.locale })),
  consent: procedure('participation.school').input(ZSchoolInput).query(({ ctx, input }) => reach.getConsent(ctx.db, ctx.actor, input.schoolId)),
  setConsent: procedure('participation.school').input(ZConsentInput).mutation(({ ctx, input }) => reach.setConsent(ctx.db, ctx.actor, input.schoolId, input.consent)),

  // Coordinator: campaigns
  campaignRegions: procedure('participation.campaigns').query(({ ctx }) => campaigns.campaignRegions(ctx.db, ctx.actor)),
  campaigns: procedure('participation.campaigns').input(ZCampaignListInput).query(({ ctx, input }) => campaigns.listCampaigns(ctx.db, ctx.actor, input.regionId)),
  campaign: procedure('participation.campaigns').input(ZCampaignIdInput).query(({ ctx, input }) => campaigns.getCampaign(ctx.db, ctx.actor, input.campaignId)),
  candidateSlots: procedure('participation.campaigns').input(z.object({ regionId: zId })).query(({ ctx, input }) => campaigns.candidateSlots(ctx.db, ctx.actor, input.regionId)),
  createCampaign: procedure('participation.campaigns').input(ZCampaignInput).mutation(({ ctx, input }) => campaigns.createCampaign(ctx.db, ctx.actor, input)),
  setCampaignSlots: procedure('participation.campaigns').input(ZCampaignSlotsInput).mutation(({ ctx, input }) => campaigns.setCampaignSlots(ctx.db, ctx.actor, input.campaignId, input.slotIds)),

  // Institution or coordinator: reserved places
  reservations: procedure('participation.reserve').input(ZSlotReservationsInput).query(({ ctx, input }) => reservations.slotReservations(ctx.db, ctx.actor, input.slotId)),
  reserve: procedure('participation.reserve').input(ZReserveInput).mutation(({ ctx, input }) => reservations.reservePlaces(ctx.db, ctx.actor, input)),
  releaseReservation: procedure('participation.reserve').input(ZReservationIdInput).mutation(({ ctx, input }) => reservations.releaseNow(ctx.db, ctx.actor, input.reservationId, { locale: ctx.locale })),

  // Institution: who may book (pupils not on a class list)
  ruleOrganisations: procedure('participation.institution').query(({ ctx }) => listRules.ruleOrganisations(ctx.db, ctx.actor)),
  listRules: procedure('participation.institution').input(ZOrganisationInput).query(({ ctx, input }) => listRules.listRules(ctx.db, ctx.actor, input.organisationId)),
  setListRule: procedure('participation.institution').input(ZListRuleInput).mutation(({ ctx, input }) => listRules.setListRule(ctx.db, ctx.actor, input)),

  // Evaluations, aggregated: the institution's slots, or a school's own pupils
  evaluationOrganisations: procedure('participation.evaluations').query(({ ctx }) => evaluation.evaluationOrganisations(ctx.db, ctx.actor)),
  evaluationResults: procedure('participation.evaluations').input(ZEvaluationResultsInput).query(({ ctx, input }) => evaluation.evaluationResults(ctx.db, ctx.actor, input)),

  // Reach report
  reach: procedure('participation.reach').input(ZReachInput).query(({ ctx, input }) => reach.reachReport(ctx.db, ctx.actor, input)),

  // Public: the pupil's personal link (no account)
  link: publicRead.input(ZLinkTokenInput).query(({ ctx, input }) => link.viewLink(ctx.db, input.token)),
  evaluation: publicRead.input(ZEvaluationTokenInput).query(({ ctx, input }) => evaluation.viewEvaluation(ctx.db, input.token)),
  evaluate: publicWrite.input(ZEvaluateInput).mutation(({ ctx, input }) => evaluation.submitEvaluation(ctx.db, input)),
  linkBook: publicWrite.input(ZLinkBookInput).mutation(({ ctx, input }) => link.bookWithLink(ctx.db, input.token, input.slotId, { locale: ctx.locale })),
})
