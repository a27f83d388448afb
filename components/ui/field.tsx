'use client'
import clsx from 'clsx'
import { type ComponentProps, type ReactNode } from 'react'
import { useTranslations } from 'next-intl'
import { messageKey } from '@/server/i18n/keys'
import { FieldFrame } from './field-frame'

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

export function FieldShell({ error, ...rest }: FieldShellProps) {
  return <FieldFrame error={useIssueText()(error)} {...rest} />
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
