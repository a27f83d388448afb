import type { DbTx } from '../db/client.ts'
import type { Actor } from './policy.ts'

/** Loads the verified actor (user + role memberships) for a signed-in user id, or null if the user is gone. */
export async function loadActor(db: DbTx, userId: string): Promise<Actor | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      roles: { select: { role: true, regionId: true, boardId: true, organisationId: true } },
    },
  })
  if (!user) return null
  const orgIds = user.roles.flatMap((m) => (m.organisationId ? [m.organisationId] : []))
  const boardIds = user.roles.flatMap((m) => (m.boardId ? [m.boardId] : []))
  const viaOrgs =
    orgIds.length || boardIds.length
      ? await db.organisationRegion.findMany({
          where: { OR: [{ organisationId: { in: orgIds } }, { organisation: { boardId: { in: boardIds } } }] },
          select: { regionId: true },
        })
      : []
  const regionIds = [...new Set([...user.roles.flatMap((m) => (m.regionId ? [m.regionId] : [])), ...viaOrgs.map((r) => r.regionId)])]
  return { userId: user.id, email: user.email, name: user.name, memberships: user.roles, regionIds }
}
