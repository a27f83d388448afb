'use client'
import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { Controller, useForm, useWatch } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import { useMutation } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import type { z } from 'zod'
import { useTRPC } from '@/components/trpc/client'
import { AUDIENCE_LEVELS, EVENT_TYPES, SCHOOL_YEARS, ZCreateEventInput, ZUpdateEventInput } from '@/server/calendar/schema'
import { Button } from '@/components/ui/button'
import { SelectField, TextAreaField, TextField, useIssueText } from '@/components/ui/field'
import { applyServerError, FormStatus } from '@/components/ui/form'
import { DateField, TimeField } from '@/components/ui/date-field'
import { ConflictList, type ConflictItem } from './conflicts'

type Option = { value: string; label: string }
type FormIn = z.input<typeof ZCreateEventInput>
type FormOut = z.output<typeof ZCreateEventInput>
export type EventFormValues = Omit<FormIn, 'attachments'> & { attachments?: string }

function CheckboxGroup({ legend, name, options, error, register }: { legend: string; name: string; options: Option[]; error?: string; register: (name: never) => object }) {
  const issue = useIssueText()(error)
  const errorId = `${name}-error`
  return (
    <fieldset className="flex flex-col gap-1" aria-describedby={issue ? errorId : undefined}>
      <legend className="text-sm font-medium text-slate-900">{legend}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {options.map((o) => (
          <label key={o.value} className="flex items-center gap-2 text-sm">
            <input type="checkbox" value={o.value} {...register(name as never)} />
            {o.label}
          </label>
        ))}
      </div>
      {issue ? (
        <p id={errorId} className="text-sm text-red-700">
          {issue}
        </p>
      ) : null}
    </fieldset>
  )
}

const ARRAY_FIELDS = ['organiserIds', 'regionIds', 'audienceLevels', 'schoolYears'] as const
/** A group with a single checkbox gives a string or false (react-hook-form); the schema wants arrays. */
function asArrays(values: FormIn): FormIn {
  const out: Record<string, unknown> = { ...values }
  for (const k of ARRAY_FIELDS) {
    const v = out[k]
    out[k] = Array.isArray(v) ? v : v === false || v === undefined || v === null || v === '' ? [] : [v]
  }
  return out as FormIn
}

