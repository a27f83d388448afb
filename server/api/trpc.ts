/**
 * tRPC set-up: context, error mapping and the procedure builders. Every procedure of the app is built with
 * `procedure(permission)`, which records the permission in the procedure's meta (tested: no procedure without
 * one) and enforces the coarse part of it; services enforce the tenant part (server/auth/policy.ts).
 */
import { initTRPC, TRPCError } from '@trpc/server'
import { ZodError } from 'zod'
import type { Db } from '../db/client.ts'
import { AppError, databaseUnavailable, fromPrismaError, isDatabaseUnavailable, type AppErrorCode } from '../lib/errors.ts'
import { holdsAction, type Action, type Actor } from '../auth/policy.ts'
import { issueMessage, translator } from '../i18n/translate.ts'
import { defaultLocale, type Locale } from '../i18n/config.ts'
import { assertSafeText } from '../lib/unsafe-text.ts'
import { transformer } from './transformer.ts'
import { logger } from '../lib/logger.ts'

export type Context = {
  db: Db
  actor: Actor | null
  locale: Locale
  /** Client address (for rate limits on public procedures). */
  ip: string
  /**
   * The client `replicaRead` procedures read from: the read replica when DATABASE_REPLICA_URL is set
   * (server/db/replica.ts); absent → db.
   */
  readDb?: Db
  /** Set by the request's first mutation: its later reads use the primary (read your own writes). */
  wrote?: { value: boolean }
}

/** Permission declared by a procedure: a policy action, or one of the two non-tenant levels. */
export type Permission = Action | 'public' | 'authenticated'
export type Meta = { permission: Permission }

const trpcCode: Record<AppErrorCode, TRPCError['code']> = {
  UNAUTHENTICATED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  VALIDATION: 'BAD_REQUEST',
  PRECONDITION: 'PRECONDITION_FAILED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  UNAVAILABLE: 'SERVICE_UNAVAILABLE',
}

export type FieldIssue = { path: string; message: string }

/**
 * What the user reads for a failed procedure, in their language: the translated message, per-field issues for
 * invalid input, the error's key. The one mapping of errors to messages — the tRPC error formatter below and the
 * server actions that call procedures (e.g. the public booking form) both use it. Internals never leak: anything
 * unknown is the generic message. `unavailable`: a lost database outside a procedure (→ 503).
 */
export function describeError(error: TRPCError, locale: Locale): { message: string; issues?: FieldIssue[]; key?: string; unavailable: boolean } {
  const tr = translator(locale)
  const cause = !(error.cause instanceof AppError) && isDatabaseUnavailable(error.cause) ? databaseUnavailable() : error.cause
  const unavailable = cause !== error.cause
  if (cause instanceof ZodError)
    return { message: tr('errors.validation'), issues: cause.issues.map((i) => ({ path: i.path.join('.'), message: issueMessage(i, locale) })), unavailable }
  if (cause instanceof AppError) {
    const full = [`errors.${cause.key}`, cause.key].find((k) => tr.has(k))
    return { message: full ? tr(full, cause.params) : tr('errors.generic'), key: cause.key, unavailable }
  }
  const byCode: Partial<Record<TRPCError['code'], string>> = {
    INTERNAL_SERVER_ERROR: 'errors.generic', // never leak internals
    UNAUTHORIZED: 'errors.unauthenticated',
    FORBIDDEN: 'errors.forbidden',
    NOT_FOUND: 'errors.notFound',
    TOO_MANY_REQUESTS: 'errors.rateLimited',
  }
  return { message: tr(byCode[error.code] ?? 'errors.badRequest'), unavailable }
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer, // requests superjson, responses a Date-aware JSON codec (./transformer.ts)
    errorFormatter({ shape, error, ctx }) {
      const { message, issues, key, unavailable } = describeError(error, ctx?.locale ?? defaultLocale)
      // A lost database outside a procedure (e.g. while the context loads the session) is a 503 too, not a 500.
      if (unavailable) shape.data.httpStatus = 503
      return {
        message,
        code: shape.code,
        data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, key, issues },
      }
    },
  })

