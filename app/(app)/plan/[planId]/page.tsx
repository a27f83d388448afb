import Link from 'next/link'
import { getLocale, getTranslations } from 'next-intl/server'
import { getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { Card, PageHeader } from '@/components/ui/layout'
import { LinkButton } from '@/components/ui/button'
import { StatusBadge } from '@/components/plan/status-badge'
import { VersionChanges } from '@/components/plan/version-change'
import { TrendChart } from '@/components/plan/trend-chart'
import { IndicatorTable, planCell as cell } from '@/components/plan/indicator-table'
import { ActionButton, AdoptForm, AgreementForm, AgreementStatusForm, EndorseForm, GoalForm } from '@/components/plan/forms'
import { schoolYearLabel } from '@/server/plan/format'
import { formatAmsterdam } from '@/server/lib/time'
import { ScrollRegion } from '@/components/ui/scroll-region'
import { MoneyTable } from '@/components/plan/money-table'
import { AddDisclosure, ListCard } from '@/components/plan/plan-sections'

export default async function PlanPage({ params }: { params: Promise<{ planId: string }> }) {
  const { planId } = await params
  const caller = await getCaller()
  const plan = await guard(caller.plan.get({ planId }))
  const [t, locale] = [await getTranslations('plan'), (await getLocale()) as 'nl' | 'en']
  const themes = plan.canManage ? await caller.plan.themes() : []
  const organisations = plan.canManage ? await caller.organisation.list({ regionId: plan.region.id }) : []
  const adopted = plan.version > 0
  const current = plan.versions[0]
  const themeName = (th: { nameNl: string; nameEn: string }) => (locale === 'nl' ? th.nameNl : th.nameEn)
  // Version diffs name a goal's theme by its key; shown by its name in the UI language (themes of the plan's goals and the admin's list).
  const themeNames = new Map([...plan.goals.map((g) => g.theme), ...themes].map((th) => [th.key, themeName(th)]))
  const byTheme = [...new Map(plan.goals.map((g) => [g.theme.id, g.theme])).values()].sort((a, b) => a.position - b.position)
  const lastEvaluation = plan.evaluationYears.at(-1)
  return (
    <>
      <PageHeader
        title={plan.title}
        description={`${plan.region.name} · ${plan.startYear}–${plan.endYear} · ${adopted ? t('versionN', { n: plan.version }) : t('draft')}`}
        actions={
          <>
            <LinkButton variant="secondary" href={`/plan/${plan.id}/afdrukken${lastEvaluation ? `?jaar=${lastEvaluation}` : ''}`}>
              {t('print')}
            </LinkButton>
            <a className="inline-flex items-center rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-medium text-slate-900" href={`/plan/${plan.id}/pdf${lastEvaluation ? `?jaar=${lastEvaluation}` : ''}`} download>
              {t('pdf')}
            </a>
          </>
        }
      />

      {plan.canManage ? (
        <Card title={t('adopt.title')}>
          <AdoptForm planId={plan.id} adopted={adopted} />
        </Card>
      ) : null}

      <Card title={t('endorsements.title')}>
        {!current ? (
          <p className="text-sm text-slate-700">{t('endorsements.notAdopted')}</p>
        ) : (
          <>
            <p className="mb-2 text-sm text-slate-700">{t('endorsements.forVersion', { n: current.number })}</p>
            {current.endorsements.length === 0 ? <p className="text-sm text-slate-700">{t('endorsements.none')}</p> : null}
            <ul className="mb-3 flex flex-col gap-1 text-sm" data-testid="plan-endorsements">
              {current.endorsements.map((e) => (
                <li key={e.id}>
                  <strong>{e.board.name}</strong>: {t(`endorsements.decisions.${e.decision}`)}
                  {e.comment ? ` — ${e.comment}` : ''}
                </li>
              ))}
            </ul>
            {plan.endorsingBoards.length ? <EndorseForm versionId={current.id} boards={plan.endorsingBoards.map((b) => ({ value: b.id, label: b.name }))} /> : null}
          </>
        )}
      </Card>

      <Card title={t('goals.title')}>
        {plan.goals.length === 0 ? <p className="text-sm text-slate-700">{t('goals.none')}</p> : null}
        {byTheme.map((th) => (
          <section key={th.id} className="mb-4">
            <h3 className="mb-1 font-semibold">{themeName(th)}</h3>
            <ul className="flex flex-col gap-1">
              {plan.goals
                .filter((g) => g.theme.id === th.id)
                .map((g) => (
                  <li key={g.id}>
                    <Link href={`/plan/${plan.id}/doel/${g.id}`} className="text-brand-700 underline">
                      {g.title}
                    </Link>
                    {g.status === 'STOPPED' ? ` (${t('goals.stopped')})` : ''}
                    {g.organisations.length ? <span className="text-sm text-slate-700"> · {g.organisations.map((o) => o.name).join(', ')}</span> : null}
                  </li>
                ))}
            </ul>
          </section>
        ))}
        {plan.canManage ? (
          <AddDisclosure label={t('goals.new')}>
            <GoalForm planId={plan.id} adopted={adopted} themes={themes.map((th) => ({ value: th.id, label: themeName(th) }))} organisations={organisations.map((o) => ({ value: o.id, label: o.name }))} />
          </AddDisclosure>
        ) : null}
      </Card>

      <ListCard
        title={t('agreements.title')}
        none={t('agreements.none')}
        empty={plan.agreements.length === 0}
        footer={
          plan.canManage ? (
            <AddDisclosure label={t('agreements.submit')}>
              <AgreementForm planId={plan.id} adopted={adopted} />
            </AddDisclosure>
          ) : null
        }
      >
        {plan.agreements.map((a) => (
          <li key={a.id} className="text-sm">
            <p>
              <strong>{t(`parties.${a.party}`)}</strong> {a.commitment} — {a.owner}, {t('agreements.dueDate').toLowerCase()} {formatAmsterdam(a.dueDate, 'd MMM yyyy', locale)} · {t(`agreements.statuses.${a.status}`)}
            </p>
            {plan.canManage ? <AgreementStatusForm agreementId={a.id} status={a.status} adopted={adopted} label={a.commitment} /> : null}
          </li>
        ))}
      </ListCard>

      <Card title={t('evaluation.title')}>
        <ul className="mb-3 flex flex-wrap gap-3">
          {plan.years.map((y) =>
            plan.evaluationYears.includes(y) ? (
              <li key={y}>
                <Link className="text-brand-700 underline" href={`/plan/${plan.id}/evaluatie/${y}`}>
                  {t('evaluation.view', { year: schoolYearLabel(y) })}
                </Link>
              </li>
            ) : plan.canManage ? (
              <li key={y}>
                <ActionButton action="openEvaluation" input={{ planId: plan.id, year: y }} label={t('evaluation.open', { year: schoolYearLabel(y) })} done={t('evaluation.opened')} variant="secondary" />
              </li>
            ) : null,
          )}
        </ul>
        {plan.evaluationYears.length === 0 ? <p className="text-sm text-slate-700">{t('evaluation.none')}</p> : null}
      </Card>

      <Card title={t('dashboard.title')}>
        <h3 className="mb-2 font-semibold">{t('dashboard.statusTable')}</h3>
        <ScrollRegion className="mb-4" label={t('dashboard.statusTable')}>
          <table className="w-full border-collapse text-sm" data-testid="plan-status-table">
            <caption className="sr-only">{t('dashboard.statusTable')}</caption>
            <thead>
              <tr className="bg-slate-100">
                <th scope="col" className={cell}>{t('dashboard.goal')}</th>
                {plan.years.map((y) => (
                  <th key={y} scope="col" className={cell}>{schoolYearLabel(y)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {plan.goals.map((g) => (
                <tr key={g.id}>
                  <th scope="row" className={cell}>{g.title}</th>
                  {g.statusByYear.map((s) => (
                    <td key={s.year} className={cell}>
                      <StatusBadge status={s.status} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>

        <h3 className="mb-2 font-semibold">{t('dashboard.trend')}</h3>
        {plan.goals.flatMap((g) =>
          g.indicators.map((i) => (
            <figure key={i.id} className="mb-4">
              <figcaption className="text-sm font-medium">
                {g.title} › {i.name}
              </figcaption>
              <TrendChart
                label={t('dashboard.chartLabel', { name: i.name })}
                actualLabel={t('indicators.actual')}
                targetLabel={t('indicators.target')}
                indicator={{ kind: i.kind, config: i.config }}
                data={i.cells.map((c) => ({ year: schoolYearLabel(c.year), actual: c.actual, target: c.target }))}
              />
              <IndicatorTable region caption={i.name} head={t('indicators.year')} rows={i.cells.map((c) => ({ ...c, key: c.year, head: schoolYearLabel(c.year), kind: i.kind, config: i.config }))} />
            </figure>
          )),
        )}

        <h3 className="mb-2 font-semibold">{t('dashboard.money')}</h3>
        {/* scrolls inside its box on a phone (the six columns made the page 823 px wide at 390 px) */}
        <MoneyTable goals={plan.goals} locale={locale} cell={cell} counts className="mb-4" testId="plan-money" />
      </Card>

      <ListCard title={t('versions.title')} none={t('versions.none')} empty={plan.versions.length === 0} ordered>
        {plan.versions.map((v) => (
          <li key={v.id} className="text-sm [overflow-wrap:anywhere]">
            <p>
              <strong>{t('versionN', { n: v.number })}</strong> · {formatAmsterdam(v.createdAt, 'd MMM yyyy', locale)} · {v.reason}
              {v.createdBy?.name ? ` · ${t('versions.by', { name: v.createdBy.name })}` : ''}
            </p>
            {v.number === 1 ? (
              <p className="text-slate-700">{t('versions.noChanges')}</p>
            ) : (
              <VersionChanges diff={v.diff} themeNames={themeNames} />
            )}
            {v.endorsements.length ? <p className="text-slate-700">{v.endorsements.map((e) => `${e.board.name}: ${t(`endorsements.decisions.${e.decision}`)}`).join(' · ')}</p> : null}
          </li>
        ))}
      </ListCard>
    </>
  )
}
