import Link from 'next/link'
import type { ReactNode } from 'react'
import { getTranslations } from 'next-intl/server'
import { calendarLocale } from './locale'
import { DataTable } from '@/components/ui/table'
import { toAmsterdam } from '@/server/lib/time'
import { slotEntryHref } from '@/server/calendar/slot-entries'
import { formatCalendar, localDay } from './format'
import { addLocalDays } from '@/server/calendar/time'
import type { CalendarEntry } from '@/server/calendar/query'
import { ScrollRegion } from '@/components/ui/scroll-region'
import { CARDS } from '@/components/slots/slot-search'

const loc = calendarLocale

/** Local dates an event covers (all-day events end at local midnight after their last day). */
function coversDay(ev: { startsAt: Date; endsAt: Date }, day: string) {
  return toAmsterdam(ev.startsAt).date <= day && toAmsterdam(new Date(ev.endsAt.getTime() - 1)).date >= day
}

/** Where an entry opens: an event's page under `linkBase` (when the view links events), a slot's own page. */
const entryHref = (e: CalendarEntry, linkBase?: string) => (e.kind === 'slot' ? slotEntryHref(e) : linkBase ? `${linkBase}/${e.id}` : undefined)

type CalendarT = Awaited<ReturnType<typeof getTranslations<'calendar'>>>

/**
 * A slot's free places ("3 places left" / "full — waiting list"); nothing for events, and nothing — no count, no
 * "full" — when the server withholds them (`free` null: a personal-link-only slot read by anyone but its institution).
 * A plain function, not an async component: a list renders one per entry, and each async component is a chunk of its
 * own in the page's RSC payload.
 */
function places(entry: CalendarEntry, t: CalendarT, className = '') {
  if (entry.kind !== 'slot' || entry.status === 'CANCELLED' || entry.free === null) return null
  return <span className={`${className}${entry.free ? 'text-green-800' : 'text-amber-900'}`}>{entry.free ? t('slot.free', { count: entry.free }) : t('slot.full')}</span>
}

/**
 * A link in a list of entries: next/link (client-side navigation), or with `plain` an ordinary anchor — no client
 * component per entry, so a long public list costs the browser no hydration work for its links.
 */
function EntryLink({ href, plain, className, children, testId }: { href: string; plain?: boolean; className: string; children: ReactNode; testId?: string }) {
  return plain ? (
    <a className={className} href={href} {...(testId ? { 'data-testid': testId } : {})}>
      {children}
    </a>
  ) : (
    <Link prefetch={false} className={className} href={href} data-testid={testId}>
      {children}
    </Link>
  )
}

async function EventLabel({ ev, href, withDate = false }: { ev: CalendarEntry; href?: string; withDate?: boolean }) {
  const [t, locale] = [await getTranslations('calendar'), await loc()]
  const when = ev.allDay ? t('fields.allDay') : `${formatCalendar(ev.startsAt, withDate ? 'EEE d MMM HH:mm' : 'HH:mm', locale)}–${formatCalendar(ev.endsAt, 'HH:mm', locale)}`
  const cancelled = ev.status === 'CANCELLED'
  const title = <span className={cancelled ? 'line-through' : 'font-medium'}>{ev.title}</span>
  return (
    <span>
      <span className="text-slate-700">{when}</span> {href ? <Link prefetch={false} className="text-brand-700 underline" href={href}>{title}</Link> : title}
      {cancelled ? <span className="ml-1 font-semibold text-red-800">({t('statuses.CANCELLED')})</span> : null}
      <span className="block text-xs text-slate-700">
        {[t(`types.${ev.type}`), ev.kind === 'slot' ? ev.organisers[0]?.organisation.name : null, ev.audienceLevels.map((l) => t(`levels.${l}` as never)).join(', ')].filter(Boolean).join(' · ')}
        {ev.kind === 'slot' && ev.status !== 'CANCELLED' ? ' · ' : null}
        {places(ev, t)}
      </span>
    </span>
  )
}

