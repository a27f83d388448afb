/**
 * Structured JSON logs (pino) for the web process, the worker and the scripts. Every line carries the request id
 * of the request (or job run) it belongs to, from an AsyncLocalStorage that server/scripts/serve.ts opens per HTTP
 * request (X-Request-Id) and the worker per job — so a service logs with `logger.info(...)` and gets the id
 * without passing it around. E-mail addresses anywhere in a line (message or fields) are reduced to their domain
 * ("…@school.nl"): pupils are minors and logs are not purged with their data.
 *
 * The storage and the logger live on globalThis: serve.ts (run by tsx) and the Next.js server bundle each load
 * this module, and both must see the same request context.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { randomUUID } from 'node:crypto'
import pino, { type Logger } from 'pino'

export type LogContext = { requestId: string }

const EMAIL = /[\p{L}\p{N}._%+-]+@([\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)/gu

/** Replaces every e-mail address in a string by its domain only. */
export function redactEmails(text: string): string {
  return text.replace(EMAIL, '…@$1')
}

/**
 * What of an error goes into a log line. A Prisma client error's message quotes the call it failed in, with its
 * arguments (a pupil's name, a parent's address) for a validation error: only its first line (which call) and its
 * last (why, e.g. which constraint) are kept, and its stack without the message. Other errors' messages and stacks
 * keep everything but e-mail addresses; fields as a driver's `detail` ("Key (email)=(…) already exists") are not
 * written at all.
 */
function errorForLog(e: Error) {
  const code = (e as { code?: unknown }).code
  if (!e.name.startsWith('PrismaClient')) return { type: e.name, message: redactEmails(e.message), stack: e.stack && redactEmails(e.stack), code }
  const lines = e.message.split('\n').map((l) => l.trim()).filter(Boolean)
  const message = [...new Set([lines[0], lines.at(-1)])].filter(Boolean).join(' … ')
  const frames = (e.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).join('\n')
  return { type: e.name, message: redactEmails(message), stack: frames, code }
}

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactEmails(value)
  if (depth > 6 || value === null || typeof value !== 'object') return value
  if (value instanceof Error) return errorForLog(value)
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString() // not {} (it has no own fields)
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1))
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, depth + 1)]))
}

type Shared = { storage: AsyncLocalStorage<LogContext>; logger?: Logger }
const KEY = Symbol.for('overstap.logger')
const shared: Shared = ((globalThis as Record<symbol, unknown>)[KEY] as Shared | undefined) ?? { storage: new AsyncLocalStorage<LogContext>() }
;(globalThis as Record<symbol, unknown>)[KEY] = shared

export const requestContext = shared.storage

/** The request id of the current request or job run, if any. */
export const currentRequestId = (): string | undefined => requestContext.getStore()?.requestId

/** A request id from a client/proxy header when it looks like one (no injection into logs), else a new one. */
export function requestIdFrom(header: string | null | undefined): string {
  return header && /^[A-Za-z0-9._:-]{8,100}$/.test(header) ? header : randomUUID()
}

/** Runs `fn` with `requestId` attached to every log line written inside it (across awaits). */
export function withRequestId<T>(requestId: string, fn: () => T): T {
  return requestContext.run({ requestId }, fn)
}

/** Options of the app's logger; a destination can be given (tests). */
export function createLogger(destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
      base: { pid: process.pid, service: process.env.OVERSTAP_PROCESS ?? 'web' },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'msg',
      mixin: () => {
        const requestId = currentRequestId()
        return requestId ? { requestId } : {}
      },
      formatters: { level: (label) => ({ level: label }), log: (obj) => scrub(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? redactEmails(a) : a)) as Parameters<typeof method>)
        },
      },
      serializers: { err: (e: unknown) => scrub(e) },
    },
    destination,
  )
}

/** The process's logger. */
export const logger: Logger = (shared.logger ??= createLogger())
