import { z } from 'zod'
import { procedure, replicaRead, router } from '../api/trpc.ts'
import { zId } from '../lib/zod.ts'
import {
  ZCreateEventInput,
  ZCreateFeedTokenInput,
  ZDecideEventInput,
  ZEventIdInput,
  ZEventListInput,
  ZEventRangeInput,
  ZPublicRangeInput,
  ZPublishSeriesInput,
  ZRejectEventInput,
  ZRespondInvitationInput,
  ZRevokeFeedTokenInput,
  ZUpdateEventInput,
} from './schema.ts'
import * as events from './events.ts'
import * as views from './query.ts'
import * as feeds from './feed.ts'

export const calendarRouter = router({
  regions: procedure('calendar.read').query(({ ctx }) => views.calendarRegions(ctx.db, ctx.actor)),
  organisations: procedure('calendar.read')
    .input(z.object({ regionId: zId }))
    .query(({ ctx, input }) => views.regionOrganisations(ctx.db, ctx.actor, input.regionId)),
  range: procedure('calendar.read').input(ZEventRangeInput).query(({ ctx, input }) => views.listEventRange(ctx.db, ctx.actor, input)),
  list: procedure('calendar.read').input(ZEventListInput).query(({ ctx, input }) => views.listEvents(ctx.db, ctx.actor, input)),
  publicRange: procedure('public').use(replicaRead).input(ZPublicRangeInput).query(({ ctx, input }) => views.publicRegionCalendar(ctx.db, input)),
  get: procedure('calendar.read').input(ZEventIdInput).query(({ ctx, input }) => events.getEvent(ctx.db, ctx.actor, input.id)),
  mine: procedure('calendar.propose').query(({ ctx }) => events.listMyEvents(ctx.db, ctx.actor)),
  pending: procedure('calendar.approve').query(({ ctx }) => events.listPendingEvents(ctx.db, ctx.actor)),
  create: procedure('calendar.propose').input(ZCreateEventInput).mutation(({ ctx, input }) => events.createEvent(ctx.db, ctx.actor, input)),
  update: procedure('calendar.propose').input(ZUpdateEventInput).mutation(({ ctx, input }) => events.updateEvent(ctx.db, ctx.actor, input)),
  propose: procedure('calendar.propose').input(ZEventIdInput).mutation(({ ctx, input }) => events.proposeEvent(ctx.db, ctx.actor, input.id)),
  cancel: procedure('calendar.propose').input(ZEventIdInput).mutation(({ ctx, input }) => events.cancelEvent(ctx.db, ctx.actor, input.id)),
  publish: procedure('calendar.approve').input(ZDecideEventInput).mutation(({ ctx, input }) => events.publishEvent(ctx.db, ctx.actor, input)),
  publishSeries: procedure('calendar.approve').input(ZPublishSeriesInput).mutation(({ ctx, input }) => events.publishSeries(ctx.db, ctx.actor, input)),
  reject: procedure('calendar.approve').input(ZRejectEventInput).mutation(({ ctx, input }) => events.rejectEvent(ctx.db, ctx.actor, input)),
  approveRevision: procedure('calendar.approve').input(ZDecideEventInput).mutation(({ ctx, input }) => events.approveRevision(ctx.db, ctx.actor, input)),
  rejectRevision: procedure('calendar.approve').input(ZRejectEventInput).mutation(({ ctx, input }) => events.rejectRevision(ctx.db, ctx.actor, input)),
  invitations: procedure('calendar.propose').query(({ ctx }) => events.listInvitations(ctx.db, ctx.actor)),
  respondToInvitation: procedure('calendar.propose').input(ZRespondInvitationInput).mutation(({ ctx, input }) => events.respondToInvitation(ctx.db, ctx.actor, input)),
  feedTokens: procedure('calendar.read').query(({ ctx }) => feeds.listFeedTokens(ctx.db, ctx.actor)),
  createFeedToken: procedure('calendar.read').input(ZCreateFeedTokenInput).mutation(({ ctx, input }) => feeds.createFeedToken(ctx.db, ctx.actor, input, ctx.locale)),
  revokeFeedToken: procedure('calendar.read').input(ZRevokeFeedTokenInput).mutation(({ ctx, input }) => feeds.revokeFeedToken(ctx.db, ctx.actor, input.id)),
})
