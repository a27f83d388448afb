import { Readable } from 'node:stream'
import type { ReadableStream as WebStream } from 'node:stream/web'
import { ZImportOptions } from '@/server/transitions/schema'
import { importCsv } from '@/server/transitions/import'
import { MAX_IMPORT_BYTES } from '@/server/transitions/csv'
import { jsonParam, withActor } from '@/server/transitions/http'
import { declaredLength, limitedBody } from '@/server/lib/body'

/**
 * Step 2 of an import: the request body is the CSV file itself, streamed into the database (see the service, which
 * checks the dataset's owner before it reads). The body must declare its length (over the limit → 413 before
 * reading) and is streamed through the byte limit.
 */
export async function POST(req: Request) {
  return withActor(req, async ({ db, actor }) => {
    const options = jsonParam(new URL(req.url), 'options', ZImportOptions)
    const tooLarge = { key: 'transitions.import.errors.tooLarge', params: { mb: MAX_IMPORT_BYTES / 1024 / 1024 } }
    declaredLength(req, MAX_IMPORT_BYTES, tooLarge)
    const body = Readable.fromWeb(limitedBody(req, MAX_IMPORT_BYTES, tooLarge) as WebStream<Uint8Array>)
    return Response.json(await importCsv(db, actor, options, body))
  })
}
