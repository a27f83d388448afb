import { procedure, router } from '../api/trpc.ts'

export const meRouter = router({
  /** The signed-in user and their roles (drives the navigation). */
  get: procedure('authenticated').query(async ({ ctx }) => {
    const roles = await ctx.db.roleMembership.findMany({
      where: { userId: ctx.actor.userId },
      include: { region: { select: { id: true, name: true, slug: true } }, board: { select: { id: true, name: true } }, organisation: { select: { id: true, name: true, sector: true } } },
      orderBy: { role: 'asc' },
    })
    return { userId: ctx.actor.userId, email: ctx.actor.email, name: ctx.actor.name, roles, regionIds: ctx.actor.regionIds }
  }),
})
