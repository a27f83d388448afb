import { getTranslations } from 'next-intl/server'
import { getActor, getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { actionScope } from '@/server/auth/policy'
import { PageHeader, Card } from '@/components/ui/layout'
import { Alert } from '@/components/ui/alert'
import { DataTable } from '@/components/ui/table'
import { OrganisationForm } from '@/components/tenancy/organisation-form'
import { RegionMembershipEditor } from '@/components/tenancy/region-membership'
import { RegionRequestsCard } from '@/components/tenancy/region-requests-card'
import { Flash } from '@/components/ui/flash'

export default async function OrganisationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const [t, ts, actor, caller] = [await getTranslations('admin.organisations'), await getTranslations('sectors'), await getActor(), await getCaller()]
  const org = await guard(caller.organisation.get({ id }))
  const scope = actor ? actionScope(actor, 'organisation.manageRegions') : { all: false, regionIds: [] as string[] }
  const [boards, regions, requests] = await Promise.all([
    org.canEdit ? caller.board.list() : Promise.resolve([]),
    caller.region.list(),
    caller.organisation.regionRequests({ organisationId: org.id }),
  ])
  return (
    <>
      <PageHeader title={org.name} description={`${org.brin} · ${ts(org.sector)} · ${org.city}`} />
      <Card title={t('details')}>
        {org.canEdit ? (
          <OrganisationForm
            initial={{
              id: org.id,
              name: org.name,
              brin: org.brin,
              sector: org.sector,
              city: org.city,
              rioCode: org.rioCode ?? '',
              boardId: org.boardId ?? '',
              locations: org.locations.map((l) => ({ vestiging: l.vestiging, name: l.name, city: l.city, street: l.street ?? '', postcode: l.postcode ?? '' })),
            }}
            regions={[]}
            boards={boards.map((b) => ({ value: b.id, label: `${b.name} (${b.number})` }))}
          />
        ) : (
          <>
            <Alert>{t('readOnly')}</Alert>
            <div className="mt-4">
              <DataTable
                caption={t('locations')}
                rows={org.locations}
                rowKey={(l) => l.id}
                columns={[
                  { key: 'v', header: t('vestiging'), cell: (l) => `${org.brin}${l.vestiging}` },
                  { key: 'n', header: t('locationName'), cell: (l) => l.name },
                  { key: 'c', header: t('city'), cell: (l) => l.city },
                ]}
              />
            </div>
          </>
        )}
      </Card>
      <Card title={t('regionMembership')}>
        <RegionMembershipEditor
          organisationId={org.id}
          memberOf={org.regions.map((r) => ({ id: r.regionId, name: r.region.name }))}
          manageable={regions.filter((r) => scope.all || scope.regionIds.includes(r.id)).map((r) => ({ id: r.id, name: r.name }))}
        />
      </Card>
      <Flash />
      <RegionRequestsCard requests={requests} />
    </>
  )
}
