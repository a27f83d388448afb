'use client'
import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { Controller, useFieldArray, useForm } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import { useMutation } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import type { z } from 'zod'
import { useTRPC } from '@/components/trpc/client'
import { Button } from '@/components/ui/button'
import { SelectField, TextField } from '@/components/ui/field'
import { DateField, DateTimeField, TimeField } from '@/components/ui/date-field'
import { applyServerError, FormStatus } from '@/components/ui/form'
import { PUPIL_LEVELS, ZCreateSlotsInput } from '@/server/slots/schema'

type Input = z.input<typeof ZCreateSlotsInput>
type Output = z.output<typeof ZCreateSlotsInput>
const emptyDate = { date: '', startTime: '09:00', endTime: '12:00', capacity: 20 }

/** Publishes a series of dates of one programme in one go; every date row has its own capacity. */
export function SlotSeriesForm({ programmes }: { programmes: { value: string; label: string }[] }) {
  const t = useTranslations('slots.admin')
  const tl = useTranslations('slots.pupilLevels')
  const router = useRouter()
  const create = useMutation(useTRPC().slots.createSlots.mutationOptions())
  const [status, setStatus] = useState<{ error?: string; success?: string }>({})
  const defaults: Input = { programmeId: programmes[0]?.value ?? '', location: '', audienceLevels: ['HAVO', 'VWO'], questions: [], bookingOpensAt: '', closesHoursBefore: 24, dates: [emptyDate] }
  const form = useForm<Input, unknown, Output>({ resolver: zodResolver(ZCreateSlotsInput), defaultValues: defaults })
  const dates = useFieldArray({ control: form.control, name: 'dates' })
  const [question, setQuestion] = useState({ label: '', required: false })
  const errors = form.formState.errors
  const onSubmit = form.handleSubmit(async (values) => {
    setStatus({})
    try {
      const created = await create.mutateAsync({ ...values, questions: question.label.trim() ? [{ label: question.label, required: question.required }] : [] })
      form.reset(defaults)
      setQuestion({ label: '', required: false })
      setStatus({ success: t('created', { count: created.length }) })
      router.refresh()
    } catch (err) {
      setStatus({ error: applyServerError(err, form.setError) })
    }
  })
  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('newSlots')} className="flex flex-col gap-3">
      <FormStatus error={status.error} success={status.success} />
      <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
        <SelectField label={t('programme')} required options={programmes} {...form.register('programmeId')} error={errors.programmeId?.message} />
        <TextField label={t('location')} required {...form.register('location')} error={errors.location?.message} />
        <Controller
          control={form.control}
          name="bookingOpensAt"
          render={({ field }) => <DateTimeField ref={field.ref} label={t('opensAt')} value={String(field.value ?? '')} onChange={field.onChange} onBlur={field.onBlur} error={errors.bookingOpensAt?.message} />}
        />
        <TextField label={t('closesHoursBefore')} type="number" required {...form.register('closesHoursBefore')} error={errors.closesHoursBefore?.message} />
        <TextField label={t('question')} value={question.label} onChange={(e) => setQuestion({ ...question, label: e.target.value })} />
        <label className="flex items-center gap-2 self-end text-sm">
          <input type="checkbox" checked={question.required} onChange={(e) => setQuestion({ ...question, required: e.target.checked })} />
          {t('questionRequired')}
        </label>
      </div>
      <fieldset className="rounded-md border border-slate-300 p-3">
        <legend className="px-1 text-sm font-medium">{t('audience')}</legend>
        <div className="flex flex-wrap gap-4">
          {PUPIL_LEVELS.map((l) => (
            <label key={l} className="flex items-center gap-2 text-sm">
              <input type="checkbox" value={l} {...form.register('audienceLevels')} />
              {tl(l)}
            </label>
          ))}
        </div>
        {errors.audienceLevels?.message ? <p className="text-sm text-red-700">{errors.audienceLevels.message}</p> : null}
      </fieldset>
      <fieldset className="rounded-md border border-slate-300 p-3">
        <legend className="px-1 text-sm font-medium">{t('dates')}</legend>
        {dates.fields.map((f, i) => (
          <div key={f.id} className="mb-2 grid grid-cols-1 items-end gap-3 md:grid-cols-5" data-testid="slot-date-row">
            <Controller control={form.control} name={`dates.${i}.date`} render={({ field }) => <DateField ref={field.ref} label={t('date')} required value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={errors.dates?.[i]?.date?.message} />} />
            <Controller control={form.control} name={`dates.${i}.startTime`} render={({ field }) => <TimeField ref={field.ref} label={t('start')} required value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={errors.dates?.[i]?.startTime?.message} />} />
            <Controller control={form.control} name={`dates.${i}.endTime`} render={({ field }) => <TimeField ref={field.ref} label={t('end')} required value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={errors.dates?.[i]?.endTime?.message} />} />
            <TextField label={t('capacity')} type="number" min={1} required {...form.register(`dates.${i}.capacity`)} error={errors.dates?.[i]?.capacity?.message} />
            <Button variant="secondary" onClick={() => dates.remove(i)} disabled={dates.fields.length === 1} aria-label={t('removeDate', { n: i + 1 })}>
              ✕
            </Button>
          </div>
        ))}
        <Button variant="secondary" onClick={() => dates.append(emptyDate)}>
          {t('addDate')}
        </Button>
      </fieldset>
      <div>
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {t('createSlots')}
        </Button>
      </div>
    </form>
  )
}
