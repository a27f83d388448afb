'use client'
import { useState } from 'react'
import { useMutation } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useTRPC } from '@/components/trpc/client'
import { Button } from '@/components/ui/button'
import { TextAreaField, useIssueText } from '@/components/ui/field'
import { applyServerError, fieldIssues, FormStatus } from '@/components/ui/form'
import { MAX_COMMENT } from '@/server/participation/schema'

const QUESTIONS = ['useful', 'helpedChoice', 'recommend'] as const
type Question = (typeof QUESTIONS)[number]

/** The pupil's post-slot evaluation: three 1–5 scales as radio groups (fieldsets) and an optional comment. */
export function EvaluationForm({ token }: { token: string }) {
  const t = useTranslations('participation.evaluation.form')
  const trpc = useTRPC()
  const send = useMutation(trpc.participation.evaluate.mutationOptions())
  const [scores, setScores] = useState<Partial<Record<Question, number>>>({})
  const [comment, setComment] = useState('')
  const [status, setStatus] = useState<{ error?: string; success?: string }>({})
  const [issues, setIssues] = useState<Record<string, string>>({})
  const issue = useIssueText()
  if (status.success) return <FormStatus success={status.success} />
  return (
    <form
      className="flex flex-col gap-5"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault()
        setStatus({})
        setIssues({})
        try {
          await send.mutateAsync({ token, useful: scores.useful ?? 0, helpedChoice: scores.helpedChoice ?? 0, recommend: scores.recommend ?? 0, comment })
          setStatus({ success: t('thanks') })
        } catch (err) {
          setStatus({ error: applyServerError(err) })
          setIssues(fieldIssues(err))
        }
      }}
    >
      <FormStatus error={status.error} />
      {QUESTIONS.map((q) => (
        <fieldset key={q} className="flex flex-col gap-2" aria-describedby={issues[q] ? `${q}-error` : undefined}>
          <legend className="mb-1 font-medium text-slate-900">
            {t(q)} <span aria-hidden="true" className="text-red-700">*</span>
          </legend>
          <div className="flex flex-wrap gap-2">
            {[1, 2, 3, 4, 5].map((v) => (
              <label key={v} className="flex min-h-11 cursor-pointer items-center gap-2 rounded-md border border-slate-500 px-3 py-2 text-sm has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50">
                <input type="radio" name={q} value={v} required checked={scores[q] === v} onChange={() => setScores((s) => ({ ...s, [q]: v }))} />
                {t(`scale.${v as 1 | 2 | 3 | 4 | 5}`)}
              </label>
            ))}
          </div>
          {issues[q] ? (
            <p id={`${q}-error`} className="text-sm text-red-700">
              {issue(issues[q])}
            </p>
          ) : null}
        </fieldset>
      ))}
      <TextAreaField label={t('comment')} hint={t('commentHint', { max: MAX_COMMENT })} name="comment" maxLength={MAX_COMMENT} value={comment} onChange={(e) => setComment(e.target.value)} error={issues.comment} />
      <div>
        <Button type="submit" disabled={send.isPending}>
          {t('submit')}
        </Button>
      </div>
    </form>
  )
}
