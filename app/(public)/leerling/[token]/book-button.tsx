'use client'
import { useActionState, useEffect } from 'react'
import { useRouter } from 'next/navigation'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { useFocusWhenNew } from '@/components/ui/focus-when-new'
import type { LinkBookState } from './actions'

/**
 * Books one slot through the pupil's personal link; a refusal (e.g. the campaign limit) shows the server's message,
 * which stays. Texts come translated from the page and the button posts to a server action (`action`), so the page
 * ships no tRPC client, react-query, zod or message catalogue. `stateText`: what shows instead of the button when
 * the slot cannot be booked (booked, not open yet, period over). `activity`: the result's name ("Result for <day, where,
 * when>"), so what takes focus says which activity it is about (the message itself is the server's). The result takes focus when it arrives (useFocusWhenNew,
 * as the slot booking form's): the button was disabled while sending, which dropped focus to the page.
 */
export function LinkBookButton({ action, token, slotId, label, bookText, stateText, activity }: { action: (state: LinkBookState, form: FormData) => Promise<LinkBookState>; token: string; slotId: string; label: string; bookText: string; stateText: string | null; activity: string }) {
  const router = useRouter()
  const [state, dispatch, pending] = useActionState(action, { kind: 'idle' })
  const resultRef = useFocusWhenNew<HTMLDivElement>(state.kind === 'idle' ? null : state)
  // A booking changes the counts and free places the page shows.
  useEffect(() => {
    if (state.kind === 'done') router.refresh()
  }, [state, router])
  return (
    <form action={dispatch} className="flex flex-col gap-2 sm:items-end">
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="slotId" value={slotId} />
      {state.kind === 'idle' ? null : (
        <div ref={resultRef} tabIndex={-1} role="group" aria-label={activity}>
          <Alert tone={state.kind === 'error' ? 'error' : 'success'}>{state.message}</Alert>
        </div>
      )}
      {stateText ? <span className="text-sm font-semibold">{stateText}</span> : null}
      {stateText ? null : (
        <Button type="submit" aria-label={label} disabled={pending}>
          {bookText}
        </Button>
      )}
    </form>
  )
}
