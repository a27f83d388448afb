'use client'
import clsx from 'clsx'
import { useId, type ComponentProps, type ReactNode } from 'react'
import { useTranslations } from 'next-intl'
import { messageKey } from '@/server/i18n/keys'

/** Translates a validation message: schema keys ("v.<key>") via the catalogue, other text as is. */
export function useIssueText() {
  const t = useTranslations()
  return (message: string | undefined) => {
    if (!message) return undefined
    const key = messageKey(message)
    if (key && t.has(key as never)) return t(key as never)
    return message
  }
}

type FieldShellProps = { label: ReactNode; hint?: ReactNode; error?: string; required?: boolean; children: (ids: { id: string; describedBy?: string }) => ReactNode; className?: string }

export function FieldShell({ label, hint, error, required, children, className }: FieldShellProps) {
  const id = useId()
  const issue = useIssueText()(error)
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = issue ? `${id}-error` : undefined
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
      {issue ? (
        <p id={errorId} className="text-sm text-red-700">
          {issue}
        </p>
      ) : null}
    </div>
  )
}

const control = 'min-w-0 max-w-full rounded-md border border-slate-500 bg-white px-3 py-2 text-sm text-slate-900 aria-[invalid=true]:border-red-700'

type TextFieldProps = ComponentProps<'input'> & { label: ReactNode; hint?: ReactNode; error?: string }
export function TextField({ label, hint, error, required, className, ...input }: TextFieldProps) {
  return (
    <FieldShell label={label} hint={hint} error={error} required={required} className={className}>
      {({ id, describedBy }) => <input id={id} aria-describedby={describedBy} aria-invalid={error ? true : undefined} required={required} className={control} {...input} />}
    </FieldShell>
  )
}

type SelectFieldProps = ComponentProps<'select'> & { label: ReactNode; hint?: ReactNode; error?: string; options: { value: string; label: string }[]; placeholder?: string }
export function SelectField({ label, hint, error, required, options, placeholder, className, ...select }: SelectFieldProps) {
  return (
    <FieldShell label={label} hint={hint} error={error} required={required} className={className}>
      {({ id, describedBy }) => (
        <select id={id} aria-describedby={describedBy} aria-invalid={error ? true : undefined} required={required} className={control} {...select}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  )
}

type TextAreaFieldProps = ComponentProps<'textarea'> & { label: ReactNode; hint?: ReactNode; error?: string }
export function TextAreaField({ label, hint, error, required, className, ...rest }: TextAreaFieldProps) {
  return (
    <FieldShell label={label} hint={hint} error={error} required={required} className={className}>
      {({ id, describedBy }) => <textarea id={id} aria-describedby={describedBy} aria-invalid={error ? true : undefined} required={required} className={clsx(control, 'min-h-24')} {...rest} />}
    </FieldShell>
  )
}
