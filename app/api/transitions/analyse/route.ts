import { z } from 'zod'
import { zId } from '@/server/lib/zod'
import { analyseImport } from '@/server/transitions/import'
import { jsonParam, withActor } from '@/server/transitions/http'
import { readBody } from '@/server/lib/body'

const SAMPLE_BYTES = 64 * 1024

/**
 * Step 1 of an import: the client posts the first bytes of its file; the answer proposes how to read it. The
 * dataset's owner is checked before the body (declared length required, at most 64 kB) is read.
 */
export async function POST(req: Request) {
  return withActor(req, async ({ db, actor }) => {
    const { datasetId } = jsonParam(new URL(req.url), 'options', z.object({ datasetId: zId }))
    const readSample = async () => Buffer.from(await readBody(req, SAMPLE_BYTES, { key: 'transitions.import.errors.sampleTooLarge' }))
    return Response.json(await analyseImport(db, actor, datasetId, readSample))
  })
}
