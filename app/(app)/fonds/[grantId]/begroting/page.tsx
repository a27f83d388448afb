import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { calendarLocale } from '@/components/calendar/locale'
import { getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { Card, PageHeader } from '@/components/ui/layout'
import { DataTable } from '@/components/ui/table'
import { moneyFormatter } from '@/components/fund/money'
import { ChangeDecision } from '@/components/fund/lifecycle-forms'
import { formatAmsterdam } from '@/server/lib/time'

/** The budget's versions: every change (proposed, approved, rejected, withdrawn) with its reason and diff. */
export default async function BudgetHistoryPage({ params }: { params: Promise<{ grantId: string }> }) {
  const { grantId } = await params
  const caller = await getCaller()
  const [grant, history] = await Promise.all([guard(caller.fund.grant({ grantId })), guard(caller.fund.budgetHistory({ grantId }))])
  const [t, money, locale] = [await getTranslations('fund'), await moneyFormatter(), await calendarLocale()]
  const boardName = new Map(grant.boards.map((b) => [b.id, b.name]))
  const value = (field: string, v: unknown) =>
    v === null || v === undefined ? '—' : field === 'boardIds' ? (v as string[]).map((id) => boardName.get(id) ?? '?').join(', ') : field === 'closed' ? (v ? t('budget.yes') : t('budget.no')) : money(v as number)
  return (
    <>
      <PageHeader title={t('budget.history')} description={`${grant.fundName} · ${t('budget.versionN', { n: history.budgetVersion })}`} />
      <p className="mb-4">
        <Link href={`/fonds/${grant.id}`} className="text-brand-700 underline">
          ← {grant.fundName}
        </Link>
      </p>
      {history.changes.length === 0 ? <p className="text-slate-700">{t('budget.none')}</p> : null}
      {history.changes.map((c) => (
        <Card key={c.id} title={c.resultVersion ? t('budget.changeTitle', { base: String(c.baseVersion), result: String(c.resultVersion) }) : `${t('budget.proposalTitle', { base: String(c.baseVersion) })} · ${t(`budget.statuses.${c.status}`)}`}>
          <div data-testid="fund-budget-change">
            <p className="mb-1">
              <strong>{t(`budget.statuses.${c.status}`)}</strong>
              {c.reason ? ` · ${c.reason}` : ''}
            </p>
            <p className="mb-2 text-sm text-slate-700">
              {formatAmsterdam(c.createdAt, 'd MMM yyyy HH:mm', locale)}
              {c.proposedBy ? ` · ${t('budget.by', { name: c.proposedBy })}` : ''}
              {c.decidedBy ? ` · ${t('budget.decidedBy', { name: c.decidedBy })}` : ''}
              {c.rejectReason ? ` · ${c.rejectReason}` : ''}
            </p>
            {c.diff.length ? (
              <DataTable
                caption={t('budget.diffCaption')}
                rows={c.diff.map((d, i) => ({ ...d, i }))}
                rowKey={(d) => String(d.i)}
                columns={[
                  { key: 'item', header: t('budget.item'), cell: (d) => (d.kind === 'allocation' ? t('budget.allocationOf', { year: String(d.year) }) : `${d.year} · ${d.activity ?? ''}`) },
                  { key: 'field', header: t('budget.field'), cell: (d) => t(`budget.fields.${d.field}`) },
                  { key: 'before', header: t('budget.before'), numeric: true, cell: (d) => value(d.field, d.before) },
                  { key: 'after', header: t('budget.after'), numeric: true, cell: (d) => value(d.field, d.after) },
                ]}
              />
            ) : null}
            {c.status === 'PROPOSED' && (c.canDecide || c.mine) ? <ChangeDecision id={c.id} version={c.version} canDecide={c.canDecide} mine={c.mine} /> : null}
          </div>
        </Card>
      ))}
    </>
  )
}
