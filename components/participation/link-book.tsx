'use client'
import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { useMutation } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useTRPC } from '@/components/trpc/client'
import { Button } from '@/components/ui/button'
import { applyServerError, FormStatus } from '@/components/ui/form'

/** Books one slot through the pupil's personal link; a refusal (e.g. the campaign limit) shows the server's message. */
export function LinkBookButton({ token, slotId, label, state }: { token: string; slotId: string; label: string; state: 'bookable' | 'booked' | 'notOpen' | 'closed' }) {
  const t = useTranslations('participation.link')
  const trpc = useTRPC()
  const router = useRouter()
  const book = useMutation(trpc.participation.linkBook.mutationOptions())
  const [status, setStatus] = useState<{ error?: string; success?: string }>({})
  return (
    <div className="flex flex-col gap-2 sm:items-end">
      <FormStatus error={status.error} success={status.success} />
      {state !== 'bookable' ? <span className="text-sm font-semibold">{t(state)}</span> : null}
      {state === 'bookable' ? (
      <Button
        aria-label={label}
        disabled={book.isPending}
        onClick={async () => {
          setStatus({})
          try {
            const r = await book.mutateAsync({ token, slotId })
            setStatus({ success: t(`result.${r.status as 'PENDING' | 'CONFIRMED' | 'WAITLISTED'}`, { position: r.position ?? 0 }) })
            router.refresh()
          } catch (err) {
            setStatus({ error: applyServerError(err) })
          }
        }}
      >
        {t('book')}
      </Button>
      ) : null}
    </div>
  )
}
