'use server'
import { TRPCError } from '@trpc/server'
import { getLocale } from 'next-intl/server'
import { getCaller } from '@/server/api/server'
import { describeError } from '@/server/api/trpc'
import { isLocale, defaultLocale } from '@/server/i18n/config'
import { translator } from '@/server/i18n/translate'
import { logger } from '@/server/lib/logger'

/** What a slot's button on the pupil's personal link page shows after a submit: the result or the refusal, translated here. */
export type LinkBookState = { kind: 'idle' } | { kind: 'done' | 'error'; message: string; at: number }

/**
 * The personal link page's buttons (`/leerling/[token]`) submit here (a server action, no tRPC client in the page):
 * the same procedure (participation.linkBook, its input schema, rate limit and the database's campaign rules)
 * through the server-side caller, errors translated by the tRPC error formatter's own mapping (describeError,
 * server/api/trpc.ts). Also works without JavaScript.
 */
export async function linkBookAction(_prev: LinkBookState, form: FormData): Promise<LinkBookState> {
  const token = String(form.get('token') ?? '')
  const slotId = String(form.get('slotId') ?? '')
  const l = await getLocale()
  const locale = isLocale(l) ? l : defaultLocale
  try {
    const r = await (await getCaller()).participation.linkBook({ token, slotId })
    // A personal link proves the address: a booking is confirmed at once or waits on the list.
    const status = r.status === 'WAITLISTED' ? r.status : 'CONFIRMED'
    return { kind: 'done', message: translator(locale)(`participation.link.result.${status}`, { position: r.position ?? 0 }), at: Date.now() }
  } catch (err) {
    // The same messages as the tRPC endpoint gives (one mapping: describeError in server/api/trpc.ts).
    const error = err instanceof TRPCError ? err : new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: err })
    if (error.code === 'INTERNAL_SERVER_ERROR') logger.error({ err }, 'personal link booking failed')
    return { kind: 'error', message: describeError(error, locale).message, at: Date.now() }
  }
}
