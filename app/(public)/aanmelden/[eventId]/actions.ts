'use server'
import { redirect } from 'next/navigation'
import { TRPCError } from '@trpc/server'
import { callFromForm, formValues, postedWithoutScript } from '@/server/api/form-action'
import { AppError } from '@/server/lib/errors'
import { refusalIssues, registerFormInput } from '@/server/registration/form-input'
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
 * field; a refusal about one field (a pupil's missing school, a party too large, overlapping sessions) is that field's
 * issue too (refusalIssues). Without JavaScript a registration is followed by a redirect to the result page (./registered-result:
 * post-redirect-get, so a reload does not register again); with it, the result replaces the form.
 */
export async function registerAction(_prev: RegisterState, form: FormData): Promise<RegisterState> {
  // Only the chosen audience's fields (the form holds every audience's, shown by CSS).
  const input = registerFormInput(form)
  const refused: { key?: string } = {}
  const r = await callFromForm('registration failed', (caller) =>
    caller.registration.register(input as never).catch((err: unknown) => {
      if (err instanceof TRPCError && err.cause instanceof AppError) refused.key = err.cause.key
      throw err
    }),
  )
  if (!r.ok) return { kind: 'error', message: r.message, issues: { ...refusalIssues(refused.key, r.message, input), ...r.issues }, values: formValues(form), sessionIds: input.sessionIds, at: Date.now() }
  const result = { waitlisted: r.value.seats.every((s) => s.status === 'WAITLISTED'), at: Date.now() }
  if (postedWithoutScript(form)) {
    await rememberRegistered(input.eventId, result)
    redirect(registeredPath(input.eventId))
  }
  return { kind: 'done', message: r.tr(`registration.form.${registeredMessage(result)}`) }
}
