'use server'
import { callFromForm } from '@/server/api/form-action'
import { askedFor, type AskFirstState } from '@/components/ui/ask-first-state'

/** What the booking link's buttons show after a submit: the result (translated here), or a question (cancel, decline) without JavaScript. */
export type BookingLinkState = AskFirstState

/** The buttons' `intent`: which procedure runs and which message says it worked. `ask:<question>`/`keep` only open or close a question. */
const intents = {
  confirm: { run: 'confirmBooking', done: 'slots.booking.confirmed' },
  accept: { run: 'acceptOffer', done: 'slots.booking.done' },
  decline: { run: 'declineOffer', done: 'slots.booking.declined' },
  cancel: { run: 'cancelBooking', done: 'slots.booking.cancelled' },
  leave: { run: 'cancelBooking', done: 'slots.booking.left' },
} as const

/**
 * The pupil's booking link page (`/boeking/[token]`) submits here (a server action, no tRPC client in the page): the
 * same procedures (slots.confirmBooking / cancelBooking / acceptOffer / declineOffer) through the server-side caller
 * (callFromForm). Also works without JavaScript, the questions (cancel, decline) included.
 */
export async function bookingLinkAction(_prev: BookingLinkState, form: FormData): Promise<BookingLinkState> {
  const intent = String(form.get('intent') ?? '')
  const token = String(form.get('token') ?? '')
  const asked = askedFor(intent)
  if (asked) return asked
  if (!Object.hasOwn(intents, intent)) return { kind: 'idle' }
  const { run, done } = intents[intent as keyof typeof intents]
  const r = await callFromForm<unknown>('booking link action failed', (caller) => caller.slots[run]({ token }))
  return { kind: r.ok ? 'done' : 'error', message: r.ok ? r.tr(done) : r.message, at: Date.now() }
}
