/**
 * JSON text spliced into a response as it is. A procedure that returns `jsonText` (server/api/transformer.ts: JSON the
 * database statement wrote, e.g. a calendar month of 240 kB or a stored fund page) would otherwise travel as one JSON
 * string inside the response — escaped by the server, un-escaped and parsed a second time by the client (Node 20 has
 * no JSON.rawJSON). While `withRawJson` serves a request, the transformer writes a placeholder for each such text
 * and keeps the text here; after tRPC has written the (now small) body, each placeholder is replaced by its text.
 * The client's `decode` takes the value parsed or as a string, so callers that do not splice still work.
 *
 * A placeholder is a JSON string of this process's random prefix and a counter, which input cannot forge without
 * the prefix; only non-streamed responses are spliced (`trpc-accept: application/jsonl` asks for a stream, whose
 * chunks are written as they come).
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { randomBytes } from 'node:crypto'
import { setRawJsonSink } from './transformer.ts'

const texts = new AsyncLocalStorage<Map<string, string>>()
const PREFIX = `raw-json-${randomBytes(12).toString('hex')}-`
const PLACEHOLDER = new RegExp(`"${PREFIX}([0-9a-z]+)"`, 'g')
let counter = 0

setRawJsonSink(() => {
  const kept = texts.getStore()
  if (!kept) return undefined
  return (text): string => {
    const id = (counter++).toString(36)
    kept.set(id, text)
    return `${PREFIX}${id}`
  }
})

/** Serves `respond` with JSON text spliced into its response (see above). */
export async function withRawJson(req: Request, respond: () => Promise<Response>): Promise<Response> {
  if (req.headers.get('trpc-accept') === 'application/jsonl') return respond()
  const kept = new Map<string, string>()
  const res = await texts.run(kept, respond)
  if (!kept.size || !res.headers.get('content-type')?.startsWith('application/json')) return res
  const body = await res.text()
  // The body as UTF-8 pieces: tRPC's text between placeholders and each kept text, encoded once each and concatenated
  // as bytes. Not String.replace with the kept text (then encoding the result): for a month view's 250 kB that cost
  // ≈ 2.4 ms per call against ≈ 0.8 ms (the encoding itself), measured in Node 20.
  const parts: Buffer[] = []
  let at = 0
  for (const m of body.matchAll(PLACEHOLDER)) {
    const text = kept.get(m[1]!)
    if (text === undefined) continue // not ours: stays in the body as it is
    parts.push(Buffer.from(body.slice(at, m.index), 'utf8'), Buffer.from(text, 'utf8'))
    at = m.index + m[0].length
  }
  parts.push(Buffer.from(body.slice(at), 'utf8'))
  const headers = new Headers(res.headers)
  headers.delete('content-length')
  return new Response(Buffer.concat(parts), { status: res.status, statusText: res.statusText, headers })
}
