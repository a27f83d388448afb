import Link from 'next/link'
import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { calendarLocale } from '@/components/calendar/locale'
import { regionFeedPath } from '@/server/calendar/feed-links'
import { getActor, getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { holdsAction } from '@/server/auth/policy'
import { ZCalendarFilters, zLocalDate } from '@/server/calendar/schema'
import { addLocalDays, monthBounds, weekStart } from '@/server/calendar/time'
import { toAmsterdam } from '@/server/lib/time'
import { formatCalendar, localDay } from '@/components/calendar/format'
import { publicUrl } from '@/server/lib/url'
import { PageHeader } from '@/components/ui/layout'
import { LinkButton, navLinkClass } from '@/components/ui/button'
import { ListView, MonthView, WeekView } from '@/components/calendar/views'
import { CalendarFilterForm } from '@/components/calendar/filter-form'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('calendar'))('title') }
}

type Search = { region?: string; view?: string; date?: string; type?: string; level?: string; org?: string; sector?: string; cursor?: string }
const VIEWS = ['month', 'week', 'list'] as const

export default async function AgendaPage({ searchParams }: { searchParams: Promise<Search> }) {
  const sp = await searchParams
  const [t, ts, actor, caller, locale] = [await getTranslations('calendar'), await getTranslations('sectors'), await getActor(), await getCaller(), await calendarLocale()]
  const regions = await caller.calendar.regions()
  const region = regions.find((r) => r.id === sp.region) ?? regions[0]
  const view = (VIEWS as readonly string[]).includes(sp.view ?? '') ? (sp.view as (typeof VIEWS)[number]) : 'month'
  const today = toAmsterdam(new Date()).date
  const date = zLocalDate.safeParse(sp.date).success ? sp.date! : today
  const parsed = ZCalendarFilters.safeParse({ types: sp.type ? [sp.type] : [], level: sp.level, organisationId: sp.org, sector: sp.sector })
  const filters = parsed.success ? parsed.data : { types: [] }
  const canPropose = !!actor && holdsAction(actor, 'calendar.propose')
  const header = (
    <PageHeader
      title={t('title')}
      actions={
        <>
          {canPropose ? <LinkButton href="/agenda/new">{t('actions.new')}</LinkButton> : null}
          <LinkButton variant="secondary" href="/agenda/manage">
            {t('actions.manage')}
          </LinkButton>
        </>
      }
    />
  )
  if (!region) return <>{header}<p>{t('noEvents')}</p></>

  const qs = (over: Partial<Search>) => {
    const p = new URLSearchParams()
    const merged = { region: region.id, view, date, type: sp.type, level: sp.level, org: sp.org, sector: sp.sector, ...over }
    for (const [k, v] of Object.entries(merged)) if (v) p.set(k, v)
    return `/agenda?${p.toString()}`
  }
  const orgs = await guard(caller.calendar.organisations({ regionId: region.id }))
  let body: React.ReactNode
  let prev = date
  let next = date
  let heading = ''
  if (view === 'month') {
    const { first, next: nextMonth } = monthBounds(date)
    // The grid shows whole weeks: from the Monday before the 1st to the Sunday after the last day (≤ 6 weeks).
    const events = await guard(caller.calendar.range({ regionId: region.id, from: weekStart(first), to: addLocalDays(weekStart(addLocalDays(nextMonth, -1)), 7), ...filters }))
    prev = monthBounds(addLocalDays(first, -1)).first
    next = nextMonth
    heading = formatCalendar(localDay(first), 'LLLL yyyy', locale)
    body = <MonthView month={first.slice(0, 7)} events={events} linkBase="/agenda" />
  } else if (view === 'week') {
    const from = weekStart(date)
    const events = await guard(caller.calendar.range({ regionId: region.id, from, to: addLocalDays(from, 7), ...filters }))
    prev = addLocalDays(from, -7)
    next = addLocalDays(from, 7)
    heading = t('weekCaption', { from: formatCalendar(localDay(from), 'd MMM', locale), to: formatCalendar(localDay(addLocalDays(from, 6)), 'd MMM yyyy', locale) })
    body = <WeekView from={from} events={events} linkBase="/agenda" />
  } else {
    const page = await guard(caller.calendar.list({ regionId: region.id, from: date, cursor: sp.cursor, limit: 50, ...filters }))
    prev = addLocalDays(date, -30)
    next = addLocalDays(date, 30)
    heading = t('listCaption', { from: formatCalendar(localDay(date), 'd MMMM yyyy', locale) })
    body = (
      <>
        <ListView caption={heading} events={page.items} linkBase="/agenda" />
        {page.nextCursor ? (
          <p className="mt-3">
            <Link className={navLinkClass} href={qs({ cursor: page.nextCursor })}>
              {t('moreEvents')}
            </Link>
          </p>
        ) : null}
      </>
    )
  }
  // The month view's date is the 1st after paging; the week and list views open on today when it lies in that month.
  const dateForView = (v: (typeof VIEWS)[number]) => (view === 'month' && v !== 'month' && today.slice(0, 7) === date.slice(0, 7) ? today : date)
  return (
    <>
      {header}
      <CalendarFilterForm
        keep={{ view, date }}
        type={sp.type}
        level={sp.level}
        before={[{ id: 'region', label: t('region'), value: region.id, options: regions.map((r) => ({ value: r.id, label: r.name })), any: false }]}
        after={[
          { id: 'org', label: t('filters.organisation'), value: sp.org, options: orgs.map((o) => ({ value: o.id, label: o.name })) },
          { id: 'sector', label: t('filters.sector'), value: sp.sector, options: (['VO', 'MBO', 'HBO', 'WO'] as const).map((s) => ({ value: s, label: ts(s) })) },
        ]}
      />
      <nav aria-label={t('views.label')} className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <ul className="flex gap-2">
          {VIEWS.map((v) => (
            <li key={v}>
              <Link href={qs({ view: v, date: dateForView(v), cursor: undefined })} aria-current={v === view ? 'page' : undefined} className={`rounded-md border px-3 py-1 text-sm ${v === view ? 'border-brand-700 bg-brand-700 text-white' : 'border-slate-400 text-slate-900'}`}>
                {t(`views.${v}`)}
              </Link>
            </li>
          ))}
        </ul>
        <div className="flex items-center gap-3 text-sm">
          <Link className={navLinkClass} href={qs({ date: prev, cursor: undefined })}>
            {t('previous')}
          </Link>
          <h2 className="text-lg font-semibold" data-testid="period">
            {heading}
          </h2>
          <Link className={navLinkClass} href={qs({ date: next, cursor: undefined })}>
            {t('next')}
          </Link>
          <Link className={navLinkClass} href={qs({ date: today, cursor: undefined })}>
            {t('today')}
          </Link>
        </div>
      </nav>
      {body}
      <p className="mt-4 text-sm">
        <a className="text-brand-700 underline" href={publicUrl(regionFeedPath(region.slug, locale))}>
          {t('feeds.regionFeed', { region: region.name })}
        </a>{' '}
        ·{' '}
        <Link className="text-brand-700 underline" href={`/regio/${region.slug}/agenda`}>
          {t('publicTitle', { region: region.name })}
        </Link>
      </p>
    </>
  )
}
