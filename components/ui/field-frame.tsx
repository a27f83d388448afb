'use client'
import clsx from 'clsx'
import { useId, type ReactNode } from 'react'

export type FieldFrameProps = { label: ReactNode; hint?: ReactNode; error?: ReactNode; required?: boolean; children: (ids: { id: string; describedBy?: string }) => ReactNode; className?: string }

/**
 * Label, hint, control and issue of every form field, with the issue already in the reader's words: FieldShell
 * (./field.tsx) translates a schema's message and passes it here; the server-driven public forms (booking, event
 * registration, the slot search's date field) pass texts the server translated, so they need no next-intl in the
 * browser.
 */
export function FieldFrame({ label, hint, error, required, children, className }: FieldFrameProps) {
  const id = useId()
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = error ? `${id}-error` : undefined
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined
  return (
    // min-w-0: in a form's grid a select with a long option no longer sets the column's width (the campaign form
    // was 600 px wide on a 390 px phone)
    <div className={clsx('flex min-w-0 flex-col gap-1', className)}>
      {/* Required-ness reaches assistive technology through the control's `required`; the star is visual only. */}
      <label htmlFor={id} className="text-sm font-medium text-slate-900">
        {label}
        {required ? <span aria-hidden="true" className="text-red-700"> *</span> : null}
      </label>
      {hint ? (
        <p id={hintId} className="text-xs text-slate-700">
          {hint}
        </p>
      ) : null}
      {children({ id, describedBy })}
      {error ? (
        <p id={errorId} className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  )
}