/** Month grid: a table of weeks (Monday first) with the events of each day. */
export async function MonthView({ month, events, linkBase }: { month: string; events: CalendarEntry[]; linkBase?: string }) {
  const [t, locale] = [await getTranslations('calendar'), await loc()]
  const first = `${month}-01`
  const dow = (new Date(`${first}T00:00:00Z`).getUTCDay() + 6) % 7
  const start = addLocalDays(first, -dow)
  const weeks: string[][] = []
  for (let d = start; d.slice(0, 7) <= month || weeks.length === 0; ) {
    const week = Array.from({ length: 7 }, (_, i) => addLocalDays(d, i))
    weeks.push(week)
    d = addLocalDays(d, 7)
    if (d.slice(0, 7) > month) break
  }
  const caption = t('monthCaption', { month: formatCalendar(localDay(first), 'LLLL yyyy', locale) })
  return (
    <ScrollRegion className="rounded-lg border border-slate-300 bg-white" label={caption}>
      <table className="w-full table-fixed text-sm" data-testid="month-view">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-100">
          <tr>
            {weeks[0]!.map((day) => (
              <th key={day} scope="col" className="px-2 py-1 text-left font-semibold">
                <span aria-hidden="true">{formatCalendar(localDay(day), 'EEE', locale)}</span>
                <span className="sr-only">{formatCalendar(localDay(day), 'EEEE', locale)}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]} className="align-top">
              {week.map((day) => {
                const dayEvents = events.filter((e) => coversDay(e, day))
                return (
                  <td key={day} className={`h-24 border border-slate-200 p-1 ${day.slice(0, 7) === month ? '' : 'bg-slate-50 text-slate-700'}`}>
                    <span className="block text-xs font-semibold">{Number(day.slice(8))}</span>
                    <ul className="flex flex-col gap-1">
                      {dayEvents.map((ev) => (
                        <li key={ev.id}>
                          <EventLabel ev={ev} href={entryHref(ev, linkBase)} />
                        </li>
                      ))}
                    </ul>
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  )
}

/** Week view: one section per day (Monday to Sunday). */
export async function WeekView({ from, events, linkBase }: { from: string; events: CalendarEntry[]; linkBase?: string }) {
  const locale = await loc()
  const days = Array.from({ length: 7 }, (_, i) => addLocalDays(from, i))
  return (
    <div className="grid gap-3 md:grid-cols-7" data-testid="week-view">
      {days.map((day) => {
        const dayEvents = events.filter((e) => coversDay(e, day))
        return (
          <section key={day} className="rounded-md border border-slate-300 bg-white p-2" aria-labelledby={`day-${day}`}>
            <h2 id={`day-${day}`} className="mb-1 text-sm font-semibold">
              {formatCalendar(localDay(day), 'EEEE d MMM', locale)}
            </h2>
            {dayEvents.length ? (
              <ul className="flex flex-col gap-2 text-sm">
                {dayEvents.map((ev) => (
                  <li key={ev.id}>
                    <EventLabel ev={ev} href={entryHref(ev, linkBase)} />
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-xs text-slate-700">—</p>
            )}
          </section>
        )
      })}
    </div>
  )
}

/**
 * List view: a table of events in date order. `plainLinks`: the entries link with ordinary anchors instead of
 * next/link (the public month: up to 100 entries, no client-side navigation needed to open one). `phoneCards`: below
 * 640 px (Tailwind's sm) each entry is a stacked card instead (the slot search's cards), so a pupil on a phone sees
 * the title, the facts and the booking link without scrolling a wide table sideways; the table from 640 px. Only one
 * of the two is displayed (the other is display: none, so also hidden from assistive technology).
 */
export async function ListView({
  caption,
  events,
  linkBase,
  registration,
  plainLinks = false,
  phoneCards = false,
}: {
  caption: string
  events: CalendarEntry[]
  linkBase?: string
  registration?: Record<string, { free: number; href: string }>
  plainLinks?: boolean
  phoneCards?: boolean
}) {
  const [t, locale, tr] = [await getTranslations('calendar'), await loc(), await getTranslations('registration')]
  // Each fact once, for the table's cells and the phone's cards alike.
  const when = (e: CalendarEntry) => (e.allDay ? `${formatCalendar(e.startsAt, 'EEE d MMM yyyy', locale)} (${t('fields.allDay')})` : `${formatCalendar(e.startsAt, 'EEE d MMM yyyy HH:mm', locale)}–${formatCalendar(e.endsAt, 'HH:mm', locale)}`)
  const audience = (e: CalendarEntry) => e.audienceLevels.map((l) => t(`levels.${l}` as never)).join(', ')
  const organisers = (e: CalendarEntry) => e.organisers.map((o) => o.organisation.name).join(', ')
  const where = (e: CalendarEntry) => e.locationAddress ?? (e.onlineUrl ? 'online' : '—')
  const title = (e: CalendarEntry) => {
    const href = entryHref(e, linkBase)
    return (
      <>
        {href ? (
          <EntryLink plain={plainLinks} className="text-brand-700 underline" href={href}>
            {e.title}
          </EntryLink>
        ) : (
          <span className="font-medium">{e.title}</span>
        )}
        {e.status === 'CANCELLED' ? <span className="ml-1 font-semibold text-red-800">({t('statuses.CANCELLED')})</span> : null}
      </>
    )
  }
  /** A slot's free places and an event's registration link. */
  const booking = (e: CalendarEntry) => {
    const seats = e.kind === 'event' && e.status !== 'CANCELLED' ? registration?.[e.id] : undefined
    return (
      <>
        {places(e, t, 'block text-xs ')}
        {seats ? (
          <EntryLink plain={plainLinks} className="block text-sm font-medium text-brand-700 underline" href={seats.href} testId="register-link">
            {seats.free ? tr('calendarLink', { count: seats.free }) : tr('calendarFull')}
          </EntryLink>
        ) : null}
      </>
    )
  }
  const table = (
    <DataTable
      caption={caption}
      rows={events}
      rowKey={(e) => e.id}
      empty={t('noEvents')}
      columns={[
        { key: 'when', header: t('fields.when'), cell: when },
        {
          key: 'title',
          header: t('fields.title'),
          cell: (e) => (
            <>
              {title(e)}
              {booking(e)}
            </>
          ),
        },
        { key: 'type', header: t('fields.type'), cell: (e) => t(`types.${e.type}`) },
        { key: 'audience', header: t('fields.audience'), cell: audience },
        { key: 'org', header: t('fields.organisedBy'), cell: organisers },
        { key: 'where', header: t('fields.where'), cell: where },
      ]}
    />
  )
  if (!phoneCards || !events.length) return table
  return (
    <>
      <ul className={`${CARDS} sm:hidden`} aria-label={caption} data-testid="calendar-cards">
        {events.map((e) => (
          <li key={e.id}>
            <h3>{title(e)}</h3>
            <dl>
              <dt>{t('fields.when')}</dt>
              <dd>{when(e)}</dd>
              <dt>{t('fields.type')}</dt>
              <dd>{t(`types.${e.type}`)}</dd>
              {e.audienceLevels.length ? (
                <>
                  <dt>{t('fields.audience')}</dt>
                  <dd>{audience(e)}</dd>
                </>
              ) : null}
              <dt>{t('fields.organisedBy')}</dt>
              <dd>{organisers(e)}</dd>
              <dt>{t('fields.where')}</dt>
              <dd>{where(e)}</dd>
            </dl>
            {booking(e)}
          </li>
        ))}
      </ul>
      <div className="hidden sm:block">{table}</div>
    </>
  )
}
