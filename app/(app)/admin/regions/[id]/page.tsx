import { getTranslations } from 'next-intl/server'
import { forbidden, notFound } from 'next/navigation'
import { getActor, getCaller } from '@/server/api/server'
import { isPlatformAdmin } from '@/server/auth/policy'
import { PageHeader, Card } from '@/components/ui/layout'
import { RegionForm } from '@/components/tenancy/admin-forms'

export default async function EditRegionPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, t, actor, caller] = [await params, await getTranslations('common'), await getActor(), await getCaller()]
  if (!actor || !isPlatformAdmin(actor)) forbidden()
  const region = (await caller.region.list()).find((r) => r.id === id)
  if (!region) notFound()
  return (
    <>
      <PageHeader title={region.name} />
      <Card title={t('edit')}>
        <RegionForm region={{ id: region.id, name: region.name, slug: region.slug, province: region.province }} />
      </Card>
    </>
  )
}
