import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { Card, PageHeader } from '@/components/ui/layout'
import { DataTable } from '@/components/ui/table'
import { LinkList } from '@/components/ui/link-list'
import { CreateDatasetForm } from '@/components/transitions/create-dataset-form'
import { defaultDisclosure } from '@/server/transitions/suppression'

export default async function TransitionsPage() {
  const t = await getTranslations('transitions')
  const caller = await getCaller()
  const [overview, datasets] = await Promise.all([guard(caller.transitions.overview()), guard(caller.transitions.list())])
  return (
    <>
      <PageHeader title={t('title')} description={t('intro', { threshold: defaultDisclosure.threshold })} />
      {overview.organisations.length ? <CreateDatasetForm organisations={overview.organisations} /> : null}
      <Card title={t('datasets')}>
        <DataTable
          caption={t('datasets')}
          rowKey={(d) => d.id}
          rows={datasets}
          empty={t('noDatasets')}
          columns={[
            { key: 'org', header: t('owner'), cell: (d) => d.organisation.name },
            {
              key: 'desc',
              header: t('description'),
              cell: (d) => (
                <Link className="text-brand-700 underline" href={`/doorstroom/${d.id}`}>
                  {d.description}
                </Link>
              ),
            },
            { key: 'source', header: t('source'), cell: (d) => t(`sources.${d.source}`) },
            { key: 'cohorts', header: t('cohorts'), cell: (d) => d.cohorts.join(', ') },
            { key: 'sharing', header: t('sharing'), cell: (d) => (d.isOwner ? t(`sharings.${d.sharing}`) + (d.region && d.sharing === 'REGION' ? ` (${d.region.name})` : '') : '—') },
          ]}
        />
      </Card>
      {overview.regions.length ? (
        <Card title={t('regionViews')}>
          <LinkList className="list-disc pl-5" links={overview.regions.map((r) => ({ key: r.id, href: `/doorstroom/regio/${r.id}`, label: t('regionView', { region: r.name }) }))} />
        </Card>
      ) : null}
    </>
  )
}
