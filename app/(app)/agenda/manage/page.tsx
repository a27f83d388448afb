import Link from 'next/link'
import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { calendarLocale } from '@/components/calendar/locale'
import { getActor, getCaller } from '@/server/api/server'
import { holdsAction } from '@/server/auth/policy'
import { PageHeader, Card } from '@/components/ui/layout'
import { DataTable } from '@/components/ui/table'
import { FeedTokens } from '@/components/calendar/feed-tokens'
import { InvitationList } from '@/components/calendar/invitations'
import { RevisionChanges } from '@/components/calendar/revision-changes'
import { RevisionDecision, RevisionFeedback } from '@/components/calendar/revision-review'
import { decisionKey, formatCalendar } from '@/components/calendar/format'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('calendar'))('manage.title') }
}

type Row = { id: string; title: string; startsAt: Date; status: string; regions: { region: { name: string }; decision: string }[]; organisers: { organisation: { name: string } }[] }

export default async function ManageCalendarPage() {
  const [t, actor, caller, locale] = [await getTranslations('calendar'), await getActor(), await getCaller(), await calendarLocale()]
  const canPropose = !!actor && holdsAction(actor, 'calendar.propose')
  const canApprove = !!actor && holdsAction(actor, 'calendar.approve')
  const [mine, pending, invitations] = await Promise.all([
    canPropose ? caller.calendar.mine() : [],
    canApprove ? caller.calendar.pending() : [],
    canPropose ? caller.calendar.invitations() : [],
  ])
  const when = (d: Date) => formatCalendar(d, 'EEE d MMM yyyy HH:mm', locale)
  const columns = (extra: { key: string; header: string; cell: (r: Row & { conflicts?: unknown[] }) => React.ReactNode }[] = []) => [
    { key: 'when', header: t('fields.when'), cell: (r: Row) => when(r.startsAt) },
    { key: 'title', header: t('fields.title'), cell: (r: Row) => <Link className="text-brand-700 underline" href={`/agenda/${r.id}`}>{r.title}</Link> },
    { key: 'status', header: t('fields.status'), cell: (r: Row) => t(`statuses.${r.status}` as never) },
    { key: 'regions', header: t('detail.regionsTitle'), cell: (r: Row) => r.regions.map((x) => `${x.region.name}: ${t(`decisions.${decisionKey(r.status, x.decision)}`)}`).join('; ') },
    { key: 'org', header: t('fields.organisedBy'), cell: (r: Row) => r.organisers.map((o) => o.organisation.name).join(', ') },
    ...extra,
  ]
  // New proposals wait for a decision per region; edits of published events wait as revisions (shown old → new).
  const proposals = pending.filter((r) => r.approvableRegionIds.length)
  const revisions = pending.filter((r) => r.revisionRegionIds.length && r.revision)
  return (
    <>
      <PageHeader title={t('manage.title')} />
      {canPropose && invitations.length ? (
        <Card title={t('invitations.title')}>
          <InvitationList
            rows={invitations.map((i) => ({
              eventId: i.event.id,
              title: i.event.title,
              when: when(i.event.startsAt),
              organisationId: i.organisationId,
              organisation: i.organisation.name,
              organisers: i.event.organisers.map((o) => o.organisation.name).join(', '),
            }))}
          />
        </Card>
      ) : null}
      {canApprove ? (
        <Card title={t('manage.pending')}>
          <DataTable
            caption={t('manage.pendingCaption')}
            rows={proposals}
            rowKey={(r) => r.id}
            empty={t('manage.noPending')}
            columns={columns([{ key: 'conflicts', header: t('conflicts.title'), cell: (r) => t('manage.conflictCount', { count: r.conflicts?.length ?? 0 }) }])}
          />
        </Card>
      ) : null}
      {canApprove ? (
        <Card title={t('manage.revisions')}>
          <p className="mb-3 text-sm text-slate-700">{t('manage.revisionsIntro')}</p>
          <RevisionFeedback>
          {revisions.length ? (
            <ul className="flex flex-col gap-6" data-testid="revision-queue">
              {revisions.map((r) => (
                <li key={r.id} className="border-t border-slate-200 pt-3">
                  <h3 className="font-semibold">
                    <Link className="text-brand-700 underline" href={`/agenda/${r.id}`}>
                      {r.title}
                    </Link>
                  </h3>
                  <p className="mb-2 text-sm text-slate-700">
                    {when(r.startsAt)} · {r.organisers.map((o) => o.organisation.name).join(', ')}
                  </p>
                  <RevisionChanges revision={r.revision!} caption={`${t('revision.caption')}: ${r.title}`} />
                  <RevisionDecision id={r.id} title={r.title} regions={r.regions.filter((x) => r.revisionRegionIds.includes(x.regionId)).map((x) => ({ id: x.regionId, name: x.region.name }))} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm">{t('manage.noRevisions')}</p>
          )}
          </RevisionFeedback>
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
