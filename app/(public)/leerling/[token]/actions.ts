'use server'
import { callFromForm } from '@/server/api/form-action'

/** What a slot's button on the pupil's personal link page shows after a submit: the result or the refusal, translated here. */
export type LinkBookState = { kind: 'idle' } | { kind: 'done' | 'error'; message: string; at: number }

/**
 * The personal link page's buttons (`/leerling/[token]`) submit here (a server action, no tRPC client in the page):
 * the same procedure (participation.linkBook, with the database's campaign rules) through the server-side caller
 * (callFromForm). Also works without JavaScript.
 */
export async function linkBookAction(_prev: LinkBookState, form: FormData): Promise<LinkBookState> {
  const token = String(form.get('token') ?? '')
  const slotId = String(form.get('slotId') ?? '')
  const r = await callFromForm('personal link booking failed', (caller) => caller.participation.linkBook({ token, slotId }))
  if (!r.ok) return { kind: 'error', message: r.message, at: Date.now() }
  // A personal link proves the address: a booking is confirmed at once or waits on the list.
  const status = r.value.status === 'WAITLISTED' ? r.value.status : 'CONFIRMED'
  return { kind: 'done', message: r.tr(`participation.link.result.${status}`, { position: r.value.position ?? 0 }), at: Date.now() }
}
