'use client'
import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { Controller, useForm, useWatch, type FieldValues, type Path, type UseFormReturn } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import { useMutation } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useUiLocale } from '@/components/ui/use-ui-locale'
import type { z } from 'zod'
import { useTRPC } from '@/components/trpc/client'
import { Button } from '@/components/ui/button'
import { SelectField, TextAreaField, TextField } from '@/components/ui/field'
import { DateField } from '@/components/ui/date-field'
import { applyServerError, FormStatus } from '@/components/ui/form'
import { FUND_CATEGORIES, ZCreateReportForm, ZReportForm } from '@/server/fund/schema'
import { centsToInput } from '@/server/fund/money'

type ReportFormSchema = ReturnType<typeof ZReportForm>
type CreateReportFormSchema = ReturnType<typeof ZCreateReportForm>
type ReportFormValues = z.input<ReportFormSchema>

/** The fields shared by the new-report and edit-report forms. */
function ReportFields<T extends FieldValues, O>({ form, year }: { form: UseFormReturn<T, unknown, O>; year?: number }) {
  const t = useTranslations('fund')
  const err = (name: string) => (form.formState.errors as Record<string, { message?: string } | undefined>)[name]?.message
  const reg = (name: string) => form.register(name as Path<T>)
  return (
    <>
      <TextField label={t('reports.amount')} hint={t('reports.amountHint')} inputMode="decimal" required error={err('amount')} {...reg('amount')} />
      <TextField label={t('reports.coFinanced')} hint={t('reports.amountHint')} inputMode="decimal" required error={err('coFinanced')} {...reg('coFinanced')} />
      <Controller
        control={form.control}
        name={'spentOn' as Path<T>}
        render={({ field }) => (
          <DateField
            label={t('reports.spentOn')}
            required
            min={year ? `${year}-01-01` : undefined}
            max={year ? `${year}-12-31` : undefined}
            error={err('spentOn')}
            value={field.value as string}
            onChange={field.onChange}
            onBlur={field.onBlur}
          />
        )}
      />
      <SelectField label={t('reports.category')} required options={FUND_CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))} error={err('category')} {...reg('category')} />
      <TextAreaField label={t('reports.description')} required className="md:col-span-2" error={err('description')} {...reg('description')} />
    </>
  )
}

export function NewReportForm({ grantId, lines }: { grantId: string; lines: { id: string; activity: string; year: number; category: string }[] }) {
  const t = useTranslations('fund')
  const trpc = useTRPC()
  const router = useRouter()
  const [error, setError] = useState<string | null>(null)
  const locale = useUiLocale()
  const form = useForm<z.input<CreateReportFormSchema>, unknown, z.output<CreateReportFormSchema>>({
    resolver: zodResolver(ZCreateReportForm(locale)),
    defaultValues: { budgetLineId: '', amount: '', coFinanced: '0', spentOn: '', description: '', category: 'ACTIVITIES' },
  })
  const create = useMutation(trpc.fund.createReport.mutationOptions())
  const lineId = useWatch({ control: form.control, name: 'budgetLineId' })
  const line = lines.find((l) => l.id === lineId)
  const onSubmit = form.handleSubmit(async (v) => {
    setError(null)
    try {
      const report = await create.mutateAsync({ budgetLineId: v.budgetLineId, amountCents: v.amount, coFinancedCents: v.coFinanced, spentOn: v.spentOn, description: v.description, category: v.category })
      router.push(`/fonds/${grantId}/rapportages/${report.id}`)
    } catch (e) {
      setError(applyServerError(e))
    }
  })
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4 md:grid-cols-2" aria-label={t('reports.newTitle')}>
      <SelectField
        label={t('reports.line')}
        required
        className="md:col-span-2"
        placeholder="—"
        options={lines.map((l) => ({ value: l.id, label: `${l.year} · ${l.activity}` }))}
        error={form.formState.errors.budgetLineId?.message}
        {...form.register('budgetLineId', { onChange: (e) => { const l = lines.find((x) => x.id === e.target.value); if (l) form.setValue('category', l.category as never) } })}
      />
      <ReportFields form={form} year={line?.year} />
      <div className="md:col-span-2 flex flex-col gap-3">
        <FormStatus error={error} />
        <div>
          <Button type="submit" disabled={create.isPending}>
            {t('reports.create')}
          </Button>
        </div>
      </div>
    </form>
  )
}

export function EditReportForm({ report, year }: { report: { id: string; version: number; amountCents: number; coFinancedCents: number; spentOn: string; description: string; category: string }; year: number }) {
  const t = useTranslations('fund')
  const trpc = useTRPC()
  const router = useRouter()
  const [error, setError] = useState<string | null>(null)
  const [saved, setSaved] = useState<string | null>(null)
  const locale = useUiLocale()
  const form = useForm<ReportFormValues, unknown, z.output<ReportFormSchema>>({
    resolver: zodResolver(ZReportForm(locale)),
    defaultValues: { amount: centsToInput(report.amountCents, locale), coFinanced: centsToInput(report.coFinancedCents, locale), spentOn: report.spentOn, description: report.description, category: report.category as never },
  })
  const update = useMutation(trpc.fund.updateReport.mutationOptions())
  const onSubmit = form.handleSubmit(async (v) => {
    setError(null)
    setSaved(null)
    try {
      await update.mutateAsync({ id: report.id, version: report.version, amountCents: v.amount, coFinancedCents: v.coFinanced, spentOn: v.spentOn, description: v.description, category: v.category })
      setSaved(t('reports.saved'))
      router.refresh()
    } catch (e) {
      setError(applyServerError(e))
    }
  })
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4 md:grid-cols-2">
      <ReportFields form={form} year={year} />
      <div className="md:col-span-2 flex flex-col gap-3">
        <FormStatus error={error} success={saved} />
        <div>
          <Button type="submit" disabled={update.isPending}>
            {t('reports.save')}
          </Button>
        </div>
      </div>
    </form>
  )
}
