'use client'
import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { useMutation } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useTRPC } from '@/components/trpc/client'
import { Button } from '@/components/ui/button'
import { DataTable } from '@/components/ui/table'
import { SelectField, TextField } from '@/components/ui/field'
import { applyServerError, fieldIssues, FormStatus } from '@/components/ui/form'
import { flash } from '@/components/ui/flash'

type Option = { value: string; label: string }
type JoinResult = { status: 'member' | 'joined' | 'pending'; organisation: { name: string } }

/** The message shown after asking to include an organisation in a region (one place for both forms). */
export function useJoinResultText() {
  const t = useTranslations('admin.organisations')
  return (r: JoinResult) => t(r.status === 'pending' ? 'requested' : r.status === 'joined' ? 'joined' : 'alreadyMember', { name: r.organisation.name })
}

/** A coordinator asks, by BRIN code, to include an organisation in one of their regions. */
export function RegionJoinRequestForm({ regions }: { regions: Option[] }) {
  const t = useTranslations('admin.organisations')
  const router = useRouter()
  const resultText = useJoinResultText()
  const request = useMutation(useTRPC().organisation.requestRegion.mutationOptions())
  const [brin, setBrin] = useState('')
  const [regionId, setRegionId] = useState(regions.length === 1 ? regions[0]!.value : '')
  const [status, setStatus] = useState<{ error?: string; success?: string; issues?: Record<string, string> }>({})
  return (
    <form
      aria-label={t('requestTitle')}
      className="flex flex-col gap-3"
      onSubmit={async (e) => {
        e.preventDefault()
        setStatus({})
        try {
          const res = await request.mutateAsync({ brin: brin.trim().toUpperCase(), regionId })
          setStatus({ success: resultText(res) })
          setBrin('')
          router.refresh()
        } catch (err) {
          setStatus({ error: applyServerError(err), issues: fieldIssues(err) })
        }
      }}
    >
      <p className="text-sm text-slate-700">{t('requestIntro')}</p>
      <FormStatus error={status.error} success={status.success} />
      <div className="flex flex-wrap items-end gap-3">
        <TextField label={t('brin')} name="brin" required value={brin} onChange={(e) => setBrin(e.target.value)} error={status.issues?.brin} autoComplete="off" maxLength={4} />
        <SelectField label={t('region')} name="regionId" required value={regionId} onChange={(e) => setRegionId(e.target.value)} options={regions} placeholder="" error={status.issues?.regionId} />
        <Button type="submit" disabled={request.isPending}>
          {t('requestSubmit')}
        </Button>
      </div>
    </form>
  )
}

export type RegionRequestRow = {
  id: string
  organisation: { id: string; name: string; brin: string }
  region: { id: string; name: string }
  requestedBy: string
  requestedOn: string
  canDecide: boolean
}

/** Pending region requests: the organisation's side accepts or declines (declining asks first); others see them waiting. */
export function RegionJoinRequestList({ requests, caption }: { requests: RegionRequestRow[]; caption: string }) {
  const t = useTranslations('admin.organisations')
  const tc = useTranslations('common')
  const router = useRouter()
  const decide = useMutation(useTRPC().organisation.decideRegionRequest.mutationOptions())
  const [status, setStatus] = useState<{ error?: string }>({})
  async function run(r: RegionRequestRow, accept: boolean) {
    const names = { name: r.organisation.name, region: r.region.name }
    if (!accept && !window.confirm(t('confirmDecline', names))) return
    setStatus({})
    flash(null)
    try {
      await decide.mutateAsync({ requestId: r.id, accept })
      // A decided request leaves the list, and with the last one the page drops the list (and this status line):
      // the page's <Flash /> shows the outcome instead.
      flash(t(accept ? 'accepted' : 'declined', names))
      router.refresh()
    } catch (err) {
      setStatus({ error: applyServerError(err) })
    }
  }
  return (
    <div className="flex flex-col gap-3">
      <FormStatus error={status.error} />
      <DataTable
        caption={caption}
        rows={requests}
        rowKey={(r) => r.id}
        empty={tc('noResults')}
        columns={[
          { key: 'org', header: t('organisation'), cell: (r) => `${r.organisation.name} (${r.organisation.brin})` },
          { key: 'region', header: t('region'), cell: (r) => r.region.name },
          { key: 'by', header: t('requestedBy'), cell: (r) => r.requestedBy },
          { key: 'on', header: t('requestedOn'), cell: (r) => r.requestedOn },
          {
            key: 'status',
            header: t('status'),
            cell: (r) =>
              r.canDecide ? (
                <span className="flex flex-wrap gap-2">
                  <Button aria-label={t('acceptLabel', { name: r.organisation.name, region: r.region.name })} disabled={decide.isPending} onClick={() => run(r, true)}>
                    {t('accept')}
                  </Button>
                  <Button variant="danger" aria-label={t('declineLabel', { name: r.organisation.name, region: r.region.name })} disabled={decide.isPending} onClick={() => run(r, false)}>
                    {t('decline')}
                  </Button>
                </span>
              ) : (
                t('waiting')
              ),
          },
        ]}
      />
    </div>
  )
}
