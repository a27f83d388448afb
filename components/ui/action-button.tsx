'use client'
import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { Button } from './button'
import { applyServerError } from './form'

/**
 * A button that runs one action — after a confirmation when `confirm` is given (destructive actions ask first) —,
 * refreshes the server components, and says what happened (`done`) or why not (the translated server error).
 */
export function ActionButton({ text, label, confirm, done, run, testId }: { text: string; label?: string; confirm?: string; done?: string; run: () => Promise<unknown>; testId?: string }) {
  const router = useRouter()
  const [state, setState] = useState<{ error?: string; done?: string }>({})
  return (
    <span className="flex flex-col gap-1">
      <Button
        variant="secondary"
        aria-label={label}
        data-testid={testId}
        onClick={async () => {
          if (confirm && !window.confirm(confirm)) return
          setState({})
          try {
            await run()
            setState({ done })
            router.refresh()
          } catch (err) {
            setState({ error: applyServerError(err) })
          }
        }}
      >
        {text}
      </Button>
      {state.error ? (
        <span role="alert" className="text-sm text-red-700">
          {state.error}
        </span>
      ) : state.done ? (
        <span role="status" className="text-sm text-green-800">
          {state.done}
        </span>
      ) : null}
    </span>
  )
}
