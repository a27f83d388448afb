'use client'
import { useState } from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useTRPC } from '@/components/trpc/client'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/layout'
import { SelectField } from '@/components/ui/field'
import { FormStatus, applyServerError } from '@/components/ui/form'
import { SHARINGS } from '@/server/transitions/schema'

type Props = {
  datasetId: string
  sharing: (typeof SHARINGS)[number]
  regionId: string | null
  partnerIds: string[]
  regions: { id: string; name: string }[]
  candidates: { id: string; name: string; brin: string }[]
}

/** The owner's consent: nobody, named partners, or a region. Saving PRIVATE withdraws at once. */
export function ConsentForm(p: Props) {
  const t = useTranslations('transitions')
  const queryClient = useQueryClient()
  const [sharing, setSharing] = useState(p.sharing)
  const [regionId, setRegionId] = useState(p.regionId ?? p.regions[0]?.id ?? '')
  const [partners, setPartners] = useState<string[]>(p.partnerIds)
  const [status, setStatus] = useState<{ error?: string; success?: string }>({})
  const save = useMutation(useTRPC().transitions.setSharing.mutationOptions())
  return (
    <Card title={t('consent.title')}>
      <p className="mb-3 text-sm text-slate-700">{t('consent.hint')}</p>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault()
          setStatus({})
          save.mutate(
            { datasetId: p.datasetId, sharing, regionId: sharing === 'REGION' ? regionId : undefined, partnerIds: sharing === 'PARTNERS' ? partners : [] },
            {
              onSuccess: async (r) => {
                setStatus({ success: t('consent.saved', { sharing: t(`sharings.${r.sharing}`) }) })
                await queryClient.invalidateQueries()
              },
              onError: (err) => setStatus({ error: applyServerError(err) }),
            },
          )
        }}
      >
        <fieldset>
          <legend className="text-sm font-medium text-slate-900">{t('sharing')}</legend>
          {SHARINGS.map((s) => (
            <label key={s} className="mt-1 flex items-center gap-2 text-sm">
              <input type="radio" name="sharing" value={s} checked={sharing === s} onChange={() => setSharing(s)} />
              {t(`sharings.${s}`)}
            </label>
          ))}
        </fieldset>
        {sharing === 'REGION' ? (
          <SelectField label={t('consent.region')} value={regionId} onChange={(e) => setRegionId(e.target.value)} options={p.regions.map((r) => ({ value: r.id, label: r.name }))} />
        ) : null}
        {sharing === 'PARTNERS' ? (
          <fieldset className="max-h-56 overflow-y-auto rounded border border-slate-300 p-2">
            <legend className="text-sm font-medium text-slate-900">{t('consent.partners')}</legend>
            {p.candidates.map((o) => (
              <label key={o.id} className="flex items-center gap-2 text-sm">
                <input type="checkbox" checked={partners.includes(o.id)} onChange={(e) => setPartners((cur) => (e.target.checked ? [...cur, o.id] : cur.filter((x) => x !== o.id)))} />
                {o.name} ({o.brin})
              </label>
            ))}
          </fieldset>
        ) : null}
        <Button type="submit" disabled={save.isPending}>
          {t('consent.save')}
        </Button>
        <FormStatus error={status.error} success={status.success} />
      </form>
    </Card>
  )
}
