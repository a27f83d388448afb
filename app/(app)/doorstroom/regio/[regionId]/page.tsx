import { getTranslations } from 'next-intl/server'
import { getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { PageHeader } from '@/components/ui/layout'
import { ReportView } from '@/components/transitions/report-view'

/** A region's shared transition figures; another region is a 403, an unknown one a 404. */
export default async function RegionTransitionsPage({ params }: { params: Promise<{ regionId: string }> }) {
  const { regionId } = await params
  const t = await getTranslations('transitions')
  const caller = await getCaller()
  const r = await guard(caller.transitions.report({ regionId }))
  return (
    <>
      <PageHeader title={t('regionView', { region: r.subject.name })} />
      <ReportView target={{ regionId }} />
    </>
  )
}
