import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { forbidden } from 'next/navigation'
import { getActor, getCaller } from '@/server/api/server'
import { isPlatformAdmin } from '@/server/auth/policy'
import { PageHeader, Card } from '@/components/ui/layout'
import { DataTable } from '@/components/ui/table'
import { RegionForm } from '@/components/tenancy/admin-forms'

export default async function RegionsPage() {
  const [t, actor, caller] = [await getTranslations('admin.regions'), await getActor(), await getCaller()]
  if (!actor || !isPlatformAdmin(actor)) forbidden()
  const regions = await caller.region.list()
  return (
    <>
      <PageHeader title={t('title')} />
      <Card title={t('new')}>
        <RegionForm />
      </Card>
      <DataTable
        caption={t('title')}
        rows={regions}
        rowKey={(r) => r.id}
        columns={[
          { key: 'name', header: t('name'), cell: (r) => <Link className="text-brand-700 underline" href={`/admin/regions/${r.id}`}>{r.name}</Link> },
          { key: 'slug', header: t('slug'), cell: (r) => <span className="font-mono">{r.slug}</span> },
          { key: 'province', header: t('province'), cell: (r) => r.province },
          { key: 'orgs', header: t('organisations'), numeric: true, cell: (r) => r._count.organisations },
        ]}
      />
    </>
  )
}
