import type { ReactNode } from 'react'
import { getLocale, getTranslations } from 'next-intl/server'
import { formatAmsterdam } from '@/server/lib/time'
import { DataTable, type Column } from '@/components/ui/table'
import { YearChart } from './charts'
import { moneyFormatter } from './money'
import { CloseYearButton, ReopenYear } from './report-actions'
import type { RouterOutputs } from './types'

type Dashboard = RouterOutputs['fund']['dashboard']

function Flag({ on, label }: { on: boolean; label: string }) {
  return on ? <strong className="font-semibold text-red-800">⚠ {label}</strong> : <span aria-hidden="true">—</span>
}

/** A headed section with one table (its caption is the heading). */
function TableSection<T>({ id, title, children, ...table }: { id: string; title: string; children?: ReactNode; rows: T[]; rowKey: (r: T) => string; columns: Column<T>[]; empty?: string }) {
  return (
    <section className="mb-6" aria-labelledby={id}>
      <h2 id={id} className="mb-2 text-lg font-semibold">
        {title}
      </h2>
      {children}
      <DataTable caption={title} {...table} />
    </section>
  )
}

/** The dashboard's figures: chart plus the same numbers in tables, per year, category, board and budget line. */
export async function DashboardTables({ data, canManage }: { data: Dashboard; canManage: boolean }) {
  const [t, tc, money, locale] = [await getTranslations('fund.dashboard'), await getTranslations('fund.categories'), await moneyFormatter(), (await getLocale()) as 'nl' | 'en']
  const region = data.scope === 'region'
  const sumCols = <T extends { reportedCents: number; approvedCents: number; coFinancedCents: number }>(): Column<T>[] => [
    { key: 'reported', header: t('reported'), numeric: true, cell: (r) => money(r.reportedCents) },
    { key: 'approved', header: t('approved'), numeric: true, cell: (r) => money(r.approvedCents) },
    { key: 'cofin', header: t('coFinanced'), numeric: true, cell: (r) => money(r.coFinancedCents) },
  ]
  type YearRow = Dashboard['byYear'][number] | ({ year: 'total' } & Dashboard['totals'] & { closed: false; overspent: false; overBudget: false; reportDeadline: null })
  const yearRows: YearRow[] = [...data.byYear, { year: 'total', ...data.totals, closed: false, overspent: false, overBudget: false, reportDeadline: null }]
  const yearCols: Column<YearRow>[] = [
    { key: 'year', header: t('year'), cell: (r) => (r.year === 'total' ? <strong>{t('total')}</strong> : r.year) },
    ...(region ? [{ key: 'allocation', header: t('allocation'), numeric: true, cell: (r: YearRow) => money(r.allocationCents) }] : []),
    { key: 'budgeted', header: t('budgeted'), numeric: true, cell: (r) => money(r.budgetedCents) },
    ...sumCols<YearRow>(),
    ...(region ? [{ key: 'required', header: t('coFinancingRequired'), numeric: true, cell: (r: YearRow) => money(r.requiredCoFinancingCents) }] : []),
    { key: 'paid', header: t('paid'), numeric: true, cell: (r) => <span data-testid={`fund-paid-${r.year}`}>{money(r.paidCents)}</span> },
    { key: 'deadline', header: t('deadline'), cell: (r) => (r.reportDeadline ? formatAmsterdam(r.reportDeadline, 'd MMM yyyy', locale) : '') },
    {
      key: 'flags',
      header: t('flags'),
      cell: (r) =>
        r.year === 'total' ? null : (
          <div className="flex flex-col gap-1">
            {r.overspent ? <Flag on label={t('overspent')} /> : null}
            {r.overBudget ? <Flag on label={t('overBudget')} /> : null}
            {r.closed ? <span>{t('closed')}</span> : null}
            {canManage ? r.closed ? <ReopenYear grantId={data.grant.id} year={r.year} /> : <CloseYearButton grantId={data.grant.id} year={r.year} /> : null}
            {!r.overspent && !r.overBudget && !r.closed && !canManage ? <span aria-hidden="true">—</span> : null}
          </div>
        ),
    },
  ]
  return (
    <>
      {region ? (
        <p className="mb-4" data-testid="fund-cofinancing">
          {t('coFinancingSummary', { achieved: money(data.totals.coFinancedCents), required: money(data.totals.requiredCoFinancingCents), percent: data.grant.coFinancingPercent })}
        </p>
      ) : null}
      <p className="mb-4" data-testid="fund-budget-version">
        {t('budgetVersion', { n: data.budgetVersion })}
      </p>
      <TableSection id="fund-by-year" title={t('byYear')} rows={yearRows} rowKey={(r) => String(r.year)} columns={yearCols}>
        <YearChart
          data={data.byYear}
          withAllocation={region}
          label={t('chartLabel')}
          labels={{ allocationCents: t('allocation'), budgetedCents: t('budgeted'), reportedCents: t('reported'), approvedCents: t('approved') }}
        />
      </TableSection>
      <TableSection
        id="fund-by-category"
        title={t('byCategory')}
        rows={data.byCategory}
        rowKey={(r) => r.category}
        empty={t('empty')}
        columns={[
          { key: 'category', header: t('category'), cell: (r) => tc(r.category) },
          { key: 'budgeted', header: t('budgeted'), numeric: true, cell: (r) => money(r.budgetedCents) },
          ...sumCols<Dashboard['byCategory'][number]>(),
          { key: 'flags', header: t('flags'), cell: (r) => <Flag on={r.overspent} label={t('overspent')} /> },
        ]}
      />
      <TableSection
        id="fund-by-board"
        title={t('byBoard')}
        rows={data.byBoard}
        rowKey={(r) => r.id}
        empty={t('empty')}
        columns={[
          { key: 'board', header: t('board'), cell: (r) => `${r.name} (${r.number})` },
          { key: 'count', header: t('reports'), numeric: true, cell: (r) => r.reportCount },
          ...sumCols<Dashboard['byBoard'][number]>(),
          { key: 'paid', header: t('paid'), numeric: true, cell: (r) => money(r.paidCents) },
          { key: 'outstanding', header: t('outstanding'), numeric: true, cell: (r) => money(r.outstandingCents) },
        ]}
      />
      <TableSection
        id="fund-by-line"
        title={t('byLine')}
        rows={data.byLine}
        rowKey={(r) => r.id}
        empty={t('empty')}
        columns={[
          { key: 'year', header: t('year'), cell: (r) => r.year },
          { key: 'activity', header: t('activity'), cell: (r) => r.activity },
          { key: 'category', header: t('category'), cell: (r) => tc(r.category) },
          { key: 'boards', header: t('board'), cell: (r) => r.boards.map((b) => b.name).join(', ') },
          { key: 'budgeted', header: t('budgeted'), numeric: true, cell: (r) => money(r.budgetedCents) },
          ...sumCols<Dashboard['byLine'][number]>(),
          { key: 'flags', header: t('flags'), cell: (r) => <Flag on={r.overspent} label={t('overspent')} /> },
        ]}
      />
    </>
  )
}

