'use client'
import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { useMutation } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useTRPC } from '@/components/trpc/client'
import { Button } from '@/components/ui/button'
import { SelectField } from '@/components/ui/field'
import { applyServerError, FormStatus } from '@/components/ui/form'
import { SimpleForm } from '@/components/ui/simple-form'
import { ZUpdateSlotInput } from '@/server/slots/schema'

function useAction() {
  const router = useRouter()
  const [status, setStatus] = useState<{ error?: string; success?: string }>({})
  const run = async (fn: () => Promise<unknown>, success: string) => {
    setStatus({})
    try {
      await fn()
      setStatus({ success })
      router.refresh()
    } catch (err) {
      setStatus({ error: applyServerError(err) })
    }
  }
  return { status, run }
}

/** A destructive action asks first, in the page (not a browser dialog): the question with a yes and a no button. */
export function ConfirmAction({ text, question, yes, no, onConfirm, testId }: { text: string; question: string; yes: string; no: string; onConfirm: () => Promise<unknown>; testId?: string }) {
  const [asking, setAsking] = useState(false)
  const [busy, setBusy] = useState(false)
  if (!asking)
    return (
      <Button variant="danger" onClick={() => setAsking(true)} data-testid={testId}>
        {text}
      </Button>
    )
  return (
    <div role="group" aria-label={text} className="flex flex-col gap-2 rounded-md border border-red-700 bg-red-50 p-3">
      <p className="text-sm font-medium text-slate-900">{question}</p>
      <div className="flex flex-col gap-2 sm:flex-row">
        <Button
          variant="danger"
          disabled={busy}
          onClick={async () => {
            setBusy(true)
            await onConfirm()
            setBusy(false)
            setAsking(false)
          }}
        >
          {yes}
        </Button>
        <Button variant="secondary" autoFocus onClick={() => setAsking(false)}>
          {no}
        </Button>
      </div>
    </div>
  )
}

/**
 * A participant's attendance, saved as soon as it is chosen. The select keeps focus (a control that saves itself must
 * not move it: WCAG 3.2.2, components/ui/focus-when-new): what happened is said beside it (SavedStatus).
 */
export function AttendanceSelect({ bookingId, value, label }: { bookingId: string; value: string | null; label: string }) {
  const t = useTranslations('slots.attendance')
  const set = useMutation(useTRPC().slots.setAttendance.mutationOptions())
  const { status, run } = useAction()
  return (
    <div className="flex flex-wrap items-end gap-x-2 gap-y-1">
      <SelectField
        label={<span className="sr-only">{label}</span>}
        defaultValue={value ?? ''}
        options={[
          { value: '', label: t('unknown') },
          { value: 'PRESENT', label: t('PRESENT') },
          { value: 'ABSENT', label: t('ABSENT') },
        ]}
        onChange={(e) => run(() => set.mutateAsync({ bookingId, attendance: (e.target.value || null) as 'PRESENT' | 'ABSENT' | null }), t('saved'))}
      />
      <SavedStatus status={status} />
    </div>
  )
}

/**
 * What a control that saves itself answers, beside it and without taking focus: a polite status line that is always
 * there (a live region announces a change of its text, not its arrival), "Opgeslagen" after a save, empty while the
 * next one runs; a failure as an error message.
 */
export function SavedStatus({ status }: { status: { error?: string; success?: string } }) {
  return (
    <>
      <span role="status" className="min-h-5 py-2 text-sm text-green-800">
        {status.success ? (
          <>
            <span aria-hidden="true">✓ </span>
            {status.success}
          </>
        ) : null}
      </span>
      {status.error ? <FormStatus error={status.error} /> : null}
    </>
  )
}

export function SlotEditForm({ slot }: { slot: { id: string; capacity: number; location: string } }) {
  const t = useTranslations('slots')
  const update = useMutation(useTRPC().slots.update.mutationOptions())
  return (
    <SimpleForm
      label={t('slot.edit')}
      schema={ZUpdateSlotInput}
      defaultValues={slot}
      fields={[
        { name: 'capacity', label: t('admin.capacity'), required: true, type: 'number' },
        { name: 'location', label: t('admin.location'), required: true },
      ]}
      submit={(v) => update.mutateAsync(v)}
      submitLabel={t('slot.save')}
      successMessage={t('slot.saved')}
      resetOnSuccess={false}
    />
  )
}

export function CancelSlotButton({ id }: { id: string }) {
  const t = useTranslations('slots.slot')
  const cancel = useMutation(useTRPC().slots.cancel.mutationOptions())
  const { status, run } = useAction()
  return (
    <div className="flex flex-col gap-2">
      <FormStatus error={status.error} success={status.success} />
      <div>
        <ConfirmAction text={t('cancelSlot')} question={t('confirmCancel')} yes={t('cancelYes')} no={t('keep')} onConfirm={() => run(() => cancel.mutateAsync({ id }), t('cancelled'))} />
      </div>
    </div>
  )
}
