import { procedure, router } from '../api/trpc.ts'
import { homeOverview } from './overview.ts'

/** The signed-in home page ("Overzicht"): 'authenticated', every block scoped by the actor's own memberships. */
export const homeRouter = router({
  overview: procedure('authenticated').query(({ ctx }) => homeOverview(ctx.db, ctx.actor)),
})
