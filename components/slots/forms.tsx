'use client'
import { useState } from 'react'
import Link from 'next/link'
import clsx from 'clsx'
import { useMutation } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useAppFormatter } from '@/components/ui/use-app-formatter'
import { Button, buttonClass } from '@/components/ui/button'
import { PrivacyNotice } from '@/components/ui/privacy-notice'
import { applyServerError, FormStatus } from '@/components/ui/form'
import { ConfirmAction } from './actions'
import { useRouter } from 'next/navigation'
import { useTRPC } from '@/components/trpc/client'
import { SimpleForm } from '@/components/ui/simple-form'
import { ZBookInput, ZCreateProgrammeInput, ZSettingsInput, ZUpdateProgrammeInput, SCHOOL_OTHER, PROGRAMME_LEVELS, PUPIL_LEVELS, HOLD_UNTIL_FORMAT } from '@/server/slots/schema'

type Option = { value: string; label: string }

function useLevelOptions() {
  const t = useTranslations('slots')
  return {
    programme: PROGRAMME_LEVELS.map((l) => ({ value: l, label: t(`levels.${l}`) })),
    pupil: PUPIL_LEVELS.map((l) => ({ value: l, label: t(`pupilLevels.${l}`) })),
  }
}

export function ProgrammeForm({ institutions }: { institutions: Option[] }) {
  const t = useTranslations('slots.admin')
  const create = useMutation(useTRPC().slots.createProgramme.mutationOptions())
  return (
    <SimpleForm
      label={t('newProgramme')}
      schema={ZCreateProgrammeInput}
      defaultValues={{ organisationId: institutions[0]?.value ?? '', name: '', level: 'MBO_4', code: '', description: '' }}
      fields={[
        { name: 'organisationId', label: t('institution'), required: true, options: institutions },
        { name: 'name', label: t('name'), required: true },
        { name: 'level', label: t('level'), required: true, options: useLevelOptions().programme },
        { name: 'code', label: t('code'), required: true, hint: '25491' },
        { name: 'description', label: t('description') },
      ]}
      submit={(v) => create.mutateAsync(v)}
      submitLabel={t('addProgramme')}
      successMessage={t('addProgramme')}
    />
  )
}

export function SettingsForm({
  settings,
}: {
  settings: { organisationId: string; maxActiveBookings: number; limitScope: string; limitPeriodDays: number; purgeAfterDays: number; offerHoldHours: number; pendingHoldMinutes: number; maxPerSlotPerDomain: number }
}) {
  const t = useTranslations('slots.admin')
  const save = useMutation(useTRPC().slots.updateSettings.mutationOptions())
  return (
    <SimpleForm
      label={t('settings')}
      schema={ZSettingsInput}
      defaultValues={settings as never}
      fields={[
        { name: 'maxActiveBookings', label: t('maxActiveBookings'), required: true, type: 'number' },
        { name: 'limitScope', label: t('limitScope'), required: true, options: ['PROGRAMME', 'INSTITUTION'].map((s) => ({ value: s, label: t(`scope${s}`) })) },
        { name: 'limitPeriodDays', label: t('limitPeriodDays'), required: true, type: 'number' },
        { name: 'purgeAfterDays', label: t('purgeAfterDays'), required: true, type: 'number' },
        { name: 'offerHoldHours', label: t('offerHoldHours'), required: true, type: 'number' },
        { name: 'pendingHoldMinutes', label: t('pendingHoldMinutes'), required: true, type: 'number', hint: t('pendingHoldMinutesHint') },
        { name: 'maxPerSlotPerDomain', label: t('maxPerSlotPerDomain'), required: true, type: 'number', hint: t('maxPerSlotPerDomainHint') },
      ]}
      submit={(v) => save.mutateAsync(v)}
      submitLabel={t('settings')}
      successMessage={t('settings')}
    />
  )
}

type BookResult = { status: string; position: number | null; holdExpiresAt: Date | null }

/**
 * The pupil's booking form (public), or a decaan's booking on a pupil's behalf (`onBehalf`: worded to the decaan).
 * After booking the form gives way to the result, which stays: place confirmed, pending the pupil's confirmation
 * (until when), or the position on the waiting list. Under the fields: the privacy notice with the institution's
 * real purge period.
 */
