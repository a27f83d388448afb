/**
 * Typed application errors. Services throw these; server/api/trpc.ts maps them to tRPC codes (and so to
 * HTTP statuses), route handlers use httpStatus(). `key` is a translation key under "errors." in the
 * message catalogues, so every error a user sees is translated.
 */
export const appErrorStatus = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  VALIDATION: 400,
  PRECONDITION: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
} as const

/** Seconds a client is asked to wait (Retry-After) when the database is unavailable (a restart, a fail-over). */
export const RETRY_AFTER_SECONDS = 5

export type AppErrorCode = keyof typeof appErrorStatus

export class AppError extends Error {
  readonly code: AppErrorCode
  readonly key: string
  readonly params: Record<string, string | number> | undefined
  constructor(code: AppErrorCode, key: string, params?: Record<string, string | number>) {
    super(`${code}: ${key}`)
    this.name = 'AppError'
    this.code = code
    this.key = key
    this.params = params
  }
}

export const forbidden = (key = 'forbidden') => new AppError('FORBIDDEN', key)
export const notFound = (key = 'notFound') => new AppError('NOT_FOUND', key)
export const conflict = (key = 'conflict', params?: Record<string, string | number>) => new AppError('CONFLICT', key, params)
export const invalid = (key: string, params?: Record<string, string | number>) => new AppError('VALIDATION', key, params)

/** SQLSTATEs of a lost or refused connection: class 08, admin/crash shutdown, cannot connect now, too many connections. */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/
/** Prisma codes: can't reach (P1001), timed out (P1002, P1008), server closed the connection (P1017). */
const UNAVAILABLE_PRISMA = new Set(['P1001', 'P1002', 'P1008', 'P1017'])
/** node-postgres / socket errors and @prisma/adapter-pg error kinds of an unreachable or lost database. */
const UNAVAILABLE_NODE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN'])
const UNAVAILABLE_KIND = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections', 'TransactionAlreadyClosed'])
const UNAVAILABLE_MESSAGE = /Connection terminated|Can't reach database server|Server has closed the connection|connection is closed|Client has encountered a connection error|terminating connection due to administrator command|the database system is (starting up|shutting down)|timeout exceeded when trying to connect/i

/**
 * True when `err` (at any depth of `cause` / Prisma's `meta.driverAdapterError`) means the database cannot be
 * reached right now — as opposed to a query that the database refused. Such errors answer 503 + Retry-After.
 */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 5) return false
  const e = err as { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; originalCode?: unknown; meta?: { driverAdapterError?: unknown } }
  const code = typeof e.code === 'string' ? e.code : typeof e.originalCode === 'string' ? e.originalCode : ''
  if (UNAVAILABLE_PRISMA.has(code) || UNAVAILABLE_NODE.has(code) || UNAVAILABLE_SQLSTATE.test(code)) return true
  if (typeof e.kind === 'string' && UNAVAILABLE_KIND.has(e.kind)) return true
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message)) return true
  if (err instanceof AggregateError && err.errors.some((x) => isDatabaseUnavailable(x, depth + 1))) return true
  return isDatabaseUnavailable(e.meta?.driverAdapterError, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1)
}

export const databaseUnavailable = () => new AppError('UNAVAILABLE', 'databaseUnavailable', { seconds: RETRY_AFTER_SECONDS })

const RAISED = /overstap:(CONFLICT|VALIDATION|PRECONDITION|FORBIDDEN):([A-Za-z0-9_.]+)(?::(\{[^}]*\}))?/

/**
 * A refusal raised by a database function or trigger as 'overstap:<CODE>:<message key>[:<JSON params>]' (e.g. the
 * participation domain's campaign limits, checked inside the booking transaction), found at any depth of the
 * error (Prisma wraps the driver's message in `meta`), as the AppError it names.
 */
export function raisedAppError(err: unknown, depth = 0): AppError | undefined {
  if (!err || typeof err !== 'object' || depth > 5) return undefined
  for (const v of [(err as { message?: unknown }).message, ...Object.values(err)]) {
    const m = typeof v === 'string' ? RAISED.exec(v) : null
    if (m) {
      let params: Record<string, string | number> | undefined
      try {
        params = m[3] ? (JSON.parse(m[3]) as Record<string, string | number>) : undefined
      } catch {
        params = undefined
      }
      return new AppError(m[1] as AppErrorCode, m[2]!, params)
    }
    if (v && typeof v === 'object') {
      const inner = raisedAppError(v, depth + 1)
      if (inner) return inner
    }
  }
  return undefined
}

/** Maps known Prisma errors (by code, without importing Prisma here) to AppErrors; a lost database → 503. */
export function fromPrismaError(err: unknown): AppError | undefined {
  if (isDatabaseUnavailable(err)) return databaseUnavailable()
  const raised = raisedAppError(err)
  if (raised) return raised
  const code = (err as { code?: unknown })?.code
  if (code === 'P2002') return conflict('duplicate')
  if (code === 'P2025') return notFound()
  if (code === 'P2003') return invalid('reference')
  return undefined
}
