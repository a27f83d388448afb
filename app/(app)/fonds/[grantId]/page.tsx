import { getTranslations } from 'next-intl/server'
import { getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { Card, PageHeader } from '@/components/ui/layout'
import { buttonClass } from '@/components/ui/button'
import { DashboardTables } from '@/components/fund/dashboard-tables'
import { DeadlineForm } from '@/components/fund/lifecycle-forms'
import { GrantDocumentUpload } from '@/components/fund/evidence-upload'
import { calendarLocale } from '@/components/calendar/locale'
import { localDay } from '@/components/calendar/format'
import { formatAmsterdam } from '@/server/lib/time'

/**
 * The grant's overview: the dashboard, overdue results and the reporting deadlines, the grant decision. The budget,
 * reports, payments, results and settlement have their own tabs (pages with their own URLs).
 */
export default async function GrantPage({ params }: { params: Promise<{ grantId: string }> }) {
  const { grantId } = await params
  const caller = await getCaller()
  const [grant, data, overdue] = await Promise.all([guard(caller.fund.grant({ grantId })), guard(caller.fund.dashboard({ grantId })), guard(caller.fund.overdue({ grantId }))])
  const [t, locale] = [await getTranslations('fund'), await calendarLocale()]
  const region = grant.view.kind === 'region'
  return (
    <>
      <PageHeader
        title={grant.fundName}
        description={`${grant.region.name} · ${t('penvoerder')}: ${grant.penvoerder.name} · ${grant.startYear}–${grant.endYear} · ${t('coFinancingRequired')}: ${grant.coFinancingPercent}%`}
      />
      {region ? (
        <div className="mb-4 flex flex-wrap gap-2">
          <a className={buttonClass('secondary')} href={`/api/fund/grants/${grant.id}/export?format=csv`} download>
            {t('export.csv')}
          </a>
          <a className={buttonClass('secondary')} href={`/api/fund/grants/${grant.id}/export?format=xlsx`} download>
            {t('export.xlsx')}
          </a>
        </div>
      ) : null}
      {grant.closedAt ? (
        <p className="mb-4 font-semibold" data-testid="fund-grant-closed">
          {t('settlement.closed')}
        </p>
      ) : null}
      <Card title={t('deadlines.overdueTitle')}>
        {overdue.length ? (
          <>
            <p className="mb-2">{t('deadlines.overdueIntro')}</p>
            <ul className="flex list-disc flex-col gap-1 pl-5" data-testid="fund-overdue">
              {overdue.map((o) => (
                <li key={`${o.lineId}:${o.boardId}`}>
                  <strong className="font-semibold text-red-800">⚠</strong> {t('deadlines.overdueItem', { year: String(o.year), activity: o.activity, board: o.boardName, deadline: formatAmsterdam(localDay(o.deadline), 'd MMM yyyy', locale) })}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="text-slate-700">{t('deadlines.noneOverdue')}</p>
        )}
        {grant.can.manage ? (
          <div className="mt-4 flex flex-col gap-2">
            <h3 className="font-semibold">{t('deadlines.title')}</h3>
            {grant.allocations.map((a) => (
              <DeadlineForm key={a.year} grantId={grant.id} year={a.year} deadline={a.reportDeadline ? a.reportDeadline.toISOString().slice(0, 10) : null} />
            ))}
          </div>
        ) : null}
      </Card>
      <Card title={region ? t('dashboard.regionTitle') : t('dashboard.boardTitle')}>
        <DashboardTables data={data} canManage={grant.can.manage} />
      </Card>
      <Card title={t('documents.title')}>
        {grant.documents.length ? (
          <ul className="mb-2 flex flex-col gap-1">
            {grant.documents.map((d) => (
              <li key={d.id} className="break-words">
                <a href={`/api/fund/documents/${d.id}`} className="text-brand-700 underline" download>
                  {d.filename}
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mb-2 text-slate-700">{t('documents.none')}</p>
        )}
        {grant.can.manage ? <GrantDocumentUpload grantId={grant.id} /> : null}
      </Card>
    </>
  )
}
