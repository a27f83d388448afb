'use server'
import { getAppFormatter } from '@/server/i18n/formatter'
import { callFromForm, formValues } from '@/server/api/form-action'
import { HOLD_UNTIL_FORMAT } from '@/server/slots/schema'

/** What the public booking form shows after a submit: the result (translated here), or the issues per field. */
export type BookState =
  | { kind: 'idle' }
  | { kind: 'error'; message: string; issues: Record<string, string>; values: Record<string, string> }
  | { kind: 'booked'; status: 'CONFIRMED' | 'PENDING' | 'WAITLISTED'; title: string; body: string; at: number }

/**
 * The public booking page's form submits here (a server action, no tRPC client in the page): the same procedure
 * (slots.book) through the server-side caller (callFromForm). Issues come back translated per field, so the form
 * needs no zod, no react-query and no message catalogue in the browser. Also works without JavaScript.
 */
export async function bookSlot(_prev: BookState, form: FormData): Promise<BookState> {
  const raw = formValues(form)
  const answers = Object.fromEntries(Object.entries(raw).filter(([k]) => k.startsWith('answers.')).map(([k, v]) => [k.slice('answers.'.length), v]))
  const input = { slotId: raw.slotId ?? '', name: raw.name ?? '', email: raw.email ?? '', schoolId: raw.schoolId ?? '', schoolOther: raw.schoolOther ?? '', level: raw.level ?? '', year: raw.year ?? '', answers }
  const r = await callFromForm('public booking failed', (caller) => caller.slots.book(input as never))
  if (!r.ok) return { kind: 'error', message: r.message, issues: r.issues, values: raw }
  const status = r.value.status === 'PENDING' || r.value.status === 'WAITLISTED' ? r.value.status : 'CONFIRMED'
  const format = await getAppFormatter()
  const vars = {
    position: r.value.position ?? 0,
    date: r.value.holdExpiresAt ? format.dateTime(r.value.holdExpiresAt, HOLD_UNTIL_FORMAT) : '',
  }
  return { kind: 'booked', status, title: r.tr(`slots.book.result.${status}`, vars), body: r.tr(`slots.book.result.${status}Body`, vars), at: Date.now() }
}
