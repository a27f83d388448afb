/**
 * Request bodies under a byte limit. A handler that reads a body first authorizes, then calls `declaredLength`
 * (a body must declare its length, and a declared length over the limit is refused before a byte is read), then
 * reads through `limitedBody` / `readBody`, which count the bytes actually received and stop at the limit
 * (413), whatever the header said.
 */
import { AppError, invalid } from './errors.ts'
import { ZodRealError } from 'zod'
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

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

function isUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes)
    return true
  } catch {
    return false
  }
}

/** Bytes as a string of the same length (one character per byte), to find ASCII syntax in without decoding. */
const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')

/** A field's name for an issue path: the name when it is valid UTF-8, else "?" (not echoed, like a bad key). */
function fieldName(raw: string | undefined): string {
  if (raw === undefined) return '?'
  const bytes = Buffer.from(raw, 'latin1')
  return isUtf8(bytes) ? strictUtf8.decode(bytes) : '?'
}

/** Percent-decoding on bytes ("+" is a space), so the decoded bytes can be checked as UTF-8. */
function percentDecoded(s: string): Uint8Array {
  const out: number[] = []
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    const hex = c === 0x25 ? /^[0-9a-f]{2}$/i.exec(s.slice(i + 1, i + 3)) : null
    if (hex) {
      out.push(parseInt(hex[0], 16))
      i += 2
    } else out.push(c === 0x2b ? 0x20 : c)
  }
  return Uint8Array.from(out)
}

/**
 * The field (its name, as the path) of the first text in a form body that is not valid UTF-8 — a field name,
 * a file name or a text value — or null. The form parser decodes such text loosely (a lone surrogate's bytes
 * ED A0 80 become U+FFFD), so it has to be looked for in the bytes: the part headers and text parts of a multipart
 * body (file contents are bytes, not text), the percent-decoded pairs of an urlencoded one.
 */
function notUtf8Field(bytes: Uint8Array, type: string): string | null {
  const text = latin1(bytes)
  if (/^application\/x-www-form-urlencoded/i.test(type)) {
    for (const pair of text.split('&')) {
      const [name = '', value = ''] = pair.split(/=(.*)/s)
      if (!isUtf8(percentDecoded(name))) return '?'
      if (!isUtf8(percentDecoded(value))) return fieldName(Buffer.from(percentDecoded(name)).toString('latin1'))
    }
    return null
  }
  const boundary = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(type)
  const delimiter = `\r\n--${boundary?.[1] ?? boundary?.[2] ?? ''}`
  if (delimiter.length === 4) return null
  // The first delimiter may open the body without the CRLF before it.
  let at = text.startsWith(delimiter.slice(2)) ? -2 : text.indexOf(delimiter)
  while (at !== -1) {
    const start = at + delimiter.length
    if (text.startsWith('--', start)) break // the closing delimiter
    const headersEnd = text.indexOf('\r\n\r\n', start)
    if (headersEnd === -1) break
    const next = text.indexOf(delimiter, headersEnd + 4)
    const headers = text.slice(start, headersEnd)
    const name = /\bname="([^"]*)"/i.exec(headers)?.[1]
    if (!isUtf8(bytes.subarray(start, headersEnd))) return fieldName(name)
    if (!/\bfilename\*?=/i.test(headers) && !isUtf8(bytes.subarray(headersEnd + 4, next === -1 ? bytes.byteLength : next))) return fieldName(name)
    at = next
  }
  return null
}

/**
 * A multipart or urlencoded form from the body (limited as `readBody`). Malformed → 400 (validation.form); text that
 * is not valid UTF-8 (validation.notUtf8) or unsafe (NUL, lone surrogate: validation.unsafeText) in a field's name,
 * value or file name → 400 with the field's name as the path ("file"; "?" when the name itself is bad).
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
  const broken = notUtf8Field(bytes, type)
  if (broken !== null) throw new ZodRealError([{ code: 'custom', path: [broken], message: 'v.notUtf8', input: undefined }])
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
