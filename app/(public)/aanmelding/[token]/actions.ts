'use server'
import { TRPCError } from '@trpc/server'
import { getLocale } from 'next-intl/server'
import { getCaller } from '@/server/api/server'
import { describeError } from '@/server/api/trpc'
import { isLocale, defaultLocale } from '@/server/i18n/config'
import { translator } from '@/server/i18n/translate'
import { logger } from '@/server/lib/logger'

/** What the registration link's buttons show after a submit: the result (translated here), or the cancel question (without JavaScript). */
export type RegistrationLinkState = { kind: 'idle' } | { kind: 'asking'; at: number } | { kind: 'done' | 'error'; message: string; at: number }

/**
 * The registrant's link page (`/aanmelding/[token]`) submits here (a server action, no tRPC client in the page): the
 * same procedures (registration.confirm / cancelMine / acceptOffer / declineOffer, their input schemas, rate limit
 * and permission) through the server-side caller, errors translated by the tRPC error formatter's own mapping
 * (describeError, server/api/trpc.ts). Also works without JavaScript, the cancel question included.
 */
export async function registrationLinkAction(_prev: RegistrationLinkState, form: FormData): Promise<RegistrationLinkState> {
  const intent = String(form.get('intent') ?? '')
  const token = String(form.get('token') ?? '')
  const seatId = String(form.get('seatId') ?? '')
  if (intent === 'ask') return { kind: 'asking', at: Date.now() }
  const l = await getLocale()
  const locale = isLocale(l) ? l : defaultLocale
  const tr = translator(locale)
  try {
    const caller = await getCaller()
    if (intent === 'confirm') await caller.registration.confirm({ token })
    else if (intent === 'accept') await caller.registration.acceptOffer({ token, seatId })
    else if (intent === 'decline') await caller.registration.declineOffer({ token, seatId })
    else if (intent === 'cancel') await caller.registration.cancelMine({ token })
    else return { kind: 'idle' }
    return { kind: 'done', message: tr(intent === 'confirm' ? 'registration.link.confirmed' : 'registration.link.done'), at: Date.now() }
  } catch (err) {
    // The same messages as the tRPC endpoint gives (one mapping: describeError in server/api/trpc.ts).
    const error = err instanceof TRPCError ? err : new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: err })
    if (error.code === 'INTERNAL_SERVER_ERROR') logger.error({ err }, 'registration link action failed')
    return { kind: 'error', message: describeError(error, locale).message, at: Date.now() }
  }
}
