'use client'
import { useActionState } from 'react'
import { Button } from '@/components/ui/button'
import type { UnsubscribeState } from '@/app/(public)/afmelden/actions'

/**
 * The unsubscribe page's button: opening the link alone changes nothing (mail scanners follow links). It posts to a
 * server action (`action`) with texts translated by the page, so the page ships no tRPC client, react-query, zod or
 * message catalogue; the result replaces the button and stays.
 */
export function UnsubscribeButton({ action, token, label, doneText }: { action: (state: UnsubscribeState, form: FormData) => Promise<UnsubscribeState>; token: string; label: string; doneText: string }) {
  const [state, dispatch, pending] = useActionState(action, { kind: 'idle' })
  if (state.kind === 'done')
    return (
      <p role="status" className="text-green-800" data-testid="unsubscribed">
        {doneText}
      </p>
    )
  return (
    <form action={dispatch} className="flex flex-col gap-2">
      <input type="hidden" name="token" value={token} />
      <div>
        <Button type="submit" disabled={pending}>
          {label}
        </Button>
      </div>
      {state.kind === 'error' ? (
        <span role="alert" className="text-sm text-red-700">
          {state.message}
        </span>
      ) : null}
    </form>
  )
}
