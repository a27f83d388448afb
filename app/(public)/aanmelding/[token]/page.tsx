import type { Metadata } from 'next'
import { getLocale, getTranslations } from 'next-intl/server'
import QRCode from 'qrcode'
import { notFound } from 'next/navigation'
import { getCaller } from '@/server/api/server'
import { tokenView } from '@/server/api/page-guard'
import { TokenProblem } from '@/components/ui/token-problem'
import { formatAmsterdam } from '@/server/lib/time'
import { getAppFormatter } from '@/server/i18n/formatter'
import { HOLD_UNTIL_FORMAT } from '@/server/slots/schema'
import { Card, PageHeader } from '@/components/ui/layout'
import { Alert } from '@/components/ui/alert'
import { RegistrationActions } from './registration-actions'
import { registrationLinkAction } from './actions'

/** The tab's title (the page's own; a token page is not for search engines). */
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('registration.link'))('pageTitle'), robots: { index: false } }
}

/**
 * The page behind the link in the registrant's e-mail: sessions and their status, the QR code to show at the door,
 * the buttons, and (professionals who attended) the certificate; a wrong link is a 404 with a clear message
 * (./not-found). Opening it changes nothing (mail scanners). The buttons post to a server action (./actions): no
 * client providers, within the public first-load budget (README).
 */
export default async function RegistrationLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params
  const [t, ts, locale] = [await getTranslations('registration'), await getTranslations('slots'), (await getLocale()) as 'nl' | 'en']
  const view = await tokenView((await getCaller()).registration.view({ token }))
  if ('problem' in view && view.problem === 'invalid') notFound()
  if ('problem' in view) return <TokenProblem title={t('link.title')} problem={view.problem} invalid={t('link.invalid')} />
  const r = view.value
  // The QR shows while a place is held; until one is confirmed (a pending hold, an offer) its hint says it counts from then.
  const qr = r.checkinCode ? await QRCode.toString(r.checkinCode, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }) : null
  // While a place waits for confirmation: until when it is held (the earliest hold, as the mail says it).
  const holds = r.seats.flatMap((s) => (s.status === 'PENDING' && s.holdExpiresAt ? [new Date(s.holdExpiresAt).getTime()] : []))
  const heldUntil = !r.cancelled && holds.length ? (await getAppFormatter()).dateTime(new Date(Math.min(...holds)), HOLD_UNTIL_FORMAT) : null
  return (
    <>
      <PageHeader title={t('link.title')} description={r.event.title} />
      <Card>
        <p className="mb-3">
          {r.name} · {t(`audienceOne.${r.audience}`)}
          {r.audience === 'PARENT' ? ` · ${t('link.people', { count: r.partySize })}` : ''}
        </p>
        {r.cancelled ? <Alert tone="error">{t('errors.cancelled')}</Alert> : null}
        {heldUntil ? (
          <div className="mb-3" data-testid="held-until">
            <Alert tone="warning">{t('link.heldUntil', { date: heldUntil })}</Alert>
          </div>
        ) : null}
        <ul className="mb-4 flex flex-col gap-2">
          {r.seats.map((s) => (
            <li key={s.id} className="rounded-md border border-slate-300 p-2 text-sm">
              <span className="font-medium">{s.session.title}</span> — {formatAmsterdam(s.session.startsAt, 'EEEE d MMMM, HH:mm', locale)}–{formatAmsterdam(s.session.endsAt, 'HH:mm', locale)}
              {s.session.room ? ` · ${s.session.room}` : ''}
              <br />
              <span data-testid="seat-status">{ts(`status.${s.status}`)}</span>
              {s.position ? ` · ${ts('booking.position', { position: s.position })}` : ''}
              {s.attendance === 'PRESENT' ? ` · ${ts('attendance.PRESENT')}` : ''}
            </li>
          ))}
        </ul>
        {qr ? (
          <figure className="mb-4 flex flex-col items-center">
            <div className="w-56 max-w-full" role="img" aria-label={t('link.qrLabel')} data-testid="checkin-qr" data-code={r.checkinCode} dangerouslySetInnerHTML={{ __html: qr }} />
            <figcaption className="text-sm" data-testid="qr-hint">
              {t(r.seats.some((s) => s.status === 'CONFIRMED') ? 'link.qrHint' : 'link.qrPending')}
            </figcaption>
          </figure>
        ) : null}
        {r.certificate ? (
          <p className="mb-4">
            <a className="text-brand-700 underline" href={`/api/registration/certificate/${token}`} data-testid="certificate">
              {t('certificate.download')}
            </a>
          </p>
        ) : null}
        {r.cancelled ? null : (
          <RegistrationActions
            action={registrationLinkAction}
            token={token}
            // Only a place held pending the address's proof is confirmed here (a cancelled, waiting or offered place is not:
            // waiting loses nothing by it, and accepting an offer proves the address; see confirmRegistration).
            showConfirm={r.seats.some((s) => s.status === 'PENDING')}
            offers={r.seats.filter((s) => s.status === 'OFFERED').map((s) => ({ id: s.id, accept: t('link.accept', { session: s.session.title }), declineAsk: t('link.declineAsk', { session: s.session.title }) }))}
            cancellable={r.seats.some((s) => ['PENDING', 'CONFIRMED', 'WAITLISTED', 'OFFERED'].includes(s.status))}
            labels={{ confirm: t('link.confirm'), decline: t('link.decline'), declineYes: t('link.declineYes'), cancel: t('link.cancelAll'), ask: t('link.cancelAsk'), yes: ts('booking.cancelYes'), keep: ts('booking.keep') }}
          />
        )}
      </Card>
    </>
  )
}
