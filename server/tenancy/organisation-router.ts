import { z } from 'zod'
import { procedure, router } from '../api/trpc.ts'
import {
  ZCreateOrganisationInput,
  ZDecideRegionJoinInput,
  ZListRegionJoinRequestsInput,
  ZRequestRegionJoinInput,
  ZListOrganisationsInput,
  ZPageOrganisationsInput,
  ZSetOrganisationRegionInput,
  ZUpdateOrganisationInput,
} from './schema.ts'
import { zId } from '../lib/zod.ts'
import * as orgs from './organisations.ts'
import * as requests from './region-requests.ts'

export const organisationRouter = router({
  list: procedure('organisation.read').input(ZListOrganisationsInput).query(({ ctx, input }) => orgs.listOrganisations(ctx.db, ctx.actor, input)),
  /** The list on /organisations: a page at a time by name, with the total (the same scope and filters as list). */
  page: procedure('organisation.read').input(ZPageOrganisationsInput).query(({ ctx, input }) => orgs.pageOrganisations(ctx.db, ctx.actor, input)),
  get: procedure('organisation.read')
    .input(z.object({ id: zId }))
    .query(({ ctx, input }) => orgs.getOrganisation(ctx.db, ctx.actor, input.id)),
  create: procedure('organisation.create').input(ZCreateOrganisationInput).mutation(({ ctx, input }) => orgs.createOrganisation(ctx.db, ctx.actor, input)),
  update: procedure('organisation.update').input(ZUpdateOrganisationInput).mutation(({ ctx, input }) => orgs.updateOrganisation(ctx.db, ctx.actor, input)),
  setRegion: procedure('organisation.manageRegions')
    .input(ZSetOrganisationRegionInput)
    .mutation(({ ctx, input }) => orgs.setOrganisationRegion(ctx.db, ctx.actor, input)),
  /** Ask to include an organisation in one's region; joins at once only if the actor may consent for it. */
  requestRegion: procedure('organisation.manageRegions')
    .input(ZRequestRegionJoinInput)
    .mutation(({ ctx, input }) => requests.requestRegionJoin(ctx.db, ctx.actor, input)),
  /** The organisation's side accepts or declines a region's request. */
  decideRegionRequest: procedure('organisation.consentRegion')
    .input(ZDecideRegionJoinInput)
    .mutation(({ ctx, input }) => requests.decideRegionJoin(ctx.db, ctx.actor, input)),
  regionRequests: procedure('organisation.read')
    .input(ZListRegionJoinRequestsInput)
    .query(({ ctx, input }) => requests.listRegionJoinRequests(ctx.db, ctx.actor, input)),
})
