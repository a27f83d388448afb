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
import { SelectField, TextField } from '@/components/ui/field'
import { applyServerError, FormStatus } from '@/components/ui/form'
import { MAX_GRANT_YEARS, ZGrantForm } from '@/server/fund/schema'

type Option = { value: string; label: string }

/** The years of a period as typed so far (empty while it is not a valid period yet). */
function periodYears(start: unknown, end: unknown): number[] {
  const [a, b] = [Number(start), Number(end)]
  if (!Number.isInteger(a) || !Number.isInteger(b) || a < 2000 || b < a || b - a >= MAX_GRANT_YEARS) return []
  return Array.from({ length: b - a + 1 }, (_, i) => a + i)
}

type GrantFormSchema = ReturnType<typeof ZGrantForm>

/** Coordinator form: a region's grant with its penvoerder, co-financing requirement, period and yearly allocations. */
export function GrantForm({ regions, organisations }: { regions: Option[]; organisations: { id: string; name: string; regionIds: string[] }[] }) {
  const t = useTranslations('fund')
  const trpc = useTRPC()
  const router = useRouter()
  const [status, setStatus] = useState<{ error?: string; success?: string }>({})
  const locale = useUiLocale()
  const form = useForm<z.input<GrantFormSchema>, unknown, z.output<GrantFormSchema>>({
    resolver: zodResolver(ZGrantForm(locale)),
    defaultValues: { regionId: regions[0]?.value ?? '', fundName: '', penvoerderId: '', coFinancingPercent: '25', startYear: '2018', endYear: '2021', allocations: ['', '', '', ''] },
  })
  const [regionId, startYear, endYear] = useWatch({ control: form.control, name: ['regionId', 'startYear', 'endYear'] })
  const years = periodYears(startYear, endYear)
  const create = useMutation(trpc.fund.createGrant.mutationOptions())
  const errors = form.formState.errors
  const onSubmit = form.handleSubmit(async (v) => {
    setStatus({})
    try {
      await create.mutateAsync({
        regionId: v.regionId,
        fundName: v.fundName,
        penvoerderId: v.penvoerderId,
        coFinancingPercent: v.coFinancingPercent,
        startYear: v.startYear,
        endYear: v.endYear,
        allocations: v.allocations.map((amountCents, i) => ({ year: v.startYear + i, amountCents })),
      })
      setStatus({ success: t('grantForm.created') })
      form.reset()
      router.refresh()
    } catch (err) {
      setStatus({ error: applyServerError(err, form.setError) })
    }
  })
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4 md:grid-cols-2" aria-label={t('grantForm.new')}>
      <SelectField label={t('region')} required options={regions} {...form.register('regionId')} error={errors.regionId?.message} />
      <TextField label={t('fundName')} required {...form.register('fundName')} error={errors.fundName?.message} />
      <SelectField
        label={t('penvoerder')}
        required
        placeholder={t('grantForm.choose')}
        options={organisations.filter((o) => o.regionIds.includes(regionId)).map((o) => ({ value: o.id, label: o.name }))}
        {...form.register('penvoerderId')}
        error={errors.penvoerderId?.message}
      />
      <TextField label={t('grantForm.coFinancingPercent')} required inputMode="numeric" {...form.register('coFinancingPercent')} error={errors.coFinancingPercent?.message} />
      <TextField label={t('grantForm.startYear')} required inputMode="numeric" {...form.register('startYear')} error={errors.startYear?.message} />
      <TextField label={t('grantForm.endYear')} required inputMode="numeric" {...form.register('endYear')} error={errors.endYear?.message} />
      {years.map((year, i) => (
        <TextField
          key={year}
          label={t('grantForm.allocation', { year })}
          hint={t('reports.amountHint')}
          required
          inputMode="decimal"
          {...form.register(`allocations.${i}`)}
          error={errors.allocations?.[i]?.message}
        />
      ))}
      <div className="md:col-span-2 flex flex-col gap-3">
        <FormStatus error={status.error} success={status.success} />
        <div>
          <Button type="submit" disabled={create.isPending}>
            {t('grantForm.new')}
          </Button>
        </div>
      </div>
    </form>
  )
}
