/**
 * Errors of HTTP handlers (route handlers and the tRPC endpoint's transport limits) as translated JSON with the
 * right status — the same mapping as the tRPC error formatter, never a stack trace. No Next.js imports here.
 */
import { ZodError } from 'zod'
import type { Context } from './trpc.ts'
import { AppError, appErrorStatus, fromPrismaError, RETRY_AFTER_SECONDS } from '../lib/errors.ts'
import { issueMessage, translator, type Translate } from '../i18n/translate.ts'
import { logger } from '../lib/logger.ts'

/** Adds domain detail to an error body (e.g. the rows of a rejected import). */
export type ErrorDetail = (err: AppError, body: Record<string, unknown>, t: Translate) => void

export function errorResponse(err: unknown, locale: Context['locale'], detail?: ErrorDetail): Response {
  const t = translator(locale)
  const headers = { 'Cache-Control': 'no-store' }
  if (err instanceof ZodError)
    return Response.json({ error: t('errors.validation'), issues: err.issues.map((i) => ({ path: i.path.join('.'), message: issueMessage(i, locale) })) }, { status: 400, headers })
  const app = err instanceof AppError ? err : fromPrismaError(err)
  if (!app) {
    logger.error({ err }, 'internal error in a route handler')
    return Response.json({ error: t('errors.generic') }, { status: 500, headers })
  }
  const key = [`errors.${app.key}`, app.key].find((k) => t.has(k))
  const body: Record<string, unknown> = { error: key ? t(key, app.params) : t('errors.generic'), key: app.key }
  detail?.(app, body, t)
  const status = appErrorStatus[app.code]
  return Response.json(body, { status, headers: status === 503 ? { ...headers, 'Retry-After': String(RETRY_AFTER_SECONDS) } : headers })
}
