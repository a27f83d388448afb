'use client'
import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { useFieldArray, useForm } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import { useMutation } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import type { z } from 'zod'
import { useTRPC } from '@/components/trpc/client'
import { ZCreateOrganisationInput, ZUpdateOrganisationInput } from '@/server/tenancy/schema'
import { Button } from '@/components/ui/button'
import { SelectField, TextField } from '@/components/ui/field'
import { applyServerError, FormStatus } from '@/components/ui/form'

type Option = { value: string; label: string }
type CreateIn = z.input<typeof ZCreateOrganisationInput>
type CreateOut = z.output<typeof ZCreateOrganisationInput>

export type OrganisationFormValues = Omit<CreateIn, 'regionIds'> & { regionIds?: string[]; id?: string }

/** Create or edit an organisation with its locations. The same zod schema validates here and on the server. */
export function OrganisationForm({ initial, regions, boards }: { initial?: OrganisationFormValues & { id: string }; regions: Option[]; boards: Option[] }) {
  const t = useTranslations('admin.organisations')
  const tc = useTranslations('common')
  const ts = useTranslations('sectors')
  const trpc = useTRPC()
  const router = useRouter()
  const [status, setStatus] = useState<{ error?: string; success?: string }>({})
  const editing = !!initial
  const schema = editing ? ZUpdateOrganisationInput.extend({ regionIds: ZCreateOrganisationInput.shape.regionIds.optional() }) : ZCreateOrganisationInput
  const form = useForm<CreateIn, unknown, CreateOut>({
    resolver: zodResolver(schema as typeof ZCreateOrganisationInput),
    defaultValues: initial ?? { name: '', brin: '', sector: 'VO', city: '', rioCode: '', boardId: '', regionIds: regions.length === 1 ? [regions[0]!.value] : [], locations: [{ vestiging: '00', name: '', city: '', street: '', postcode: '' }] },
  })
  const locations = useFieldArray({ control: form.control, name: 'locations' })
  const create = useMutation(trpc.organisation.create.mutationOptions())
  const update = useMutation(trpc.organisation.update.mutationOptions())
  const errors = form.formState.errors

  const onSubmit = form.handleSubmit(async (values) => {
    setStatus({})
    try {
      if (editing) {
        const { regionIds: _r, ...rest } = values
        await update.mutateAsync({ ...rest, id: initial.id })
        setStatus({ success: t('updated') })
        router.refresh()
      } else {
        const org = await create.mutateAsync(values)
        router.push(`/organisations/${org.id}`)
      }
    } catch (err) {
      setStatus({ error: applyServerError(err, form.setError) })
    }
  })

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label={editing ? t('details') : t('new')}>
      <FormStatus error={status.error} success={status.success} />
      <div className="grid gap-4 md:grid-cols-2">
        <TextField label={t('name')} required {...form.register('name')} error={errors.name?.message} />
        <TextField label={t('brin')} required hint="21AB" {...form.register('brin')} error={errors.brin?.message} />
        <SelectField label={t('sector')} required options={(['VO', 'MBO', 'HBO', 'WO'] as const).map((s) => ({ value: s, label: ts(s) }))} {...form.register('sector')} error={errors.sector?.message} />
        <TextField label={t('city')} required {...form.register('city')} error={errors.city?.message} />
        <SelectField label={t('board')} options={boards} placeholder={t('noBoard')} {...form.register('boardId')} error={errors.boardId?.message} />
        <TextField label={t('rioCode')} {...form.register('rioCode')} error={errors.rioCode?.message} />
        {!editing ? (
          <SelectField
            label={t('region')}
            required
            options={regions}
            placeholder=""
            {...form.register('regionIds.0' as 'regionIds')}
            error={errors.regionIds?.message ?? errors.regionIds?.[0]?.message}
          />
        ) : null}
      </div>
      <fieldset className="flex flex-col gap-3 rounded-md border border-slate-300 p-3">
        <legend className="px-1 font-semibold">{t('locations')}</legend>
        {errors.locations?.root?.message || errors.locations?.message ? <p className="text-sm text-red-700">{errors.locations?.root?.message ?? errors.locations?.message}</p> : null}
        {locations.fields.map((f, i) => (
          <div key={f.id} className="grid items-end gap-3 md:grid-cols-6">
            <TextField label={t('vestiging')} required {...form.register(`locations.${i}.vestiging`)} error={errors.locations?.[i]?.vestiging?.message} />
            <TextField label={t('locationName')} required className="md:col-span-2" {...form.register(`locations.${i}.name`)} error={errors.locations?.[i]?.name?.message} />
            <TextField label={t('city')} required {...form.register(`locations.${i}.city`)} error={errors.locations?.[i]?.city?.message} />
            <TextField label={t('postcode')} {...form.register(`locations.${i}.postcode`)} error={errors.locations?.[i]?.postcode?.message} />
            <Button variant="secondary" onClick={() => locations.remove(i)} aria-label={t('removeLocation', { vestiging: form.getValues(`locations.${i}.vestiging`) || String(i + 1) })}>
              {tc('delete')}
            </Button>
          </div>
        ))}
        <div>
          <Button variant="secondary" onClick={() => locations.append({ vestiging: String(locations.fields.length).padStart(2, '0'), name: '', city: '', street: '', postcode: '' })}>
            {t('addLocation')}
          </Button>
        </div>
      </fieldset>
      <div>
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {editing ? tc('save') : tc('create')}
        </Button>
      </div>
    </form>
  )
}
