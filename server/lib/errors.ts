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
  RATE_LIMITED: 429,
} as const

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

/** Maps known Prisma errors (by code, without importing Prisma here) to AppErrors. */
export function fromPrismaError(err: unknown): AppError | undefined {
  const code = (err as { code?: unknown })?.code
  if (code === 'P2002') return conflict('duplicate')
  if (code === 'P2025') return notFound()
  if (code === 'P2003') return invalid('reference')
  return undefined
}
