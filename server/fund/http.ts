/**
 * Route handlers of the fund domain (uploads, downloads, exports) are not tRPC: this wraps them with the same
 * verified actor (the database session) and locale as tRPC, and maps errors to translated JSON with the right
 * status — never a stack trace.
 */
import { ZodError } from 'zod'
import { createContext } from '../api/context.ts'
import type { Context } from '../api/trpc.ts'
import type { Actor } from '../auth/policy.ts'
import { AppError, appErrorStatus, fromPrismaError } from '../errors.ts'
import { issueMessage, translator } from '../i18n/translate.ts'

export type RouteContext = Context & { actor: Actor }

const json = (status: number, body: unknown) => Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } })

export async function fundRoute(req: Request, handle: (ctx: RouteContext) => Promise<Response>): Promise<Response> {
  const ctx = await createContext({ headers: req.headers })
  const tr = translator(ctx.locale)
  if (!ctx.actor) return json(401, { error: tr('errors.unauthenticated') })
  try {
    return await handle(ctx as RouteContext)
  } catch (err) {
    const app = err instanceof AppError ? err : fromPrismaError(err)
    if (app) {
      const key = [`errors.${app.key}`, app.key].find((k) => tr.has(k))
      return json(appErrorStatus[app.code], { error: key ? tr(key, app.params) : tr('errors.generic'), key: app.key })
    }
    if (err instanceof ZodError) {
      return json(400, { error: tr('errors.validation'), issues: err.issues.map((i) => ({ path: i.path.join('.'), message: issueMessage(i, ctx.locale) })) })
    }
    console.error(err)
    return json(500, { error: tr('errors.generic') })
  }
}

/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function attachment(filename: string, inline = false): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_')
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`
}
