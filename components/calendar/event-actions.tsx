'use client'
import { useState } from 'react'
import { useMutation } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useTRPC } from '@/components/trpc/client'
import { Button } from '@/components/ui/button'
import { FormStatus } from '@/components/ui/form'
import { RejectForm, useRegionDecision, type Status } from '@/components/calendar/region-decision'

/** A region the coordinator decides in; `seriesCount`: dates of the event's series waiting there (≥ 2 offers publishing them all). */
type Region = { id: string; name: string; canReject: boolean; seriesCount?: number }

/** The workflow buttons of one event: propose, publish/reject per region (coordinators) or a whole series at once, cancel. */
export function EventActions({ id, canPropose, canCancel, decide }: { id: string; canPropose: boolean; canCancel: boolean; decide: Region[] }) {
  const t = useTranslations('calendar')
  const trpc = useTRPC()
  const [status, setStatus] = useState<Status>({})
  const { rejecting, setRejecting, reason, setReason, run } = useRegionDecision(setStatus)
  const propose = useMutation(trpc.calendar.propose.mutationOptions())
  const publish = useMutation(trpc.calendar.publish.mutationOptions())
  const publishSeries = useMutation(trpc.calendar.publishSeries.mutationOptions())
  const reject = useMutation(trpc.calendar.reject.mutationOptions())
  const cancel = useMutation(trpc.calendar.cancel.mutationOptions())

  return (
    <div className="flex flex-col gap-3">
      <FormStatus error={status.error} success={status.success} />
      <div className="flex flex-wrap gap-2">
        {canPropose ? <Button onClick={() => run(() => propose.mutateAsync({ id }), t('done.proposed'))}>{t('actions.propose')}</Button> : null}
        {decide.map((r) => (
          <span key={r.id} className="flex flex-wrap gap-2">
            <Button onClick={() => run(() => publish.mutateAsync({ id, regionId: r.id }), t('done.published'))}>{t('actions.publish', { region: r.name })}</Button>
            {(r.seriesCount ?? 0) > 1 ? (
              <Button onClick={() => run(() => publishSeries.mutateAsync({ id, regionId: r.id }), (res) => t('done.publishedSeries', { count: res.published }))}>
                {t('actions.publishSeries', { region: r.name, count: r.seriesCount ?? 0 })}
              </Button>
            ) : null}
            {r.canReject ? (
              <Button variant="secondary" onClick={() => setRejecting(r.id)} aria-expanded={rejecting === r.id}>
                {t('actions.reject', { region: r.name })}
              </Button>
            ) : null}
          </span>
        ))}
        {canCancel ? (
          <Button variant="danger" onClick={() => window.confirm(t('actions.confirmCancel')) && run(() => cancel.mutateAsync({ id }), t('done.cancelled'))}>
            {t('actions.cancel')}
          </Button>
        ) : null}
      </div>
      {rejecting ? (
        <RejectForm reason={reason} onReason={setReason} onSubmit={() => void run(() => reject.mutateAsync({ id, regionId: rejecting, reason }), t('done.rejected'))} />
      ) : null}
    </div>
  )
}
