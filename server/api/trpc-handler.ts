/**
 * The tRPC HTTP endpoint: the fetch adapter with a batch limit and a body limit (the fetch adapter itself has no
 * body limit). A POST body must be JSON and declare its length, and is read through the byte limit before tRPC parses
 * it; another media type → 415 (tRPC would also take form data and octet streams, which a page of another site can
 * send without a CORS preflight; no procedure takes them), too large → 413, no length → 400, not valid UTF-8 → 400,
 * a batch of more than MAX_TRPC_BATCH procedures → 400.
 */
import { fetchRequestHandler } from '@trpc/server/adapters/fetch'
import { appRouter } from './root.ts'
import { errorResponse } from './error-response.ts'
import type { Context } from './trpc.ts'
import { MAX_TRPC_BATCH, MAX_TRPC_BODY_BYTES, readBody } from '../lib/body.ts'
import { AppError, invalid, isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '../lib/errors.ts'
import { readPrimaryCookie } from './read-primary.ts'
import { withRawJson } from './raw-json.ts'

/**
 * A lost database (a restart, a fail-over) is 503 with Retry-After, never 500: whether it surfaced inside a
 * procedure (mapped to SERVICE_UNAVAILABLE) or while the context loaded the session (an internal error whose cause
 * is the connection error). A batch where only some calls failed keeps tRPC's status and gets the header.
 */
function unavailableMeta({ errors }: { errors: { code: string; cause?: unknown }[] }): { status?: number; headers?: Headers } {
  const unavailable = errors.filter((e) => e.code === 'SERVICE_UNAVAILABLE' || isDatabaseUnavailable(e.cause))
  if (!unavailable.length) return {}
  const headers = new Headers({ 'Retry-After': String(RETRY_AFTER_SECONDS) })
  return unavailable.length === errors.length ? { status: 503, headers } : { headers }
}

/** A request that wrote, where public reads may use a read replica: the browser reads the primary for a while (context.ts). */
function responseMeta(opts: { ctx?: Context; errors: { code: string; cause?: unknown }[] }) {
  const meta = unavailableMeta(opts)
  const { ctx } = opts
  if (!ctx?.wrote?.value || !ctx.readDb || ctx.readDb === ctx.db) return meta
  const headers = meta.headers ?? new Headers()
  headers.append('Set-Cookie', readPrimaryCookie())
  return { ...meta, headers }
}

/** tRPC's own rule for its JSON content-type handler: the media type, case-insensitive, is application/json. */
const isJson = (req: Request) => req.headers.get('content-type')?.toLowerCase().split(';', 1)[0]?.trim() === 'application/json'

/** Strict: invalid UTF-8 (a Latin-1 "Caf\xe9") is refused, not stored as U+FFFD. */
const utf8 = new TextDecoder('utf-8', { fatal: true })

/** The body as text: invalid UTF-8 → 400 (validation.utf8), like the other refused bodies. */
function decodeUtf8(body: Uint8Array): string {
  try {
    return utf8.decode(body)
  } catch {
    throw invalid('validation.utf8')
  }
}

/**
 * A JSON call whose body has been read (under the limit) as tRPC's JSON handler and the fetch adapter read it:
 * method, url, headers, signal and json() — the only members they use. Not a second fetch Request with a body stream
 * around the bytes already read: that cost every mutation a Request, a ReadableStream and a body consumer (issue 17:
 * ≈ 0.1 ms CPU per public booking). The body is decoded here, before tRPC runs, so bad UTF-8 gets a translated 400.
 */
function readJsonRequest(req: Request, body: Uint8Array): Request {
  const text = decodeUtf8(body)
  const read: Pick<Request, 'method' | 'url' | 'headers' | 'signal' | 'json'> = {
    method: req.method,
    url: req.url,
    headers: req.headers,
    signal: req.signal,
    json: async () => JSON.parse(text) as unknown,
  }
  return read as Request
}

export async function handleTrpc(req: Request, createContext: () => Promise<Context>): Promise<Response> {
  let request = req
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    try {
      const body = await readBody(req, MAX_TRPC_BODY_BYTES)
      if (!isJson(req)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'validation.jsonOnly')
      request = readJsonRequest(req, body)
    } catch (err) {
      return errorResponse(err, (await createContext()).locale)
    }
  }
  // JSON text a procedure returns as it is (jsonText) goes into the body as it is (server/api/raw-json.ts).
  return withRawJson(request, () => fetchRequestHandler({ endpoint: '/api/trpc', req: request, router: appRouter, createContext, maxBatchSize: MAX_TRPC_BATCH, responseMeta }))
}
