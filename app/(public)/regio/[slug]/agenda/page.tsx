import Link from 'next/link'
import { isLocalDate } from '@/server/lib/zod'
import { Activity } from 'react'
import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { calendarLocale } from '@/components/calendar/locale'
import { regionFeedPath } from '@/server/calendar/feed-links'
import { getCaller } from '@/server/api/server'
import { publicReadDb } from '@/server/db/replica'
import { guard } from '@/server/api/page-guard'
import { ZCalendarFilters } from '@/server/calendar/schema'
import { addLocalDays, monthBounds } from '@/server/calendar/time'
import { toAmsterdam } from '@/server/lib/time'
import { PageHeader } from '@/components/ui/layout'
import { navLinkClass } from '@/components/ui/button'
import { ListView } from '@/components/calendar/views'
import { CalendarFilterForm } from '@/components/calendar/filter-form'
import { formatCalendar, localDay } from '@/components/calendar/format'
import { Pager, pageAt } from '@/components/ui/pager'

type Search = { month?: string; type?: string; level?: string; vanaf?: string }

/**
 * Entries per page of the public month: a busy region's month holds hundreds (the national set's largest: 591), and a
 * phone should not parse them all at once (Lighthouse: total blocking time). The month's query reads them all anyway.
 */
const PAGE = 100
type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Search> }

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const t = await getTranslations('calendar')
  const region = await publicReadDb().region.findUnique({ where: { slug: (await params).slug }, select: { name: true } })
  if (!region) return { title: t('title') }
  const title = t('publicTitle', { region: region.name })
  return { title, description: t('publicIntro'), openGraph: { title, description: t('publicIntro'), type: 'website' } }
}

/**
 * A region's public calendar (no sign-in): its published events month by month, filtered by type and level, and
 * its ICS feed. An empty month says how many activities the next month holds, with a link to it.
 */
export default async function PublicRegionAgendaPage({ params, searchParams }: Props) {
  const [{ slug }, sp] = [await params, await searchParams]
  const [t, locale, caller] = [await getTranslations('calendar'), await calendarLocale(), await getCaller()]
  const month = /^\d{4}-\d{2}$/.test(sp.month ?? '') && isLocalDate(`${sp.month}-01`) ? sp.month! : toAmsterdam(new Date()).date.slice(0, 7)
  const { first, next } = monthBounds(`${month}-01`)
  const parsed = ZCalendarFilters.pick({ types: true, level: true }).safeParse({ types: sp.type ? [sp.type] : [], level: sp.level || undefined })
  const filters = parsed.success ? parsed.data : { types: [] }
  const { region, events } = await guard(caller.calendar.publicRange({ slug, from: first, to: next, ...filters }))
  // the page: an offset into the month's entries (the shared pager's cursor; anything else is the first page)
  const at = pageAt(sp, 'vanaf')
  const offset = at.cursor && /^[1-9][0-9]{0,5}$/.test(at.cursor) && Number(at.cursor) < events.length ? Number(at.cursor) : 0
  const shown = events.slice(offset, offset + PAGE)
  const registration = await caller.registration.availability({ eventIds: shown.filter((e) => e.kind === 'event').map((e) => e.id) })
  const following = events.length ? null : await guard(caller.calendar.publicRange({ slug, from: next, to: monthBounds(next).next, ...filters }))
  const heading = formatCalendar(localDay(first), 'LLLL yyyy', locale)
  const nextHeading = formatCalendar(localDay(next), 'LLLL yyyy', locale)
  const href = (over: Search) => {
    const p = new URLSearchParams()
    for (const [k, v] of Object.entries({ month, type: parsed.success ? sp.type : undefined, level: parsed.success ? sp.level : undefined, ...over })) if (v) p.set(k, v)
    return `?${p.toString()}`
  }
  return (
    <>
      <PageHeader title={t('publicTitle', { region: region.name })} description={t('publicIntro')} />
      <p className="mb-4 text-sm">
        <Link prefetch={false} className="text-brand-700 underline" href={`/regio/${region.slug}/proefstuderen`}>
          {t('public.slotSearch', { region: region.name })}
        </Link>
      </p>
      <CalendarFilterForm keep={{ month }} type={sp.type} level={sp.level} />
      <nav aria-label={t('views.label')} className="mb-3 flex flex-wrap items-center gap-3 text-sm">
        <Link prefetch={false} className={navLinkClass} href={href({ month: monthBounds(addLocalDays(first, -1)).first.slice(0, 7) })}>
          {t('previous')}
        </Link>
        <h2 className="text-lg font-semibold">{heading}</h2>
        <Link prefetch={false} className={navLinkClass} href={href({ month: next.slice(0, 7) })}>
          {t('next')}
        </Link>
      </nav>
      {following ? (
        <div className="mb-3 rounded-md border border-slate-300 bg-white p-3 text-sm" data-testid="empty-month">
          <p>{t('public.emptyMonth', { month: heading })}</p>
          {following.events.length ? (
            <p>
              {t('public.nextMonthCount', { month: nextHeading, count: following.events.length })}{' '}
              <Link className="text-brand-700 underline" href={href({ month: next.slice(0, 7) })}>
                {t('public.showNextMonth', { month: nextHeading })}
              </Link>
            </p>
          ) : null}
        </div>
      ) : null}
      {/*
        The month's entries hydrate in an Activity boundary: React hydrates a visible Activity's content after the rest of
        the page, at idle priority and in slices of a few milliseconds, instead of in one long task with the page (up to
        100 table rows: Lighthouse's total blocking time). The server-rendered HTML is the same, shown at once, and
        works without JavaScript (unlike a Suspense boundary, a large Activity is never streamed out of line).
      */}
      <Activity>
        <ListView caption={t('monthCaption', { month: heading })} events={shown} registration={registration} plainLinks phoneCards />
        {events.length > PAGE ? (
          <Pager
            path={`/regio/${region.slug}/agenda`}
            at={{ ...at, cursor: offset ? String(offset) : undefined, from: offset + 1 }}
            keep={{ month, type: parsed.success ? sp.type : undefined, level: parsed.success ? sp.level : undefined }}
            shown={shown.length}
            total={events.length}
            nextCursor={offset + PAGE < events.length ? String(offset + PAGE) : null}
            testId="month-pager"
          />
        ) : null}
      </Activity>
      <p className="mt-4 text-sm">
        <a className="text-brand-700 underline" href={regionFeedPath(region.slug, locale)}>
          {t('feeds.subscribe')}
        </a>
      </p>
    </>
  )
}
