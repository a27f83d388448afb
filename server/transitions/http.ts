/**
 * Shared plumbing of the transitions route handlers (uploads, downloads): the verified actor from the session,
 * zod-validated parameters, AppErrors → status + translated message, never a stack trace.
 */
import { ZodError, type z } from 'zod'
import { createContext } from '../api/context.ts'
import type { Context } from '../api/trpc.ts'
import type { Actor } from '../auth/policy.ts'
import { AppError, appErrorStatus, fromPrismaError } from '../errors.ts'
import { issueMessage, translator, type Translate } from '../i18n/translate.ts'
import { ImportRejected } from '../services/transitions-import.ts'

type HandlerContext = Context & { actor: Actor; t: Translate }

export function errorResponse(err: unknown, ctx: Pick<Context, 'locale'>): Response {
  const t = translator(ctx.locale)
  if (err instanceof ZodError)
    return Response.json({ error: t('errors.validation'), issues: err.issues.map((i) => ({ path: i.path.join('.'), message: issueMessage(i, ctx.locale) })) }, { status: 400 })
  const app = err instanceof AppError ? err : fromPrismaError(err)
  if (!app) {
    console.error(err)
    return Response.json({ error: t('errors.generic') }, { status: 500 })
  }
  const key = [`errors.${app.key}`, app.key].find((k) => t.has(k))
  const body: Record<string, unknown> = { error: key ? t(key, app.params) : t('errors.generic'), key: app.key }
  if (app instanceof ImportRejected) {
    body.errorCount = app.errorCount
    body.errors = app.errors.map((e) => ({
      line: e.line,
      column: e.column,
      message: t(e.key, { value: e.value ?? '', column: e.column }),
    }))
  }
  return Response.json(body, { status: appErrorStatus[app.code] })
}

/** Runs a route handler body for a signed-in user; 401 without a session. */
export async function withActor(req: Request, fn: (ctx: HandlerContext) => Promise<Response>): Promise<Response> {
  const ctx = await createContext({ headers: req.headers })
  if (!ctx.actor) return errorResponse(new AppError('UNAUTHENTICATED', 'unauthenticated'), ctx)
  try {
    return await fn({ ...ctx, actor: ctx.actor, t: translator(ctx.locale) })
  } catch (err) {
    return errorResponse(err, ctx)
  }
}

/** Parses a query parameter holding JSON with a zod schema (ZodError → 400 via errorResponse). */
export function jsonParam<T extends z.ZodType>(url: URL, name: string, schema: T): z.infer<T> {
  let value: unknown
  try {
    value = JSON.parse(url.searchParams.get(name) ?? 'null')
  } catch {
    value = null
  }
  return schema.parse(value)
}
