'use server'
import { callFromForm } from '@/server/api/form-action'

/** What the registration link's buttons show after a submit: the result (translated here), or the cancel question (without JavaScript). */
export type RegistrationLinkState = { kind: 'idle' } | { kind: 'asking'; at: number } | { kind: 'done' | 'error'; message: string; at: number }

const intents = ['confirm', 'accept', 'decline', 'cancel'] as const

/**
 * The registrant's link page (`/aanmelding/[token]`) submits here (a server action, no tRPC client in the page): the
 * same procedures (registration.confirm / cancelMine / acceptOffer / declineOffer) through the server-side caller
 * (callFromForm). Also works without JavaScript, the cancel question included.
 */
export async function registrationLinkAction(_prev: RegistrationLinkState, form: FormData): Promise<RegistrationLinkState> {
  const intent = String(form.get('intent') ?? '')
  const token = String(form.get('token') ?? '')
  const seatId = String(form.get('seatId') ?? '')
  if (intent === 'ask') return { kind: 'asking', at: Date.now() }
  if (!intents.includes(intent as (typeof intents)[number])) return { kind: 'idle' }
  const r = await callFromForm<unknown>('registration link action failed', (caller) =>
    intent === 'confirm'
      ? caller.registration.confirm({ token })
      : intent === 'accept'
        ? caller.registration.acceptOffer({ token, seatId })
        : intent === 'decline'
          ? caller.registration.declineOffer({ token, seatId })
          : caller.registration.cancelMine({ token }),
  )
  return { kind: r.ok ? 'done' : 'error', message: r.ok ? r.tr(intent === 'confirm' ? 'registration.link.confirmed' : 'registration.link.done') : r.message, at: Date.now() }
}
