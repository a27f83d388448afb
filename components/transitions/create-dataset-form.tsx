'use client'
import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { useMutation } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useTRPC } from '@/components/trpc/client'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/layout'
import { SelectField, TextField } from '@/components/ui/field'
import { FormStatus, applyServerError } from '@/components/ui/form'
import { SOURCES } from '@/server/transitions/schema'

/** New dataset for one of the actor's own organisations; then on to its page to import figures. */
export function CreateDatasetForm({ organisations }: { organisations: { id: string; name: string }[] }) {
  const t = useTranslations('transitions')
  const router = useRouter()
  const [organisationId, setOrganisationId] = useState(organisations[0]?.id ?? '')
  const [source, setSource] = useState<(typeof SOURCES)[number]>('NCO')
  const [description, setDescription] = useState('')
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})
  const [error, setError] = useState<string | null>(null)
  const create = useMutation(useTRPC().transitions.create.mutationOptions())
  return (
    <Card title={t('create.title')}>
      <form
        className="grid grid-cols-1 gap-3 sm:grid-cols-3"
        onSubmit={(e) => {
          e.preventDefault()
          setError(null)
          setFieldErrors({})
          create.mutate(
            { organisationId, source, description },
            {
              onSuccess: (ds) => router.push(`/doorstroom/${ds.id}`),
              onError: (err) => setError(applyServerError(err, (path, { message }) => setFieldErrors((f) => ({ ...f, [path]: message ?? '' })))),
            },
          )
        }}
      >
        {organisations.length > 1 ? (
          <SelectField label={t('create.organisation')} value={organisationId} onChange={(e) => setOrganisationId(e.target.value)} options={organisations.map((o) => ({ value: o.id, label: o.name }))} />
        ) : null}
        <SelectField label={t('source')} value={source} onChange={(e) => setSource(e.target.value as typeof source)} options={SOURCES.map((s) => ({ value: s, label: t(`sources.${s}`) }))} />
        <TextField label={t('description')} required value={description} error={fieldErrors.description} onChange={(e) => setDescription(e.target.value)} />
        <div className="sm:col-span-3">
          <Button type="submit" disabled={create.isPending}>
            {t('create.submit')}
          </Button>
        </div>
        <div className="sm:col-span-3">
          <FormStatus error={error} />
        </div>
      </form>
    </Card>
  )
}
