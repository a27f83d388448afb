import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { calendarLocale } from '@/components/calendar/locale'
import { getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { Card, PageHeader } from '@/components/ui/layout'
import { DataTable } from '@/components/ui/table'
import { LinkButton, buttonClass } from '@/components/ui/button'
import { DashboardTables } from '@/components/fund/dashboard-tables'
import { NewReportForm } from '@/components/fund/report-form'
import { BudgetLineForm } from '@/components/fund/budget-line-form'
import { StatusBadge } from '@/components/fund/status-badge'
import { moneyFormatter } from '@/components/fund/money'
import { LineEventsEditor } from '@/components/fund/line-events'
import { formatAmsterdam } from '@/server/lib/time'

export default async function GrantPage({ params }: { params: Promise<{ grantId: string }> }) {
  const { grantId } = await params
  const caller = await getCaller()
  const [grant, data, reports] = await Promise.all([
    guard(caller.fund.grant({ grantId })),
    guard(caller.fund.dashboard({ grantId })),
    guard(caller.fund.reports({ grantId })),
  ])
  const [t, money, locale] = [await getTranslations('fund'), await moneyFormatter(), await calendarLocale()]
  const region = grant.view.kind === 'region'
  const openLines = grant.lines.filter((l) => !grant.closed.includes(l.year))
  return (
    <>
      <PageHeader
        title={grant.fundName}
        description={`${grant.region.name} · ${t('penvoerder')}: ${grant.penvoerder.name} · ${grant.startYear}–${grant.endYear} · ${t('coFinancingRequired')}: ${grant.coFinancingPercent}%`}
        actions={
          region ? (
            <>
              <a className={buttonClass('secondary')} href={`/api/fund/grants/${grant.id}/export?format=csv`} download>
                {t('export.csv')}
              </a>
              <a className={buttonClass('secondary')} href={`/api/fund/grants/${grant.id}/export?format=xlsx`} download>
                {t('export.xlsx')}
              </a>
              <LinkButton variant="secondary" href={`/fonds/${grant.id}/verantwoording`}>
                {t('export.print')}
              </LinkButton>
            </>
          ) : undefined
        }
      />
      <Card title={region ? t('dashboard.regionTitle') : t('dashboard.boardTitle')}>
        <DashboardTables data={data} canManage={grant.can.manage} />
      </Card>
      <Card title={t('lines.title')}>
        <DataTable
          caption={t('lines.caption')}
          rows={grant.lines}
          rowKey={(l) => l.id}
          empty={t('lines.none')}
          columns={[
            { key: 'year', header: t('dashboard.year'), cell: (l) => l.year },
            { key: 'activity', header: t('dashboard.activity'), cell: (l) => l.activity },
            { key: 'category', header: t('dashboard.category'), cell: (l) => t(`categories.${l.category}`) },
            { key: 'boards', header: t('lines.boards'), cell: (l) => l.boards.map((b) => b.name).join(', ') },
            { key: 'amount', header: t('lines.amountColumn'), numeric: true, cell: (l) => money(l.amountCents) },
            {
              key: 'events',
              header: t('lines.events'),
              cell: (l) => (
                <>
                  {l.events.length ? (
                    <ul className="flex flex-col gap-1" data-testid="fund-line-events">
                      {l.events.map((e) => (
                        <li key={e.id}>
                          <Link href={`/agenda/${e.id}`} className="text-brand-700 underline">
                            {e.title}
                          </Link>{' '}
                          <span className="text-slate-700">
                            ({formatAmsterdam(e.startsAt, 'd MMM yyyy', locale)}
                            {e.status === 'CANCELLED' ? `, ${t('lines.cancelled')}` : ''})
                          </span>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <span className="text-slate-700">{t('lines.noLinkedEvents')}</span>
                  )}
                  {grant.can.manage && !grant.closed.includes(l.year) ? (
                    <LineEventsEditor grantId={grant.id} line={{ id: l.id, year: l.year, activity: l.activity, eventIds: l.events.map((e) => e.id) }} />
                  ) : null}
                </>
              ),
            },
          ]}
        />
      </Card>
      {grant.can.manage ? (
        <Card title={t('lines.add')}>
          <BudgetLineForm
            grantId={grant.id}
            years={Array.from({ length: grant.endYear - grant.startYear + 1 }, (_, i) => grant.startYear + i).filter((y) => !grant.closed.includes(y))}
            boards={grant.boards.map((b) => ({ id: b.id, name: b.name }))}
          />
        </Card>
      ) : null}
      {grant.can.report && openLines.length ? (
        <Card title={t('reports.newTitle')}>
          <NewReportForm grantId={grant.id} lines={openLines.map((l) => ({ id: l.id, activity: l.activity, year: l.year, category: l.category }))} />
        </Card>
      ) : null}
      <Card title={t('reports.title')}>
        <DataTable
          caption={t('reports.caption')}
          rows={reports}
          rowKey={(r) => r.id}
          empty={t('reports.none')}
          columns={[
            { key: 'date', header: t('reports.spentOn'), cell: (r) => r.spentOn.toISOString().slice(0, 10) },
            { key: 'line', header: t('reports.line'), cell: (r) => `${r.budgetLine.year} · ${r.budgetLine.activity}` },
            { key: 'board', header: t('reports.board'), cell: (r) => r.board.name },
            { key: 'description', header: t('reports.description'), cell: (r) => r.description },
            { key: 'amount', header: t('reports.amount'), numeric: true, cell: (r) => money(r.amountCents) },
            { key: 'status', header: t('reports.status'), cell: (r) => <StatusBadge status={r.status} /> },
            {
              key: 'view',
              header: t('reports.view'),
              cell: (r) => (
                <Link href={`/fonds/${grant.id}/rapportages/${r.id}`} className="text-brand-700 underline">
                  {t('reports.view')}
                  <span className="sr-only">: {r.description}</span>
                </Link>
              ),
            },
          ]}
        />
      </Card>
    </>
  )
}
