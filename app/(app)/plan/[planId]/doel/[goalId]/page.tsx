import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getLocale, getTranslations } from 'next-intl/server'
import { getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { Card, PageHeader } from '@/components/ui/layout'
import { IndicatorTable } from '@/components/plan/indicator-table'
import { EditGoalForm, IndicatorForm, LinksEditor, ManualValueForm, TargetForm } from '@/components/plan/forms'
import { formatIndicatorValue, schoolYearLabel } from '@/server/plan/format'
import { formatAmsterdam } from '@/server/lib/time'
import { formatCents } from '@/server/fund/money'

export default async function GoalPage({ params }: { params: Promise<{ planId: string; goalId: string }> }) {
  const { planId, goalId } = await params
  const caller = await getCaller()
  const plan = await guard(caller.plan.get({ planId }))
  const goal = plan.goals.find((g) => g.id === goalId)
  if (!goal) notFound()
  const [t, locale] = [await getTranslations('plan'), (await getLocale()) as 'nl' | 'en']
  const linkable = plan.canManage ? await caller.plan.linkable({ planId }) : null
  const themes = plan.canManage ? await caller.plan.themes() : []
  const organisations = plan.canManage ? await caller.organisation.list({ regionId: plan.region.id }) : []
  const adopted = plan.version > 0
  const criteria = goal.indicators.some((i) => i.kind === 'MONITOR') || plan.canManage ? await caller.plan.monitorCriteria() : []
  const criterionName = (code: string | undefined) => {
    const c = criteria.find((x) => x.code === code)
    return c ? (locale === 'nl' ? c.nameNl : c.nameEn) : (code ?? '')
  }
  const kindLabel = (i: (typeof goal.indicators)[number]) => {
    const c = i.config
    const detail =
      i.kind === 'TRANSITIONS' ? `${t(`indicators.transitionMetrics.${c.metric as 'switchedPct'}`)}, ${c.track}` : i.kind === 'ACTIVITY' ? [t(`indicators.activityMetrics.${c.metric as 'BOOKED'}`), c.level, c.eventType].filter(Boolean).join(', ') : i.kind === 'FUND' ? t(`indicators.fundMetrics.${c.metric as 'APPROVED'}`) : i.kind === 'MONITOR' ? `${t(`indicators.monitorMetrics.${c.metric as 'MEDIAN'}`)}, ${criterionName(c.criterion)}` : (i.sourceNote ?? '')
    return `${t(`indicators.kinds.${i.kind}`)}: ${detail}`
  }
  return (
    <>
      <p className="mb-2">
        <Link href={`/plan/${plan.id}`} className="text-brand-700 underline">
          ← {t('goals.back')}
        </Link>
      </p>
      <PageHeader title={goal.title} description={`${locale === 'nl' ? goal.theme.nameNl : goal.theme.nameEn} · ${t(`goals.statuses.${goal.status}`)}`} />
      <Card title={t('goals.description')}>
        <p className="text-sm">{goal.description || '—'}</p>
        <p className="mt-2 text-sm text-slate-700">
          {t('goals.organisations')}: {goal.organisations.map((o) => o.name).join(', ') || '—'}
        </p>
        {plan.canManage ? (
          <details className="mt-3">
            <summary className="cursor-pointer font-medium text-brand-700">{t('goals.edit')}</summary>
            <div className="mt-2">
              <EditGoalForm
                goal={{ id: goal.id, themeId: goal.theme.id, title: goal.title, description: goal.description, organisationIds: goal.organisations.map((o) => o.id) }}
                adopted={adopted}
                themes={themes.map((th) => ({ value: th.id, label: locale === 'nl' ? th.nameNl : th.nameEn }))}
                organisations={organisations.map((o) => ({ value: o.id, label: o.name }))}
              />
            </div>
          </details>
        ) : null}
      </Card>

      <Card title={t('indicators.title')}>
        {goal.indicators.length === 0 ? <p className="text-sm text-slate-700">{t('indicators.none')}</p> : null}
        {goal.indicators.map((i) => (
          <section key={i.id} className="mb-5">
            <h3 className="font-semibold">{i.name}</h3>
            <p className="text-sm text-slate-700">
              {kindLabel(i)} · {t('indicators.direction')} {t(`indicators.directions.${i.direction}`)} · {t('indicators.baseline')}: {i.baselineYear !== null && i.baselineValue !== null ? `${schoolYearLabel(i.baselineYear)} ${formatIndicatorValue(i.kind, i.baselineValue, locale, i.config)}` : '—'}
            </p>
            <IndicatorTable region className="my-2" caption={i.name} head={t('indicators.year')} rows={i.cells.map((c) => ({ ...c, key: c.year, head: schoolYearLabel(c.year), kind: i.kind, config: i.config }))} />
            {plan.canManage && i.kind === 'MANUAL' ? (
              <details>
                <summary className="cursor-pointer text-sm font-medium text-brand-700">{t('indicators.manualValue')}: {i.name}</summary>
                <ManualValueForm indicatorId={i.id} indicatorName={i.name} years={plan.years} />
              </details>
            ) : null}
            {plan.canManage ? (
              <details>
                <summary className="cursor-pointer text-sm font-medium text-brand-700">{t('indicators.setTarget')}: {i.name}</summary>
                <TargetForm indicatorId={i.id} indicatorName={i.name} adopted={adopted} years={plan.years} />
              </details>
            ) : null}
          </section>
        ))}
        {plan.canManage ? (
          <details className="mt-3">
            <summary className="cursor-pointer font-medium text-brand-700">{t('indicators.new')}</summary>
            <div className="mt-2">
              <IndicatorForm goalId={goal.id} adopted={adopted} criteria={criteria.map((c) => ({ value: c.code, label: `${locale === 'nl' ? c.sectionNl : c.sectionEn}: ${locale === 'nl' ? c.nameNl : c.nameEn}` }))} />
            </div>
          </details>
        ) : null}
      </Card>

      <Card title={t('links.title')}>
        <div className="grid gap-4 md:grid-cols-3">
          <section>
            <h3 className="font-semibold">{t('links.events')}</h3>
            <ul className="text-sm" data-testid="plan-linked-events">
              {goal.events.map((e) => (
                <li key={e.id}>
                  {formatAmsterdam(e.startsAt, 'd MMM yyyy', locale)} · {e.title}
                </li>
              ))}
            </ul>
            {goal.events.length === 0 ? <p className="text-sm text-slate-700">{t('links.none')}</p> : null}
          </section>
          <section>
            <h3 className="font-semibold">{t('links.programmes')}</h3>
            <ul className="text-sm">
              {goal.programmes.map((p) => (
                <li key={p.id}>
                  {p.name} ({p.organisation.name})
                </li>
              ))}
            </ul>
            {goal.programmes.length === 0 ? <p className="text-sm text-slate-700">{t('links.none')}</p> : null}
          </section>
          <section>
            <h3 className="font-semibold">{t('links.budgetLines')}</h3>
            <ul className="text-sm">
              {goal.budgetLines.map((l) => (
                <li key={l.id}>
                  {l.year} · {l.activity} · {formatCents(l.amountCents, locale)} ({t('dashboard.approved').toLowerCase()} {formatCents(l.approvedCents, locale)})
                </li>
              ))}
            </ul>
            {goal.budgetLines.length === 0 ? <p className="text-sm text-slate-700">{t('links.none')}</p> : null}
          </section>
        </div>
        {linkable ? (
          <details className="mt-4">
            <summary className="cursor-pointer font-medium text-brand-700">{t('links.edit')}</summary>
            <div className="mt-2 grid gap-4 md:grid-cols-3">
              <LinksEditor goalId={goal.id} kind="event" legend={t('links.events')} selected={goal.events.map((e) => e.id)} options={linkable.events.map((e) => ({ value: e.id, label: `${formatAmsterdam(e.startsAt, 'd MMM yyyy', locale)} · ${e.title}` }))} />
              <LinksEditor goalId={goal.id} kind="programme" legend={t('links.programmes')} selected={goal.programmes.map((p) => p.id)} options={linkable.programmes.map((p) => ({ value: p.id, label: `${p.name} (${p.organisation.name})` }))} />
              <LinksEditor goalId={goal.id} kind="budgetLine" legend={t('links.budgetLines')} selected={goal.budgetLines.map((l) => l.id)} options={linkable.budgetLines.map((l) => ({ value: l.id, label: `${l.year} · ${l.activity}` }))} />
            </div>
          </details>
        ) : null}
      </Card>
    </>
  )
}
