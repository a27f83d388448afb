'use client'
import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { useForm, useWatch } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import { useMutation } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useUiLocale } from '@/components/ui/use-ui-locale'
import type { z } from 'zod'
import { useTRPC } from '@/components/trpc/client'
import { Button } from '@/components/ui/button'
import { SelectField, TextField, useIssueText } from '@/components/ui/field'
import { applyServerError, FormStatus } from '@/components/ui/form'
import { FUND_CATEGORIES, ZBudgetLineForm } from '@/server/fund/schema'
import { EventCheckboxes } from './line-events'

type BudgetLineFormSchema = ReturnType<typeof ZBudgetLineForm>

/**
 * Coordinator form: a new budget line (activity, category, year, amount in euros, responsible boards) and,
 * optionally, the events of the shared calendar in that year that carry out the activity.
 */
export function BudgetLineForm({ grantId, years, boards }: { grantId: string; years: number[]; boards: { id: string; name: string }[] }) {
  const t = useTranslations('fund')
  const issue = useIssueText()
  const trpc = useTRPC()
  const router = useRouter()
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const locale = useUiLocale()
  const form = useForm<z.input<BudgetLineFormSchema>, unknown, z.output<BudgetLineFormSchema>>({
    resolver: zodResolver(ZBudgetLineForm(locale)),
    defaultValues: { activity: '', category: 'ACTIVITIES', year: String(years[0] ?? ''), amount: '', boardIds: [], eventIds: [] },
  })
  const year = Number(useWatch({ control: form.control, name: 'year' }))
  const create = useMutation(trpc.fund.createBudgetLine.mutationOptions())
  const errors = form.formState.errors
  const onSubmit = form.handleSubmit(async (v) => {
    setError(null)
    setDone(null)
    try {
      await create.mutateAsync({ grantId, activity: v.activity, category: v.category, year: v.year, amountCents: v.amount, boardIds: v.boardIds, eventIds: v.eventIds })
      setDone(t('lines.created'))
      form.reset()
      router.refresh()
    } catch (e) {
      setError(applyServerError(e, form.setError))
    }
  })
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4 md:grid-cols-2" aria-label={t('lines.add')}>
      <TextField label={t('dashboard.activity')} required error={errors.activity?.message} {...form.register('activity')} />
      <SelectField label={t('dashboard.category')} required options={FUND_CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))} {...form.register('category')} />
      {/* Events are offered per year: a change of year drops the events chosen for another year. */}
      <SelectField label={t('dashboard.year')} required options={years.map((y) => ({ value: String(y), label: String(y) }))} error={errors.year?.message} {...form.register('year', { onChange: () => form.setValue('eventIds', []) })} />
      <TextField label={t('lines.amount')} hint={t('reports.amountHint')} inputMode="decimal" required error={errors.amount?.message} {...form.register('amount')} />
      <fieldset className="md:col-span-2" aria-describedby={errors.boardIds ? 'fund-line-boards-error' : undefined}>
        <legend className="text-sm font-medium text-slate-900">{t('lines.boards')}</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {boards.map((b) => (
            <label key={b.id} className="flex items-center gap-2 text-sm">
              <input type="checkbox" value={b.id} {...form.register('boardIds')} />
              {b.name}
            </label>
          ))}
        </div>
        {errors.boardIds ? (
          <p id="fund-line-boards-error" className="text-sm text-red-700">
            {issue(errors.boardIds.message)}
          </p>
        ) : null}
      </fieldset>
      <div className="md:col-span-2">
        <EventCheckboxes grantId={grantId} year={year} legend={t('lines.eventsLegend')} checkbox={(id) => ({ value: id, ...form.register('eventIds') })} />
      </div>
      <div className="md:col-span-2 flex flex-col gap-3">
        <FormStatus error={error} success={done} />
        <div>
          <Button type="submit" disabled={create.isPending}>
            {t('lines.add')}
          </Button>
        </div>
      </div>
    </form>
  )
}
