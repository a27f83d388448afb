import { getTranslations } from 'next-intl/server'
import { calendarLocale } from '@/components/calendar/locale'
import { getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { Card, PageHeader } from '@/components/ui/layout'
import { DataTable } from '@/components/ui/table'
import { moneyFormatter } from '@/components/fund/money'
import { PaymentForm } from '@/components/fund/lifecycle-forms'
import { Pager, pageAt } from '@/components/ui/pager'
import { formatAmsterdam, toAmsterdam } from '@/server/lib/time'

/**
 * The payments tab. Whoever pays for the grant (the penvoerder's staff, the region's coordinators: fund.pay) records
 * payments and sees all of them; a board sees its own. A page at a time (newest first), with the count and sum.
 */
export default async function PaymentsPage({ params, searchParams }: { params: Promise<{ grantId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [{ grantId }, query] = await Promise.all([params, searchParams])
  const at = pageAt(query)
  const cursor = at.cursor
  const caller = await getCaller()
  const header = await guard(caller.fund.grantHeader({ grantId }))
  const [payments, desk] = await Promise.all([
    guard(header.access.pay ? caller.fund.paidByUs({ grantId, cursor }) : caller.fund.payments({ grantId, cursor })),
    header.access.pay && !header.closedAt ? guard(caller.fund.paymentDesk({ grantId })) : null,
  ])
  const [t, money, locale] = [await getTranslations('fund'), await moneyFormatter(), await calendarLocale()]
  const lineLabel = (l: { year: number; activity: string }) => `${l.year} · ${l.activity}`
  return (
    <>
      <PageHeader title={t('payments.title')} description={`${header.fundName} · ${t('penvoerder')}: ${header.penvoerder.name}`} />
      {desk ? (
        <Card title={t('payments.new')}>
          <PaymentForm
            grantId={grantId}
            today={toAmsterdam(new Date()).date}
            boards={desk.boards.map((b) => ({ id: b.id, name: b.name }))}
            lines={desk.lines.map((l) => ({ id: l.id, label: lineLabel(l), boardIds: l.boardIds }))}
            reports={desk.reports.map((r) => ({ id: r.id, boardId: r.boardId, label: t('payments.linkReport', { description: r.description, amount: money(r.openCents) }) }))}
          />
        </Card>
      ) : null}
      <Card title={t('payments.listTitle')}>
        <DataTable
          caption={t('payments.caption')}
          rows={payments.items}
          rowKey={(p) => p.id}
          empty={t('payments.none')}
          columns={[
            { key: 'date', header: t('payments.paidOn'), cell: (p) => formatAmsterdam(p.paidOn, 'd MMM yyyy', locale) },
            { key: 'board', header: t('payments.board'), cell: (p) => p.board.name },
            { key: 'kind', header: t('payments.kind'), cell: (p) => t(`payments.kinds.${p.kind}`) },
            { key: 'link', header: t('payments.link'), cell: (p) => (p.report ? p.report.description : p.budgetLine ? lineLabel(p.budgetLine) : '') },
            { key: 'reference', header: t('payments.reference'), cell: (p) => p.reference },
            { key: 'amount', header: t('payments.amount'), numeric: true, cell: (p) => money(p.amountCents) },
          ]}
        />
        <Pager path={`/fonds/${grantId}/betalingen`} shown={payments.items.length} total={payments.total} totalText={t('pager.sum', { amount: money(payments.totalCents) })} nextCursor={payments.nextCursor} at={at} testId="fund-payments-pager" />
      </Card>
    </>
  )
}
