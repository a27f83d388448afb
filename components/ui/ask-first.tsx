'use client'
import { useActionState, useEffect, useState } from 'react'
import { useRouter } from 'next/navigation'
import { Alert } from './alert'
import { Button } from './button'

/** What a link page's server action answers: nothing yet, "ask first" (without JavaScript), or how it went. */
export type AskFirstState = { kind: 'idle' } | { kind: 'asking'; at: number } | { kind: 'done' | 'error'; message: string; at: number }

/**
 * A server-action form whose destructive action asks first. `asking`: the question is open — opened or closed here
 * (`setAsking`, no round trip) until the server answers again, else as the server answered (`asking` without
 * JavaScript). Once an action is done the page refreshes to show what changed.
 */
export function useAskFirstAction(action: (state: AskFirstState, form: FormData) => Promise<AskFirstState>) {
  const router = useRouter()
  const [state, dispatch, pending] = useActionState(action, { kind: 'idle' })
  const [ask, setAsk] = useState<{ open: boolean; for: AskFirstState }>({ open: false, for: state })
  const asking = ask.for === state ? ask.open : state.kind === 'asking'
  useEffect(() => {
    if (state.kind === 'done') router.refresh()
  }, [state, router])
  return { state, dispatch, pending, asking, setAsking: (open: boolean) => setAsk({ open, for: state }) }
}

/** The outcome of the last action, above the buttons. */
export function AskFirstResult({ state }: { state: AskFirstState }) {
  return state.kind === 'error' ? <Alert tone="error">{state.message}</Alert> : state.kind === 'done' ? <Alert tone="success">{state.message}</Alert> : null
}

/** The danger button that opens the question (`intent` "ask" without JavaScript) and, once open, the question itself. */
export function AskFirstButton({ asking, setAsking, ...props }: Omit<Parameters<typeof AskFirst>[0], 'onKeep'> & { asking: boolean; setAsking: (open: boolean) => void }) {
  return asking ? (
    <AskFirst {...props} onKeep={() => setAsking(false)} />
  ) : (
    <Button
      type="submit"
      name="intent"
      value="ask"
      variant="danger"
      onClick={(e) => {
        e.preventDefault()
        setAsking(true)
      }}
    >
      {props.label}
    </Button>
  )
}

/**
 * The in-page "are you sure?" of a destructive action in a server-action form (works without JavaScript: the
 * confirming button submits `intent`, the other one `keep`): the question, a danger button that confirms and a
 * focused button that keeps things as they are (`onKeep` closes the question without a round trip).
 */
export function AskFirst({ label, question, yes, keep, intent, pending, onKeep }: { label: string; question: string; yes: string; keep: string; intent: string; pending: boolean; onKeep: () => void }) {
  return (
    <div role="group" aria-label={label} className="flex flex-col gap-2 rounded-md border border-red-700 bg-red-50 p-3">
      <p className="text-sm font-medium text-slate-900">{question}</p>
      <div className="flex flex-col gap-2 sm:flex-row">
        <Button type="submit" name="intent" value={intent} variant="danger" disabled={pending}>
          {yes}
        </Button>
        <Button
          type="submit"
          name="intent"
          value="keep"
          variant="secondary"
          autoFocus
          onClick={(e) => {
            e.preventDefault()
            onKeep()
          }}
        >
          {keep}
        </Button>
      </div>
    </div>
  )
}
