import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getLocale, getTranslations } from 'next-intl/server'
import { getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { Card, PageHeader } from '@/components/ui/layout'
import { IndicatorTable, planCell as cell } from '@/components/plan/indicator-table'
import { ActionButton, ContributionForm, GoalEvaluationForm } from '@/components/plan/forms'
import { formatIndicatorValue, schoolYearLabel } from '@/server/plan/format'

export default async function EvaluationPage({ params }: { params: Promise<{ planId: string; year: string }> }) {
  const { planId, year: y } = await params
  const year = Number(y)
  if (!Number.isInteger(year)) notFound()
  const ev = await guard((await getCaller()).plan.evaluation({ planId, year }))
  const [t, locale] = [await getTranslations('plan'), (await getLocale()) as 'nl' | 'en']
  const v = (i: { kind: string; config: Record<string, string> }, x: number | null) => (x === null ? '—' : formatIndicatorValue(i.kind, x, locale, i.config))
  return (
    <>
      <p className="mb-2">
        <Link href={`/plan/${planId}`} className="text-brand-700 underline">
          ← {ev.plan.title}
        </Link>
      </p>
      <PageHeader title={t('evaluation.titleYear', { year: schoolYearLabel(year) })} description={ev.plan.title} />
      {!ev.opened ? (
        <Card>
          <p className="mb-2 text-sm">{t('evaluation.notOpen')}</p>
          {ev.canManage ? <ActionButton action="openEvaluation" input={{ planId, year }} label={t('evaluation.open', { year: schoolYearLabel(year) })} done={t('evaluation.opened')} /> : null}
        </Card>
      ) : null}
      {ev.goals.map((g) => (
        <Card key={g.id} title={g.title}>
          {g.indicators.length === 0 ? (
            <p className="mb-3 text-sm text-slate-700">{t('indicators.none')}</p>
          ) : (
            <IndicatorTable
              region
              className="mb-3"
              caption={g.title}
              head={t('indicators.indicator')}
              before={[t('indicators.baseline')]}
              rows={g.indicators.map((i) => ({ ...i, key: i.id, head: i.name, before: [i.baselineYear !== null ? `${schoolYearLabel(i.baselineYear)}: ${v(i, i.baselineValue)}` : '—'] }))}
            />
          )}
          {ev.opened ? (
            <>
              {g.appliedInVersion ? <p className="mb-2 text-sm">{t('evaluation.decision')}: {t(`decisions.${g.decision!}`)} — {t('evaluation.appliedIn', { n: g.appliedInVersion })}</p> : null}
              {ev.canManage ? (
                <GoalEvaluationForm planId={planId} year={year} goalId={g.id} goalTitle={g.title} initial={{ evaluation: g.evaluation, decision: g.decision, decisionNote: g.decisionNote }} />
              ) : (
                <>
                  {g.evaluation ? <p className="text-sm">{t('evaluation.text')}: {g.evaluation}</p> : null}
                  {g.decision ? <p className="text-sm">{t('evaluation.decision')}: {t(`decisions.${g.decision}`)} {g.decisionNote}</p> : null}
                </>
              )}
              <h3 className="mt-3 font-semibold">{t('evaluation.contributions')}</h3>
              {g.contributions.length === 0 ? <p className="text-sm text-slate-700">{t('evaluation.noContributions')}</p> : null}
              <ul className="text-sm">
                {g.contributions.map((c) => (
                  <li key={c.id}>
                    <strong>{c.organisation.name}</strong>: {c.text}
                  </li>
                ))}
              </ul>
              {ev.contributingOrganisations.length ? <ContributionForm planId={planId} year={year} goalId={g.id} goalTitle={g.title} organisations={ev.contributingOrganisations.map((o) => ({ value: o.id, label: o.name }))} /> : null}
            </>
          ) : null}
        </Card>
      ))}
      {ev.opened && ev.canManage ? (
        <Card title={t('evaluation.decision')}>
          <ActionButton action="applyDecisions" input={{ planId, year }} label={t('evaluation.apply')} done={t('evaluation.applied', { n: '{n}' })} confirm={t('evaluation.confirmApply')} />
        </Card>
      ) : null}
      <Card title={t('evaluation.reach')}>
        <p className="mb-2 text-sm text-slate-700">{t('evaluation.reachNote')}</p>
        <table className="w-full border-collapse text-sm">
          <caption className="sr-only">{t('evaluation.reach')}</caption>
          <thead>
            <tr className="bg-slate-100">
              <th scope="col" className={cell}>{t('evaluation.organisation')}</th>
              <th scope="col" className={cell}>{t('evaluation.bookings')}</th>
            </tr>
          </thead>
          <tbody>
            {ev.reach.map((r) => (
              <tr key={r.id}>
                <th scope="row" className={cell}>{r.name}</th>
                <td className={cell}>{r.bookings === null ? t('indicators.suppressed') : r.bookings}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {ev.reachOtherSchools ? <p className="mt-2 text-sm text-slate-700">{t('evaluation.reachOthers', { n: ev.reachOtherSchools })}</p> : null}
      </Card>
    </>
  )
}
