import { z } from 'zod'
import { zId } from '@/server/lib/zod'
import { analyseImport } from '@/server/transitions/import'
import { jsonParam, withActor } from '@/server/transitions/http'
import { AppError } from '@/server/lib/errors'

const SAMPLE_BYTES = 64 * 1024

/** Step 1 of an import: the client posts the first bytes of its file; the answer proposes how to read it. */
export async function POST(req: Request) {
  return withActor(req, async ({ db, actor }) => {
    const { datasetId } = jsonParam(new URL(req.url), 'options', z.object({ datasetId: zId }))
    const sample = Buffer.from(await req.arrayBuffer())
    if (sample.length > SAMPLE_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', 'transitions.import.errors.sampleTooLarge')
    return Response.json(await analyseImport(db, actor, datasetId, sample))
  })
}
