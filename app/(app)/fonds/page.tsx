import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { getActor, getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { actionScope, holdsAction } from '@/server/auth/policy'
import { Card, PageHeader } from '@/components/ui/layout'
import { GrantForm } from '@/components/fund/grant-form'
import { DataTable } from '@/components/ui/table'

export default async function FundPage() {
  const [t, caller, actor] = [await getTranslations('fund'), await getCaller(), await getActor()]
  // The fund's readers see their grants; the penvoerder's staff (fund.pay only) the grants their organisation pays for.
  const reader = !!actor && holdsAction(actor, 'fund.read')
  const grants = await guard(reader ? caller.fund.grants() : caller.fund.payGrants())
  // Coordinators (and admins) create grants for the regions they manage, with a penvoerder from that region.
  const scope = actor ? actionScope(actor, 'fund.manage') : null
  const manageable = scope && (scope.all || scope.regionIds.length) ? (await caller.region.list()).filter((r) => scope.all || scope.regionIds.includes(r.id)) : []
  const organisations = (await Promise.all(manageable.map((r) => caller.organisation.list({ regionId: r.id })))).flat()
  const orgOptions = [...new Map(organisations.map((o) => [o.id, { id: o.id, name: o.name, regionIds: o.regions.map((x) => x.regionId) }])).values()]
  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      {manageable.length ? (
        <Card title={t('grantForm.new')}>
          <GrantForm regions={manageable.map((r) => ({ value: r.id, label: r.name }))} organisations={orgOptions} />
        </Card>
      ) : null}
      <DataTable
        caption={t('grantsCaption')}
        rows={grants}
        rowKey={(g) => g.id}
        empty={t('noGrants')}
        columns={[
          { key: 'fund', header: t('fundName'), cell: (g) => <Link href={reader ? `/fonds/${g.id}` : `/fonds/${g.id}/betalingen`} className="text-brand-700 underline">{g.fundName}</Link> },
          { key: 'region', header: t('region'), cell: (g) => g.region.name },
          { key: 'penvoerder', header: t('penvoerder'), cell: (g) => g.penvoerder.name },
          { key: 'period', header: t('period'), cell: (g) => `${g.startYear}–${g.endYear}` },
          { key: 'cofin', header: t('coFinancingRequired'), numeric: true, cell: (g) => `${g.coFinancingPercent}%` },
        ]}
      />
    </>
  )
}
