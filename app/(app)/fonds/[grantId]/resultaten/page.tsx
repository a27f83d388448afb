import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { calendarLocale } from '@/components/calendar/locale'
import { getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { Card, PageHeader } from '@/components/ui/layout'
import { DataTable } from '@/components/ui/table'
import { StatusBadge } from '@/components/fund/status-badge'
import { ResultForm } from '@/components/fund/lifecycle-forms'
import { Pager, pageAt } from '@/components/ui/pager'
import { formatCount } from '@/components/transitions/format'
import { defaultDisclosure } from '@/server/transitions/suppression'

/** The results tab: a board's new results report, and the results reports a page at a time (newest first). */
export default async function ResultsPage({ params, searchParams }: { params: Promise<{ grantId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [{ grantId }, query] = await Promise.all([params, searchParams])
  const at = pageAt(query)
  const cursor = at.cursor
  const caller = await getCaller()
  const [grant, results] = await Promise.all([guard(caller.fund.grant({ grantId })), guard(caller.fund.results({ grantId, cursor }))])
  const [t, locale] = [await getTranslations('fund'), await calendarLocale()]
  const lineLabel = (l: { year: number; activity: string }) => `${l.year} · ${l.activity}`
  // A board reports results on the open lines it is responsible for.
  const resultLines = grant.lines.filter((l) => !grant.closed.includes(l.year) && !l.closedAt && l.boards.some((b) => grant.view.boardIds.includes(b.id)))
  return (
    <>
      <PageHeader title={t('results.title')} description={grant.fundName} />
      {grant.can.report && resultLines.length ? (
        <Card title={t('results.new')}>
          <ResultForm locale={locale} lines={resultLines.map((l) => ({ id: l.id, year: l.year, label: lineLabel(l) }))} />
        </Card>
      ) : null}
      <Card title={t('results.listTitle')}>
        <DataTable
          caption={t('results.caption')}
          rows={results.items}
          rowKey={(r) => r.id}
          empty={t('results.none')}
          columns={[
            { key: 'line', header: t('results.line'), cell: (r) => lineLabel(r.budgetLine) },
            { key: 'board', header: t('results.board'), cell: (r) => r.board.name },
            { key: 'pupils', header: t('results.pupilsReached'), numeric: true, cell: (r) => formatCount(r.pupilsReached, defaultDisclosure.threshold) },
            { key: 'events', header: t('results.eventCount'), numeric: true, cell: (r) => r.eventCount },
            { key: 'status', header: t('results.status'), cell: (r) => <StatusBadge status={r.status} /> },
            {
              key: 'view',
              header: t('results.view'),
              cell: (r) => (
                <Link href={`/fonds/${grant.id}/resultaten/${r.id}`} className="text-brand-700 underline" aria-label={`${t('results.view')}: ${lineLabel(r.budgetLine)}`}>
                  {t('results.view')}
                </Link>
              ),
            },
          ]}
        />
        <Pager path={`/fonds/${grant.id}/resultaten`} shown={results.items.length} total={results.total} nextCursor={results.nextCursor} at={at} testId="fund-results-pager" />
      </Card>
    </>
  )
}
