import Link from 'next/link'
import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { getActor, getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { actionScope, holdsAction } from '@/server/auth/policy'
import { ZListOrganisationsInput } from '@/server/tenancy/schema'
import { Pager, pageAt } from '@/components/ui/pager'
import { Card, PageHeader } from '@/components/ui/layout'
import { RegionJoinRequestForm } from '@/components/tenancy/region-requests'
import { RegionRequestsCard } from '@/components/tenancy/region-requests-card'
import { LinkButton, Button } from '@/components/ui/button'
import { DataTable } from '@/components/ui/table'
import { SelectField, TextField } from '@/components/ui/field'
import { Flash } from '@/components/ui/flash'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin.organisations'))('title') }
}

type Search = Record<string, string | string[] | undefined> & { q?: string; sector?: string; region?: string }

export default async function OrganisationsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const sp = await searchParams
  const [t, tc, ts, actor, caller] = [await getTranslations('admin.organisations'), await getTranslations('common'), await getTranslations('sectors'), await getActor(), await getCaller()]
  const parsed = ZListOrganisationsInput.safeParse({ search: sp.q, sector: sp.sector, regionId: sp.region })
  const input = parsed.success ? parsed.data : {}
  // A page of 25 by name; the cursor is checked by the procedure (a forged one is a 404 page).
  const at = pageAt(sp)
  const [orgs, regions, requests] = await Promise.all([guard(caller.organisation.page({ ...input, cursor: at.cursor, limit: 25 })), caller.region.list(), caller.organisation.regionRequests({})])
  const manage = actor ? actionScope(actor, 'organisation.manageRegions') : null
  const requestable = regions.filter((r) => manage && (manage.all || manage.regionIds.includes(r.id)))
  return (
    <>
      <PageHeader title={t('title')} actions={actor && holdsAction(actor, 'organisation.create') ? <LinkButton href="/organisations/new">{t('new')}</LinkButton> : null} />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3" role="search">
        <TextField label={t('searchLabel')} name="q" defaultValue={sp.q ?? ''} />
        <SelectField label={t('filterSector')} name="sector" defaultValue={sp.sector ?? ''} placeholder={tc('all')} options={(['VO', 'MBO', 'HBO', 'WO'] as const).map((s) => ({ value: s, label: ts(s) }))} />
        <SelectField label={t('region')} name="region" defaultValue={sp.region ?? ''} placeholder={tc('all')} options={regions.map((r) => ({ value: r.id, label: r.name }))} />
        <Button type="submit" variant="secondary">
          {tc('filter')}
        </Button>
      </form>
      <Flash />
      <RegionRequestsCard requests={requests} />
      {requestable.length > 0 ? (
        <Card title={t('requestTitle')}>
          <RegionJoinRequestForm regions={requestable.map((r) => ({ value: r.id, label: r.name }))} />
        </Card>
      ) : null}
      <DataTable
        caption={t('title')}
        rows={orgs.items}
        rowKey={(o) => o.id}
        empty={tc('noResults')}
        columns={[
          { key: 'name', header: t('name'), cell: (o) => <Link className="text-brand-700 underline" href={`/organisations/${o.id}`}>{o.name}</Link> },
          { key: 'brin', header: t('brin'), cell: (o) => <span className="font-mono">{o.brin}</span> },
          { key: 'sector', header: t('sector'), cell: (o) => ts(o.sector) },
          { key: 'city', header: t('city'), cell: (o) => o.city },
          { key: 'board', header: t('board'), cell: (o) => o.board?.name ?? '—' },
          { key: 'regions', header: t('regions'), cell: (o) => o.regions.map((r) => r.region.name).join(', ') },
        ]}
      />
      <Pager path="/organisations" at={at} keep={{ q: sp.q, sector: sp.sector, region: sp.region }} shown={orgs.items.length} total={orgs.total} nextCursor={orgs.nextCursor} testId="organisations-pager" />
    </>
  )
}
