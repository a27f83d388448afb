/** Boards endorse a plan version: agreement or objection with a comment, one per board and version (changeable). */
import type { z } from 'zod'
import type { Db } from '../db/client.ts'
import { audit } from '../db/audit.ts'
import { forbidden, invalid, notFound } from '../lib/errors.ts'
import type { Actor } from '../auth/policy.ts'
import { endorsingBoards } from './access.ts'
import type { ZEndorseInput } from './schema.ts'

export async function endorse(db: Db, actor: Actor, input: z.infer<typeof ZEndorseInput>) {
  const version = await db.planVersion.findUnique({ where: { id: input.versionId }, select: { id: true, number: true, plan: { select: { id: true, regionId: true, version: true } } } })
  if (!version) throw notFound()
  const boards = await endorsingBoards(db, actor, version.plan.regionId)
  if (!boards.length) throw forbidden()
  const board = input.boardId ? boards.find((b) => b.id === input.boardId) : boards.length === 1 ? boards[0] : undefined
  if (!board) throw input.boardId ? forbidden() : invalid('plan.errors.boardRequired')
  if (version.number !== version.plan.version) throw invalid('plan.errors.notLatestVersion')
  return db.$transaction(async (tx) => {
    const key = { versionId_boardId: { versionId: version.id, boardId: board.id } }
    const before = await tx.planEndorsement.findUnique({ where: key })
    const data = { decision: input.decision, comment: input.comment, userId: actor.userId }
    const after = await tx.planEndorsement.upsert({ where: key, create: { versionId: version.id, boardId: board.id, ...data }, update: data })
    await audit(tx, actor, { action: 'plan.endorse', entityType: 'PlanEndorsement', entityId: after.id, regionId: version.plan.regionId, boardId: board.id, before, after })
    return after
  })
}
