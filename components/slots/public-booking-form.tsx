'use client'
import { useActionState, useEffect, useState, type ReactNode } from 'react'
import Link from 'next/link'
import clsx from 'clsx'
import { useRouter } from 'next/navigation'
import { Alert } from '@/components/ui/alert'
import { keepValuesOnSubmit } from '@/components/ui/keep-values-on-submit'
import { FieldFrame } from '@/components/ui/field-frame'
import { Button, buttonClass } from '@/components/ui/button'
import { useFocusWhenNew } from '@/components/ui/focus-when-new'
import type { BookState } from '@/app/(public)/instelling/[brin]/proefstuderen/[slotId]/actions'

type Option = { value: string; label: string }
export type PublicBookingField = { name: string; label: string; required?: boolean; type?: 'text' | 'email' | 'number'; options?: Option[]; placeholder?: string; defaultValue?: string }

const control = 'min-w-0 max-w-full rounded-md border border-slate-500 bg-white px-3 py-2 text-sm text-slate-900 aria-[invalid=true]:border-red-700'

/**
 * The pupil's booking form on the public slot page: labels, options and messages come translated from the server
 * and the form posts to a server action (`action`), so the page ships no form library, no zod, no tRPC client and
 * no message catalogue. Field issues come back translated per field; after booking the form gives way to the
 * result, which stays until "book someone else". A new result takes focus (the error above the fields, the result's
 * heading): the submit button was disabled while the request ran, or is gone. `children`: the privacy notice under
 * the fields.
 */
export function PublicBookingForm({
  action,
  slotId,
  fields,
  label,
  submitLabel,
  againLabel,
  searchLabel,
  backHref,
  children,
}: {
  action: (state: BookState, form: FormData) => Promise<BookState>
  slotId: string
  fields: PublicBookingField[]
  label: string
  submitLabel: string
  againLabel: string
  searchLabel: string
  backHref: string
  children?: ReactNode
}) {
  const router = useRouter()
  const [state, dispatch, pending] = useActionState(action, { kind: 'idle' })
  const [dismissed, setDismissed] = useState<BookState | null>(null)
  // A booking changes the free places the page shows.
  useEffect(() => {
    if (state.kind === 'booked') router.refresh()
  }, [state, router])
  const booked = state.kind === 'booked' && state !== dismissed ? state : null
  const failed = state.kind === 'error' ? state : null
  const resultRef = useFocusWhenNew<HTMLHeadingElement>(booked)
  const errorRef = useFocusWhenNew<HTMLDivElement>(failed)
  // "Book someone else" removes the result and its buttons: focus goes to the form that comes back.
  const formRef = useFocusWhenNew<HTMLFormElement>(dismissed)
  if (booked)
    return (
      <div role="status" data-testid="booking-result" data-status={booked.status} className={clsx('flex flex-col gap-3 rounded-md border p-4', booked.status === 'CONFIRMED' ? 'border-green-700 bg-green-50' : 'border-amber-600 bg-amber-50')}>
        <h3 ref={resultRef} tabIndex={-1} className="text-lg font-semibold text-slate-900">
          {booked.title}
        </h3>
        <p className="text-sm text-slate-900">{booked.body}</p>
        <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap">
          <Button variant="secondary" onClick={() => setDismissed(booked)}>
            {againLabel}
          </Button>
          <Link href={backHref} className={buttonClass('secondary')}>
            {searchLabel}
          </Link>
        </div>
      </div>
    )
  return (
    <form
      ref={formRef}
      tabIndex={-1}
      action={dispatch}
      onSubmit={keepValuesOnSubmit(dispatch)}
      noValidate
      aria-label={label}
      className="flex flex-col gap-3"
    >
      {failed ? (
        <Alert tone="error" focusRef={errorRef}>
          {failed.message}
        </Alert>
      ) : null}
      <input type="hidden" name="slotId" value={slotId} />
      <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
        {fields.map((f) => (
          <Field key={f.name} field={f} error={failed?.issues[f.name]} value={failed?.values[f.name]} />
        ))}
      </div>
      {children}
      <div>
        <Button type="submit" disabled={pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  )
}

/** Label, control, issue (already translated by the server): the shared field frame. */
function Field({ field: f, error, value }: { field: PublicBookingField; error?: string; value?: string }) {
  return (
    <FieldFrame label={f.label} required={f.required} error={error}>
      {({ id, describedBy }) => {
        const common = { id, name: f.name, required: f.required, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined, className: control, defaultValue: value ?? f.defaultValue }
        return f.options ? (
          // key: a failed submit re-renders the select with what was chosen.
          <select key={value} {...common}>
            {f.placeholder !== undefined ? <option value="">{f.placeholder}</option> : null}
            {f.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        ) : (
          <input key={value} type={f.type ?? 'text'} {...common} />
        )
      }}
    </FieldFrame>
  )
}
