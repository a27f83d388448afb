'use client'
import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { useMutation } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useTRPC } from '@/components/trpc/client'
import { Button } from '@/components/ui/button'
import { applyServerError, FormStatus } from '@/components/ui/form'

type Region = { id: string; name: string }

/** Lists the regions an organisation takes part in; coordinators add/remove it for the regions they run. */
export function RegionMembershipEditor({ organisationId, memberOf, manageable }: { organisationId: string; memberOf: Region[]; manageable: Region[] }) {
  const t = useTranslations('admin.organisations')
  const trpc = useTRPC()
  const router = useRouter()
  const [error, setError] = useState<string>()
  const [regionId, setRegionId] = useState('')
  const setRegion = useMutation(trpc.organisation.setRegion.mutationOptions())
  const canManage = new Set(manageable.map((r) => r.id))
  const joinable = manageable.filter((r) => !memberOf.some((m) => m.id === r.id))
  async function change(id: string, member: boolean) {
    setError(undefined)
    try {
      await setRegion.mutateAsync({ organisationId, regionId: id, member })
      router.refresh()
    } catch (err) {
      setError(applyServerError(err))
    }
  }
  return (
    <div className="flex flex-col gap-3">
      <FormStatus error={error} />
      <ul className="flex flex-col gap-2">
        {memberOf.map((r) => (
          <li key={r.id} className="flex items-center gap-3">
            <span>{r.name}</span>
            {canManage.has(r.id) ? (
              <Button variant="secondary" onClick={() => change(r.id, false)}>
                {t('leaveRegion', { name: r.name })}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {joinable.length > 0 ? (
        <div className="flex items-end gap-2">
          <div className="flex flex-col gap-1">
            <label htmlFor="join-region" className="text-sm font-medium">
              {t('region')}
            </label>
            <select id="join-region" value={regionId} onChange={(e) => setRegionId(e.target.value)} className="rounded-md border border-slate-500 px-3 py-2 text-sm">
              <option value="" />
              {joinable.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </div>
          <Button variant="secondary" disabled={!regionId} onClick={() => change(regionId, true)}>
            {t('joinRegion')}
          </Button>
        </div>
      ) : null}
    </div>
  )
}
