/**
 * Route handlers (uploads, downloads, exports) are not tRPC: `withActor` gives them the same verified actor
 * (the database session) and locale as tRPC, and `errorResponse` maps errors to translated JSON with the right
 * status — the same mapping as the tRPC error formatter, never a stack trace. Both check the request's path and
 * query for unsafe text (NUL, lone surrogates: server/lib/unsafe-text.ts) before the handler runs; bodies are read
 * with the limits of server/lib/body.ts after the handler has authorized.
 */
import type { z } from 'zod'
import { createContext } from './context.ts'
import type { Context } from './trpc.ts'
import type { Actor } from '../auth/policy.ts'
import { AppError, invalid } from '../lib/errors.ts'
import { errorResponse, type ErrorDetail } from './error-response.ts'
import { translator, type Translate } from '../i18n/translate.ts'
import { defaultLocale } from '../i18n/config.ts'
import { assertSafeText } from '../lib/unsafe-text.ts'
import { assertSafeParams } from '../lib/body.ts'
import { attachment } from '../lib/content-disposition.ts'

export type RouteContext = Context & { actor: Actor; t: Translate }

export { errorResponse, type ErrorDetail } from './error-response.ts'

/** The request's path segments (decoded, as the route's params) and query parameters: malformed or unsafe text → 400 (a parameter's issue is named by the parameter: `lang`). */
export function assertSafeUrl(req: Request): void {
  const url = new URL(req.url)
  const segments = url.pathname.split('/').map((s) => {
    try {
      return decodeURIComponent(s)
    } catch {
      throw invalid('validation.unsafeText')
    }
  })
  assertSafeText(segments, ['path'])
  assertSafeParams(url.searchParams)
}

/** Runs a route handler body for anyone (signed in or not) with the request's locale; errors via `errorResponse`. */
export async function withRequest(req: Request, fn: (ctx: Context & { t: Translate }) => Promise<Response>, detail?: ErrorDetail): Promise<Response> {
  let ctx: Context
  try {
    ctx = await createContext({ headers: req.headers })
  } catch (err) {
    // E.g. the database is down while the session loads: 503 + Retry-After, not an unhandled 500.
    return errorResponse(err, defaultLocale, detail)
  }
  try {
    assertSafeUrl(req)
    return await fn({ ...ctx, t: translator(ctx.locale) })
  } catch (err) {
    return errorResponse(err, ctx.locale, detail)
  }
}

/** Runs a route handler body for a signed-in user; 401 without a session; errors via `errorResponse`. */
export async function withActor(req: Request, fn: (ctx: RouteContext) => Promise<Response>, detail?: ErrorDetail): Promise<Response> {
  return withRequest(
    req,
    async (ctx) => {
      if (!ctx.actor) throw new AppError('UNAUTHENTICATED', 'unauthenticated')
      return fn({ ...ctx, actor: ctx.actor })
    },
    detail,
  )
}

/** Parses a query parameter holding JSON with a zod schema (ZodError → 400 via errorResponse). */
export function jsonParam<T extends z.ZodType>(url: URL, name: string, schema: T): z.infer<T> {
  let value: unknown
  try {
    value = JSON.parse(url.searchParams.get(name) ?? 'null')
  } catch {
    value = null
  }
  assertSafeText(value, [name])
  return schema.parse(value)
}

export { attachment }

/**
 * An uploaded file served back as stored: as a download, never rendered (nosniff, sandboxed), private and uncached,
 * with its content hash as ETag. The type was sniffed from the content at upload.
 */
export function storedFileResponse(file: { bytes: Uint8Array; contentType: string; filename: string; sha256: string }): Response {
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      'Content-Type': file.contentType,
      'Content-Disposition': attachment(file.filename),
      'Content-Length': String(file.bytes.byteLength),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': 'private, no-store',
      ETag: `"${file.sha256}"`,
    },
  })
}
