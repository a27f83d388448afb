'use client'
import { useActionState, useEffect } from 'react'
import { useRouter } from 'next/navigation'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import type { LinkBookState } from './actions'

/**
 * Books one slot through the pupil's personal link; a refusal (e.g. the campaign limit) shows the server's message,
 * which stays. Texts come translated from the page and the button posts to a server action (`action`), so the page
 * ships no tRPC client, react-query, zod or message catalogue. `stateText`: what shows instead of the button when
 * the slot cannot be booked (booked, not open yet, period over).
 */
export function LinkBookButton({ action, token, slotId, label, bookText, stateText }: { action: (state: LinkBookState, form: FormData) => Promise<LinkBookState>; token: string; slotId: string; label: string; bookText: string; stateText: string | null }) {
  const router = useRouter()
  const [state, dispatch, pending] = useActionState(action, { kind: 'idle' })
  // A booking changes the counts and free places the page shows.
  useEffect(() => {
    if (state.kind === 'done') router.refresh()
  }, [state, router])
  return (
    <form action={dispatch} className="flex flex-col gap-2 sm:items-end">
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="slotId" value={slotId} />
      {state.kind === 'idle' ? null : <Alert tone={state.kind === 'error' ? 'error' : 'success'}>{state.message}</Alert>}
      {stateText ? <span className="text-sm font-semibold">{stateText}</span> : null}
      {stateText ? null : (
        <Button type="submit" aria-label={label} disabled={pending}>
          {bookText}
        </Button>
      )}
    </form>
  )
}
