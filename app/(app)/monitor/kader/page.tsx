import Link from 'next/link'
import { getLocale, getTranslations } from 'next-intl/server'
import { getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { PageHeader } from '@/components/ui/layout'
import { DataTable } from '@/components/ui/table'

export default async function FrameworksPage() {
  const caller = await getCaller()
  const list = await guard(caller.monitor.frameworks())
  const [t, locale] = [await getTranslations('monitor.framework'), await getLocale()]
  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      <DataTable
        caption={t('caption')}
        rows={list}
        rowKey={(f) => f.id}
        columns={[
          { key: 'version', header: t('version'), numeric: true, cell: (f) => f.version },
          { key: 'name', header: t('name'), cell: (f) => <Link className="text-brand-700 underline" href={`/monitor/kader/${f.id}`}>{locale === 'en' ? f.nameEn : f.nameNl}</Link> },
          { key: 'state', header: t('state'), cell: (f) => (f.retiredAt ? t('retired') : f.activatedAt ? t('active') : t('draft')) },
          { key: 'criteria', header: t('criteria'), numeric: true, cell: (f) => f._count.criteria },
          { key: 'assessments', header: t('assessments'), numeric: true, cell: (f) => f._count.assessments },
        ]}
      />
    </>
  )
}
