import { TRPCError } from '@trpc/server'
import { expect } from 'vitest'
import { db } from '../db/client.ts'
import { loadActor } from '../auth/actor.ts'
import { createCaller } from '../api/root.ts'
import type { Locale } from '../i18n/config.ts'

/** A tRPC caller acting as the given user (loaded from the database like a real session), or anonymous. */
export async function callerFor(userId: string | null, locale: Locale = 'nl') {
  const actor = userId ? await loadActor(db, userId) : null
  return createCaller({ db, actor, locale, ip: '127.0.0.1' })
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
