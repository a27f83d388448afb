import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { PageHeader } from '@/components/ui/layout'
import { DataTable } from '@/components/ui/table'

export default async function FundPage() {
  const t = await getTranslations('fund')
  const grants = await guard((await getCaller()).fund.grants())
  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      <DataTable
        caption={t('grantsCaption')}
        rows={grants}
        rowKey={(g) => g.id}
        empty={t('noGrants')}
        columns={[
          { key: 'fund', header: t('fundName'), cell: (g) => <Link href={`/fonds/${g.id}`} className="text-brand-700 underline">{g.fundName}</Link> },
          { key: 'region', header: t('region'), cell: (g) => g.region.name },
          { key: 'penvoerder', header: t('penvoerder'), cell: (g) => g.penvoerder.name },
          { key: 'period', header: t('period'), cell: (g) => `${g.startYear}–${g.endYear}` },
          { key: 'cofin', header: t('coFinancingRequired'), numeric: true, cell: (g) => `${g.coFinancingPercent}%` },
        ]}
      />
    </>
  )
}
