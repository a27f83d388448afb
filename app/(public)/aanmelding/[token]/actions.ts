'use server'
import { callFromForm } from '@/server/api/form-action'
import { askedFor, type AskFirstState } from '@/components/ui/ask-first-state'

/** What the registration link's buttons show after a submit: the result (translated here), or a question (decline a seat, cancel) without JavaScript. */
export type RegistrationLinkState = AskFirstState

/** The buttons' `intent` and the message that says it worked. `ask:<question>`/`keep` only open or close a question. */
const done = { confirm: 'registration.link.confirmed', accept: 'registration.link.accepted', decline: 'registration.link.declined', cancel: 'registration.link.cancelled' } as const

/**
 * The registrant's link page (`/aanmelding/[token]`) submits here (a server action, no tRPC client in the page): the
 * same procedures (registration.confirm / cancelMine / acceptOffer / declineOffer) through the server-side caller
 * (callFromForm). Also works without JavaScript, the questions included.
 */
export async function registrationLinkAction(_prev: RegistrationLinkState, form: FormData): Promise<RegistrationLinkState> {
  const intent = String(form.get('intent') ?? '')
  const token = String(form.get('token') ?? '')
  const seatId = String(form.get('seatId') ?? '')
  const asked = askedFor(intent)
  if (asked) return asked
  if (!Object.hasOwn(done, intent)) return { kind: 'idle' }
  const r = await callFromForm<unknown>('registration link action failed', (caller) =>
    intent === 'confirm'
      ? caller.registration.confirm({ token })
      : intent === 'accept'
        ? caller.registration.acceptOffer({ token, seatId })
        : intent === 'decline'
          ? caller.registration.declineOffer({ token, seatId })
          : caller.registration.cancelMine({ token }),
  )
  return { kind: r.ok ? 'done' : 'error', message: r.ok ? r.tr(done[intent as keyof typeof done]) : r.message, at: Date.now() }
}
