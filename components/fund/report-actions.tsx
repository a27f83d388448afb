'use client'
import { useState } from 'react'
import { useMutation } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useTRPC } from '@/components/trpc/client'
import { Button } from '@/components/ui/button'
import { TextField } from '@/components/ui/field'
import { FormStatus } from '@/components/ui/form'
import { useAction } from '@/components/ui/use-action'
import { ApproveReject } from './decide-buttons'

export function SubmitReportButton({ id, version }: { id: string; version: number }) {
  const t = useTranslations('fund.reports')
  const trpc = useTRPC()
  const submit = useMutation(trpc.fund.submitReport.mutationOptions())
  const { error, done, run } = useAction()
  return (
    <div className="flex flex-col gap-2">
      <div>
        <Button onClick={() => run(() => submit.mutateAsync({ id, version }), t('submitted'))} disabled={submit.isPending}>
          {t('submit')}
        </Button>
      </div>
      <FormStatus error={error} success={done} />
    </div>
  )
}

export function DecideReport({ id, version }: { id: string; version: number }) {
  const t = useTranslations('fund.reports')
  const trpc = useTRPC()
  const approve = useMutation(trpc.fund.approveReport.mutationOptions())
  const reject = useMutation(trpc.fund.rejectReport.mutationOptions())
  const action = useAction()
  const { error, done } = action
  return (
    <div className="flex flex-col gap-3">
      <ApproveReject text={(k) => t(k)} action={action} busy={approve.isPending || reject.isPending} approve={() => approve.mutateAsync({ id, version })} reject={(reason) => reject.mutateAsync({ id, version, reason })} />
      <FormStatus error={error} success={done} />
    </div>
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

export function RemoveEvidenceButton({ id, label }: { id: string; label: string }) {
  const trpc = useTRPC()
  const remove = useMutation(trpc.fund.removeEvidence.mutationOptions())
  const { error, run } = useAction()
  return (
    <>
      <Button variant="ghost" className="px-1 py-0" onClick={() => run(() => remove.mutateAsync({ id }), '')} disabled={remove.isPending}>
        {label}
      </Button>
      <FormStatus error={error} />
    </>
  )
}
