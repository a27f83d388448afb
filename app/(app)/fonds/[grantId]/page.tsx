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
import { formatAmsterdam, toAmsterdam } from '@/server/lib/time'
import { ChangeDecision, DeadlineForm, GrantDocumentUpload, MoveMoneyForm, PaymentForm, ResultForm } from '@/components/fund/lifecycle-forms'

export default async function GrantPage({ params }: { params: Promise<{ grantId: string }> }) {
  const { grantId } = await params
  const caller = await getCaller()
  const [grant, data, reports, payments, overdue, results, history] = await Promise.all([
    guard(caller.fund.grant({ grantId })),
    guard(caller.fund.dashboard({ grantId })),
    guard(caller.fund.reports({ grantId })),
    guard(caller.fund.payments({ grantId })),
    guard(caller.fund.overdue({ grantId })),
    guard(caller.fund.results({ grantId })),
    guard(caller.fund.budgetHistory({ grantId })),
  ])
  const [t, money, locale] = [await getTranslations('fund'), await moneyFormatter(), await calendarLocale()]
  const region = grant.view.kind === 'region'
  const openLines = grant.lines.filter((l) => !grant.closed.includes(l.year) && !l.closedAt)
  const payable = grant.can.manage ? await guard(caller.fund.payableReports({ grantId })) : []
  const pending = history.changes.filter((c) => c.status === 'PROPOSED')
  const lineLabel = (l: { year: number; activity: string }) => `${l.year} · ${l.activity}`
  const resultLines = openLines.flatMap((l) => l.boards.filter((b) => grant.view.boardIds.includes(b.id)).map(() => l)).filter((l, i, a) => a.indexOf(l) === i)
  return (
    <>
      <PageHeader
        title={grant.fundName}
        description={`${grant.region.name} · ${t('penvoerder')}: ${grant.penvoerder.name} · ${grant.startYear}–${grant.endYear} · ${t('coFinancingRequired')}: ${grant.coFinancingPercent}%`}
      />
      <div className="mb-4 flex flex-wrap gap-2">
        {region ? (
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
              <LinkButton variant="secondary" href={`/fonds/${grant.id}/afrekening`}>
                {t('settlement.link')}
              </LinkButton>
            </>
          ) : (
            <LinkButton variant="secondary" href={`/fonds/${grant.id}/afrekening`}>
              {t('settlement.link')}
            </LinkButton>
          )}
      </div>
      {grant.closedAt ? <p className="mb-4 font-semibold" data-testid="fund-grant-closed">{t('settlement.closed')}</p> : null}
      <Card title={t('deadlines.overdueTitle')}>
        {overdue.length ? (
          <>
            <p className="mb-2">{t('deadlines.overdueIntro')}</p>
            <ul className="flex list-disc flex-col gap-1 pl-5" data-testid="fund-overdue">
              {overdue.map((o) => (
                <li key={`${o.lineId}:${o.boardId}`}>
                  <strong className="font-semibold text-red-800">⚠</strong> {t('deadlines.overdueItem', { year: String(o.year), activity: o.activity, board: o.boardName, deadline: o.deadline })}
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
      <Card title={t('budget.title')}>
        <p className="mb-2" data-testid="fund-budget-current">
          {t('budget.versionN', { n: history.budgetVersion })} · <Link href={`/fonds/${grant.id}/begroting`} className="text-brand-700 underline">{t('budget.historyLink')}</Link>
        </p>
        {region ? <p className="mb-4 text-sm text-slate-700">{history.fourEyes ? t('budget.fourEyesOn') : t('budget.fourEyesOff')}</p> : null}
        {pending.length ? (
          <ul className="mb-4 flex flex-col gap-4" data-testid="fund-pending-changes">
            {pending.map((c) => (
              <li key={c.id} className="rounded border border-slate-300 p-3">
                <p className="font-semibold">
                  {t('budget.proposalTitle', { base: String(c.baseVersion) })} · {t('budget.pending')}
                </p>
                <p className="text-sm">{c.reason}</p>
                {c.proposedBy ? <p className="text-sm text-slate-700">{t('budget.by', { name: c.proposedBy })}</p> : null}
                <ul className="my-2 list-disc pl-5 text-sm">
                  {c.ops.map((op, i) => (
                    <li key={i}>
                      {op.op === 'amount'
                        ? `${lineLabel(grant.lines.find((l) => l.id === op.lineId) ?? { year: 0, activity: '?' })}: ${money(op.amountCents)}`
                        : op.op === 'allocation'
                          ? `${t('budget.allocationOf', { year: String(op.year) })}: ${money(op.amountCents)}`
                          : op.op === 'add'
                            ? `${t('budget.fields.added')}: ${op.year} · ${op.activity} ${money(op.amountCents)}`
                            : `${t(`budget.fields.${op.op === 'close' ? 'closed' : 'boardIds'}`)}: ${lineLabel(grant.lines.find((l) => l.id === op.lineId) ?? { year: 0, activity: '?' })}`}
                    </li>
                  ))}
                </ul>
                <ChangeDecision id={c.id} version={c.version} canDecide={c.canDecide} mine={c.mine} />
              </li>
            ))}
          </ul>
        ) : null}
        {grant.can.manage ? (
          <>
            <h3 className="mb-2 font-semibold">{t('budget.move')}</h3>
            <MoveMoneyForm grantId={grant.id} baseVersion={history.budgetVersion} lines={openLines.map((l) => ({ id: l.id, label: `${lineLabel(l)} (${money(l.amountCents)})`, amountCents: l.amountCents }))} />
          </>
        ) : null}
      </Card>
      <Card title={t('payments.title')}>
        <DataTable
          caption={t('payments.caption')}
          rows={payments}
          rowKey={(p) => p.id}
          empty={t('payments.none')}
          columns={[
            { key: 'date', header: t('payments.paidOn'), cell: (p) => p.paidOn.toISOString().slice(0, 10) },
            { key: 'board', header: t('payments.board'), cell: (p) => p.board.name },
            { key: 'kind', header: t('payments.kind'), cell: (p) => t(`payments.kinds.${p.kind}`) },
            { key: 'link', header: t('payments.link'), cell: (p) => (p.report ? p.report.description : p.budgetLine ? lineLabel(p.budgetLine) : '') },
            { key: 'reference', header: t('payments.reference'), cell: (p) => p.reference },
            { key: 'amount', header: t('payments.amount'), numeric: true, cell: (p) => money(p.amountCents) },
          ]}
        />
        {grant.can.manage ? (
          <div className="mt-4">
            <h3 className="mb-2 font-semibold">{t('payments.new')}</h3>
            <PaymentForm
              grantId={grant.id}
              today={toAmsterdam(new Date()).date}
              boards={grant.boards.map((b) => ({ id: b.id, name: b.name }))}
              lines={grant.lines.map((l) => ({ id: l.id, label: lineLabel(l), boardIds: l.boards.map((b) => b.id) }))}
              reports={payable.map((r) => ({ id: r.id, boardId: r.boardId, label: t('payments.linkReport', { description: r.description, amount: money(r.openCents) }) }))}
            />
          </div>
        ) : null}
      </Card>
      <Card title={t('results.title')}>
        <DataTable
          caption={t('results.caption')}
          rows={results}
          rowKey={(r) => r.id}
          empty={t('results.none')}
          columns={[
            { key: 'line', header: t('results.line'), cell: (r) => lineLabel(r.budgetLine) },
            { key: 'board', header: t('results.board'), cell: (r) => r.board.name },
            { key: 'pupils', header: t('results.pupilsReached'), numeric: true, cell: (r) => (r.pupilsReached === null ? t('results.suppressed') : r.pupilsReached) },
            { key: 'events', header: t('results.eventCount'), numeric: true, cell: (r) => r.eventCount },
            { key: 'status', header: t('results.status'), cell: (r) => <StatusBadge status={r.status} /> },
            {
              key: 'view',
              header: t('results.view'),
              cell: (r) => (
                <Link href={`/fonds/${grant.id}/resultaten/${r.id}`} className="text-brand-700 underline">
                  {t('results.view')}
                  <span className="sr-only">: {lineLabel(r.budgetLine)}</span>
                </Link>
              ),
            },
          ]}
        />
        {grant.can.report && resultLines.length ? (
          <div className="mt-4">
            <h3 className="mb-2 font-semibold">{t('results.new')}</h3>
            <ResultForm locale={locale} lines={resultLines.map((l) => ({ id: l.id, year: l.year, label: lineLabel(l) }))} />
          </div>
        ) : null}
      </Card>
      <Card title={t('documents.title')}>
        {grant.documents.length ? (
          <ul className="mb-2 flex flex-col gap-1">
            {grant.documents.map((d) => (
              <li key={d.id}>
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
      {grant.can.manage && grant.budgetVersion === 1 ? (
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
