import type { Metadata } from 'next'
import { getLocale, getTranslations } from 'next-intl/server'
import { notFound } from 'next/navigation'
import { getCaller } from '@/server/api/server'
import { tokenView } from '@/server/api/page-guard'
import { TokenProblem } from '@/components/ui/token-problem'
import { formatAmsterdam } from '@/server/lib/time'
import { Card, PageHeader } from '@/components/ui/layout'
import { LinkBookButton } from './book-button'
import { linkBookAction } from './actions'

/** The tab's title (the page's own; a token page is not for search engines). */
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('participation.link'))('title'), robots: { index: false } }
}

/**
 * The pupil's personal booking link (from the school's class list; no account). Details come from the list; the
 * campaign rules are checked by the database when a booking is made. A wrong, revoked or expired link is a 404 with
 * a clear message (./not-found). Opening the page changes nothing. The buttons post to a server action (./actions):
 * no client providers, within the public first-load budget (README).
 */
export default async function PupilLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params
  const [t, tAll, locale] = [await getTranslations('participation.link'), await getTranslations(), (await getLocale()) as 'nl' | 'en']
  const r = await tokenView((await getCaller()).participation.link({ token }))
  if ('problem' in r && r.problem === 'invalid') notFound()
  if ('problem' in r) return <TokenProblem title={t('title')} problem={r.problem} invalid={tAll('participation.errors.linkInvalid')} />
  const view = r.value
  const p = view.pupil
  return (
    <>
      <PageHeader title={t('hello', { name: p.name })} description={t('details', { school: p.school, className: p.className, year: p.year })} />
      <p className="mb-4 text-sm">{t('intro')}</p>
      {view.campaigns.length === 0 ? <p>{t('noCampaigns')}</p> : null}
      {view.campaigns.map((c) => (
        <Card key={c.id} title={t('campaign', { name: c.name, from: formatAmsterdam(c.opensAt, 'd MMM', locale), to: formatAmsterdam(new Date(c.closesAt.getTime() - 1), 'd MMM yyyy', locale), max: c.maxPerPupil })}>
          <p className="mb-3 text-sm" data-testid="campaign-count">
            {t('youBooked', { count: c.booked, max: c.maxPerPupil })}
          </p>
          <ul className="flex flex-col gap-3">
            {c.slots.map((s) => (
              <li key={s.id} className="flex flex-col gap-2 rounded-md border border-slate-300 p-3 sm:flex-row sm:items-center sm:justify-between">
                <div>
                  <p className="font-semibold">
                    {s.programme.name} — {s.organisation.name}
                  </p>
                  <p className="text-sm">
                    {formatAmsterdam(s.startsAt, 'EEEE d MMMM HH:mm', locale)} · {s.location} · {s.free === null ? t('placesOnBooking') : t('free', { count: s.free })}
                  </p>
                </div>
                <LinkBookButton action={linkBookAction} token={token} slotId={s.id} label={`${t('book')}: ${s.programme.name}`} bookText={t('book')} stateText={s.booked ? t('booked') : !c.open ? t(c.opensAt > new Date() ? 'notOpen' : 'closed') : s.bookable ? null : t('notOpen')} activity={t('resultFor', { activity: `${s.programme.name} — ${s.organisation.name}, ${formatAmsterdam(s.startsAt, 'EEEE d MMMM HH:mm', locale)}` })} />
              </li>
            ))}
          </ul>
        </Card>
      ))}
      <Card title={t('mine')}>
        {view.bookings.length ? (
          <ul className="list-disc pl-5">
            {view.bookings.map((b) => (
              <li key={`${b.slotId}-${b.status}`}>
                {formatAmsterdam(b.startsAt, 'd MMM yyyy HH:mm', locale)} {b.programme} ({b.institution}): {tAll(`slots.status.${b.status}`)}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('noneYet')}</p>
        )}
        <p className="mt-3 text-sm">{t('expires', { date: formatAmsterdam(view.expiresAt, 'd MMMM yyyy', locale) })}</p>
        <p className="mt-2 text-sm" data-testid="privacy-notice">
          {t('privacy', { date: formatAmsterdam(view.listDeletedOn, 'd MMMM yyyy', locale) })}
        </p>
      </Card>
    </>
  )
}
