import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { calendarLocale } from '@/components/calendar/locale'
import { getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { Card, PageHeader } from '@/components/ui/layout'
import { moneyFormatter } from '@/components/fund/money'
import { BudgetChangeForms, BudgetLineForm, ChangeDecision } from '@/components/fund/budget-forms-lazy'
import { LineEventsEditor } from '@/components/fund/line-events'
import { ChangeDiff } from '@/components/fund/change-diff'
import { Pager, pageAt } from '@/components/ui/pager'
import { formatAmsterdam } from '@/server/lib/time'
import { Flash } from '@/components/ui/flash'

/**
 * The budget tab: the current version, proposals waiting for a second person (with what they would change), the
 * change forms, the budget lines a page at a time with their calendar events, and every decided version's diff.
 */
export default async function BudgetPage({ params, searchParams }: { params: Promise<{ grantId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [{ grantId }, query] = await Promise.all([params, searchParams])
  const at = pageAt(query)
  const cursor = at.cursor
  const caller = await getCaller()
  const [grant, history, lines] = await Promise.all([guard(caller.fund.grant({ grantId })), guard(caller.fund.budgetHistory({ grantId })), guard(caller.fund.lines({ grantId, cursor }))])
  const [t, tAll, money, locale] = [await getTranslations('fund'), await getTranslations(), await moneyFormatter(), await calendarLocale()]
  const region = grant.view.kind === 'region'
  const openYears = Array.from({ length: grant.endYear - grant.startYear + 1 }, (_, i) => grant.startYear + i).filter((y) => !grant.closed.includes(y))
  const openLines = grant.lines.filter((l) => !grant.closed.includes(l.year) && !l.closedAt)
  const pending = history.changes.filter((c) => c.status === 'PROPOSED')
  const decided = history.changes.filter((c) => c.status !== 'PROPOSED')
  const path = `/fonds/${grant.id}/begroting`
  const changeMeta = (c: (typeof history.changes)[number]) =>
    [formatAmsterdam(c.createdAt, 'd MMM yyyy HH:mm', locale), c.proposedBy ? t('budget.by', { name: c.proposedBy }) : '', c.decidedBy ? t('budget.decidedBy', { name: c.decidedBy }) : '', c.rejectReason ?? ''].filter(Boolean).join(' · ')
  return (
    <>
      <PageHeader title={t('budget.title')} description={`${grant.fundName} · ${t('budget.versionN', { n: history.budgetVersion })}`} />
      <p className="mb-2" data-testid="fund-budget-current">
        {t('budget.versionN', { n: history.budgetVersion })}
      </p>
      {region ? <p className="mb-4 text-sm text-slate-700">{history.fourEyes ? t('budget.fourEyesOn') : t('budget.fourEyesOff')}</p> : null}

      <Flash />
      {pending.length ? (
        <Card title={t('budget.pendingTitle')}>
          <ul className="flex flex-col gap-4" data-testid="fund-pending-changes">
            {pending.map((c) => (
              <li key={c.id} className="flex min-w-0 flex-col gap-2 rounded border border-slate-300 p-3" data-testid="fund-pending-change">
                <h3 className="font-semibold">
                  {t('budget.proposalTitle', { base: String(c.baseVersion) })} · {t('budget.pending')}
                </h3>
                <p className="text-sm break-words">
                  <span className="font-medium">{t('budget.reason')}:</span> {c.reason}
                </p>
                <p className="text-sm text-slate-700">{changeMeta(c)}</p>
                {c.preview && 'diff' in c.preview ? (
                  <ChangeDiff diff={c.preview.diff} boards={grant.boards} caption={t('budget.previewCaption')} />
                ) : c.preview ? (
                  <p role="alert" className="text-sm text-red-700">
                    {t('budget.previewRefused', { reason: tAll(c.preview.refused.key as never, c.preview.refused.params as never) })}
                  </p>
                ) : null}
                <ChangeDecision id={c.id} version={c.version} canDecide={c.canDecide} mine={c.mine} />
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      {grant.can.manage ? (
        <Card title={t('budget.proposeTitle')}>
          <BudgetChangeForms
            grantId={grant.id}
            baseVersion={history.budgetVersion}
            lines={openLines.map((l) => ({ id: l.id, year: l.year, activity: l.activity, amountCents: l.amountCents, boardIds: l.boards.map((b) => b.id) }))}
            allocations={grant.allocations.filter((a) => openYears.includes(a.year)).map((a) => ({ year: a.year, amountCents: a.amountCents }))}
            boards={grant.boards.map((b) => ({ id: b.id, name: b.name }))}
          />
        </Card>
      ) : null}

      <Card title={t('lines.title')}>
        {lines.items.length ? (
          <ul className="flex flex-col gap-3" aria-label={t('lines.caption')} data-testid="fund-lines">
            {lines.items.map((l) => (
              <li key={l.id} className="min-w-0 rounded border border-slate-300 p-3">
                <p className="font-semibold break-words">
                  {l.year} · {l.activity}
                  {l.closedAt ? ` · ${t('budget.lineClosed')}` : ''}
                </p>
                <p className="text-sm text-slate-700">
                  {t(`categories.${l.category}`)} · <span className="tabular-nums">{money(l.amountCents)}</span> · {t('lines.boards')}: {l.boards.map((b) => b.name).join(', ')}
                </p>
                <div className="mt-2 text-sm">
                  <p className="font-medium">{t('lines.events')}</p>
                  {l.events.length ? (
                    <ul className="flex flex-col gap-1" data-testid="fund-line-events">
                      {l.events.map((e) => (
                        <li key={e.id} className="break-words">
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
                    <p className="text-slate-700">{t('lines.noLinkedEvents')}</p>
                  )}
                  {grant.can.manage && !grant.closed.includes(l.year) ? <LineEventsEditor grantId={grant.id} line={{ id: l.id, year: l.year, activity: l.activity, eventIds: l.events.map((e) => e.id) }} /> : null}
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-slate-700">{t('lines.none')}</p>
        )}
        <Pager path={path} shown={lines.items.length} total={lines.total} totalText={t('pager.sum', { amount: money(lines.totalCents) })} nextCursor={lines.nextCursor} at={at} testId="fund-lines-pager" />
      </Card>

      {grant.can.manage && grant.budgetVersion === 1 ? (
        <Card title={t('lines.add')}>
          <BudgetLineForm grantId={grant.id} years={openYears} boards={grant.boards.map((b) => ({ id: b.id, name: b.name }))} />
        </Card>
      ) : null}

      <Card title={t('budget.history')}>
        {decided.length === 0 ? <p className="text-slate-700">{t('budget.none')}</p> : null}
        <ul className="flex flex-col gap-4">
          {decided.map((c) => (
            <li key={c.id} className="flex min-w-0 flex-col gap-2" data-testid="fund-budget-change">
              <h3 className="font-semibold">{c.resultVersion ? t('budget.changeTitle', { base: String(c.baseVersion), result: String(c.resultVersion) }) : `${t('budget.proposalTitle', { base: String(c.baseVersion) })} · ${t(`budget.statuses.${c.status}`)}`}</h3>
              <p className="text-sm break-words">
                <strong>{t(`budget.statuses.${c.status}`)}</strong>
                {c.reason ? ` · ${c.reason}` : ''}
              </p>
              <p className="text-sm text-slate-700">{changeMeta(c)}</p>
              {c.diff.length ? <ChangeDiff diff={c.diff} boards={grant.boards} caption={t('budget.diffCaption')} /> : null}
            </li>
          ))}
        </ul>
      </Card>
    </>
  )
}
