import Link from 'next/link'
import { getLocale, getTranslations } from 'next-intl/server'
import { getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { PrintButton } from '@/components/fund/print-button'
import { IndicatorTable } from '@/components/plan/indicator-table'
import { formatIndicatorValue, schoolYearLabel } from '@/server/plan/format'
import { formatAmsterdam } from '@/server/lib/time'
import { MoneyTable } from '@/components/plan/money-table'

const cell = 'border border-slate-400 px-2 py-1 text-left'

/** The plan, a year's evaluation and the money per goal, laid out for paper (print CSS); the PDF has the same content. */
export default async function PrintPage({ params, searchParams }: { params: Promise<{ planId: string }>; searchParams: Promise<{ jaar?: string }> }) {
  const { planId } = await params
  const { jaar } = await searchParams
  const caller = await getCaller()
  const plan = await guard(caller.plan.get({ planId }))
  const year = jaar && /^\d{4}$/.test(jaar) && plan.evaluationYears.includes(Number(jaar)) ? Number(jaar) : undefined
  const ev = year ? await guard(caller.plan.evaluation({ planId, year })) : null
  const [t, locale] = [await getTranslations('plan'), (await getLocale()) as 'nl' | 'en']
  return (
    <article className="plan-print">
      <style>{`@media print { header, nav, .no-print { display: none !important } main { max-width: none !important; padding: 0 !important } .plan-print tr, .plan-print section { break-inside: avoid } }`}</style>
      <p className="no-print mb-4 flex gap-4">
        <Link href={`/plan/${plan.id}`} className="text-brand-700 underline">
          ← {plan.title}
        </Link>
        <PrintButton label={t('printNow')} />
      </p>
      <h1 className="text-2xl font-bold">{plan.title}</h1>
      <p className="mb-4 text-slate-700">
        {plan.region.name} · {plan.startYear}–{plan.endYear} · {plan.version ? t('versionN', { n: plan.version }) : t('draft')}
      </p>
      <h2 className="mt-4 text-lg font-semibold">{t('goals.title')}</h2>
      {plan.goals.map((g) => (
        <section key={g.id} className="mb-3">
          <h3 className="font-semibold">
            {g.title} ({locale === 'nl' ? g.theme.nameNl : g.theme.nameEn})
          </h3>
          {g.description ? <p className="text-sm">{g.description}</p> : null}
          <ul className="ml-4 list-disc text-sm">
            {g.indicators.map((i) => (
              <li key={i.id}>
                {i.name} — {t('indicators.targets')}: {i.targets.map((x) => `${schoolYearLabel(x.year)} ${formatIndicatorValue(i.kind, x.value, locale, i.config)}`).join(', ') || '—'}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <h2 className="mt-4 text-lg font-semibold">{t('agreements.title')}</h2>
      <ul className="ml-4 list-disc text-sm">
        {plan.agreements.map((a) => (
          <li key={a.id}>
            {t(`parties.${a.party}`)} {a.commitment} — {a.owner}, {formatAmsterdam(a.dueDate, 'd MMM yyyy', locale)} ({t(`agreements.statuses.${a.status}`)})
          </li>
        ))}
      </ul>
      {ev ? (
        <>
          <h2 className="mt-4 text-lg font-semibold">{t('evaluation.titleYear', { year: schoolYearLabel(ev.year) })}</h2>
          <IndicatorTable
            region
            cell={cell}
            plainStatus
            caption={t('evaluation.titleYear', { year: schoolYearLabel(ev.year) })}
            head={t('dashboard.goal')}
            before={[t('indicators.indicator')]}
            after={[t('evaluation.decision')]}
            rows={ev.goals.flatMap((g) => g.indicators.map((i) => ({ ...i, key: i.id, head: g.title, before: [i.name], after: [g.decision ? t(`decisions.${g.decision}`) : '—'] })))}
          />
        </>
      ) : null}
      <h2 className="mt-4 text-lg font-semibold">{t('dashboard.money')}</h2>
      <MoneyTable goals={plan.goals} locale={locale} cell={cell} />
    </article>
  )
}
