import { procedure, router } from '../api/trpc.ts'
import { ZCreateBoardInput, ZUpdateBoardInput } from './schema.ts'
import * as boards from './boards.ts'

export const boardRouter = router({
  list: procedure('board.read').query(({ ctx }) => boards.listBoards(ctx.db, ctx.actor)),
  create: procedure('board.manage').input(ZCreateBoardInput).mutation(({ ctx, input }) => boards.createBoard(ctx.db, ctx.actor, input)),
  update: procedure('board.manage').input(ZUpdateBoardInput).mutation(({ ctx, input }) => boards.updateBoard(ctx.db, ctx.actor, input)),
})