/** Create (optionally as a weekly series) or edit an event; the same zod schema validates here and on the server. */
export function EventForm({ initial, organisations, regions }: { initial?: EventFormValues & { id: string }; organisations: Option[]; regions: Option[] }) {
  const t = useTranslations('calendar')
  const trpc = useTRPC()
  const router = useRouter()
  const [status, setStatus] = useState<{ error?: string; success?: string }>({})
  const [conflicts, setConflicts] = useState<ConflictItem[]>([])
  const editing = !!initial
  const schemaResolver = zodResolver((editing ? ZUpdateEventInput : ZCreateEventInput) as typeof ZCreateEventInput)
  const form = useForm<FormIn, unknown, FormOut>({
    resolver: (values, ctx, opts) => schemaResolver(asArrays(values), ctx, opts),
    defaultValues: (initial ?? {
      title: '',
      description: '',
      type: 'OPEN_DAG',
      organiserIds: organisations.length === 1 ? [organisations[0]!.value] : [],
      regionIds: regions.length === 1 ? [regions[0]!.value] : [],
      audienceLevels: [],
      schoolYears: [],
      allDay: false,
      startDate: '',
      startTime: '',
      endDate: '',
      endTime: '',
      attachments: '',
    }) as FormIn,
  })
  const create = useMutation(trpc.calendar.create.mutationOptions())
  const update = useMutation(trpc.calendar.update.mutationOptions())
  const errors = form.formState.errors
  const allDay = useWatch({ control: form.control, name: 'allDay' })
  const reg = form.register as unknown as (name: never) => object

  const onSubmit = form.handleSubmit(async (values) => {
    setStatus({})
    try {
      if (initial) {
        const res = await update.mutateAsync({ ...values, id: initial.id })
        setConflicts(res.conflicts)
        setStatus({ success: t(res.revised ? 'done.revised' : 'done.updated') })
        router.refresh()
      } else {
        const res = await create.mutateAsync(values)
        router.push(res.ids.length > 1 ? '/agenda/manage' : `/agenda/${res.ids[0]}`)
      }
    } catch (err) {
      setStatus({ error: applyServerError(err, form.setError) })
    }
  })

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label={editing ? t('actions.edit') : t('actions.new')}>
      <FormStatus error={status.error} success={status.success} />
      <ConflictList conflicts={conflicts} />
      <div className="grid gap-4 md:grid-cols-2">
        <TextField label={t('fields.title')} required {...form.register('title')} error={errors.title?.message} />
        <SelectField label={t('fields.type')} required options={EVENT_TYPES.map((v) => ({ value: v, label: t(`types.${v}`) }))} {...form.register('type')} error={errors.type?.message} />
        <TextAreaField label={t('fields.description')} className="md:col-span-2" {...form.register('description')} error={errors.description?.message} />
        <CheckboxGroup legend={t('fields.organisers')} name="organiserIds" options={organisations} register={reg} error={errors.organiserIds?.message} />
        <CheckboxGroup legend={t('fields.regions')} name="regionIds" options={regions} register={reg} error={errors.regionIds?.message} />
        <CheckboxGroup legend={t('fields.audience')} name="audienceLevels" options={AUDIENCE_LEVELS.map((v) => ({ value: v, label: t(`levels.${v}`) }))} register={reg} error={errors.audienceLevels?.message} />
        <CheckboxGroup legend={t('fields.schoolYears')} name="schoolYears" options={SCHOOL_YEARS.map((y) => ({ value: String(y), label: t('fields.schoolYear', { year: y }) }))} register={reg} error={errors.schoolYears?.message} />
      </div>
      <fieldset className="grid gap-4 rounded-md border border-slate-300 p-3 md:grid-cols-4">
        <legend className="px-1 font-semibold">{t('fields.when')}</legend>
        <p className="text-sm text-slate-700 md:col-span-4">{t('fields.timeHint')}</p>
        <label className="flex items-center gap-2 text-sm md:col-span-4">
          <input type="checkbox" {...form.register('allDay')} />
          {t('fields.allDay')}
        </label>
        <Controller control={form.control} name="startDate" render={({ field }) => <DateField ref={field.ref} label={t('fields.startDate')} required value={String(field.value ?? '')} onChange={field.onChange} onBlur={field.onBlur} error={errors.startDate?.message} />} />
        {!allDay ? <Controller control={form.control} name="startTime" render={({ field }) => <TimeField ref={field.ref} label={t('fields.startTime')} required value={String(field.value ?? '')} onChange={field.onChange} onBlur={field.onBlur} error={errors.startTime?.message} />} /> : null}
        <Controller control={form.control} name="endDate" render={({ field }) => <DateField ref={field.ref} label={t('fields.endDate')} required value={String(field.value ?? '')} onChange={field.onChange} onBlur={field.onBlur} error={errors.endDate?.message} />} />
        {!allDay ? <Controller control={form.control} name="endTime" render={({ field }) => <TimeField ref={field.ref} label={t('fields.endTime')} required value={String(field.value ?? '')} onChange={field.onChange} onBlur={field.onBlur} error={errors.endTime?.message} />} /> : null}
        {!editing ? (
          <Controller
            control={form.control}
            name="repeatWeeklyUntil"
            render={({ field }) => <DateField ref={field.ref} className="md:col-span-2" label={t('fields.repeatWeeklyUntil')} hint={t('fields.repeatHint')} value={String(field.value ?? '')} onChange={field.onChange} onBlur={field.onBlur} error={errors.repeatWeeklyUntil?.message} />}
          />
        ) : null}
      </fieldset>
      <fieldset className="grid gap-4 rounded-md border border-slate-300 p-3 md:grid-cols-2">
        <legend className="px-1 font-semibold">{t('fields.where')}</legend>
        <TextField label={t('fields.locationAddress')} {...form.register('locationAddress')} error={errors.locationAddress?.message} />
        <TextField type="url" label={t('fields.onlineUrl')} {...form.register('onlineUrl')} error={errors.onlineUrl?.message} />
        <TextField type="number" min={1} label={t('fields.capacity')} {...form.register('capacity')} error={errors.capacity?.message} />
        <TextField type="url" label={t('fields.registrationUrl')} {...form.register('registrationUrl')} error={errors.registrationUrl?.message} />
        <TextAreaField label={t('fields.attachments')} className="md:col-span-2" {...form.register('attachments')} error={errors.attachments?.message ?? (errors.attachments as unknown as { message?: string }[] | undefined)?.find?.((e) => e?.message)?.message} />
      </fieldset>
      <div>
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {editing ? t('actions.save') : t('actions.saveDraft')}
        </Button>
      </div>
    </form>
  )
}
