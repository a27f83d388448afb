import { Readable } from 'node:stream'
import type { ReadableStream as WebStream } from 'node:stream/web'
import { ZImportOptions } from '@/server/transitions/schema'
import { importCsv } from '@/server/transitions/import'
import { MAX_IMPORT_BYTES } from '@/server/transitions/csv'
import { jsonParam, withActor } from '@/server/transitions/http'
import { AppError, invalid } from '@/server/lib/errors'

/** Step 2 of an import: the request body is the CSV file itself, streamed into the database (see the service). */
export async function POST(req: Request) {
  return withActor(req, async ({ db, actor }) => {
    const options = jsonParam(new URL(req.url), 'options', ZImportOptions)
    const declared = Number(req.headers.get('content-length') ?? 0)
    if (declared > MAX_IMPORT_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', 'transitions.import.errors.tooLarge', { mb: MAX_IMPORT_BYTES / 1024 / 1024 })
    if (!req.body) throw invalid('transitions.import.errors.empty')
    const result = await importCsv(db, actor, options, Readable.fromWeb(req.body as WebStream<Uint8Array>))
    return Response.json(result)
  })
}
