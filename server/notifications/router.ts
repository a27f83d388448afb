import { procedure, router } from '../api/trpc.ts'
import { limitPublic } from '../lib/rate-limit.ts'
import { ZListInboxInput, ZMarkReadInput, ZSetPreferenceInput, ZUnsubscribeInput } from './schema.ts'
import * as inbox from './inbox.ts'
import * as prefs from './preferences.ts'

/**
 * The user's own inbox and preferences ('authenticated': every signed-in user has one, and every query is scoped to
 * the actor's own id). `unsubscribe` is public: it acts on the signed token only (the link in a mail), rate-limited.
 */
export const notificationsRouter = router({
  list: procedure('authenticated').input(ZListInboxInput).query(({ ctx, input }) => inbox.listInbox(ctx.db, ctx.actor, input, ctx.locale)),
  unreadCount: procedure('authenticated').query(({ ctx }) => inbox.unreadCount(ctx.db, ctx.actor)),
  markRead: procedure('authenticated').input(ZMarkReadInput).mutation(({ ctx, input }) => inbox.markRead(ctx.db, ctx.actor, input.id)),
  markAllRead: procedure('authenticated').mutation(({ ctx }) => inbox.markAllRead(ctx.db, ctx.actor)),
  preferences: procedure('authenticated').query(({ ctx }) => prefs.listPreferences(ctx.db, ctx.actor)),
  setPreference: procedure('authenticated').input(ZSetPreferenceInput).mutation(({ ctx, input }) => prefs.setPreference(ctx.db, ctx.actor, input)),
  unsubscribe: procedure('public')
    .use(async ({ ctx, next }) => {
      await limitPublic('write', ctx.ip)
      return next()
    })
    .input(ZUnsubscribeInput)
    .mutation(async ({ ctx, input }) => {
      const r = await prefs.unsubscribe(ctx.db, input.token)
      return { kind: r.kind }
    }),
})
