'use client'
import { useState } from 'react'
import { useMutation } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useTRPC } from '@/components/trpc/client'
import { applyServerError } from '@/components/ui/form'

type Mode = 'IMMEDIATE' | 'DIGEST' | 'OFF'
const MODES: Mode[] = ['IMMEDIATE', 'DIGEST', 'OFF']

/** One kind's e-mail choice; saved on change, with a visible confirmation or error per row. */
export function PreferenceSelect({ kind, name, mode }: { kind: string; name: string; mode: Mode }) {
  const t = useTranslations('notifications.preferences')
  const set = useMutation(useTRPC().notifications.setPreference.mutationOptions())
  const [value, setValue] = useState<Mode>(mode)
  const [state, setState] = useState<{ error?: string; done?: boolean }>({})
  const id = `pref-${kind.replace('.', '-')}`
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="sr-only">
        {`${t('mode')}: ${name}`}
      </label>
      <select
        id={id}
        data-testid={id}
        className="rounded border border-slate-400 bg-white px-2 py-1"
        value={value}
        onChange={async (e) => {
          const next = e.target.value as Mode
          setValue(next)
          setState({})
          try {
            await set.mutateAsync({ kind: kind as never, mode: next })
            setState({ done: true })
          } catch (err) {
            setState({ error: applyServerError(err) })
          }
        }}
      >
        {MODES.map((m) => (
          <option key={m} value={m}>
            {t(`modes.${m}`)}
          </option>
        ))}
      </select>
      {state.error ? (
        <span role="alert" className="text-sm text-red-700">
          {state.error}
        </span>
      ) : state.done ? (
        <span role="status" className="text-sm text-green-800">
          {t('saved')}
        </span>
      ) : null}
    </div>
  )
}
