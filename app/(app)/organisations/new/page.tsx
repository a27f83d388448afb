import { getTranslations } from 'next-intl/server'
import { forbidden } from 'next/navigation'
import { getActor, getCaller } from '@/server/api/server'
import { actionScope } from '@/server/auth/policy'
import { PageHeader, Card } from '@/components/ui/layout'
import { OrganisationForm } from '@/components/tenancy/organisation-form'

export default async function NewOrganisationPage() {
  const [t, actor, caller] = [await getTranslations('admin.organisations'), await getActor(), await getCaller()]
  const scope = actor ? actionScope(actor, 'organisation.create') : null
  if (!scope || (!scope.all && scope.regionIds.length === 0)) forbidden()
  const [regions, boards] = await Promise.all([caller.region.list(), caller.board.list()])
  const allowed = regions.filter((r) => scope.all || scope.regionIds.includes(r.id))
  return (
    <>
      <PageHeader title={t('new')} />
      <Card>
        <OrganisationForm regions={allowed.map((r) => ({ value: r.id, label: r.name }))} boards={boards.map((b) => ({ value: b.id, label: `${b.name} (${b.number})` }))} />
      </Card>
    </>
  )
}
