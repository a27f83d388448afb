import type { z } from 'zod'
import type { Db, Prisma } from '../db/client.ts'
import { audit } from '../db/audit.ts'
import { authorize, scopeWhere, type Actor, type TenantPaths } from '../auth/policy.ts'
import { notFound } from '../lib/errors.ts'
import type { ZCreateBoardInput, ZUpdateBoardInput } from './schema.ts'

export const boardPaths: TenantPaths<Prisma.BoardWhereInput> = {
  region: (ids) => ({ organisations: { some: { regions: { some: { regionId: { in: ids } } } } } }),
  board: (ids) => ({ id: { in: ids } }),
}

export async function listBoards(db: Db, actor: Actor) {
  return db.board.findMany({
    where: scopeWhere(actor, 'board.read', boardPaths),
    orderBy: { name: 'asc' },
    include: { _count: { select: { organisations: true } } },
  })
}

export async function createBoard(db: Db, actor: Actor, input: z.infer<typeof ZCreateBoardInput>) {
  authorize(actor, 'board.manage', {})
  return db.$transaction(async (tx) => {
    const board = await tx.board.create({ data: input })
    await audit(tx, actor, { action: 'board.create', entityType: 'Board', entityId: board.id, boardId: board.id, after: board })
    return board
  })
}

export async function updateBoard(db: Db, actor: Actor, input: z.infer<typeof ZUpdateBoardInput>) {
  authorize(actor, 'board.manage', { boardId: input.id })
  const { id, ...data } = input
  return db.$transaction(async (tx) => {
    const before = await tx.board.findUnique({ where: { id } })
    if (!before) throw notFound()
    const board = await tx.board.update({ where: { id }, data })
    await audit(tx, actor, { action: 'board.update', entityType: 'Board', entityId: id, boardId: id, before, after: board })
    return board
  })
}
