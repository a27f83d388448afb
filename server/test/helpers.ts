import { randomInt } from 'node:crypto'
import { TRPCError } from '@trpc/server'
import { expect } from 'vitest'
import { db } from '../db/client.ts'
import { loadActor } from '../auth/actor.ts'
import { serializeInput } from '../api/transformer.ts'
import { createCaller } from '../api/root.ts'
import { handleTrpc } from '../api/trpc-handler.ts'
import type { Locale } from '../i18n/config.ts'

/** A random client address in 10.0.0.0/8: its own per-IP rate-limit points. */
export const randomTestIp = () => `10.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`

/**
 * This test file's client address. Files share one database, and with it the per-IP rate limits: one fixed address for
 * every file let a file that books a lot (or the bad-input sweep) make another file's calls answer 429.
 */
export const TEST_FILE_IP = randomTestIp()

/** A tRPC caller acting as the given user (loaded from the database like a real session), or anonymous. */
export async function callerFor(userId: string | null, locale: Locale = 'nl') {
  const actor = userId ? await loadActor(db, userId) : null
  return createCaller({ db, actor, locale, ip: TEST_FILE_IP })
}

/** Asserts that a call fails with the given tRPC code (e.g. FORBIDDEN), not with an empty success. */
export async function expectTrpcError(promise: Promise<unknown>, code: TRPCError['code']) {
  const err = await promise.then(
    (value) => {
      throw new Error(`expected ${code}, got success: ${JSON.stringify(value)?.slice(0, 200)}`)
    },
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(TRPCError)
  expect((err as TRPCError).code).toBe(code)
  return err as TRPCError
}

export { db }

/**
 * Asserts that the database itself refused a write with this SQLSTATE (e.g. 42501 from the audit-log trigger,
 * 23514 from the capacity trigger) and a message containing `message`: not any error (a typo in the SQL, a
 * missing row or a dropped connection would also "throw").
 */
export async function expectDbRefusal(promise: Promise<unknown>, sqlState: string, message: string | RegExp) {
  const err = await promise.then(
    (value) => {
      throw new Error(`expected the database to refuse (${sqlState}), got success: ${JSON.stringify(value)?.slice(0, 200)}`)
    },
    (e: unknown) => e,
  )
  const found = dbErrorParts(err)
  expect(found.codes, `SQLSTATE of ${String(err)}`).toContain(sqlState)
  expect(found.messages.some((m) => (typeof message === 'string' ? m.includes(message) : message.test(m))), `message of ${String(err)}`).toBe(true)
}

/** Prisma wraps the driver's error (raw queries: meta.code/meta.message; driver adapters: meta.driverAdapterError.cause). */
function dbErrorParts(err: unknown, depth = 0): { codes: string[]; messages: string[] } {
  const out = { codes: [] as string[], messages: [] as string[] }
  if (!err || typeof err !== 'object' || depth > 5) return out
  for (const [k, v] of Object.entries(err as Record<string, unknown>).concat([['message', (err as Error).message]])) {
    if (typeof v === 'string' && (k === 'code' || k === 'originalCode')) out.codes.push(v)
    else if (typeof v === 'string' && (k === 'message' || k === 'originalMessage')) out.messages.push(v)
    else if (v && typeof v === 'object') {
      const inner = dbErrorParts(v, depth + 1)
      out.codes.push(...inner.codes)
      out.messages.push(...inner.messages)
    }
  }
  return out
}

/** One page of a keyset-paged list, as the list procedures answer. */
export type KeysetPageOf<T> = { items: T[]; nextCursor: string | null; total: number }

/** Every page of a list, following nextCursor (at most 20 pages); each page's total too. */
export async function allPages<T>(read: (cursor: string | undefined) => Promise<KeysetPageOf<T>>) {
  const pages: KeysetPageOf<T>[] = []
  let cursor: string | undefined
  do {
    const page = await read(cursor)
    pages.push(page)
    cursor = page.nextCursor ?? undefined
  } while (cursor && pages.length < 20)
  return pages
}

/** A query over HTTP as the app's client sends it (superjson in the URL, server/api/transformer.ts), answered in `locale`: status and body. */
export async function httpQuery(userId: string, path: string, input: unknown, locale: Locale) {
  const actor = await loadActor(db, userId)
  const req = new Request(`http://localhost/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(serializeInput(input)))}`)
  const res = await handleTrpc(req, async () => ({ db, actor, locale, ip: TEST_FILE_IP }))
  return { status: res.status, body: (await res.json()) as { error: { json: { data: { issues: { path: string; message: string }[] } } } } }
}
