import { z } from 'zod'
import { storedFileResponse, withActor } from '@/server/api/route-handler'
import { zId } from '@/server/lib/zod'
import { readEvidence } from '@/server/fund/evidence'
import { fileStorage } from '@/server/storage'

/** Download of an evidence file, for those who may read its report. Served as stored (type sniffed at upload). */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return withActor(req, async ({ db, actor }) => {
    const { id } = z.object({ id: zId }).parse(await params)
    const file = await readEvidence(db, actor, fileStorage(), id)
    return storedFileResponse(file)
  })
}
