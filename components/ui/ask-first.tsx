'use client'
import { useActionState, useEffect, useState } from 'react'
import { useRouter } from 'next/navigation'
import { Alert } from './alert'
import { Button, type ButtonVariant } from './button'
import { askIntent, type AskFirstState } from './ask-first-state'
import { useFocusWhenNew } from './focus-when-new'

export type { AskFirstState } from './ask-first-state'

/**
 * A server-action form whose destructive actions ask first. `asking`: which question is open (a page can have
 * several: cancel, decline, one per offered seat), or null — opened or closed here (`setAsking`, no round trip)
 * until the server answers again, else as the server answered (`asking` without JavaScript). Once an action is done
 * the page refreshes to show what changed.
 */
export function useAskFirstAction(action: (state: AskFirstState, form: FormData) => Promise<AskFirstState>) {
  const router = useRouter()
  const [state, dispatch, pending] = useActionState(action, { kind: 'idle' })
  // `for: null` at first: the server's answer decides until a button here opens or closes a question (a render of a
  // no-JavaScript POST starts with the server's `asking`, which must show).
  const [ask, setAsk] = useState<{ open: string | null; for: AskFirstState | null }>({ open: null, for: null })
  const asking = ask.for === state ? ask.open : state.kind === 'asking' ? state.question : null
  useEffect(() => {
    if (state.kind === 'done') router.refresh()
  }, [state, router])
  return { state, dispatch, pending, asking, setAsking: (question: string | null) => setAsk({ open: question, for: state }) }
}

/** The outcome of the last action, above the buttons; a new one takes focus (the button that caused it is disabled or gone). */
export function AskFirstResult({ state }: { state: AskFirstState }) {
  const ref = useFocusWhenNew<HTMLDivElement>(state.kind === 'done' || state.kind === 'error' ? state : null)
  return state.kind === 'error' ? (
    <Alert tone="error" focusRef={ref}>
      {state.message}
    </Alert>
  ) : state.kind === 'done' ? (
    <Alert tone="success" focusRef={ref}>
      {state.message}
    </Alert>
  ) : null
}

type AskFirstButtonProps = Omit<Parameters<typeof AskFirst>[0], 'onKeep'> & {
  /** Which question this button opens (default: its `intent`); unique on the page, e.g. per offered seat. */
  id?: string
  asking: string | null
  setAsking: (question: string | null) => void
  variant?: ButtonVariant
  /** The opening button is disabled (e.g. while another action of the same control runs). */
  disabled?: boolean
}

/**
 * The button that opens its question (`intent` "ask:<id>" without JavaScript) and, while that question is open, the
 * question itself. "Keep" closes it and puts focus back on the button; "yes" runs `onYes` when given (a client-side
 * action, whose result then takes focus), else submits the form.
 */
export function AskFirstButton({ id, asking, setAsking, variant = 'danger', disabled, onYes, ...props }: AskFirstButtonProps) {
  const question = id ?? props.intent
  const [back, setBack] = useState(false)
  return asking === question ? (
    <AskFirst
      {...props}
      onKeep={() => {
        setBack(true)
        setAsking(null)
      }}
      // Focus goes to what the action answers, not back to this button when the question closes.
      onYes={
        onYes &&
        (() => {
          setBack(false)
          onYes()
        })
      }
    />
  ) : (
    <Button
      type="submit"
      name="intent"
      value={askIntent(question)}
      variant={variant}
      disabled={disabled}
      autoFocus={back}
      onClick={(e) => {
        e.preventDefault()
        setAsking(question)
      }}
    >
      {props.label}
    </Button>
  )
}

/**
 * The in-page "are you sure?" of a destructive or irreversible action: the question, a danger button that confirms
 * and a focused button that keeps things as they are (`onKeep` closes the question without a round trip). In a
 * server-action form (works without JavaScript) the confirming button submits `intent`, the other one `keep`; a
 * client-side action (a tRPC mutation) passes `onYes`, which the confirming button runs instead of submitting.
 */
export function AskFirst({
  label,
  question,
  yes,
  keep,
  intent,
  pending,
  onKeep,
  onYes,
}: {
  label: string
  question: string
  yes: string
  keep: string
  intent: string
  pending: boolean
  onKeep: () => void
  onYes?: () => void
}) {
  return (
    <div role="group" aria-label={label} className="flex flex-col gap-2 rounded-md border border-red-700 bg-red-50 p-3">
      <p className="text-sm font-medium text-slate-900">{question}</p>
      <div className="flex flex-col gap-2 sm:flex-row">
        <Button
          type={onYes ? 'button' : 'submit'}
          name="intent"
          value={intent}
          variant="danger"
          disabled={pending}
          onClick={
            onYes
              ? (e) => {
                  e.preventDefault()
                  onYes()
                }
              : undefined
          }
        >
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
