'use client'
import { Button } from '@/components/ui/button'
import { AskFirstButton, AskFirstResult, useAskFirstAction } from '@/components/ui/ask-first'
import type { BookingLinkState } from '@/app/(public)/boeking/[token]/actions'

export type BookingLinkLabels = { confirm: string; accept: string; decline: string; declineAsk: string; declineYes: string; cancel: string; ask: string; yes: string; keep: string }

/**
 * The pupil's buttons on the booking link page: confirm / cancel / leave the waiting list / accept or decline an
 * offer. Labels come translated from the server and the buttons post to a server action (`action`), so the page
 * ships no tRPC client, react-query, zod or message catalogue; the result stays above the buttons (and takes focus).
 * Cancelling and declining an offer give a place away, so they ask first, in the page: with JavaScript the question
 * opens here, without it the server answers `asking`. `cancelIntent`: `leave` for a waiting-list place, else `cancel`.
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
  const { state, dispatch, pending, asking, setAsking } = useAskFirstAction(action)
  const cancellable = status === 'PENDING' || status === 'CONFIRMED' || status === 'WAITLISTED'
  return (
    <form action={dispatch} className="flex flex-col gap-3">
      <input type="hidden" name="token" value={token} />
      <AskFirstResult state={state} />
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
            <AskFirstButton label={labels.decline} question={labels.declineAsk} yes={labels.declineYes} keep={labels.keep} intent="decline" variant="secondary" pending={pending} asking={asking} setAsking={setAsking} />
          </>
        ) : null}
        {cancellable ? <AskFirstButton label={labels.cancel} question={labels.ask} yes={labels.yes} keep={labels.keep} intent={cancelIntent} pending={pending} asking={asking} setAsking={setAsking} /> : null}
      </div>
    </form>
  )
}
