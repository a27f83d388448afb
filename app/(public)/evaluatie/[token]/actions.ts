'use server'
import { callFromForm, formValues } from '@/server/api/form-action'

/** What the evaluation form shows after a submit: thanks, or the issues per field (translated here) with what was filled in. */
export type EvaluationState =
  | { kind: 'idle' }
  | { kind: 'done'; message: string }
  | { kind: 'error'; message: string; issues: Record<string, string>; values: Record<string, string>; at: number }

/**
 * The pupil's evaluation form (`/evaluatie/[token]`) submits here (a server action, no tRPC client in the page): the
 * same procedure (participation.evaluate) through the server-side caller (callFromForm), issues translated per
 * field. Also works without JavaScript.
 */
export async function evaluateAction(_prev: EvaluationState, form: FormData): Promise<EvaluationState> {
  const values = formValues(form)
  // An unanswered scale is 0: the schema refuses it with the scale's own message.
  const score = (k: string) => (values[k] ? Number(values[k]) : 0)
  const input = { token: values.token ?? '', useful: score('useful'), helpedChoice: score('helpedChoice'), recommend: score('recommend'), comment: values.comment ?? '' }
  const r = await callFromForm('evaluation failed', (caller) => caller.participation.evaluate(input))
  if (r.ok) return { kind: 'done', message: r.tr('participation.evaluation.form.thanks') }
  return { kind: 'error', message: r.message, issues: r.issues, values, at: Date.now() }
}
