'use server'
import { redirect } from 'next/navigation'
import { callFromForm, formValues, postedWithoutScript } from '@/server/api/form-action'
import { registerFormInput } from '@/server/registration/form-input'
import { registeredMessage, registeredPath, rememberRegistered } from './registered-result'

/**
 * What the registration form shows after a submit: the result (translated here), or the issues per field with what
 * was filled in (`values`: the text fields, the audience among them; `sessionIds`: the sessions ticked), which the
 * form shows again — also without JavaScript, where the page is rendered anew from this state.
 */
export type RegisterState =
  | { kind: 'idle' }
  | { kind: 'done'; message: string }
  | { kind: 'error'; message: string; issues: Record<string, string>; values: Record<string, string>; sessionIds: string[]; at: number }

/**
 * The public registration form (`/aanmelden/[eventId]`) submits here (a server action, no tRPC client in the page):
 * the same procedure (registration.register) through the server-side caller (callFromForm), issues translated per
 * field. Without JavaScript a registration is followed by a redirect to the result page (./registered-result:
 * post-redirect-get, so a reload does not register again); with it, the result replaces the form.
 */
export async function registerAction(_prev: RegisterState, form: FormData): Promise<RegisterState> {
  // Only the chosen audience's fields (the form holds every audience's, shown by CSS).
  const input = registerFormInput(form)
  const r = await callFromForm('registration failed', (caller) => caller.registration.register(input as never))
  if (!r.ok) return { kind: 'error', message: r.message, issues: r.issues, values: formValues(form), sessionIds: input.sessionIds, at: Date.now() }
  const result = { waitlisted: r.value.seats.every((s) => s.status === 'WAITLISTED'), at: Date.now() }
  if (postedWithoutScript(form)) {
    await rememberRegistered(input.eventId, result)
    redirect(registeredPath(input.eventId))
  }
  return { kind: 'done', message: r.tr(`registration.form.${registeredMessage(result)}`) }
}
