'use server'
import { callFromForm } from '@/server/api/form-action'
import { registerFormInput } from '@/server/registration/form-input'

/** What the registration form shows after a submit: the result (translated here), or the issues per field. */
export type RegisterState = { kind: 'idle' } | { kind: 'done'; message: string } | { kind: 'error'; message: string; issues: Record<string, string>; at: number }

/**
 * The public registration form (`/aanmelden/[eventId]`) submits here (a server action, no tRPC client in the page):
 * the same procedure (registration.register) through the server-side caller (callFromForm), issues translated per
 * field.
 */
export async function registerAction(_prev: RegisterState, form: FormData): Promise<RegisterState> {
  // Only the chosen audience's fields (the form holds every audience's, shown by CSS).
  const input = registerFormInput(form)
  const r = await callFromForm('registration failed', (caller) => caller.registration.register(input as never))
  if (!r.ok) return { kind: 'error', message: r.message, issues: r.issues, at: Date.now() }
  const waitlisted = r.value.seats.every((s) => s.status === 'WAITLISTED')
  return { kind: 'done', message: r.tr(waitlisted ? 'registration.form.waitlisted' : 'registration.form.done') }
}
