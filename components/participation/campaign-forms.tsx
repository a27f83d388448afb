'use client'
import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { useMutation } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useTRPC } from '@/components/trpc/client'
import { Button } from '@/components/ui/button'
import { SelectField, TextField } from '@/components/ui/field'
import { applyServerError, fieldIssues, FormStatus } from '@/components/ui/form'

type Option = { id: string; label: string }

function useAction() {
  const router = useRouter()
  const [status, setStatus] = useState<{ error?: string; success?: string; issues?: Record<string, string> }>({})
  const run = async (fn: () => Promise<unknown>, success: string) => {
    setStatus({})
    try {
      await fn()
      setStatus({ success })
      router.refresh()
      return true
    } catch (err) {
      setStatus({ error: applyServerError(err), issues: fieldIssues(err) })
      return false
    }
  }
  return { status, run }
}

function Checkboxes({ legend, name, options }: { legend: string; name: string; options: Option[] }) {
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="text-sm font-medium">{legend}</legend>
      <div className="max-h-60 overflow-y-auto rounded-md border border-slate-300 p-2">
        {options.map((o) => (
          <label key={o.id} className="flex items-start gap-2 py-1 text-sm">
            <input type="checkbox" name={name} value={o.id} className="mt-1" />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  )
}

/** A coordinator's new campaign: name, window, rules, schools, levels and slots. */
export function CampaignForm({ regionId, schools, slots, levels }: { regionId: string; schools: Option[]; slots: Option[]; levels: Option[] }) {
  const t = useTranslations('participation.campaigns')
  const trpc = useTRPC()
  const create = useMutation(trpc.participation.createCampaign.mutationOptions())
  const { status, run } = useAction()
  return (
    <form
      aria-label={t('new')}
      className="flex flex-col gap-3"
      onSubmit={async (e) => {
        e.preventDefault()
        const form = e.currentTarget
        const f = new FormData(form)
        const all = (n: string) => f.getAll(n).map(String)
        const ok = await run(
          () =>
            create.mutateAsync({
              regionId,
              name: String(f.get('name') ?? ''),
              opensAt: String(f.get('opensAt') ?? ''),
              closesAt: String(f.get('closesAt') ?? ''),
              maxPerPupil: Number(f.get('maxPerPupil') ?? 0),
              maxPerSector: f.get('maxPerSector') ? Number(f.get('maxPerSector')) : undefined,
              levels: all('levels') as never,
              schoolIds: all('schoolIds'),
              slotIds: all('slotIds'),
              listedOnly: f.get('listedOnly') === 'on',
            }),
          t('created'),
        )
        if (ok) form.reset()
      }}
    >
      <FormStatus error={status.error} success={status.success} />
      <div className="grid gap-3 md:grid-cols-3">
        <TextField label={t('name')} name="name" required error={status.issues?.name} />
        <TextField label={t('opensAt')} name="opensAt" type="date" required error={status.issues?.opensAt} />
        <TextField label={t('closesAt')} name="closesAt" type="date" required error={status.issues?.closesAt} />
        <TextField label={t('maxPerPupil')} name="maxPerPupil" type="number" defaultValue="2" required error={status.issues?.maxPerPupil} />
        <TextField label={t('maxPerSector')} name="maxPerSector" type="number" error={status.issues?.maxPerSector} />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="listedOnly" defaultChecked />
          {t('listedOnly')}
        </label>
      </div>
      <div className="grid gap-3 md:grid-cols-3">
        <Checkboxes legend={t('levels')} name="levels" options={levels} />
        <Checkboxes legend={t('schools')} name="schoolIds" options={schools} />
        <Checkboxes legend={t('slots')} name="slotIds" options={slots} />
      </div>
      <div>
        <Button type="submit" disabled={create.isPending}>
          {t('create')}
        </Button>
      </div>
    </form>
  )
}

/** Reserve places of a slot for a school, released at a set moment. */
export function ReserveForm({ slots, schools }: { slots: Option[]; schools: Option[] }) {
  const t = useTranslations('participation.campaigns')
  const trpc = useTRPC()
  const reserve = useMutation(trpc.participation.reserve.mutationOptions())
  const { status, run } = useAction()
  return (
    <form
      aria-label={t('reserve')}
      className="flex flex-col gap-3"
      onSubmit={async (e) => {
        e.preventDefault()
        const f = new FormData(e.currentTarget)
        await run(() => reserve.mutateAsync({ slotId: String(f.get('slotId') ?? ''), schoolId: String(f.get('schoolId') ?? ''), places: Number(f.get('places') ?? 0), releaseAt: String(f.get('releaseAt') ?? '') }), t('reservedDone'))
      }}
    >
      <FormStatus error={status.error} success={status.success} />
      <div className="grid gap-3 md:grid-cols-4">
        <SelectField label={t('slots')} name="slotId" required options={slots.map((s) => ({ value: s.id, label: s.label }))} error={status.issues?.slotId} />
        <SelectField label={t('reserveFor')} name="schoolId" required options={schools.map((s) => ({ value: s.id, label: s.label }))} error={status.issues?.schoolId} />
        <TextField label={t('places')} name="places" type="number" defaultValue="2" required error={status.issues?.places} />
        <TextField label={t('releaseAt')} name="releaseAt" type="datetime-local" required error={status.issues?.releaseAt} />
      </div>
      <div>
        <Button type="submit" variant="secondary" disabled={reserve.isPending}>
          {t('reserve')}
        </Button>
      </div>
    </form>
  )
}
