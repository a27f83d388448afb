'use server'
import { redirect } from 'next/navigation'
import { callFromForm, formValues, postedWithoutScript } from '@/server/api/form-action'
import { bookedPath, bookedView, forgetBooked, rememberBooked, type BookedView } from './booked-result'
import { slotPageOf } from './slot-page'

/** What the public booking form shows after a submit: the result (translated here), or the issues per field. */
export type BookState = { kind: 'idle' } | { kind: 'error'; message: string; issues: Record<string, string>; values: Record<string, string> } | ({ kind: 'booked' } & BookedView)

/**
 * The public booking page's form submits here (a server action, no tRPC client in the page), bound to the slot's id
 * only: the page the result belongs to is the slot's own (./slot-page), never a BRIN from the URL or the bound state.
 * The same procedure (slots.book) through the server-side caller (callFromForm). Issues come back translated per field, so the form needs no zod, no
 * react-query and no message catalogue in the browser. A booking's result is kept for the page (./booked-result), so
 * it survives a reload; without JavaScript the action then redirects to the page (POST-redirect-GET: a reload shows
 * the result instead of posting again). Also works without JavaScript.
 */
export async function bookSlot(slot: { slotId: string }, _prev: BookState, form: FormData): Promise<BookState> {
  const raw = formValues(form)
  const answers = Object.fromEntries(Object.entries(raw).filter(([k]) => k.startsWith('answers.')).map(([k, v]) => [k.slice('answers.'.length), v]))
  const input = { slotId: slot.slotId, name: raw.name ?? '', email: raw.email ?? '', schoolId: raw.schoolId ?? '', schoolOther: raw.schoolOther ?? '', level: raw.level ?? '', year: raw.year ?? '', answers }
  const r = await callFromForm('public booking failed', (caller) => caller.slots.book(input as never))
  if (!r.ok) return { kind: 'error', message: r.message, issues: r.issues, values: raw }
  const status = r.value.status === 'PENDING' || r.value.status === 'WAITLISTED' ? r.value.status : 'CONFIRMED'
  const result = { status, position: r.value.position ?? null, holdUntil: r.value.holdExpiresAt ? new Date(r.value.holdExpiresAt).getTime() : null, at: Date.now() } as const
  const page = await slotPageOf(slot.slotId)
  if (page) {
    await rememberBooked(page, result)
    if (postedWithoutScript(form)) redirect(bookedPath(page))
  }
  return { kind: 'booked', ...(await bookedView(result)) }
}

/**
 * "Book someone else": forgets the page's result, so the form comes back (also after a reload). Without JavaScript
 * it redirects to the page; with it, the form is back already and the changed cookie refreshes the page.
 */
export async function forgetBooking(slot: { slotId: string }, form: FormData): Promise<void> {
  const page = await slotPageOf(slot.slotId)
  if (!page) return
  await forgetBooked(page)
  if (postedWithoutScript(form)) redirect(bookedPath(page))
}
