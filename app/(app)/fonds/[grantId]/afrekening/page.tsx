import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { calendarLocale } from '@/components/calendar/locale'
import { getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { Card, PageHeader } from '@/components/ui/layout'
import { DataTable } from '@/components/ui/table'
import { buttonClass } from '@/components/ui/button'
import { moneyFormatter } from '@/components/fund/money'
import { CloseGrantButton } from '@/components/fund/lifecycle-forms'
import { formatAmsterdam } from '@/server/lib/time'

/** The final settlement per board and for the region, its exports, and closing the grant. */
export default async function SettlementPage({ params }: { params: Promise<{ grantId: string }> }) {
  const { grantId } = await params
  const caller = await getCaller()
  const [s, grant] = await Promise.all([guard(caller.fund.settlement({ grantId })), guard(caller.fund.grant({ grantId }))])
  const [t, money, locale] = [await getTranslations('fund.settlement'), await moneyFormatter(), await calendarLocale()]
  const r = s.region
  const base = `/api/fund/grants/${grantId}/settlement?format=`
  const summary: [string, number, string][] = [
    [t('allocation'), r.allocationCents, 'allocation'],
    [t('budgeted'), r.budgetedCents, 'budgeted'],
    [t('approved'), r.approvedCents, 'approved'],
    [t('coFinanced'), r.coFinancedCents, 'cofinanced'],
    [t('coFinancingRequired'), r.requiredCoFinancingCents, 'required'],
    [t('paid'), r.paidCents, 'paid'],
    [t('balance'), r.balanceCents, 'balance'],
    [t('unspent'), r.unspentCents, 'unspent'],
  ]
  return (
    <>
      <PageHeader
        title={t('title')}
        description={`${s.grant.fundName} · ${s.grant.region.name} · ${s.grant.startYear}–${s.grant.endYear}`}
      />
      <div className="mb-4 flex flex-wrap gap-2">
            <a className={buttonClass('secondary')} href={`${base}pdf`} download data-testid="fund-settlement-pdf">
              {t('pdf')}
            </a>
            <a className={buttonClass('secondary')} href={`${base}xlsx`} download>
              {t('xlsx')}
            </a>
            <a className={buttonClass('secondary')} href={`${base}csv`} download>
              {t('csv')}
            </a>
      </div>
      <p className="mb-4">
        <Link href={`/fonds/${grantId}`} className="text-brand-700 underline">
          ← {s.grant.fundName}
        </Link>
      </p>
      <Card title={s.scope === 'region' ? t('regionTitle') : t('boardTitle')}>
        <dl className="grid grid-cols-1 gap-1 sm:grid-cols-[20rem_1fr]" data-testid="fund-settlement-summary">
          {summary.map(([label, cents, key]) => (
            <div key={key} className="contents">
              <dt className="font-semibold">{label}</dt>
              <dd className="tabular-nums" data-testid={`fund-settlement-${key}`}>
                {money(cents)}
              </dd>
            </div>
          ))}
        </dl>
        <p className="mt-2">{r.coFinancingMet ? t('coFinancingMet') : t('coFinancingNotMet')}</p>
      </Card>
      <Card title={t('perBoard')}>
        <DataTable
          caption={t('caption')}
          rows={s.byBoard}
          rowKey={(b) => b.id}
          columns={[
            { key: 'board', header: t('board'), cell: (b) => `${b.name} (${b.number})` },
            { key: 'allocation', header: t('allocation'), numeric: true, cell: (b) => money(b.budgetedCents) },
            { key: 'approved', header: t('approved'), numeric: true, cell: (b) => money(b.approvedCents) },
            { key: 'cofin', header: t('coFinanced'), numeric: true, cell: (b) => money(b.coFinancedCents) },
            { key: 'required', header: t('coFinancingRequired'), numeric: true, cell: (b) => money(b.requiredCoFinancingCents) },
            { key: 'paid', header: t('paid'), numeric: true, cell: (b) => money(b.paidCents) },
            { key: 'balance', header: t('balance'), numeric: true, cell: (b) => money(b.balanceCents) },
          ]}
        />
      </Card>
      <Card title={t('perYear')}>
        <DataTable
          caption={t('yearCaption')}
          rows={s.byYear}
          rowKey={(y) => String(y.year)}
          columns={[
            { key: 'year', header: t('year'), cell: (y) => y.year },
            { key: 'allocation', header: t('allocation'), numeric: true, cell: (y) => money(y.allocationCents) },
            { key: 'approved', header: t('approved'), numeric: true, cell: (y) => money(y.approvedCents) },
            { key: 'paid', header: t('paid'), numeric: true, cell: (y) => money(y.paidCents) },
            { key: 'balance', header: t('balance'), numeric: true, cell: (y) => money(y.balanceCents) },
          ]}
        />
      </Card>
      {s.grant.closedAt ? (
        <p className="font-semibold" data-testid="fund-grant-closed">
          {t('closed')} {t('closedOn', { date: formatAmsterdam(s.grant.closedAt, 'd MMMM yyyy', locale) })}
        </p>
      ) : grant.can.settle ? (
        <Card title={t('close')}>
          <CloseGrantButton grantId={grantId} />
        </Card>
      ) : null}
    </>
  )
}
