import Link from 'next/link'
import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { calendarLocale } from '@/components/calendar/locale'
import { getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { addLocalDays, monthBounds } from '@/server/calendar/time'
import { formatAmsterdam, toAmsterdam } from '@/server/lib/time'
import { PageHeader } from '@/components/ui/layout'
import { ListView } from '@/components/calendar/views'

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ month?: string }> }

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('calendar'))('title') }
}

/** A region's public calendar (no sign-in): its published events month by month, and its ICS feed. */
export default async function PublicRegionAgendaPage({ params, searchParams }: Props) {
  const [{ slug }, sp] = [await params, await searchParams]
  const [t, locale, caller] = [await getTranslations('calendar'), await calendarLocale(), await getCaller()]
  const month = /^\d{4}-\d{2}$/.test(sp.month ?? '') ? sp.month! : toAmsterdam(new Date()).date.slice(0, 7)
  const { first, next } = monthBounds(`${month}-01`)
  const { region, events } = await guard(caller.calendar.publicRange({ slug, from: first, to: next }))
  const heading = formatAmsterdam(new Date(`${first}T12:00:00Z`), 'LLLL yyyy', locale)
  return (
    <>
      <PageHeader title={t('publicTitle', { region: region.name })} description={t('publicIntro')} />
      <nav aria-label={t('views.label')} className="mb-3 flex items-center gap-3 text-sm">
        <Link className="text-brand-700 underline" href={`?month=${monthBounds(addLocalDays(first, -1)).first.slice(0, 7)}`}>
          {t('previous')}
        </Link>
        <h2 className="text-lg font-semibold">{heading}</h2>
        <Link className="text-brand-700 underline" href={`?month=${next.slice(0, 7)}`}>
          {t('next')}
        </Link>
      </nav>
      <ListView caption={t('monthCaption', { month: heading })} events={events} />
      <p className="mt-4 text-sm">
        <a className="text-brand-700 underline" href={`/api/calendar/region/${region.slug}.ics`}>
          {t('feeds.subscribe')}
        </a>
      </p>
    </>
  )
}
