'use client'
import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { useMutation } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useTRPC } from '@/components/trpc/client'
import { Button } from '@/components/ui/button'
import { SelectField } from '@/components/ui/field'
import { applyServerError, FormStatus } from '@/components/ui/form'

const toValue = (v: boolean | null) => (v === null ? '' : v ? 'listed' : 'anyone')
const fromValue = (v: string) => (v === '' ? null : v === 'listed')

/** One rule (the institution's, or a programme's): who may book — saved on its own, with its own feedback. */
export function ListRuleForm({ organisationId, programmeId, label, listedOnly }: { organisationId: string; programmeId?: string; label: string; listedOnly: boolean | null }) {
  const t = useTranslations('participation.rules')
  const trpc = useTRPC()
  const router = useRouter()
  const save = useMutation(trpc.participation.setListRule.mutationOptions())
  const [value, setValue] = useState(toValue(listedOnly))
  const [status, setStatus] = useState<{ error?: string; success?: string }>({})
  const options = [
    { value: '', label: programmeId ? t('default') : t('defaultOrg') },
    ...(programmeId ? [{ value: 'anyone', label: t('anyone') }] : []),
    { value: 'listed', label: t('listedOnly') },
  ]
  return (
    <form
      className="flex flex-col gap-2 sm:flex-row sm:items-end"
      onSubmit={async (e) => {
        e.preventDefault()
        setStatus({})
        try {
          await save.mutateAsync({ organisationId, programmeId, listedOnly: fromValue(value) })
          setStatus({ success: t('saved') })
          router.refresh()
        } catch (err) {
          setStatus({ error: applyServerError(err) })
        }
      }}
    >
      <SelectField label={label} options={options} value={value} onChange={(e) => setValue(e.target.value)} className="sm:min-w-72" />
      <Button type="submit" variant="secondary" disabled={save.isPending} aria-label={`${t('save')}: ${label}`}>
        {t('save')}
      </Button>
      <FormStatus error={status.error} success={status.success} />
    </form>
  )
}
