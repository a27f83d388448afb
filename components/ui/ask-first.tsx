'use client'
import { Button } from './button'

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
