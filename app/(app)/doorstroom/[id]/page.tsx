import { getTranslations } from 'next-intl/server'
import { getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { PageHeader } from '@/components/ui/layout'
import { ReportView } from '@/components/transitions/report-view'
import { ImportPanel } from '@/components/transitions/import-panel'
import { ConsentForm } from '@/components/transitions/consent-form'

/** One dataset; one not shared with the actor is a 403, an unknown one a 404. */
export default async function DatasetPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const t = await getTranslations('transitions')
  const caller = await getCaller()
  const ds = await guard(caller.transitions.get({ datasetId: id }))
  return (
    <>
      <PageHeader title={`${ds.organisation.name} — ${ds.description}`} description={t(`sources.${ds.source}`)} />
      {ds.isOwner ? (
        <div className="grid grid-cols-1 gap-x-6 lg:grid-cols-2">
          <ImportPanel datasetId={ds.id} />
          <ConsentForm
            datasetId={ds.id}
            sharing={ds.sharing ?? 'PRIVATE'}
            regionId={ds.regionId}
            partnerIds={ds.partners.map((p) => p.id)}
            regions={ds.ownerRegions}
            candidates={ds.partnerCandidates}
          />
        </div>
      ) : null}
      <ReportView target={{ datasetId: ds.id }} />
    </>
  )
}
