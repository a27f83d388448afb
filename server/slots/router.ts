import { z } from 'zod'
import { procedure, replicaRead, router } from '../api/trpc.ts'
import { zId } from '../lib/zod.ts'
import {
  ZBookInput,
  ZCancelSlotInput,
  ZCreateProgrammeInput,
  ZCreateSlotsInput,
  ZListSlotsInput,
  ZParticipantsInput,
  ZSchoolBookingsInput,
  ZSearchSlotsInput,
  ZSetAttendanceInput,
  ZSettingsInput,
  ZSlotIdInput,
  ZTokenInput,
  ZUpdateProgrammeInput,
  ZArchiveProgrammeInput,
  ZUpdateSlotInput,
} from './schema.ts'
import * as slots from './publishing.ts'
import * as booking from './booking.ts'
import { limitPublic, publicLimit, publicLimits } from '../lib/rate-limit.ts'

/** Public procedures consume the caller's per-IP rate limit first (server/lib/rate-limit.ts). */
const publicRead = procedure('public').use(publicLimit('read'))
const publicWrite = procedure('public').use(publicLimit('write'))
/**
 * The public booking's per-IP write point (the same limit as publicWrite) is consumed inside the booking's first
 * statement (booking.bookReadLimited: one round trip less in a booking rush, issue 17); a request that never got
 * there (its input refused by zod, …) consumes it here after the fact, so every request still costs one point and
 * an exhausted limit still answers 429 first.
 */
const publicBooking = procedure('public').use(async ({ ctx, next }) => {
  const rateLimit: booking.BookingRateLimit = { limit: publicLimits.write, key: ctx.ip, consumed: false }
  const result = await next({ ctx: { rateLimit } })
  if (!rateLimit.consumed) await limitPublic('write', ctx.ip)
  return result
})

export const slotsRouter = router({
  // Publishers (institution)
  institutions: procedure('slots.publish').query(({ ctx }) => slots.listInstitutions(ctx.db, ctx.actor)),
  programmes: procedure('slots.publish').input(z.object({ organisationId: zId.optional() })).query(({ ctx, input }) => slots.listProgrammes(ctx.db, ctx.actor, input)),
  createProgramme: procedure('slots.publish').input(ZCreateProgrammeInput).mutation(({ ctx, input }) => slots.createProgramme(ctx.db, ctx.actor, input)),
  updateProgramme: procedure('slots.publish').input(ZUpdateProgrammeInput).mutation(({ ctx, input }) => slots.updateProgramme(ctx.db, ctx.actor, input)),
  archiveProgramme: procedure('slots.publish').input(ZArchiveProgrammeInput).mutation(({ ctx, input }) => slots.archiveProgramme(ctx.db, ctx.actor, input)),
  createSlots: procedure('slots.publish').input(ZCreateSlotsInput).mutation(({ ctx, input }) => slots.createSlots(ctx.db, ctx.actor, input)),
  list: procedure('slots.publish').input(ZListSlotsInput).query(({ ctx, input }) => slots.listSlots(ctx.db, ctx.actor, input)),
  get: procedure('slots.publish').input(ZSlotIdInput).query(({ ctx, input }) => slots.getSlot(ctx.db, ctx.actor, input.id)),
  participants: procedure('slots.publish').input(ZParticipantsInput).query(({ ctx, input }) => slots.listParticipants(ctx.db, ctx.actor, input)),
  update: procedure('slots.publish').input(ZUpdateSlotInput).mutation(({ ctx, input }) => slots.updateSlot(ctx.db, ctx.actor, input, { locale: ctx.locale })),
  cancel: procedure('slots.publish').input(ZCancelSlotInput).mutation(({ ctx, input }) => slots.cancelSlot(ctx.db, ctx.actor, input.id, { locale: ctx.locale })),
  setAttendance: procedure('slots.publish').input(ZSetAttendanceInput).mutation(({ ctx, input }) => slots.setAttendance(ctx.db, ctx.actor, input)),
  settings: procedure('slots.publish').input(z.object({ organisationId: zId })).query(({ ctx, input }) => slots.getSettings(ctx.db, ctx.actor, input.organisationId)),
  updateSettings: procedure('slots.publish').input(ZSettingsInput).mutation(({ ctx, input }) => slots.updateSettings(ctx.db, ctx.actor, input)),
  showUp: procedure('slots.publish').query(({ ctx }) => slots.institutionShowUp(ctx.db, ctx.actor)),

  // Decanen (vo school)
  schoolBookings: procedure('slots.schoolBookings').input(ZSchoolBookingsInput).query(({ ctx, input }) => slots.schoolBookings(ctx.db, ctx.actor, input)),
  mySchools: procedure('slots.schoolBookings').query(({ ctx }) => slots.mySchools(ctx.db, ctx.actor)),
  bookForPupil: procedure('slots.schoolBookings')
    .input(ZBookInput)
    .mutation(async ({ ctx, input }) => {
      const { status, position, holdExpiresAt } = await booking.bookSlot(ctx.db, ctx.actor, input, { locale: ctx.locale })
      return { status, position, holdExpiresAt }
    }),

  // Public: no account
  search: publicRead.use(replicaRead).input(ZSearchSlotsInput).query(({ ctx, input }) => slots.searchSlots(ctx.db, input)),
  publicSlot: publicRead.use(replicaRead).input(ZSlotIdInput).query(({ ctx, input }) => slots.publicSlot(ctx.db, input.id)),
  book: publicBooking.input(ZBookInput).mutation(async ({ ctx, input }) => {
    // The token goes only to the pupil's mailbox: the link proves the address.
    const { status, position, holdExpiresAt } = await booking.bookSlot(ctx.db, null, input, { locale: ctx.locale, rateLimit: ctx.rateLimit })
    return { status, position, holdExpiresAt }
  }),
  booking: publicRead.input(ZTokenInput).query(({ ctx, input }) => booking.viewBooking(ctx.db, input.token)),
  confirmBooking: publicWrite.input(ZTokenInput).mutation(({ ctx, input }) => booking.confirmBooking(ctx.db, input.token, { locale: ctx.locale })),
  cancelBooking: publicWrite.input(ZTokenInput).mutation(({ ctx, input }) => booking.cancelByToken(ctx.db, input.token, { locale: ctx.locale })),
  acceptOffer: publicWrite.input(ZTokenInput).mutation(({ ctx, input }) => booking.acceptOffer(ctx.db, input.token, { locale: ctx.locale })),
  declineOffer: publicWrite.input(ZTokenInput).mutation(({ ctx, input }) => booking.declineOffer(ctx.db, input.token, { locale: ctx.locale })),
})
