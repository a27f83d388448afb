'use client'
import { useMutation } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useRouter } from 'next/navigation'
import { useTRPC } from '@/components/trpc/client'
import { Button } from '@/components/ui/button'
import { FormStatus } from '@/components/ui/form'
import { useAction } from '@/components/ui/use-action'

/** Starts a school year's assessment and opens it. */
export function StartAssessment({ organisationId, schoolYear, label }: { organisationId: string; schoolYear: number; label: string }) {
  const t = useTranslations('monitor.assessment')
  const trpc = useTRPC()
  const router = useRouter()
  const start = useMutation(trpc.monitor.start.mutationOptions())
  const { error, done, busy, run } = useAction()
  return (
    <div className="flex flex-col gap-2">
      <div>
        <Button
          disabled={busy}
          onClick={() =>
            void run(async () => {
              await start.mutateAsync({ organisationId, schoolYear })
              router.push(`/monitor/${organisationId}/${schoolYear}`)
            }, t('started'))
          }
        >
          {label}
        </Button>
      </div>
      <FormStatus error={error} success={done} />
    </div>
  )
}

export function ReopenAssessment({ assessmentId, version }: { assessmentId: string; version: number }) {
  const t = useTranslations('monitor.assessment')
  const trpc = useTRPC()
  const reopen = useMutation(trpc.monitor.reopen.mutationOptions())
  const { error, done, busy, run } = useAction()
  return (
    <div className="flex flex-col gap-2">
      <div>
        <Button variant="secondary" disabled={busy} onClick={() => window.confirm(t('reopenConfirm')) && void run(() => reopen.mutateAsync({ assessmentId, version }), t('reopened'))}>
          {t('reopen')}
        </Button>
      </div>
      <FormStatus error={error} success={done} />
    </div>
  )
}

/** The school's revocable choice to show this assessment by name to its region's coordinators. */
export function SharingToggle({ assessmentId, shared }: { assessmentId: string; shared: boolean }) {
  const t = useTranslations('monitor.assessment')
  const trpc = useTRPC()
  const setSharing = useMutation(trpc.monitor.setSharing.mutationOptions())
  const { error, done, busy, run } = useAction()
  return (
    <div className="flex flex-col gap-2">
      <p className="text-sm text-slate-900">{shared ? t('sharedNow') : t('notShared')}</p>
      <div>
        <Button variant="secondary" disabled={busy} onClick={() => void run(() => setSharing.mutateAsync({ assessmentId, shared: !shared }), shared ? t('unshareDone') : t('shareDone'))}>
          {shared ? t('unshare') : t('share')}
        </Button>
      </div>
      <FormStatus error={error} success={done} />
    </div>
  )
}

/** Coordinator: closes the region's round for a school year (freezes the contributing schools), after confirming. */
export function CloseRound({ regionId, schoolYear, label }: { regionId: string; schoolYear: number; label: string }) {
  const t = useTranslations('monitor.region')
  const trpc = useTRPC()
  const close = useMutation(trpc.monitor.closeRound.mutationOptions())
  const { error, done, busy, run } = useAction()
  return (
    <div className="flex flex-col gap-2">
      <div>
        <Button disabled={busy} onClick={() => window.confirm(t('closeConfirm')) && void run(() => close.mutateAsync({ regionId, schoolYear }), t('closed'))}>
          {label}
        </Button>
      </div>
      <FormStatus error={error} success={done} />
    </div>
  )
}
