import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { forbidden } from 'next/navigation'
import { getActor, getCaller } from '@/server/api/server'
import { holdsAction } from '@/server/auth/policy'
import { Card, PageHeader } from '@/components/ui/layout'
import { ListRuleForm } from '@/components/participation/list-rules-form'

/** An institution's publishers: whether pupils not on a class list may book (per institution or programme). */
export default async function InstitutionRulesPage() {
  const actor = await getActor()
  if (!actor || !holdsAction(actor, 'participation.institution')) forbidden()
  const [t, caller] = [await getTranslations('participation'), await getCaller()]
  const orgs = await caller.participation.ruleOrganisations()
  const rules = await Promise.all(orgs.map(async (o) => ({ org: o, rules: await caller.participation.listRules({ organisationId: o.id }) })))
  return (
    <>
      <PageHeader title={t('rules.title')} description={t('rules.description')} />
      {holdsAction(actor, 'participation.evaluations') ? (
        <p className="mb-4">
          <Link href="/leerlingen/evaluaties" className="font-medium text-brand-700 underline">
            {t('rules.evaluationsLink')}
          </Link>
        </p>
      ) : null}
      {orgs.length === 0 ? <p>{t('rules.none')}</p> : null}
      {rules.map(({ org, rules: r }) => (
        <Card key={org.id} title={org.name}>
          <div className="flex flex-col gap-4">
            <ListRuleForm organisationId={org.id} label={`${t('rules.whole')}: ${t('rules.rule')}`} listedOnly={r.listedOnly} />
            {r.programmes.map((p) => (
              <ListRuleForm key={p.id} organisationId={org.id} programmeId={p.id} label={`${t('rules.programme')} ${p.name}`} listedOnly={p.listedOnly} />
            ))}
          </div>
        </Card>
      ))}
    </>
  )
}
