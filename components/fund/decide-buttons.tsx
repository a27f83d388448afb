'use client'
import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { TextAreaField, useIssueText } from '@/components/ui/field'
import type { useAction } from '@/components/ui/use-action'

/** The texts a decision needs; each namespace (fund.reports, fund.results, fund.budget) has them. */
export type DecisionText = (key: 'approve' | 'reject' | 'rejectReason' | 'approved' | 'rejected') => string

/**
 * The approve / reject-with-reason control of every four-eyes decision in the fund (expenditure reports, results
 * reports, budget changes): runs the caller's mutation through its `useAction`, which shows the feedback.
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
  const issue = useIssueText()
  return (
    <>
      <div>
        <Button onClick={() => void action.run(approve, text('approved'))} disabled={busy}>
          {text('approve')}
        </Button>
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