export function BookingForm({
  slotId,
  schools,
  levels,
  questions,
  onBehalf = false,
  institution,
  purgeAfterDays,
  backHref,
}: {
  slotId: string
  schools: Option[]
  levels: string[]
  questions: { id: string; label: string; required: boolean }[]
  onBehalf?: boolean
  institution: string
  purgeAfterDays: number
  backHref: string
}) {
  const t = useTranslations('slots.book')
  const trpc = useTRPC()
  const book = useMutation(trpc.slots.book.mutationOptions())
  const bookFor = useMutation(trpc.slots.bookForPupil.mutationOptions())
  const pupilLevels = useLevelOptions().pupil.filter((l) => levels.includes(l.value))
  const schoolOptions = onBehalf ? schools : [...schools, { value: SCHOOL_OTHER, label: t('schoolOther') }]
  const [pupil, setPupil] = useState('')
  return (
    <SimpleForm
      label={onBehalf ? t('behalf.submit') : t('submit')}
      schema={ZBookInput}
      defaultValues={{ slotId, name: '', email: '', schoolId: onBehalf ? (schools[0]?.value ?? '') : '', schoolOther: '', level: pupilLevels[0]?.value as never, year: 4, answers: {} }}
      fields={[
        { name: 'name', label: onBehalf ? t('behalf.name') : t('name'), required: true, type: 'text' },
        { name: 'email', label: onBehalf ? t('behalf.email') : t('email'), hint: onBehalf ? t('behalf.emailHint') : undefined, required: true, type: 'email' },
        { name: 'schoolId', label: onBehalf ? t('behalf.school') : t('school'), required: true, options: schoolOptions, placeholder: onBehalf ? undefined : t('schoolPlaceholder') },
        ...(onBehalf ? [] : [{ name: 'schoolOther' as const, label: t('schoolOtherName') }]),
        { name: 'level', label: onBehalf ? t('behalf.level') : t('level'), required: true, options: pupilLevels },
        { name: 'year', label: onBehalf ? t('behalf.year') : t('year'), required: true, type: 'number' },
        ...questions.map((q) => ({ name: `answers.${q.id}` as const, label: q.label, required: q.required })),
      ]}
      submit={(v): Promise<BookResult> => {
        setPupil(v.name)
        return onBehalf ? bookFor.mutateAsync(v) : book.mutateAsync(v)
      }}
      submitLabel={onBehalf ? t('behalf.submit') : t('submit')}
      successMessage={t('received')}
      done={(r, again) => <BookingResult result={r} onBehalf={onBehalf} pupil={pupil} again={again} backHref={backHref} />}
    >
      <PrivacyNotice kind="slot" keeper={institution} days={purgeAfterDays} />
    </SimpleForm>
  )
}

/** What the booking came to, persistent until the user books again or leaves (role=status: announced once). */
function BookingResult({ result, onBehalf, pupil, again, backHref }: { result: BookResult; onBehalf: boolean; pupil: string; again: () => void; backHref: string }) {
  const t = useTranslations('slots.book')
  const format = useAppFormatter()
  const status = result.status === 'PENDING' || result.status === 'WAITLISTED' ? result.status : 'CONFIRMED'
  const vars = {
    name: pupil,
    position: result.position ?? 0,
    date: result.holdExpiresAt ? format.dateTime(result.holdExpiresAt, HOLD_UNTIL_FORMAT) : '',
  }
  const key = (onBehalf && status !== 'PENDING' ? `behalf.${status}` : `result.${status}`) as 'result.CONFIRMED'
  return (
    <div role="status" data-testid="booking-result" data-status={status} className={clsx('flex flex-col gap-3 rounded-md border p-4', status === 'WAITLISTED' || status === 'PENDING' ? 'border-amber-600 bg-amber-50' : 'border-green-700 bg-green-50')}>
      <h3 className="text-lg font-semibold text-slate-900">{t(key, vars)}</h3>
      <p className="text-sm text-slate-900">{t(`${key}Body` as 'result.CONFIRMEDBody', vars)}</p>
      <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap">
        <Button variant="secondary" onClick={again}>
          {onBehalf ? t('behalf.again') : t('result.again')}
        </Button>
        <Link href={backHref} className={buttonClass('secondary')}>
          {onBehalf ? t('behalf.back') : t('result.search')}
        </Link>
      </div>
    </div>
  )
}

type ProgrammeRow = { id: string; name: string; level: string; code: string; description: string | null; archivedAt: Date | null }

/** A publisher edits a programme (name, level, code, description) or archives it / brings it back. */
export function ProgrammeActions({ programme }: { programme: ProgrammeRow }) {
  const t = useTranslations('slots.admin')
  const trpc = useTRPC()
  const update = useMutation(trpc.slots.updateProgramme.mutationOptions())
  const archive = useMutation(trpc.slots.archiveProgramme.mutationOptions())
  const router = useRouter()
  const levelOptions = useLevelOptions().programme
  const [status, setStatus] = useState<{ error?: string; success?: string }>({})
  const setArchived = async (archived: boolean) => {
    setStatus({})
    try {
      await archive.mutateAsync({ id: programme.id, archived })
      setStatus({ success: archived ? t('archived') : t('restored') })
      router.refresh()
    } catch (err) {
      setStatus({ error: applyServerError(err) })
    }
  }
  return (
    <div className="flex min-w-0 flex-col gap-2">
      <FormStatus error={status.error} success={status.success} />
      {programme.archivedAt ? (
        <div>
          <Button variant="secondary" onClick={() => setArchived(false)}>
            {t('restore')}
          </Button>
        </div>
      ) : (
        <>
          <details className="rounded-md border border-slate-300 p-2">
            <summary className="cursor-pointer text-sm font-medium">{t('editProgramme', { name: programme.name })}</summary>
            <div className="mt-2">
              <SimpleForm
                label={t('editProgramme', { name: programme.name })}
                schema={ZUpdateProgrammeInput}
                defaultValues={{ id: programme.id, name: programme.name, level: programme.level as never, code: programme.code, description: programme.description ?? '' }}
                fields={[
                  { name: 'name', label: t('name'), required: true },
                  { name: 'level', label: t('level'), required: true, options: levelOptions },
                  { name: 'code', label: t('code'), required: true },
                  { name: 'description', label: t('description') },
                ]}
                submit={(v) => update.mutateAsync(v)}
                submitLabel={t('saveProgramme')}
                successMessage={t('programmeSaved')}
                resetOnSuccess={false}
              />
            </div>
          </details>
          <div>
            <ConfirmAction text={t('archive')} question={t('archiveAsk', { name: programme.name })} yes={t('archiveYes')} no={t('keep')} onConfirm={() => setArchived(true)} />
          </div>
        </>
      )}
    </div>
  )
}
