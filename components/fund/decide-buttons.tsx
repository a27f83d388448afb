'use client'
import { useState } from 'react'
import { useTranslations } from 'next-intl'
import { Button } from '@/components/ui/button'
import { AskFirstButton } from '@/components/ui/ask-first'
import { TextAreaField, useIssueText } from '@/components/ui/field'
import type { useAction } from '@/components/ui/use-action'

/** The texts a decision needs; each namespace (fund.reports, fund.results, fund.budget) has them. */
export type DecisionText = (key: 'approve' | 'approveQuestion' | 'reject' | 'rejectReason' | 'approved' | 'rejected') => string

/**
 * The approve / reject-with-reason control of every four-eyes decision in the fund (expenditure reports, results
 * reports, budget changes): runs the caller's mutation through its `useAction`, which shows the feedback (and takes
 * focus). An approval cannot be undone, so "Approve" asks first, in the page (components/ui/ask-first): the question
 * opens with focus on "No", which closes it and puts focus back on "Approve"; "Yes" approves.
 */
export function ApproveReject({
  text,
  action,
  busy,
  approve,
  reject,
}: {
  text: DecisionText
  action: Pick<ReturnType<typeof useAction>, 'run' | 'issues'>
  busy: boolean
  approve: () => Promise<unknown>
  reject: (reason: string) => Promise<unknown>
}) {
  const [reason, setReason] = useState('')
  const [asking, setAsking] = useState<string | null>(null)
  const issue = useIssueText()
  const t = useTranslations('fund.decision')
  return (
    <>
      <div>
        <AskFirstButton
          intent="approve"
          variant="primary"
          asking={asking}
          setAsking={setAsking}
          disabled={busy}
          label={text('approve')}
          question={text('approveQuestion')}
          yes={t('approveYes')}
          keep={t('keep')}
          pending={busy}
          onYes={() => void action.run(approve, text('approved')).then(() => setAsking(null))}
        />
      </div>
      <form
        className="flex flex-col gap-2"
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          void action.run(() => reject(reason), text('rejected'))
        }}
      >
        <TextAreaField label={text('rejectReason')} value={reason} error={issue(action.issues.reason)} onChange={(e) => setReason(e.target.value)} />
        <div>
          <Button type="submit" variant="danger" disabled={busy}>
            {text('reject')}
          </Button>
        </div>
      </form>
    </>
  )
}
