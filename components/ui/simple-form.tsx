'use client'
import { useState, type ReactNode } from 'react'
import { useRouter } from 'next/navigation'
import { Controller, useForm, type FieldValues, type Path, type DefaultValues } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import type { z } from 'zod'
import { Button } from './button'
import { SelectField, TextField } from './field'
import { DateField } from './date-field'
import { applyServerError, FormStatus } from './form'

export type SimpleField<T> = { name: Path<T>; label: ReactNode; hint?: ReactNode; required?: boolean; type?: string; options?: { value: string; label: string }[]; placeholder?: string }

/**
 * A flat form of text/select fields validated by a zod schema (the server's own input schema), submitting to a
 * mutation; server-side issues land on the fields. On success: resets and refreshes the server components.
 */
export function SimpleForm<S extends z.ZodType<FieldValues, FieldValues>, R = unknown>({
  schema,
  fields,
  defaultValues,
  submit,
  submitLabel,
  successMessage,
  label,
  resetOnSuccess = true,
  done,
  children,
}: {
  schema: S
  fields: SimpleField<z.input<S>>[]
  defaultValues: DefaultValues<z.input<S>>
  submit: (values: z.output<S>) => Promise<R>
  submitLabel: ReactNode
  successMessage: string
  label: string
  /** Create forms empty themselves after success; edit forms keep the saved values. */
  resetOnSuccess?: boolean
  /** A result that replaces the form after success (it stays until `again` is called), instead of a message. */
  done?: (result: R, again: () => void) => ReactNode
  /** Shown under the fields (a notice such as the privacy statement). */
  children?: ReactNode
}) {
  const router = useRouter()
  const [status, setStatus] = useState<{ error?: string; success?: string }>({})
  const [result, setResult] = useState<{ value: R } | null>(null)
  const form = useForm<z.input<S>, unknown, z.output<S>>({ resolver: zodResolver(schema as never), defaultValues })
  const onSubmit = form.handleSubmit(async (values) => {
    setStatus({})
    try {
      const value = await submit(values)
      if (resetOnSuccess) form.reset(defaultValues)
      if (done) setResult({ value })
      else setStatus({ success: successMessage })
      router.refresh()
    } catch (err) {
      setStatus({ error: applyServerError(err, form.setError) })
    }
  })
  const errors = form.formState.errors as Record<string, { message?: string } | undefined>
  if (done && result) return <>{done(result.value, () => setResult(null))}</>
  return (
    <form onSubmit={onSubmit} noValidate aria-label={label} className="flex flex-col gap-3">
      <FormStatus error={status.error} success={status.success} />
      <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
        {fields.map((f) =>
          f.options ? (
            <SelectField key={f.name} label={f.label} hint={f.hint} required={f.required} options={f.options} placeholder={f.placeholder} {...form.register(f.name)} error={errors[f.name]?.message} />
          ) : f.type === 'date' ? (
            // A date in the UI language's order with a calendar (components/ui/date-field), not the browser's native input.
            <Controller key={f.name} control={form.control} name={f.name} render={({ field }) => <DateField ref={field.ref} label={f.label} hint={f.hint} required={f.required} value={(field.value as string | undefined) ?? ''} onChange={field.onChange} onBlur={field.onBlur} error={errors[f.name]?.message} />} />
          ) : (
            <TextField key={f.name} label={f.label} hint={f.hint} required={f.required} type={f.type ?? 'text'} {...form.register(f.name)} error={errors[f.name]?.message} />
          ),
        )}
      </div>
      {children}
      <div>
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {submitLabel}
        </Button>
      </div>
    </form>
  )
}
