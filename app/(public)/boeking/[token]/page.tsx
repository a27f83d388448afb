import type { Metadata } from 'next'
import { getLocale, getTranslations } from 'next-intl/server'
import { notFound } from 'next/navigation'
import { getCaller } from '@/server/api/server'
import { tokenView } from '@/server/api/page-guard'
import { TokenProblem } from '@/components/ui/token-problem'
import { formatAmsterdam } from '@/server/lib/time'
import { Card, PageHeader } from '@/components/ui/layout'
import { Alert } from '@/components/ui/alert'
import { BookingLinkActions } from '@/components/slots/booking-link-actions'
import { bookingLinkAction } from './actions'

/** The tab's title (the page's own; a token page is not for search engines). */
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('slots.booking'))('pageTitle'), robots: { index: false } }
}

/**
 * The page behind the link in the pupil's e-mail. A wrong or purged token is a 404 with a clear message
 * (./not-found). Opening it never changes anything (mail scanners follow links): a PENDING booking is confirmed
 * only by the button. The buttons post to a server action (./actions), so the page's first-load JavaScript stays
 * within the public budget (README).
 */
export default async function BookingPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params
  const [t, locale] = [await getTranslations('slots'), (await getLocale()) as 'nl' | 'en']
  const view = await tokenView((await getCaller()).slots.booking({ token }))
  if ('problem' in view && view.problem === 'invalid') notFound()
  if ('problem' in view) return <TokenProblem title={t('booking.title')} problem={view.problem} invalid={t('errors.tokenInvalid')} />
  const booking = view.value
  const s = booking.slot
  const waitlisted = booking.status === 'WAITLISTED'
  return (
    <>
      <PageHeader title={t('booking.title')} description={`${s.programme} · ${s.institution}`} />
      <Card>
        <dl className="mb-4 grid gap-2 text-sm md:grid-cols-[12rem_1fr]">
          <dt className="font-medium">{t('public.when')}</dt>
          <dd>{`${formatAmsterdam(s.startsAt, 'EEEE d MMMM yyyy, HH:mm', locale)}–${formatAmsterdam(s.endsAt, 'HH:mm', locale)}`}</dd>
          <dt className="font-medium">{t('public.where')}</dt>
          <dd>{s.location}</dd>
          <dt className="font-medium">{t('booking.school')}</dt>
          <dd>{booking.school ?? '—'}</dd>
          <dt className="font-medium">{t('booking.status')}</dt>
          <dd data-testid="booking-status">{t(`status.${booking.status}`)}</dd>
        </dl>
        {booking.position ? <p className="mb-3">{t('booking.position', { position: booking.position })}</p> : null}
        {booking.status === 'PENDING' && booking.holdExpiresAt ? <Alert tone="warning">{t('booking.pendingUntil', { date: formatAmsterdam(booking.holdExpiresAt, 'EEEE d MMMM HH:mm', locale) })}</Alert> : null}
        {booking.status === 'OFFERED' && booking.holdExpiresAt ? <Alert tone="info">{t('booking.offerUntil', { date: formatAmsterdam(booking.holdExpiresAt, 'EEEE d MMMM HH:mm', locale) })}</Alert> : null}
        {s.past || s.cancelled ? null : (
          <div className="mt-4">
            <BookingLinkActions
              action={bookingLinkAction}
              token={token}
              status={booking.status}
              cancelIntent={waitlisted ? 'leave' : 'cancel'}
              labels={{
                confirm: t('booking.confirm'),
                accept: t('booking.accept'),
                decline: t('booking.decline'),
                declineAsk: t('booking.declineAsk'),
                declineYes: t('booking.declineYes'),
                cancel: waitlisted ? t('booking.leave') : t('booking.cancel'),
                ask: waitlisted ? t('booking.leaveAsk') : t('booking.cancelAsk'),
                yes: waitlisted ? t('booking.leaveYes') : t('booking.cancelYes'),
                keep: t('booking.keep'),
              }}
            />
          </div>
        )}
      </Card>
    </>
  )
}
