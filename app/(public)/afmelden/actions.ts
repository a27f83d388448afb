'use server'
import { TRPCError } from '@trpc/server'
import { getLocale } from 'next-intl/server'
import { getCaller } from '@/server/api/server'
import { describeError } from '@/server/api/trpc'
import { isLocale, defaultLocale } from '@/server/i18n/config'
import { logger } from '@/server/lib/logger'

/** What the unsubscribe button shows after a submit: done, or the error (translated here). */
export type UnsubscribeState = { kind: 'idle' } | { kind: 'done'; at: number } | { kind: 'error'; message: string; at: number }

/**
 * The unsubscribe page's button submits here (a server action, no tRPC client in the page): the same procedure
 * (notifications.unsubscribe, its input schema and rate limit) through the server-side caller, errors translated by
 * the tRPC error formatter's own mapping (describeError, server/api/trpc.ts). Also works without JavaScript.
 */
export async function unsubscribeAction(_prev: UnsubscribeState, form: FormData): Promise<UnsubscribeState> {
  const token = String(form.get('token') ?? '')
  try {
    await (await getCaller()).notifications.unsubscribe({ token })
    return { kind: 'done', at: Date.now() }
  } catch (err) {
    // The same messages as the tRPC endpoint gives (one mapping: describeError in server/api/trpc.ts).
    const error = err instanceof TRPCError ? err : new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: err })
    if (error.code === 'INTERNAL_SERVER_ERROR') logger.error({ err }, 'unsubscribe failed')
    const l = await getLocale()
    return { kind: 'error', message: describeError(error, isLocale(l) ? l : defaultLocale).message, at: Date.now() }
  }
}
