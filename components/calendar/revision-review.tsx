'use client'
import { createContext, useContext, useState, type ReactNode } from 'react'
import { useMutation } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useTRPC } from '@/components/trpc/client'
import { Button } from '@/components/ui/button'
import { FormStatus } from '@/components/ui/form'
import { RejectForm, useRegionDecision, type Status } from '@/components/calendar/region-decision'

const Feedback = createContext<((s: Status) => void) | null>(null)

/**
 * Shows the outcome of the decisions taken inside it above them. In a queue a decided revision leaves the list
 * on refresh, so its own message would vanish with it; the message stays here instead.
 */
export function RevisionFeedback({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>({})
  return (
    <Feedback.Provider value={setStatus}>
      <FormStatus error={status.error} success={status.success} />
      {children}
    </Feedback.Provider>
  )
}

/** Approve or reject an event's pending revision, per region the coordinator decides for. */
export function RevisionDecision({ id, regions, title }: { id: string; regions: { id: string; name: string }[]; title?: string }) {
  const t = useTranslations('calendar')
  const trpc = useTRPC()
  const [ownStatus, setOwnStatus] = useState<Status>({})
  const report = useContext(Feedback)
  const status = report ? {} : ownStatus
  const setStatus = report ?? setOwnStatus
  const { rejecting, setRejecting, reason, setReason, run } = useRegionDecision(setStatus)
  const approve = useMutation(trpc.calendar.approveRevision.mutationOptions())
  const reject = useMutation(trpc.calendar.rejectRevision.mutationOptions())
  const done = (message: string) => (title ? `${title}: ${message}` : message)
  return (
    <div className="flex flex-col gap-3">
      <FormStatus error={status.error} success={status.success} />
      <div className="flex flex-wrap gap-2">
        {regions.map((r) => (
          <span key={r.id} className="flex flex-wrap gap-2">
            <Button onClick={() => run(() => approve.mutateAsync({ id, regionId: r.id }), done(t('revision.approved')))}>{t('revision.approve', { region: r.name })}</Button>
            <Button variant="secondary" onClick={() => setRejecting(r.id)} aria-expanded={rejecting === r.id}>
              {t('revision.reject', { region: r.name })}
            </Button>
          </span>
        ))}
      </div>
      {rejecting ? (
        <RejectForm reason={reason} onReason={setReason} onSubmit={() => void run(() => reject.mutateAsync({ id, regionId: rejecting, reason }), done(t('revision.rejected')))} />
      ) : null}
    </div>
  )
}
