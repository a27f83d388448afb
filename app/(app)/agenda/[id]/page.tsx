import Link from 'next/link'
import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { calendarLocale } from '@/components/calendar/locale'
import { organisationFeedPath } from '@/server/calendar/feed-links'
import { getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { Alert } from '@/components/ui/alert'
import { PageHeader, Card } from '@/components/ui/layout'
import { LinkButton } from '@/components/ui/button'
import { ConflictList } from '@/components/calendar/conflicts'
import { EventActions } from '@/components/calendar/event-actions'
import { RevisionDecision } from '@/components/calendar/revision-review'
import { RevisionChanges } from '@/components/calendar/revision-changes'
import { EventInvitations } from '@/components/calendar/invitations'
import { decisionKey, formatCalendar } from '@/components/calendar/format'
import { EventFunding } from '@/components/fund/event-funding'
import { ServedGoals } from '@/components/plan/served-goals'

/** The event's own title in the browser tab (the calendar's when it cannot be read: the page then says why). */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const ev = await (await getCaller()).calendar.get({ id: (await params).id }).catch(() => null)
  return { title: ev?.title ?? (await getTranslations('calendar'))('title') }
}

export default async function EventPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const [t, caller, locale] = [await getTranslations('calendar'), await getCaller(), await calendarLocale()]
  const ev = await guard(caller.calendar.get({ id }))
  const when = ev.allDay
    ? `${formatCalendar(ev.startsAt, 'EEEE d MMMM yyyy', locale)} – ${formatCalendar(new Date(ev.endsAt.getTime() - 1), 'EEEE d MMMM yyyy', locale)} (${t('fields.allDay')})`
    : `${formatCalendar(ev.startsAt, 'EEEE d MMMM yyyy HH:mm', locale)} – ${formatCalendar(ev.endsAt, ev.endsAt.getTime() - ev.startsAt.getTime() < 86_400_000 ? 'HH:mm' : 'EEEE d MMMM yyyy HH:mm', locale)}`
  const decide = ev.regions.filter((r) => ev.approvableRegionIds.includes(r.regionId))
  const dd = 'font-medium text-slate-900'
  return (
    <>
      <PageHeader title={ev.title} description={`${t(`types.${ev.type}`)} · ${t(`statuses.${ev.status}`)}`} actions={ev.canEdit ? <><LinkButton variant="secondary" href={`/agenda/${ev.id}/edit`}>{t('actions.edit')}</LinkButton> <LinkButton variant="secondary" href={`/agenda/${ev.id}/aanmelding`}>{(await getTranslations('registration'))('nav')}</LinkButton></> : null} />
      {ev.status === 'CANCELLED' ? <Alert tone="error">{t('detail.cancelledNotice')}</Alert> : null}
      <EventInvitations rows={ev.myInvitations.map((i) => ({ eventId: ev.id, title: ev.title, when, organisationId: i.organisationId, organisation: i.name, organisers: ev.organisers.map((o) => o.organisation.name).join(', ') }))} />
      <div className="my-4">
        <ConflictList conflicts={ev.conflicts} />
      </div>
      <Card title={t('detail.title')}>
        <dl className="grid gap-x-6 gap-y-2 text-sm md:grid-cols-[12rem_1fr]">
          <dt>{t('fields.when')}</dt>
          <dd className={dd} data-testid="event-when">{when}</dd>
          <dt>{t('fields.where')}</dt>
          <dd className={dd}>
            {ev.locationAddress ?? (ev.onlineUrl ? null : '—')}
            {ev.onlineUrl ? (
              <a className={ev.locationAddress ? 'ml-2 text-brand-700 underline' : 'text-brand-700 underline'} href={ev.onlineUrl}>
                {t('fields.onlineUrl')}
              </a>
            ) : null}
          </dd>
          <dt>{t('fields.organisedBy')}</dt>
          <dd className={dd}>
            <ul>
              {ev.organisers.map((o) => (
                <li key={o.organisationId}>
                  {o.organisation.name}{' '}
                  <a className="text-sm font-normal text-brand-700 underline" href={organisationFeedPath(o.organisationId, locale)}>
                    {t('feeds.organisationFeed', { organisation: o.organisation.name })}
                  </a>
                </li>
              ))}
            </ul>
            {ev.invitations.length ? <p className="text-sm font-normal text-slate-700">{t('invitations.waiting', { names: ev.invitations.map((i) => i.organisation.name).join(', ') })}</p> : null}
          </dd>
          <dt>{t('fields.audience')}</dt>
          <dd className={dd}>
            {ev.audienceLevels.map((l) => t(`levels.${l}` as never)).join(', ')}
            {ev.schoolYears.length ? ` · ${ev.schoolYears.map((y) => t('fields.schoolYear', { year: y })).join(', ')}` : ''}
          </dd>
          {ev.capacity ? (
            <>
              <dt>{t('fields.capacity')}</dt>
              <dd className={dd}>{ev.capacity}</dd>
            </>
          ) : null}
          {ev.registrationUrl ? (
            <>
              <dt>{t('fields.registrationUrl')}</dt>
              <dd className={dd}>
                <a className="text-brand-700 underline" href={ev.registrationUrl}>
                  {t('detail.register')}
                </a>
              </dd>
            </>
          ) : null}
          {ev.attachments.length ? (
            <>
              <dt>{t('detail.attachments')}</dt>
              <dd className={dd}>
                <ul>
                  {ev.attachments.map((a) => (
                    <li key={a}>
                      <a className="break-all text-brand-700 underline" href={a}>
                        {a}
                      </a>
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
        </dl>
        {ev.description ? <p className="mt-3 whitespace-pre-line text-sm">{ev.description}</p> : null}
        {ev.seriesId ? <p className="mt-3 text-sm text-slate-700">{t('detail.series')}</p> : null}
      </Card>
      {ev.revision ? (
        <Card title={t(ev.revision.status === 'PENDING' ? 'revision.pendingTitle' : 'revision.rejectedTitle')}>
          {ev.revision.rejectReason ? <Alert tone="error">{t('detail.rejectedBecause', { reason: ev.revision.rejectReason })}</Alert> : <p className="mb-2 text-sm">{t('revision.intro')}</p>}
          <RevisionChanges revision={ev.revision} />
          <RevisionDecision id={ev.id} regions={ev.regions.filter((r) => ev.revisionRegionIds.includes(r.regionId)).map((r) => ({ id: r.regionId, name: r.region.name }))} />
        </Card>
      ) : null}
      <Card title={t('detail.regionsTitle')}>
        <ul className="mb-3 flex flex-col gap-1 text-sm" data-testid="event-regions">
          {ev.regions.map((r) => (
            <li key={r.regionId}>
              <Link className="text-brand-700 underline" href={`/agenda?region=${r.regionId}`}>
                {r.region.name}
              </Link>
              : {t(`decisions.${decisionKey(ev.status, r.decision)}`)}
              {r.rejectReason ? <span className="block text-red-800">{t('detail.rejectedBecause', { reason: r.rejectReason })}</span> : null}
            </li>
          ))}
        </ul>
        <EventActions
          id={ev.id}
          canPropose={ev.canPropose}
          canCancel={ev.canEdit}
          decide={decide.map((r) => ({ id: r.regionId, name: r.region.name, canReject: r.decision === 'PENDING', seriesCount: ev.seriesPending[r.regionId] ?? 0 }))}
        />
      </Card>
      <EventFunding eventId={ev.id} />
      <ServedGoals kind="event" id={ev.id} />
    </>
  )
}
