import { getTranslations } from 'next-intl/server'
import { getCaller } from '@/server/api/server'
import { PageHeader } from '@/components/ui/layout'
import { ReportView } from '@/components/transitions/report-view'
import { guarded } from '@/components/transitions/guard'

export default async function RegionTransitionsPage({ params }: { params: Promise<{ regionId: string }> }) {
  const { regionId } = await params
  const t = await getTranslations('transitions')
  const caller = await getCaller()
  return guarded(
    () => caller.transitions.report({ regionId }),
    (r) => (
      <>
        <PageHeader title={t('regionView', { region: r.subject.name })} />
        <ReportView target={{ regionId }} />
      </>
    ),
  )
}
