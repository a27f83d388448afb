'use client'
import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { useTranslations } from 'next-intl'
import { Button } from '@/components/ui/button'
import { TextAreaField } from '@/components/ui/field'
import { applyServerError } from '@/components/ui/form'

export type Status = { error?: string; success?: string }

/**
 * A coordinator's decisions per region on an event or on its revision: which region's rejection is being written (and
 * its reason), and `run`, which clears the message, runs the decision, then says how it went, closes the rejection and
 * refreshes the page.
 */
export function useRegionDecision(setStatus: (s: Status) => void) {
  const router = useRouter()
  const [rejecting, setRejecting] = useState<string | null>(null)
  const [reason, setReason] = useState('')
  async function run<R>(action: () => Promise<R>, done: string | ((r: R) => string)) {
    setStatus({})
    try {
      const res = await action()
      setStatus({ success: typeof done === 'function' ? done(res) : done })
      setRejecting(null)
      router.refresh()
    } catch (err) {
      setStatus({ error: applyServerError(err) })
    }
  }
  return { rejecting, setRejecting, reason, setReason, run }
}

/** The reason of a rejection, asked for before it is sent. */
export function RejectForm({ reason, onReason, onSubmit }: { reason: string; onReason: (reason: string) => void; onSubmit: () => void }) {
  const t = useTranslations('calendar')
  return (
    <form
      className="flex max-w-xl flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault()
        onSubmit()
      }}
    >
      <TextAreaField label={t('actions.rejectReason')} required value={reason} onChange={(e) => onReason(e.target.value)} />
      <div>
        <Button type="submit" variant="danger">
          {t('actions.confirmReject')}
        </Button>
      </div>
    </form>
  )
}
