import Link from 'next/link'
import { getLocale, getTranslations } from 'next-intl/server'
import { getActor, getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { can } from '@/server/auth/policy'
import { currentSchoolYear, schoolYearLabel } from '@/server/monitor/school-year'
import { getAppFormatter } from '@/server/i18n/formatter'
import { Card, PageHeader } from '@/components/ui/layout'
import { Alert } from '@/components/ui/alert'
import { DataTable } from '@/components/ui/table'
import { CloseRound } from '@/components/monitor/controls'
import { intlLocale } from '@/server/i18n/config'

export default async function RegionMonitorPage({ params, searchParams }: { params: Promise<{ regionId: string }>; searchParams: Promise<{ jaar?: string }> }) {
  const [{ regionId }, { jaar }] = [await params, await searchParams]
  const now = currentSchoolYear()
  const schoolYear = jaar && /^\d{4}$/.test(jaar) ? Number(jaar) : now - 1
  const caller = await getCaller()
  const view = await guard(caller.monitor.region({ regionId, schoolYear }))
  const [t, locale, actor, format] = [await getTranslations('monitor'), await getLocale(), await getActor(), await getAppFormatter()]
  const name = (x: { nameNl: string; nameEn: string }) => (locale === 'en' ? x.nameEn : x.nameNl)
  const s = view.scores
  const years = [now, now - 1, now - 2, now - 3]
  const canClose = actor ? can(actor, 'monitor.regionManage', { regionIds: [regionId] }) : false
  return (
    <>
      <PageHeader title={t('region.title', { region: view.region.name })} description={t('region.intro')} />
      <nav aria-label={t('region.yearNav')} className="mb-4">
        <ul className="flex flex-wrap gap-3">
          {years.map((y) => (
            <li key={y}>
              <Link href={`/monitor/regio/${regionId}?jaar=${y}`} aria-current={y === schoolYear ? 'page' : undefined} className={y === schoolYear ? 'font-semibold text-slate-900' : 'text-brand-700 underline'}>
                {t('schoolYear', schoolYearLabel(y))}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Card title={t('schoolYear', schoolYearLabel(schoolYear))}>
        {s.status === 'open' ? (
          <div className="flex flex-col gap-3">
            <Alert>{t('region.roundOpen')}</Alert>
            <p className="text-slate-900">{s.submittedCount !== null ? t('region.submittedCount', { count: s.submittedCount }) : t('region.submittedFew')}</p>
            {canClose ? <CloseRound regionId={regionId} schoolYear={schoolYear} label={t('region.close', { year: `${schoolYear}–${schoolYear + 1}` })} /> : null}
          </div>
        ) : s.status === 'suppressed' ? (
          <Alert tone="warning">{s.reason === 'fewSchools' ? t('region.suppressedFew') : t('region.suppressedSharing')}</Alert>
        ) : (
          <div className="flex flex-col gap-3">
            <p className="text-sm text-slate-700">{t('region.closedAt', { date: format.dateTime(s.closedAt, { dateStyle: 'medium' }), count: s.schoolCount })}</p>
            <DataTable
              caption={t('region.caption')}
              rows={s.criteria}
              rowKey={(c) => c.code}
              columns={[
                { key: 'criterion', header: t('region.criterion'), cell: (c) => name(c) },
                { key: 'n', header: t('region.n'), numeric: true, cell: (c) => c.n ?? t('region.suppressedCell') },
                ...[1, 2, 3, 4].map((level) => ({ key: `l${level}`, header: t('region.level', { level }), numeric: true, cell: (c: (typeof s.criteria)[number]) => (c.counts ? c.counts[level - 1] : '–') })),
                { key: 'median', header: t('region.median'), numeric: true, cell: (c) => (c.median === null ? '–' : c.median.toLocaleString(intlLocale(locale))) },
              ]}
            />
          </div>
        )}
      </Card>
      <Card title={t('region.sharedTitle')}>
        {view.shared.length === 0 ? (
          <p className="text-slate-900">{t('region.sharedNone')}</p>
        ) : (
          <div className="flex flex-col gap-4">
            {view.shared.map((x) => (
              <section key={x.organisation.id}>
                <h3 className="mb-2 font-semibold text-slate-900">{x.organisation.name}</h3>
                <DataTable
                  caption={`${t('region.sharedCaption')}: ${x.organisation.name}`}
                  rows={view.sharedCriteria}
                  rowKey={(c) => c.code}
                  columns={[
                    { key: 'criterion', header: t('region.criterion'), cell: (c) => name(c) },
                    { key: 'score', header: t('comparison.current'), numeric: true, cell: (c) => x.scores[c.code] ?? '–' },
                  ]}
                />
              </section>
            ))}
          </div>
        )}
      </Card>
    </>
  )
}
