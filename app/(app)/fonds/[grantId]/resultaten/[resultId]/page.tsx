import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { calendarLocale } from '@/components/calendar/locale'
import { getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { Card, PageHeader } from '@/components/ui/layout'
import { DataTable } from '@/components/ui/table'
import { StatusBadge } from '@/components/fund/status-badge'
import { ResultActions } from '@/components/fund/lifecycle-forms'
import { formatAmsterdam } from '@/server/lib/time'
import { formatCount } from '@/components/transitions/format'
import { defaultDisclosure, type Masked } from '@/server/transitions/suppression'

/** One results report: what a board did and achieved on a budget line, with its activities and their participation. */
export default async function ResultPage({ params }: { params: Promise<{ grantId: string; resultId: string }> }) {
  const { grantId, resultId } = await params
  const r = await guard((await getCaller()).fund.result({ id: resultId }))
  const [t, locale] = [await getTranslations('fund.results'), await calendarLocale()]
  const n = (v: Masked) => formatCount(v, defaultDisclosure.threshold)
  return (
    <>
      <PageHeader title={t('detailTitle', { activity: r.budgetLine.activity, year: String(r.budgetLine.year) })} description={r.board.name} />
      <p className="mb-4">
        <Link href={`/fonds/${grantId}`} className="text-brand-700 underline">
          ← {t('title')}
        </Link>
      </p>
      <Card>
        <dl className="grid grid-cols-1 gap-2 sm:grid-cols-[12rem_1fr]">
          <dt className="font-semibold">{t('status')}</dt>
          <dd data-testid="fund-result-status">
            <StatusBadge status={r.status} />
            {r.rejectReason ? ` · ${r.rejectReason}` : ''}
          </dd>
          <dt className="font-semibold">{t('pupilsReached')}</dt>
          <dd>{n(r.pupilsReached)}</dd>
          <dt className="font-semibold">{t('narrative')}</dt>
          <dd className="whitespace-pre-wrap">{r.narrative}</dd>
          <dt className="font-semibold">{t('obstacles')}</dt>
          <dd className="whitespace-pre-wrap">{r.obstacles || '—'}</dd>
        </dl>
      </Card>
      <Card title={t('events')}>
        <ul className="flex list-disc flex-col gap-1 pl-5" data-testid="fund-result-events">
          {r.events.map((e) => (
            <li key={e.id}>
              <Link href={`/agenda/${e.id}`} className="text-brand-700 underline">
                {e.title}
              </Link>{' '}
              ({formatAmsterdam(e.startsAt, 'd MMM yyyy', locale)})
            </li>
          ))}
        </ul>
      </Card>
      {r.programmes.length ? (
        <Card title={t('programmes')}>
          <DataTable
            caption={t('programmes')}
            rows={r.programmes}
            rowKey={(p) => p.id}
            columns={[
              { key: 'name', header: t('programme'), cell: (p) => `${p.name} (${p.organisation})` },
              { key: 'bookings', header: t('bookings'), numeric: true, cell: (p) => n(p.bookings) },
              { key: 'present', header: t('present'), numeric: true, cell: (p) => n(p.present) },
              // Only the reporting board gets its own schools' part (raw); the whole programme is masked for everyone.
              ...(r.programmes.some((p) => p.own)
                ? [
                    { key: 'ownBookings', header: t('ownBookings'), numeric: true, cell: (p: (typeof r.programmes)[number]) => p.own?.bookings ?? '' },
                    { key: 'ownPresent', header: t('ownPresent'), numeric: true, cell: (p: (typeof r.programmes)[number]) => p.own?.present ?? '' },
                  ]
                : []),
            ]}
          />
        </Card>
      ) : null}
      {r.goals.length ? (
        <Card title={t('goals')}>
          <ul className="flex list-disc flex-col gap-1 pl-5">
            {r.goals.map((g) => (
              <li key={g.id}>
                {g.title}
                {g.note ? ` — ${g.note}` : ''}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {/* Always rendered: the message of a step just taken stays after the refresh that no longer offers the step. */}
      <ResultActions id={r.id} version={r.version} canSubmit={r.can.edit} canDecide={r.can.decide} />
    </>
  )
}
