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

/** The pupil's buttons on the booking page: confirm / cancel / leave the waiting list / accept or decline an offer. */
export function BookingActions({ token, status: bookingStatus }: { token: string; status: string }) {
  const t = useTranslations('slots.booking')
  const trpc = useTRPC()
  const confirm = useMutation(trpc.slots.confirmBooking.mutationOptions())
  const cancel = useMutation(trpc.slots.cancelBooking.mutationOptions())
  const accept = useMutation(trpc.slots.acceptOffer.mutationOptions())
  const decline = useMutation(trpc.slots.declineOffer.mutationOptions())
  const { status, run } = useAction()
  return (
    <div className="flex flex-col gap-3">
      <FormStatus error={status.error} success={status.success} />
      <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap">
        {bookingStatus === 'PENDING' ? <Button onClick={() => run(() => confirm.mutateAsync({ token }), t('confirmed'))}>{t('confirm')}</Button> : null}
        {bookingStatus === 'OFFERED' ? (
          <>
            <Button onClick={() => run(() => accept.mutateAsync({ token }), t('done'))}>{t('accept')}</Button>
            <Button variant="secondary" onClick={() => run(() => decline.mutateAsync({ token }), t('done'))}>
              {t('decline')}
            </Button>
          </>
        ) : null}
        {bookingStatus === 'PENDING' || bookingStatus === 'CONFIRMED' || bookingStatus === 'WAITLISTED' ? (
          <Button variant="danger" onClick={() => run(() => cancel.mutateAsync({ token }), t('done'))}>
            {bookingStatus === 'WAITLISTED' ? t('leave') : t('cancel')}
          </Button>
        ) : null}
      </div>
    </div>
  )
}

export function AttendanceSelect({ bookingId, value, label }: { bookingId: string; value: string | null; label: string }) {
  const t = useTranslations('slots.attendance')
  const set = useMutation(useTRPC().slots.setAttendance.mutationOptions())
  const { status, run } = useAction()
  return (
    <div>
      <SelectField
        label={<span className="sr-only">{label}</span>}
        defaultValue={value ?? ''}
        options={[
          { value: '', label: t('unknown') },
          { value: 'PRESENT', label: t('PRESENT') },
          { value: 'ABSENT', label: t('ABSENT') },
        ]}
        onChange={(e) => run(() => set.mutateAsync({ bookingId, attendance: (e.target.value || null) as 'PRESENT' | 'ABSENT' | null }), '✓')}
      />
      {status.error ? <FormStatus error={status.error} /> : null}
    </div>
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
      submitLabel={t('slot.edit')}
      successMessage={t('slot.edit')}
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
        <Button variant="danger" onClick={() => window.confirm(t('confirmCancel')) && run(() => cancel.mutateAsync({ id }), t('cancelSlot'))}>
          {t('cancelSlot')}
        </Button>
      </div>
    </div>
  )
}
