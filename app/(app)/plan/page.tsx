import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { getActor, getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { actionScope } from '@/server/auth/policy'
import { Card, PageHeader } from '@/components/ui/layout'
import { DataTable } from '@/components/ui/table'
import { CreatePlanForm } from '@/components/plan/forms'

export default async function PlansPage() {
  const [t, caller, actor] = [await getTranslations('plan'), await getCaller(), await getActor()]
  const plans = await guard(caller.plan.list())
  const scope = actor ? actionScope(actor, 'plan.manage') : null
  const regions = scope && (scope.all || scope.regionIds.length) ? (await caller.region.list()).filter((r) => scope.all || scope.regionIds.includes(r.id)) : []
  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      {regions.length ? (
        <Card title={t('create.title')}>
          <CreatePlanForm regions={regions.map((r) => ({ value: r.id, label: r.name }))} />
        </Card>
      ) : null}
      <DataTable
        caption={t('plansCaption')}
        rows={plans}
        rowKey={(p) => p.id}
        empty={t('noPlans')}
        columns={[
          { key: 'title', header: t('create.planTitle'), cell: (p) => <Link href={`/plan/${p.id}`} className="text-brand-700 underline">{p.title}</Link> },
          { key: 'region', header: t('region'), cell: (p) => p.region.name },
          { key: 'period', header: t('period'), cell: (p) => `${p.startYear}–${p.endYear}` },
          { key: 'version', header: t('version'), cell: (p) => (p.version ? t('versionN', { n: p.version }) : t('draft')) },
        ]}
      />
    </>
  )
}
