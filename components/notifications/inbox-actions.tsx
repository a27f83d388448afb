'use client'
import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { useMutation } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useTRPC } from '@/components/trpc/client'
import { Button } from '@/components/ui/button'
import { applyServerError } from '@/components/ui/form'

/** Runs one inbox action, refreshes the page (and the header's count), and says what happened or why not. */
function Action({ text, label, done, run, testId }: { text: string; label?: string; done: string; run: () => Promise<unknown>; testId: string }) {
  const router = useRouter()
  const [state, setState] = useState<{ error?: string; done?: string }>({})
  return (
    <span className="flex flex-col gap-1">
      <Button
        variant="secondary"
        aria-label={label}
        data-testid={testId}
        onClick={async () => {
          setState({})
          try {
            await run()
            setState({ done })
            router.refresh()
          } catch (err) {
            setState({ error: applyServerError(err) })
          }
        }}
      >
        {text}
      </Button>
      {state.error ? (
        <span role="alert" className="text-sm text-red-700">
          {state.error}
        </span>
      ) : state.done ? (
        <span role="status" className="text-sm text-green-800">
          {state.done}
        </span>
      ) : null}
    </span>
  )
}

export function MarkReadButton({ id, title }: { id: string; title: string }) {
  const t = useTranslations('notifications')
  const m = useMutation(useTRPC().notifications.markRead.mutationOptions())
  return <Action testId="mark-read" text={t('markRead')} label={`${t('markRead')}: ${title}`} done={t('markedRead')} run={() => m.mutateAsync({ id })} />
}

export function MarkAllReadButton() {
  const t = useTranslations('notifications')
  const m = useMutation(useTRPC().notifications.markAllRead.mutationOptions())
  return <Action testId="mark-all-read" text={t('markAllRead')} done={t('markedAllRead')} run={() => m.mutateAsync()} />
}
