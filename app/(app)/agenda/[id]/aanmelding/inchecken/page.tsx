import Link from 'next/link'
import type { Metadata } from 'next'
import { getLocale, getTranslations } from 'next-intl/server'
import { getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { formatAmsterdam } from '@/server/lib/time'
import { PageHeader } from '@/components/ui/layout'
import { CheckIn } from '@/components/registration/check-in'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('registration.checkin'))('title') }
}

/** Check-in on the day, phone first: one session at a time (other sessions linked). */
export default async function CheckInPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ session?: string }> }) {
  const [{ id }, sp] = [await params, await searchParams]
  const [t, locale, caller] = [await getTranslations('registration.checkin'), (await getLocale()) as 'nl' | 'en', await getCaller()]
  let sessionId = sp.session
  if (!sessionId) sessionId = (await guard(caller.registration.get({ eventId: id }))).sessions[0]?.id
  if (!sessionId) return <PageHeader title={t('title')} description={t('noSessions')} />
  const summary = await guard(caller.registration.checkinSummary({ sessionId }))
  const s = summary.session
  return (
    <>
      <PageHeader title={t('title')} description={`${s.title} · ${formatAmsterdam(s.startsAt, 'EEE d MMM HH:mm', locale)}${s.room ? ` · ${s.room}` : ''}`} />
      {summary.sessions.length > 1 ? (
        <nav aria-label={t('sessions')} className="mb-4 flex flex-wrap gap-3 text-sm">
          {summary.sessions.map((x) => (
            <Link key={x.id} className="text-brand-700 underline" aria-current={x.id === s.id ? 'page' : undefined} href={`/agenda/${id}/aanmelding/inchecken?session=${x.id}`}>
              {x.title}
            </Link>
          ))}
        </nav>
      ) : null}
      <CheckIn key={s.id} sessionId={s.id} initial={{ expected: summary.expected, present: summary.present }} />
    </>
  )
}
