'use client'
import { useActionState, useId } from 'react'
import { Alert } from '@/components/ui/alert'
import { keepValuesOnSubmit } from '@/components/ui/keep-values-on-submit'
import { Button } from '@/components/ui/button'
import type { EvaluationState } from './actions'

export type EvaluationQuestion = { name: 'useful' | 'helpedChoice' | 'recommend'; label: string }

/**
 * The pupil's post-slot evaluation: three 1–5 scales as radio groups (fieldsets) and an optional comment. Texts come
 * translated from the page and the form posts to a server action (`action`), so the page ships no tRPC client,
 * react-query, zod or message catalogue. Issues come back translated per field; after sending, the thanks stays.
 */
export function EvaluationForm({
  action,
  token,
  questions,
  scale,
  comment,
  submitLabel,
}: {
  action: (state: EvaluationState, form: FormData) => Promise<EvaluationState>
  token: string
  questions: EvaluationQuestion[]
  /** The labels of 1 to 5. */
  scale: string[]
  comment: { label: string; hint: string; maxLength: number }
  submitLabel: string
}) {
  const [state, dispatch, pending] = useActionState(action, { kind: 'idle' })
  const id = useId()
  if (state.kind === 'done') return <Alert tone="success">{state.message}</Alert>
  const failed = state.kind === 'error' ? state : null
  const commentError = failed?.issues.comment
  return (
    <form
      action={dispatch}
      onSubmit={keepValuesOnSubmit(dispatch)}
      noValidate
      className="flex flex-col gap-5"
    >
      {failed ? <Alert tone="error">{failed.message}</Alert> : null}
      <input type="hidden" name="token" value={token} />
      {questions.map((q) => (
        <fieldset key={q.name} className="flex flex-col gap-2" aria-describedby={failed?.issues[q.name] ? `${id}-${q.name}-error` : undefined}>
          <legend className="mb-1 font-medium text-slate-900">
            {q.label} <span aria-hidden="true" className="text-red-700">*</span>
          </legend>
          <div className="flex flex-wrap gap-2">
            {scale.map((label, i) => (
              <label key={i} className="flex min-h-11 cursor-pointer items-center gap-2 rounded-md border border-slate-500 px-3 py-2 text-sm has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50">
                {/* key: a failed submit re-renders the group with what was chosen. */}
                <input key={`${failed?.at ?? 0}`} type="radio" name={q.name} value={i + 1} required defaultChecked={failed?.values[q.name] === String(i + 1)} />
                {label}
              </label>
            ))}
          </div>
          {failed?.issues[q.name] ? (
            <p id={`${id}-${q.name}-error`} className="text-sm text-red-700">
              {failed.issues[q.name]}
            </p>
          ) : null}
        </fieldset>
      ))}
      {/* The markup of components/ui/field's FieldShell, with the message already translated. */}
      <div className="flex min-w-0 flex-col gap-1">
        <label htmlFor={`${id}-comment`} className="text-sm font-medium text-slate-900">
          {comment.label}
        </label>
        <p id={`${id}-comment-hint`} className="text-xs text-slate-700">
          {comment.hint}
        </p>
        <textarea
          key={`${failed?.at ?? 0}`}
          id={`${id}-comment`}
          name="comment"
          maxLength={comment.maxLength}
          defaultValue={failed?.values.comment}
          aria-describedby={[`${id}-comment-hint`, commentError ? `${id}-comment-error` : ''].filter(Boolean).join(' ')}
          aria-invalid={commentError ? true : undefined}
          className="min-h-24 max-w-full min-w-0 rounded-md border border-slate-500 bg-white px-3 py-2 text-sm text-slate-900 aria-[invalid=true]:border-red-700"
        />
        {commentError ? (
          <p id={`${id}-comment-error`} className="text-sm text-red-700">
            {commentError}
          </p>
        ) : null}
      </div>
      <div>
        <Button type="submit" disabled={pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  )
}
