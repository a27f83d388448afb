'use client'
import { useActionState, useEffect, useState } from 'react'
import { useRouter } from 'next/navigation'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { AskFirst } from '@/components/ui/ask-first'
import type { BookingLinkState } from '@/app/(public)/boeking/[token]/actions'

export type BookingLinkLabels = { confirm: string; accept: string; decline: string; cancel: string; ask: string; yes: string; keep: string }

/**
 * The pupil's buttons on the booking link page: confirm / cancel / leave the waiting list / accept or decline an
 * offer. Labels come translated from the server and the buttons post to a server action (`action`), so the page
 * ships no tRPC client, react-query, zod or message catalogue; the result stays above the buttons. Cancelling asks
 * first, in the page: with JavaScript the question opens here, without it the server answers `asking`.
 * `cancelIntent`: `leave` for a waiting-list place, else `cancel`.
 */
export function BookingLinkActions({
  action,
  token,
  status,
  cancelIntent,
  labels,
}: {
  action: (state: BookingLinkState, form: FormData) => Promise<BookingLinkState>
  token: string
  status: string
  cancelIntent: 'cancel' | 'leave'
  labels: BookingLinkLabels
}) {
  const router = useRouter()
  const [state, dispatch, pending] = useActionState(action, { kind: 'idle' })
  // The question opened or closed here applies until the server answers again.
  const [ask, setAsk] = useState<{ open: boolean; for: BookingLinkState }>({ open: false, for: state })
  const asking = ask.for === state ? ask.open : state.kind === 'asking'
  // Confirming, cancelling or answering an offer changes the status the page shows.
  useEffect(() => {
    if (state.kind === 'done') router.refresh()
  }, [state, router])
  const cancellable = status === 'PENDING' || status === 'CONFIRMED' || status === 'WAITLISTED'
  return (
    <form action={dispatch} className="flex flex-col gap-3">
      <input type="hidden" name="token" value={token} />
      {state.kind === 'error' ? <Alert tone="error">{state.message}</Alert> : state.kind === 'done' ? <Alert tone="success">{state.message}</Alert> : null}
      <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap">
        {status === 'PENDING' ? (
          <Button type="submit" name="intent" value="confirm" disabled={pending}>
            {labels.confirm}
          </Button>
        ) : null}
        {status === 'OFFERED' ? (
          <>
            <Button type="submit" name="intent" value="accept" disabled={pending}>
              {labels.accept}
            </Button>
            <Button type="submit" name="intent" value="decline" variant="secondary" disabled={pending}>
              {labels.decline}
            </Button>
          </>
        ) : null}
        {cancellable && !asking ? (
          <Button
            type="submit"
            name="intent"
            value="ask"
            variant="danger"
            onClick={(e) => {
              e.preventDefault()
              setAsk({ open: true, for: state })
            }}
          >
            {labels.cancel}
          </Button>
        ) : null}
        {cancellable && asking ? (
          <AskFirst label={labels.cancel} question={labels.ask} yes={labels.yes} keep={labels.keep} intent={cancelIntent} pending={pending} onKeep={() => setAsk({ open: false, for: state })} />
        ) : null}
      </div>
    </form>
  )
}
