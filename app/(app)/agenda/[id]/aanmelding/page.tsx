import Link from 'next/link'
import type { Metadata } from 'next'
import { getLocale, getTranslations } from 'next-intl/server'
import { getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { formatAmsterdam, toAmsterdam } from '@/server/lib/time'
import { ZRegistrantsInput } from '@/server/registration/schema'
import { Card, PageHeader } from '@/components/ui/layout'
import { Button, LinkButton } from '@/components/ui/button'
import { DataTable } from '@/components/ui/table'
import { Pager, pageAt } from '@/components/ui/pager'
import { OrganiserActions, SetupForm } from '@/components/registration/setup-form'
import { intlLocale } from '@/server/i18n/config'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('registration'))('title') }
}

type Search = { q?: string; audience?: string; sessionId?: string; status?: string; na?: string; 'na-vanaf'?: string }

/**
 * The organiser's registration page of an event: turn it on (audiences, sessions), the sessions' counts and
 * show-up, the registrant list with search and filters, exports, messages and cancelling.
 */
export default async function EventRegistrationPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Search> }) {
  const [{ id }, sp] = [await params, await searchParams]
  const [t, ts, locale, caller] = [await getTranslations('registration'), await getTranslations('slots'), (await getLocale()) as 'nl' | 'en', await getCaller()]
  const data = await guard(caller.registration.get({ eventId: id }))
  // Filters from the URL (ignored when invalid); the list a page at a time (the cursor is checked by the procedure).
  const parsed = ZRegistrantsInput.safeParse({ eventId: id, q: sp.q, audience: sp.audience || undefined, sessionId: sp.sessionId || undefined, status: sp.status || undefined })
  const filters = parsed.success ? { q: parsed.data.q, audience: parsed.data.audience, sessionId: parsed.data.sessionId, status: parsed.data.status } : {}
  const at = pageAt(sp)
  const list = data.registration ? await guard(caller.registration.registrants({ eventId: id, ...filters, cursor: at.cursor })) : null
  const time = (d: Date) => toAmsterdam(d).time
  const initial = {
    audiences: (data.registration?.audiences ?? [{ kind: 'PUPIL' as const, capacity: null, maxPartySize: 1, levels: [], schoolYears: [] }]).map((a) => ({ kind: a.kind, capacity: a.capacity, maxPartySize: a.maxPartySize, levels: a.levels as string[], schoolYears: a.schoolYears })),
    sessions:
      data.sessions.length > 1 || data.sessions.some((s) => s.title !== data.event.title)
        ? data.sessions.map((s) => ({ id: s.id, title: s.title, date: toAmsterdam(s.startsAt).date, startTime: time(s.startsAt), endTime: time(s.endsAt), room: s.room, capacity: String(s.capacity) }))
        : [],
    capacity: String(data.sessions[0]?.capacity ?? data.event.capacity ?? ''),
  }
  const sessionTitle = new Map(data.sessions.map((s) => [s.id, s.title]))
  const control = 'rounded-md border border-slate-500 bg-white px-3 py-2 text-sm'
  return (
    <>
      <PageHeader
        title={t('titleFor', { event: data.event.title })}
        description={data.registration ? t(`statuses.${data.registration.status}`) : t('off')}
        actions={<LinkButton variant="secondary" href={`/agenda/${id}`}>{t('manage.back')}</LinkButton>}
      />
      {data.registration ? (
        <Card title={t('manage.sessions')}>
          <DataTable
            caption={t('manage.sessions')}
            rowKey={(s) => s.id}
            rows={data.sessions}
            columns={[
              { key: 'title', header: t('setup.sessionTitle'), cell: (s) => s.title },
              { key: 'when', header: t('manage.when'), cell: (s) => `${formatAmsterdam(s.startsAt, 'EEE d MMM HH:mm', locale)}–${time(s.endsAt)}` },
              { key: 'room', header: t('setup.room'), cell: (s) => s.room || '—' },
              { key: 'cap', header: t('setup.capacity'), numeric: true, cell: (s) => s.capacity },
              { key: 'confirmed', header: ts('status.CONFIRMED'), numeric: true, cell: (s) => s.confirmed },
              { key: 'pending', header: ts('status.PENDING'), numeric: true, cell: (s) => s.pending },
              { key: 'waitlisted', header: ts('status.WAITLISTED'), numeric: true, cell: (s) => s.waitlisted },
              { key: 'present', header: ts('attendance.PRESENT'), numeric: true, cell: (s) => s.present },
              { key: 'showUp', header: t('manage.showUp'), numeric: true, cell: (s) => (s.showUp === null ? '—' : new Intl.NumberFormat(intlLocale(locale), { style: 'percent' }).format(s.showUp)) },
              { key: 'checkin', header: t('manage.checkin'), cell: (s) => <Link className="text-brand-700 underline" href={`/agenda/${id}/aanmelding/inchecken?session=${s.id}`}>{t('manage.checkinLink')}</Link> },
            ]}
          />
          <p className="mt-3 text-sm">
            <a className="text-brand-700 underline" href={`/aanmelden/${id}`}>
              {t('manage.publicLink')}
            </a>
          </p>
        </Card>
      ) : null}
      <div className="my-4">
        <Card title={data.registration ? t('setup.change') : t('setup.enable')}>
          {data.event.status === 'CANCELLED' || data.registration?.status === 'CANCELLED' ? <p>{t('errors.cancelled')}</p> : <SetupForm eventId={id} initial={initial} defaultDate={toAmsterdam(data.event.startsAt).date} />}
        </Card>
      </div>
      {list ? (
        <Card title={t('registrants')}>
          <form method="get" role="search" aria-label={t('manage.filters')} className="mb-4 flex flex-wrap items-end gap-3">
            <label className="flex flex-col gap-1 text-sm font-medium">
              {t('manage.search')}
              <input name="q" defaultValue={sp.q ?? ''} className={control} />
            </label>
            <label className="flex flex-col gap-1 text-sm font-medium">
              {t('export.audience')}
              <select name="audience" defaultValue={sp.audience ?? ''} className={control}>
                <option value="">{t('manage.all')}</option>
                {(['PUPIL', 'PARENT', 'PROFESSIONAL'] as const).map((a) => (
                  <option key={a} value={a}>
                    {t(`audienceOne.${a}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="flex flex-col gap-1 text-sm font-medium">
              {t('manage.session')}
              <select name="sessionId" defaultValue={sp.sessionId ?? ''} className={control}>
                <option value="">{t('manage.all')}</option>
                {data.sessions.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.title}
                  </option>
                ))}
              </select>
            </label>
            <label className="flex flex-col gap-1 text-sm font-medium">
              {t('manage.status')}
              <select name="status" defaultValue={sp.status ?? ''} className={control}>
                <option value="">{t('manage.all')}</option>
                {(['PENDING', 'CONFIRMED', 'WAITLISTED', 'OFFERED', 'CANCELLED'] as const).map((s) => (
                  <option key={s} value={s}>
                    {ts(`status.${s}`)}
                  </option>
                ))}
              </select>
            </label>
            <Button type="submit" variant="secondary">
              {t('manage.apply')}
            </Button>
          </form>
          <p className="mb-2 text-sm" data-testid="registrant-total">
            {t('manage.total', { count: list.total })}
          </p>
          <DataTable
            caption={t('registrants')}
            rowKey={(r) => r.id}
            rows={list.registrants}
            empty={t('manage.none')}
            columns={[
              { key: 'name', header: t('export.name'), cell: (r) => r.name ?? '—' },
              { key: 'audience', header: t('export.audience'), cell: (r) => `${t(`audienceOne.${r.audience}`)}${r.partySize > 1 ? ` (${r.partySize})` : ''}` },
              { key: 'school', header: t('export.school'), cell: (r) => r.school ?? '—' },
              { key: 'seats', header: t('manage.sessions'), cell: (r) => r.seats.map((s) => `${sessionTitle.get(s.sessionId) ?? ''}: ${ts(`status.${s.status}`)}${s.attendance === 'PRESENT' ? ` ✓` : ''}`).join('; ') },
            ]}
          />
          <Pager path={`/agenda/${id}/aanmelding`} at={at} keep={{ q: sp.q, audience: sp.audience, sessionId: sp.sessionId, status: sp.status }} shown={list.registrants.length} total={list.total} nextCursor={list.nextCursor} testId="registrants-pager" />
          <p className="mt-3 flex flex-wrap gap-4 text-sm">
            <a className="text-brand-700 underline" href={`/api/registration/${id}/export?format=csv`}>
              {t('export.csv')}
            </a>
            <a className="text-brand-700 underline" href={`/api/registration/${id}/export?format=xlsx`}>
              {t('export.xlsx')}
            </a>
          </p>
        </Card>
      ) : null}
      {data.registration && data.registration.status === 'OPEN' ? (
        <div className="my-4">
          <Card title={t('manage.messageTitle')}>
            <OrganiserActions eventId={id} sessions={data.sessions.map((s) => ({ id: s.id, title: s.title }))} />
          </Card>
        </div>
      ) : null}
    </>
  )
}
