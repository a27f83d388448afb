import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { calendarLocale } from '@/components/calendar/locale'
import { getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { Card, PageHeader } from '@/components/ui/layout'
import { DataTable } from '@/components/ui/table'
import { NewReportForm } from '@/components/fund/report-form'
import { StatusBadge } from '@/components/fund/status-badge'
import { moneyFormatter } from '@/components/fund/money'
import { Pager, pageAt } from '@/components/ui/pager'
import { formatAmsterdam } from '@/server/lib/time'

/** The expenditure reports tab: a board's new report, and the reports a page at a time (newest spending first). */
export default async function ReportsPage({ params, searchParams }: { params: Promise<{ grantId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [{ grantId }, query] = await Promise.all([params, searchParams])
  const at = pageAt(query)
  const cursor = at.cursor
  const caller = await getCaller()
  const [grant, reports] = await Promise.all([guard(caller.fund.grant({ grantId })), guard(caller.fund.reports({ grantId, cursor }))])
  const [t, money, locale] = [await getTranslations('fund'), await moneyFormatter(), await calendarLocale()]
  const openLines = grant.lines.filter((l) => !grant.closed.includes(l.year) && !l.closedAt)
  return (
    <>
      <PageHeader title={t('reports.title')} description={grant.fundName} />
      {grant.can.report && openLines.length ? (
        <Card title={t('reports.newTitle')}>
          <NewReportForm grantId={grant.id} lines={openLines.map((l) => ({ id: l.id, activity: l.activity, year: l.year, category: l.category }))} />
        </Card>
      ) : null}
      <Card title={t('reports.listTitle')}>
        <DataTable
          caption={t('reports.caption')}
          rows={reports.items}
          rowKey={(r) => r.id}
          empty={t('reports.none')}
          columns={[
            { key: 'date', header: t('reports.spentOn'), cell: (r) => formatAmsterdam(r.spentOn, 'd MMM yyyy', locale) },
            { key: 'line', header: t('reports.line'), cell: (r) => `${r.budgetLine.year} · ${r.budgetLine.activity}` },
            { key: 'board', header: t('reports.board'), cell: (r) => r.board.name },
            { key: 'description', header: t('reports.description'), cell: (r) => r.description },
            { key: 'amount', header: t('reports.amount'), numeric: true, cell: (r) => money(r.amountCents) },
            { key: 'status', header: t('reports.status'), cell: (r) => <StatusBadge status={r.status} /> },
            {
              key: 'view',
              header: t('reports.view'),
              cell: (r) => (
                // The name says which report (aria-label, not a visually hidden span: an absolutely positioned span in a
                // sideways-scrolling table would widen the page).
                <Link href={`/fonds/${grant.id}/rapportages/${r.id}`} className="text-brand-700 underline" aria-label={`${t('reports.view')}: ${r.description}`}>
                  {t('reports.view')}
                </Link>
              ),
            },
          ]}
        />
        <Pager path={`/fonds/${grant.id}/rapportages`} shown={reports.items.length} total={reports.total} totalText={t('pager.sum', { amount: money(reports.totalCents) })} nextCursor={reports.nextCursor} at={at} testId="fund-reports-pager" />
      </Card>
    </>
  )
}
