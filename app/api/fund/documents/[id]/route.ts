import { z } from 'zod'
import { storedFileResponse, withActor } from '@/server/api/route-handler'
import { zId } from '@/server/lib/zod'
import { readGrantDocument } from '@/server/fund/documents'
import { fileStorage } from '@/server/storage'

/** Download of a grant document (the beschikking), for whoever may read the grant. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return withActor(req, async ({ db, actor }) => {
    const { id } = z.object({ id: zId }).parse(await params)
    const file = await readGrantDocument(db, actor, fileStorage(), id)
    return storedFileResponse(file)
  })
}
