'use client'
import { useActionState, useState, type ReactNode } from 'react'
import Link from 'next/link'
import clsx from 'clsx'
import { Alert } from '@/components/ui/alert'
import { FieldFrame } from '@/components/ui/field-frame'
import { Button, buttonClass } from '@/components/ui/button'
import { useFocusWhenNew } from '@/components/ui/focus-when-new'
import { keepValuesOnSubmit } from '@/components/ui/keep-values-on-submit'
import type { BookState } from '@/app/(public)/instelling/[brin]/proefstuderen/[slotId]/actions'
import type { BookedView } from '@/app/(public)/instelling/[brin]/proefstuderen/[slotId]/booked-result'

type Option = { value: string; label: string }
export type PublicBookingField = { name: string; label: string; required?: boolean; type?: 'text' | 'email' | 'number'; options?: Option[]; placeholder?: string; defaultValue?: string }

const control = 'min-w-0 max-w-full rounded-md border border-slate-500 bg-white px-3 py-2 text-sm text-slate-900 aria-[invalid=true]:border-red-700'

/**
 * The result to show: the newest of the action's answer (with JavaScript) and the page's kept result (`kept`, after
 * a reload or without JavaScript), unless "book someone else" dismissed it (`dismissed`: the result's `at`).
 */
export function shownResult(state: BookState, kept: BookedView | null, dismissed: number | null): BookedView | null {
  const answered = state.kind === 'booked' ? state : null
  const newest = answered && kept ? (answered.at >= kept.at ? answered : kept) : (answered ?? kept)
  return newest && newest.at !== dismissed ? newest : null
}

/**
 * The pupil's booking form on the public slot page: labels, options and messages come translated from the server
 * and the form posts to a server action (`action`), so the page ships no form library, no zod, no tRPC client and
 * no message catalogue. Field issues come back translated per field; after booking the form gives way to the
 * result, which stays — also after a reload: the action keeps it for the page, which passes it back as `kept` —
 * until "book someone else" (`forget`, which also forgets the kept result). A new result takes focus (the error
 * above the fields, the result's heading): the submit button was disabled while the request ran, or is gone; a
 * result shown when the page loads is no news. `children`: the privacy notice under the fields.
 */
export function PublicBookingForm({
  action,
  forget,
  kept,
  fields,
  label,
  submitLabel,
  againLabel,
  searchLabel,
  backHref,
  children,
}: {
  action: (state: BookState, form: FormData) => Promise<BookState>
  forget: (form: FormData) => Promise<void>
  kept: BookedView | null
  fields: PublicBookingField[]
  label: string
  submitLabel: string
  againLabel: string
  searchLabel: string
  backHref: string
  children?: ReactNode
}) {
  const [state, dispatch, pending] = useActionState(action, { kind: 'idle' })
  const [dismissed, setDismissed] = useState<number | null>(null)
  // A booking changes the free places the page shows: the kept result's cookie refreshes the page with the answer.
  const booked = shownResult(state, kept, dismissed)
  const failed = state.kind === 'error' ? state : null
  const resultRef = useFocusWhenNew<HTMLHeadingElement>(booked?.at)
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
          <form action={forget} onSubmit={keepValuesOnSubmit(forget, () => setDismissed(booked.at))}>
            <Button type="submit" variant="secondary" className="w-full sm:w-auto">
              {againLabel}
            </Button>
          </form>
          <Link href={backHref} className={buttonClass('secondary')}>
            {searchLabel}
          </Link>
        </div>
      </div>
    )
  return (
    <form ref={formRef} tabIndex={-1} action={dispatch} onSubmit={keepValuesOnSubmit(dispatch)} noValidate aria-label={label} className="flex flex-col gap-3">
      {failed ? (
        <Alert tone="error" focusRef={errorRef}>
          {failed.message}
        </Alert>
      ) : null}
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
