'use client'
import { useState } from 'react'
import { useMutation } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useTRPC } from '@/components/trpc/client'
import { Button } from '@/components/ui/button'
import { TextField } from '@/components/ui/field'
import { FormStatus } from '@/components/ui/form'
import { Card } from '@/components/ui/layout'
import { useAction } from '@/components/ui/use-action'
import { ApproveReject } from './decide-buttons'

/**
 * The report's submit and decide steps, each in its card while it is possible. The page renders this always, so the
 * message of a step just taken stays on screen after the page refreshes (when the step is no longer offered).
 */
export function ReportSteps({
  id,
  version,
  canSubmit,
  canDecide,
  titles,
  subject,
}: {
  id: string
  version: number
  canSubmit: boolean
  canDecide: boolean
  titles: { submit: string; decide: string }
  /** What an approval approves, for its question: the amount (formatted) and the board. */
  subject: { amount: string; board: string }
}) {
  const t = useTranslations('fund.reports')
  const trpc = useTRPC()
  const submit = useMutation(trpc.fund.submitReport.mutationOptions())
  const approve = useMutation(trpc.fund.approveReport.mutationOptions())
  const reject = useMutation(trpc.fund.rejectReport.mutationOptions())
  const action = useAction()
  const { error, done, run } = action
  const busy = submit.isPending || approve.isPending || reject.isPending
  return (
    <>
      {canSubmit ? (
        <Card title={titles.submit}>
          <Button onClick={() => run(() => submit.mutateAsync({ id, version }), t('submitted'))} disabled={busy}>
            {t('submit')}
          </Button>
        </Card>
      ) : null}
      {canDecide ? (
        <Card title={titles.decide}>
          <div className="flex flex-col gap-3">
            <ApproveReject text={(k) => t(k, subject)} action={action} busy={busy} approve={() => approve.mutateAsync({ id, version })} reject={(reason) => reject.mutateAsync({ id, version, reason })} />
          </div>
        </Card>
      ) : null}
      {/* Always mounted: a message that mounts with its status is no news, so it would not take focus. */}
      <div className={error || done ? 'mb-6' : undefined} data-testid="fund-report-step-status">
        <FormStatus error={error} success={done} />
      </div>
    </>
  )
}

export function CloseYearButton({ grantId, year }: { grantId: string; year: number }) {
  const t = useTranslations('fund.years')
  const trpc = useTRPC()
  const close = useMutation(trpc.fund.closeYear.mutationOptions())
  const { error, done, run } = useAction()
  return (
    <div className="flex flex-col gap-1">
      <Button
        variant="secondary"
        className="px-2 py-1 text-xs"
        disabled={close.isPending}
        onClick={() => {
          if (window.confirm(t('confirm', { year }))) void run(() => close.mutateAsync({ grantId, year }), t('closedMsg', { year }))
        }}
      >
        {t('close', { year })}
      </Button>
      <FormStatus error={error} success={done} />
    </div>
  )
}

/** Coordinator: reopen a closed year, with a reason (kept in the audit log). */
export function ReopenYear({ grantId, year }: { grantId: string; year: number }) {
  const t = useTranslations('fund.years')
  const trpc = useTRPC()
  const reopen = useMutation(trpc.fund.reopenYear.mutationOptions())
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const { error, issues, done, run } = useAction()
  return (
    <div className="flex flex-col gap-1">
      <div>
        <Button variant="ghost" className="px-2 py-1 text-xs" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {t('reopen', { year })}
        </Button>
      </div>
      {open ? (
        <form
          noValidate
          className="flex flex-col gap-2"
          onSubmit={(e) => {
            e.preventDefault()
            void run(() => reopen.mutateAsync({ grantId, year, reason }), t('reopenedMsg', { year }))
          }}
        >
          <TextField label={t('reopenReason', { year })} required value={reason} error={issues.reason} onChange={(e) => setReason(e.target.value)} />
          <div>
            <Button type="submit" variant="secondary" className="px-2 py-1 text-xs" disabled={reopen.isPending}>
              {t('reopenSubmit')}
            </Button>
          </div>
        </form>
      ) : null}
      <FormStatus error={error} success={done} />
    </div>
  )
}

/** Removes an evidence file after asking; the outcome goes to the page's <Flash /> (the file's row is gone then). */
export function RemoveEvidenceButton({ id, label, confirm, done }: { id: string; label: string; confirm: string; done: string }) {
  const trpc = useTRPC()
  const remove = useMutation(trpc.fund.removeEvidence.mutationOptions())
  const { error, run } = useAction({ persist: true })
  return (
    <>
      <Button variant="ghost" className="px-1 py-0" onClick={() => window.confirm(confirm) && run(() => remove.mutateAsync({ id }), done)} disabled={remove.isPending}>
        {label}
      </Button>
      <FormStatus error={error} />
    </>
  )
}
