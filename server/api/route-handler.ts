/**
 * Route handlers (uploads, downloads, exports) are not tRPC: `withActor` gives them the same verified actor
 * (the database session) and locale as tRPC, and `errorResponse` maps errors to translated JSON with the right
 * status — the same mapping as the tRPC error formatter, never a stack trace. Both check the request's path and
 * query for unsafe text (NUL, lone surrogates: server/lib/unsafe-text.ts) before the handler runs; bodies are read
 * with the limits of server/lib/body.ts after the handler has authorized.
 */
import { ZodError, type z } from 'zod'
import { createContext } from './context.ts'
import type { Context } from './trpc.ts'
import type { Actor } from '../auth/policy.ts'
import { AppError, appErrorStatus, fromPrismaError, invalid } from '../lib/errors.ts'
import { issueMessage, translator, type Translate } from '../i18n/translate.ts'
import { assertSafeText } from '../lib/unsafe-text.ts'

export type RouteContext = Context & { actor: Actor; t: Translate }

/** Adds domain detail to an error body (e.g. the rows of a rejected import). */
export type ErrorDetail = (err: AppError, body: Record<string, unknown>, t: Translate) => void

export function errorResponse(err: unknown, locale: Context['locale'], detail?: ErrorDetail): Response {
  const t = translator(locale)
  const headers = { 'Cache-Control': 'no-store' }
  if (err instanceof ZodError)
    return Response.json({ error: t('errors.validation'), issues: err.issues.map((i) => ({ path: i.path.join('.'), message: issueMessage(i, locale) })) }, { status: 400, headers })
  const app = err instanceof AppError ? err : fromPrismaError(err)
  if (!app) {
    console.error(err)
    return Response.json({ error: t('errors.generic') }, { status: 500, headers })
  }
  const key = [`errors.${app.key}`, app.key].find((k) => t.has(k))
  const body: Record<string, unknown> = { error: key ? t(key, app.params) : t('errors.generic'), key: app.key }
  detail?.(app, body, t)
  return Response.json(body, { status: appErrorStatus[app.code], headers })
}

/** The request's path segments (decoded, as the route's params) and query parameters: malformed or unsafe text → 400. */
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
  assertSafeText([...url.searchParams.entries()], ['query'])
}

/** Runs a route handler body for anyone (signed in or not) with the request's locale; errors via `errorResponse`. */
export async function withRequest(req: Request, fn: (ctx: Context & { t: Translate }) => Promise<Response>, detail?: ErrorDetail): Promise<Response> {
  const ctx = await createContext({ headers: req.headers })
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

export { attachment } from '../lib/content-disposition.ts'