export const createCallerFactory = t.createCallerFactory
export const router = t.router

/**
 * An AppError or a known Prisma error as the tRPC error with the right code, or null (an unexpected internal error
 * is logged here).
 */
function mappedError(error: TRPCError): TRPCError | null {
  const cause = error.cause
  const appError = cause instanceof AppError ? cause : fromPrismaError(cause)
  if (appError) return new TRPCError({ code: trpcCode[appError.code], message: appError.message, cause: appError })
  if (error.code === 'INTERNAL_SERVER_ERROR') logger.error({ err: error.cause ?? error }, 'internal error in a procedure')
  return null
}

/**
 * Every string of every input (values and keys, at any depth) is checked for NUL and lone surrogates before the
 * procedure's own validation: such input is a 400 with the field's path, never a query that PostgreSQL refuses.
 */
async function assertSafeInput(getRawInput: () => Promise<unknown>): Promise<void> {
  try {
    assertSafeText(await getRawInput())
  } catch (err) {
    if (err instanceof ZodError) throw new TRPCError({ code: 'BAD_REQUEST', cause: err })
    throw err
  }
}

/**
 * What every procedure runs first, as one middleware (each tRPC middleware costs a layer of promises and copies of
 * the call's options on every request): the input's text check (assertSafeInput); a mutation marks its request as
 * having written (see `replicaRead`); AppErrors and known Prisma errors of the rest become tRPC errors with the
 * right code (mappedError), whose formatter translates them.
 */
const guard = t.middleware(async ({ ctx, type, getRawInput, next }) => {
  try {
    await assertSafeInput(getRawInput)
  } catch (err) {
    const error = err instanceof TRPCError ? err : new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: err })
    throw mappedError(error) ?? err
  }
  if (type === 'mutation' && ctx.wrote) ctx.wrote.value = true
  const result = await next()
  if (!result.ok) {
    const mapped = mappedError(result.error)
    if (mapped) throw mapped
  }
  return result
})

const base = t.procedure.use(guard)

/**
 * For public procedures that only read public data (the public calendar, slot search, the front door, public event
 * pages): their `ctx.db` becomes `ctx.readDb` — the read replica when one is configured — unless the caller is
 * signed in or the request has written (read your own writes; a token or booking page never uses it). Never on a
 * procedure that writes: the replica refuses writes, and a read that fails there is retried on the primary.
 */
export const replicaRead = t.middleware(({ ctx, next }) => {
  const db = ctx.readDb && !ctx.actor && !ctx.wrote?.value ? ctx.readDb : ctx.db
  return next({ ctx: { db } })
})

/**
 * Signed in (else 401) and, for an Action, holding a role that grants it (else 403): one middleware, which narrows
 * the context's actor for the procedure.
 */
const signedIn = (permission: Exclude<Permission, 'public'>) =>
  t.middleware(({ ctx, next }) => {
    const actor = ctx.actor
    if (!actor) throw new TRPCError({ code: 'UNAUTHORIZED' })
    if (permission !== 'authenticated' && !holdsAction(actor, permission)) throw new TRPCError({ code: 'FORBIDDEN' })
    return next({ ctx: { actor } })
  })
const authedBuilder = (permission: Exclude<Permission, 'public'>) => base.meta({ permission }).use(signedIn(permission))

/**
 * The procedure builder. `public`: anyone; `authenticated`: any signed-in user; an Action: a signed-in user
 * holding a role that grants the action. Tenant checks happen in the service, against the loaded resource.
 */
export function procedure(permission: 'public'): typeof base
export function procedure(permission: Exclude<Permission, 'public'>): ReturnType<typeof authedBuilder>
export function procedure(permission: Permission) {
  if (permission === 'public') return base.meta({ permission })
  return authedBuilder(permission)
}
