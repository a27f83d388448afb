'use client'
import { useMutation } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useTRPC } from '@/components/trpc/client'
import { SimpleForm } from '@/components/ui/simple-form'
import { ZBookInput, ZCreateProgrammeInput, ZSettingsInput, SCHOOL_OTHER, PROGRAMME_LEVELS, PUPIL_LEVELS } from '@/server/slots/schema'

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

/** The pupil's booking form (public), or a decaan's booking on a pupil's behalf (`onBehalf`). */
export function BookingForm({ slotId, schools, levels, questions, onBehalf = false }: { slotId: string; schools: Option[]; levels: string[]; questions: { id: string; label: string; required: boolean }[]; onBehalf?: boolean }) {
  const t = useTranslations('slots.book')
  const trpc = useTRPC()
  const book = useMutation(trpc.slots.book.mutationOptions())
  const bookFor = useMutation(trpc.slots.bookForPupil.mutationOptions())
  const pupilLevels = useLevelOptions().pupil.filter((l) => levels.includes(l.value))
  const schoolOptions = onBehalf ? schools : [...schools, { value: SCHOOL_OTHER, label: t('schoolOther') }]
  return (
    <SimpleForm
      label={t('submit')}
      schema={ZBookInput}
      defaultValues={{ slotId, name: '', email: '', schoolId: onBehalf ? (schools[0]?.value ?? '') : '', schoolOther: '', level: pupilLevels[0]?.value as never, year: 4, answers: {} }}
      fields={[
        { name: 'name', label: t('name'), required: true, type: 'text' },
        { name: 'email', label: t('email'), required: true, type: 'email' },
        { name: 'schoolId', label: t('school'), required: true, options: schoolOptions, placeholder: onBehalf ? undefined : t('schoolPlaceholder') },
        ...(onBehalf ? [] : [{ name: 'schoolOther' as const, label: t('schoolOtherName') }]),
        { name: 'level', label: t('level'), required: true, options: pupilLevels },
        { name: 'year', label: t('year'), required: true, type: 'number' },
        ...questions.map((q) => ({ name: `answers.${q.id}` as const, label: q.label, required: q.required })),
      ]}
      submit={(v) => (onBehalf ? bookFor.mutateAsync(v) : book.mutateAsync(v))}
      submitLabel={t('submit')}
      successMessage={t('received')}
    />
  )
}
