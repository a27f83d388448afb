'use client'
import { Button } from '@/components/ui/button'
import { AskFirstButton, AskFirstResult, useAskFirstAction } from '@/components/ui/ask-first'
import type { RegistrationLinkState } from './actions'

export type RegistrationLinkLabels = { confirm: string; decline: string; declineYes: string; cancel: string; ask: string; yes: string; keep: string }

/**
 * The registrant's buttons on the link page: confirm, accept or decline an offered place per session, cancel the
 * whole registration. Labels come translated from the page and the buttons post to a server action (`action`), so
 * the page ships no tRPC client, react-query, zod or message catalogue; the result stays above the buttons (and takes
 * focus). Declining a seat and cancelling give places away, so they ask first, in the page (one question per seat:
 * `decline:<seat>`): with JavaScript the question opens here, without it the server answers `asking`.
 */
export function RegistrationActions({
  action,
  token,
  showConfirm,
  offers,
  cancellable,
  labels,
}: {
  action: (state: RegistrationLinkState, form: FormData) => Promise<RegistrationLinkState>
  token: string
  showConfirm: boolean
  /** The offered seats, each with its translated "accept" label and "decline?" question. */
  offers: { id: string; accept: string; declineAsk: string }[]
  cancellable: boolean
  labels: RegistrationLinkLabels
}) {
  const { state, dispatch, pending, asking, setAsking } = useAskFirstAction(action)
  return (
    <div className="flex flex-col gap-3">
      <AskFirstResult state={state} />
      <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap">
        {showConfirm ? (
          <form action={dispatch}>
            <input type="hidden" name="token" value={token} />
            <Button type="submit" name="intent" value="confirm" disabled={pending}>
              {labels.confirm}
            </Button>
          </form>
        ) : null}
        {offers.map((s) => (
          <form key={s.id} action={dispatch} className="flex flex-wrap gap-2">
            <input type="hidden" name="token" value={token} />
            <input type="hidden" name="seatId" value={s.id} />
            <Button type="submit" name="intent" value="accept" disabled={pending}>
              {s.accept}
            </Button>
            <AskFirstButton id={`decline:${s.id}`} label={labels.decline} question={s.declineAsk} yes={labels.declineYes} keep={labels.keep} intent="decline" variant="secondary" pending={pending} asking={asking} setAsking={setAsking} />
          </form>
        ))}
        {cancellable ? (
          <form action={dispatch}>
            <input type="hidden" name="token" value={token} />
            <AskFirstButton label={labels.cancel} question={labels.ask} yes={labels.yes} keep={labels.keep} intent="cancel" pending={pending} asking={asking} setAsking={setAsking} />
          </form>
        ) : null}
      </div>
    </div>
  )
}
