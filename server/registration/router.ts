import { procedure, replicaRead, router } from '../api/trpc.ts'
import { publicLimit } from '../lib/rate-limit.ts'
import { z } from 'zod'
import { zId } from '../lib/zod.ts'
import {
  ZCancelInput,
  ZCheckInBatchInput,
  ZCheckInInput,
  ZCheckinSearchInput,
  ZEventIdInput,
  ZMessageInput,
  ZRegisterInput,
  ZRegistrantsInput,
  ZSeatTokenInput,
  ZSetupInput,
  ZTokenInput,
} from './schema.ts'
import * as manage from './manage.ts'
import * as reg from './register.ts'
import * as checkin from './checkin.ts'

/** Public procedures consume the caller's per-IP rate limit first, as the slots' do (server/lib/rate-limit.ts). */
const publicRead = procedure('public').use(publicLimit('read'))
const publicWrite = procedure('public').use(publicLimit('write'))

export const registrationRouter = router({
  // Organisers (the event's editors)
  get: procedure('registration.manage').input(ZEventIdInput).query(({ ctx, input }) => manage.getRegistration(ctx.db, ctx.actor, input.eventId)),
  setup: procedure('registration.manage').input(ZSetupInput).mutation(({ ctx, input }) => manage.setupRegistration(ctx.db, ctx.actor, input, { locale: ctx.locale })),
  registrants: procedure('registration.manage').input(ZRegistrantsInput).query(({ ctx, input }) => manage.listRegistrants(ctx.db, ctx.actor, input)),
  message: procedure('registration.manage').input(ZMessageInput).mutation(({ ctx, input }) => manage.messageRegistrants(ctx.db, ctx.actor, input, { locale: ctx.locale })),
  cancel: procedure('registration.manage').input(ZEventIdInput).mutation(({ ctx, input }) => manage.cancelRegistration(ctx.db, ctx.actor, input.eventId, { locale: ctx.locale })),
  checkIn: procedure('registration.manage').input(ZCheckInInput).mutation(({ ctx, input }) => checkin.checkIn(ctx.db, ctx.actor, input)),
  checkInBatch: procedure('registration.manage').input(ZCheckInBatchInput).mutation(({ ctx, input }) => checkin.checkInBatch(ctx.db, ctx.actor, input.items)),
  checkinSearch: procedure('registration.manage').input(ZCheckinSearchInput).query(({ ctx, input }) => checkin.checkinSearch(ctx.db, ctx.actor, input)),
  checkinSummary: procedure('registration.manage').input(z.object({ sessionId: zId })).query(({ ctx, input }) => checkin.checkinSummary(ctx.db, ctx.actor, input.sessionId)),

  // Public: no account (a signed-in professional registering with their own address is confirmed at once)
  publicEvent: publicRead.use(replicaRead).input(ZEventIdInput).query(({ ctx, input }) => reg.publicRegistration(ctx.db, input.eventId)),
  availability: publicRead.use(replicaRead).input(z.object({ eventIds: z.array(zId).max(500) })).query(({ ctx, input }) => reg.availability(ctx.db, input.eventIds)),
  register: publicWrite.input(ZRegisterInput).mutation(async ({ ctx, input }) => {
    // The token goes only to the registrant's mailbox: the link proves the address.
    const { seats } = await reg.register(ctx.db, ctx.actor, input, { locale: ctx.locale })
    return { seats }
  }),
  view: publicRead.input(ZTokenInput).query(({ ctx, input }) => reg.viewRegistration(ctx.db, input.token)),
  confirm: publicWrite.input(ZTokenInput).mutation(({ ctx, input }) => reg.confirmRegistration(ctx.db, input.token, { locale: ctx.locale })),
  cancelMine: publicWrite.input(ZCancelInput).mutation(({ ctx, input }) => reg.cancelByToken(ctx.db, input.token, input.seatId, { locale: ctx.locale })),
  acceptOffer: publicWrite.input(ZSeatTokenInput).mutation(({ ctx, input }) => reg.acceptOffer(ctx.db, input.token, input.seatId, { locale: ctx.locale })),
  declineOffer: publicWrite.input(ZSeatTokenInput).mutation(({ ctx, input }) => reg.declineOffer(ctx.db, input.token, input.seatId, { locale: ctx.locale })),
})
