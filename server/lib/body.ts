/**
 * Request bodies under a byte limit. A handler that reads a body first authorizes, then calls `declaredLength`
 * (a body must declare its length, and a declared length over the limit is refused before a byte is read), then
 * reads through `limitedBody` / `readBody`, which count the bytes actually received and stop at the limit
 * (413), whatever the header said.
 */
import { AppError, invalid } from './errors.ts'
import { assertSafeText, isUnsafeText } from './unsafe-text.ts'

/** tRPC: the largest request body and the most procedures in one batch (the client link splits at the same size). */
export const MAX_TRPC_BODY_BYTES = 1024 * 1024
export const MAX_TRPC_BATCH = 20

export type TooLarge = { key: string; params?: Record<string, string | number> }

const tooLarge = (max: number, error?: TooLarge) =>
  new AppError('PAYLOAD_TOO_LARGE', error?.key ?? 'validation.bodyTooLarge', error?.params ?? { kb: Math.ceil(max / 1024) })

/** The body's declared Content-Length: missing or malformed → 400 (validation.lengthRequired), over `max` → 413. */
export function declaredLength(req: Request, max: number, error?: TooLarge): number {
  const header = req.headers.get('content-length')
  if (header === null || !/^[0-9]{1,15}$/.test(header.trim())) throw invalid('validation.lengthRequired')
  const length = Number(header)
  if (length > max) throw tooLarge(max, error)
  return length
}

/** The request body as a stream that fails with 413 once more than `max` bytes have arrived. */
export function limitedBody(req: Request, max: number, error?: TooLarge): ReadableStream<Uint8Array> {
  let seen = 0
  const limit = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      seen += chunk.byteLength
      if (seen > max) controller.error(tooLarge(max, error))
      else controller.enqueue(chunk)
    },
  })
  return (req.body ?? new Blob([]).stream()).pipeThrough(limit)
}

/**
 * The whole body (at most `max` bytes, declared and received). Read straight from the body's reader, counting bytes
 * (not through limitedBody's TransformStream: two stream hops per chunk on every tRPC mutation).
 */
export async function readBody(req: Request, max: number, error?: TooLarge): Promise<Uint8Array<ArrayBuffer>> {
  declaredLength(req, max, error)
  if (!req.body) return new Uint8Array(0)
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = req.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > max) {
      await reader.cancel().catch(() => {})
      throw tooLarge(max, error)
    }
    chunks.push(value)
  }
  const out = new Uint8Array(size)
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.byteLength
  }
  return out
}

/**
 * A multipart or urlencoded form from the body (limited as `readBody`). Malformed → 400 (validation.form); unsafe
 * text (NUL, lone surrogate: validation.unsafeText) in a field's name, value or file name → 400 with the field's
 * name as the path ("file"; "?" when the name itself is bad).
 */
export async function readForm(req: Request, max: number, error?: TooLarge): Promise<FormData> {
  const bytes = await readBody(req, max, error)
  const type = req.headers.get('content-type') ?? ''
  let form: FormData
  try {
    form = await new Response(bytes, { headers: { 'content-type': type } }).formData()
  } catch {
    throw invalid('validation.form')
  }
  assertSafeParams([...form].map(([name, value]): [string, string] => [name, typeof value === 'string' ? value : value.name]))
  return form
}

/**
 * Query parameters (or any name/value pairs) with unsafe text → 400 whose issue path is the parameter's name
 * ("lang", not an index into the list of pairs); a name that is itself unsafe is not echoed ("?").
 */
export function assertSafeParams(pairs: Iterable<[string, string]>): void {
  for (const [name, value] of pairs) {
    if (isUnsafeText(name)) assertSafeText(name, ['?'])
    assertSafeText(value, [name])
  }
}
