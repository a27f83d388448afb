'use client'
import { useState } from 'react'
import { useMutation } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useTRPC } from '@/components/trpc/client'
import { Button } from '@/components/ui/button'
import { applyServerError } from '@/components/ui/form'

/** The unsubscribe page's button: opening the link alone changes nothing (mail scanners follow links). */
export function UnsubscribeButton({ token, kindName }: { token: string; kindName: string }) {
  const t = useTranslations('notifications.unsubscribe')
  const m = useMutation(useTRPC().notifications.unsubscribe.mutationOptions())
  const [state, setState] = useState<{ error?: string; done?: boolean }>({})
  if (state.done)
    return (
      <p role="status" className="text-green-800" data-testid="unsubscribed">
        {t('done', { kind: kindName })}
      </p>
    )
  return (
    <div className="flex flex-col gap-2">
      <Button
        onClick={async () => {
          setState({})
          try {
            await m.mutateAsync({ token })
            setState({ done: true })
          } catch (err) {
            setState({ error: applyServerError(err) })
          }
        }}
      >
        {t('button')}
      </Button>
      {state.error ? (
        <span role="alert" className="text-sm text-red-700">
          {state.error}
        </span>
      ) : null}
    </div>
  )
}
