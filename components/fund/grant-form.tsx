'use client'
import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { useForm, useWatch } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import { useMutation } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import type { z } from 'zod'
import { useTRPC } from '@/components/trpc/client'
import { Button } from '@/components/ui/button'
import { SelectField, TextField } from '@/components/ui/field'
import { applyServerError, FormStatus } from '@/components/ui/form'
import { ZGrantForm } from '@/server/schemas/fund'

type Option = { value: string; label: string }
const YEARS = 4

/** Coordinator form: a region's grant with its penvoerder, co-financing requirement and four yearly allocations. */
export function GrantForm({ regions, organisations }: { regions: Option[]; organisations: { id: string; name: string; regionIds: string[] }[] }) {
  const t = useTranslations('fund')
  const trpc = useTRPC()
  const router = useRouter()
  const [status, setStatus] = useState<{ error?: string; success?: string }>({})
  const form = useForm<z.input<typeof ZGrantForm>, unknown, z.output<typeof ZGrantForm>>({
    resolver: zodResolver(ZGrantForm),
    defaultValues: { regionId: regions[0]?.value ?? '', fundName: '', penvoerderId: '', coFinancingPercent: '25', startYear: '2018', allocations: Array(YEARS).fill('') },
  })
  const [regionId, startYear] = useWatch({ control: form.control, name: ['regionId', 'startYear'] })
  const first = Number(startYear) || 2018
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
        endYear: v.startYear + YEARS - 1,
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
      {Array.from({ length: YEARS }, (_, i) => (
        <TextField
          key={i}
          label={t('grantForm.allocation', { year: first + i })}
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
