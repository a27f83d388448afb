'use server'
import { TRPCError } from '@trpc/server'
import { getLocale } from 'next-intl/server'
import { getCaller } from '@/server/api/server'
import { describeError } from '@/server/api/trpc'
import { isLocale, defaultLocale } from '@/server/i18n/config'
import { translator } from '@/server/i18n/translate'
import { logger } from '@/server/lib/logger'

/** What the booking link's buttons show after a submit: the result (translated here), or the cancel question (without JavaScript). */
export type BookingLinkState = { kind: 'idle' } | { kind: 'asking'; at: number } | { kind: 'done' | 'error'; message: string; at: number }

/** The buttons' `intent`: which procedure runs and which message says it worked. `ask`/`keep` only toggle the question. */
const intents = {
  confirm: { run: 'confirmBooking', done: 'slots.booking.confirmed' },
  accept: { run: 'acceptOffer', done: 'slots.booking.done' },
  decline: { run: 'declineOffer', done: 'slots.booking.done' },
  cancel: { run: 'cancelBooking', done: 'slots.booking.cancelled' },
  leave: { run: 'cancelBooking', done: 'slots.booking.left' },
} as const

/**
 * The pupil's booking link page (`/boeking/[token]`) submits here (a server action, no tRPC client in the page): the
 * same procedures (slots.confirmBooking / cancelBooking / acceptOffer / declineOffer, their input schema, rate limit
 * and permission) through the server-side caller, errors translated by the tRPC error formatter's own mapping
 * (describeError, server/api/trpc.ts). Also works without JavaScript, the cancel question included.
 */
export async function bookingLinkAction(_prev: BookingLinkState, form: FormData): Promise<BookingLinkState> {
  const intent = String(form.get('intent') ?? '')
  const token = String(form.get('token') ?? '')
  if (intent === 'ask') return { kind: 'asking', at: Date.now() }
  if (!(intent in intents)) return { kind: 'idle' }
  const { run, done } = intents[intent as keyof typeof intents]
  const l = await getLocale()
  const locale = isLocale(l) ? l : defaultLocale
  try {
    await (await getCaller()).slots[run]({ token })
    return { kind: 'done', message: translator(locale)(done), at: Date.now() }
  } catch (err) {
    // The same messages as the tRPC endpoint gives (one mapping: describeError in server/api/trpc.ts).
    const error = err instanceof TRPCError ? err : new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: err })
    if (error.code === 'INTERNAL_SERVER_ERROR') logger.error({ err }, 'booking link action failed')
    return { kind: 'error', message: describeError(error, locale).message, at: Date.now() }
  }
}
