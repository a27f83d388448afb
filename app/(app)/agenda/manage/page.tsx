import Link from 'next/link'
import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { calendarLocale } from '@/components/calendar/locale'
import { getActor, getCaller } from '@/server/api/server'
import { holdsAction } from '@/server/auth/policy'
import { formatAmsterdam } from '@/server/lib/time'
import { PageHeader, Card } from '@/components/ui/layout'
import { DataTable } from '@/components/ui/table'
import { FeedTokens } from '@/components/calendar/feed-tokens'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('calendar'))('manage.title') }
}

type Row = { id: string; title: string; startsAt: Date; status: string; regions: { region: { name: string }; decision: string }[]; organisers: { organisation: { name: string } }[] }

export default async function ManageCalendarPage() {
  const [t, actor, caller, locale] = [await getTranslations('calendar'), await getActor(), await getCaller(), await calendarLocale()]
  const canPropose = !!actor && holdsAction(actor, 'calendar.propose')
  const canApprove = !!actor && holdsAction(actor, 'calendar.approve')
  const [mine, pending] = await Promise.all([canPropose ? caller.calendar.mine() : [], canApprove ? caller.calendar.pending() : []])
  const columns = (extra: { key: string; header: string; cell: (r: Row & { conflicts?: unknown[] }) => React.ReactNode }[] = []) => [
    { key: 'when', header: t('fields.when'), cell: (r: Row) => formatAmsterdam(r.startsAt, 'EEE d MMM yyyy HH:mm', locale) },
    { key: 'title', header: t('fields.title'), cell: (r: Row) => <Link className="text-brand-700 underline" href={`/agenda/${r.id}`}>{r.title}</Link> },
    { key: 'status', header: t('fields.status'), cell: (r: Row) => t(`statuses.${r.status}` as never) },
    { key: 'regions', header: t('detail.regionsTitle'), cell: (r: Row) => r.regions.map((x) => `${x.region.name}: ${t(`decisions.${x.decision}` as never)}`).join('; ') },
    { key: 'org', header: t('fields.organisedBy'), cell: (r: Row) => r.organisers.map((o) => o.organisation.name).join(', ') },
    ...extra,
  ]
  return (
    <>
      <PageHeader title={t('manage.title')} />
      {canApprove ? (
        <Card title={t('manage.pending')}>
          <DataTable
            caption={t('manage.pendingCaption')}
            rows={pending}
            rowKey={(r) => r.id}
            empty={t('manage.noPending')}
            columns={columns([{ key: 'conflicts', header: t('conflicts.title'), cell: (r) => t('manage.conflictCount', { count: r.conflicts?.length ?? 0 }) }])}
          />
        </Card>
      ) : null}
      {canPropose ? (
        <Card title={t('manage.mine')}>
          <DataTable caption={t('manage.mineCaption')} rows={mine} rowKey={(r) => r.id} empty={t('manage.noMine')} columns={columns()} />
        </Card>
      ) : null}
      <Card title={t('feeds.title')}>
        <FeedTokens />
      </Card>
    </>
  )
}
