'use client'
import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { useMutation } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useTRPC } from '@/components/trpc/client'
import { Button } from '@/components/ui/button'
import { applyServerError, FormStatus } from '@/components/ui/form'
import { useJoinResultText } from './region-requests'

type Region = { id: string; name: string }

/**
 * Lists the regions an organisation takes part in; coordinators remove it from the regions they run, and ask to
 * add it to one of theirs (it joins at once only if they may consent for the organisation, else it waits).
 */
export function RegionMembershipEditor({ organisationId, memberOf, manageable }: { organisationId: string; memberOf: Region[]; manageable: Region[] }) {
  const t = useTranslations('admin.organisations')
  const trpc = useTRPC()
  const router = useRouter()
  const [error, setError] = useState<string>()
  const [success, setSuccess] = useState<string>()
  const [regionId, setRegionId] = useState('')
  const setRegion = useMutation(trpc.organisation.setRegion.mutationOptions())
  const request = useMutation(trpc.organisation.requestRegion.mutationOptions())
  const resultText = useJoinResultText()
  const canManage = new Set(manageable.map((r) => r.id))
  const joinable = manageable.filter((r) => !memberOf.some((m) => m.id === r.id))
  async function attempt(action: () => Promise<string>) {
    setError(undefined)
    setSuccess(undefined)
    try {
      setSuccess(await action())
      router.refresh()
    } catch (err) {
      setError(applyServerError(err))
    }
  }
  const leave = (r: Region) =>
    window.confirm(t('confirmLeave', { name: r.name })) &&
    attempt(async () => {
      await setRegion.mutateAsync({ organisationId, regionId: r.id, member: false })
      return t('left', { name: r.name })
    })
  const join = (id: string) => attempt(async () => resultText(await request.mutateAsync({ organisationId, regionId: id })))
  return (
    <div className="flex flex-col gap-3">
      <FormStatus error={error} success={success} />
      <ul className="flex flex-col gap-2">
        {memberOf.map((r) => (
          <li key={r.id} className="flex items-center gap-3">
            <span>{r.name}</span>
            {canManage.has(r.id) ? (
              <Button variant="secondary" onClick={() => leave(r)}>
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
          <Button variant="secondary" disabled={!regionId || request.isPending} onClick={() => join(regionId)}>
            {t('requestSubmit')}
          </Button>
        </div>
      ) : null}
    </div>
  )
}
