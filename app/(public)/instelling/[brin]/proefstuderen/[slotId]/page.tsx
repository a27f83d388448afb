import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getLocale, getTranslations } from 'next-intl/server'
import { getActor, getCaller } from '@/server/api/server'
import { holdsAction } from '@/server/auth/policy'
import { formatAmsterdam } from '@/server/lib/time'
import { Card, PageHeader } from '@/components/ui/layout'
import { Alert } from '@/components/ui/alert'
import { PublicBookingForm } from '@/components/slots/public-booking-form'
import { PrivacyNotice } from '@/components/ui/privacy-notice'
import { PUPIL_LEVELS, SCHOOL_OTHER } from '@/server/slots/schema'
import { bookSlot, forgetBooking } from './actions'
import { bookedView, readBooked } from './booked-result'
import { publicRead } from '@/server/api/page-guard'
import { TokenProblem } from '@/components/ui/token-problem'
import { pathNamesInstitution } from './slot-page'

/** Title and Open Graph card, so a link shared in a class chat shows what, where and when. */
export async function generateMetadata({ params }: { params: Promise<{ brin: string; slotId: string }> }): Promise<Metadata> {
  const { brin, slotId } = await params
  const [t, locale] = [await getTranslations('slots'), (await getLocale()) as 'nl' | 'en']
  const slot = await (await getCaller()).slots.publicSlot({ id: slotId }).catch(() => null)
  if (!slot || !pathNamesInstitution(brin, slot.institution.brin)) return {}
  const title = t('book.title', { programme: slot.programme.name })
  const description = `${slot.institution.name} · ${formatAmsterdam(slot.startsAt, 'EEEE d MMMM yyyy, HH:mm', locale)} · ${slot.location}`
  return { title, description, openGraph: { title, description, type: 'website', locale: locale === 'nl' ? 'nl_NL' : 'en_GB' } }
}

/**
 * A slot's public booking page. The form is server-driven (components/slots/public-booking-form + ./actions): the
 * page's first-load JavaScript stays within the public budget (README, front-end budgets). A booking's result stays
 * on the page through a reload (./booked-result: a cookie for this page with display data only, never the token).
 */
export default async function BookSlotPage({ params }: { params: Promise<{ brin: string; slotId: string }> }) {
  const { brin, slotId } = await params
  const [t, locale] = [await getTranslations('slots'), (await getLocale()) as 'nl' | 'en']
  const caller = await getCaller()
  const slot = await publicRead(caller.slots.publicSlot({ id: slotId }))
  if (!slot) return <TokenProblem title={t('admin.title')} problem="rateLimited" invalid="" />
  // Only under its own institution's BRIN (./slot-page): another code in the path is the 404 page.
  if (!pathNamesInstitution(brin, slot.institution.brin)) notFound()
  // A signed-in decaan books on a pupil's behalf inside the app, with a form worded to them.
  const actor = await getActor()
  const decaan = !!actor && holdsAction(actor, 'slots.schoolBookings')
  // The result of a booking made on this page, kept through a reload (./booked-result).
  const booked = await readBooked()
  const kept = booked ? await bookedView(booked) : null
  const when = `${formatAmsterdam(slot.startsAt, 'EEEE d MMMM yyyy, HH:mm', locale)}–${formatAmsterdam(slot.endsAt, 'HH:mm', locale)}`
  return (
    <>
      <PageHeader title={t('book.title', { programme: slot.programme.name })} description={`${slot.institution.name} · ${when} · ${slot.location}`} />
      <Card>
        {!slot.open ? (
          <Alert tone="warning">{t('book.closed')}</Alert>
        ) : slot.personalLinkOnly ? (
          // Only pupils on a class list may book (the trigger refuses anyone else): say so before any form, not after.
          <div data-testid="personal-link-only">
            <Alert tone="info">{t('book.personalLinkOnly')}</Alert>
          </div>
        ) : (
          <>
            {/* No place figure (neither a count nor "full") when the server withholds it (free null: placesHidden). */}
            {slot.free === null ? null : <p className="mb-3 text-sm">{slot.free > 0 ? t('public.free', { count: slot.free }) : t('book.full')}</p>}
            <PublicBookingForm
              action={bookSlot.bind(null, { slotId: slot.id })}
              forget={forgetBooking.bind(null, { slotId: slot.id })}
              kept={kept}
              label={t('book.submit')}
              submitLabel={t('book.submit')}
              againLabel={t('book.result.again')}
              searchLabel={t('book.result.search')}
              backHref={`/instelling/${slot.institution.brin}/proefstuderen`}
              fields={[
                { name: 'name', label: t('book.name'), required: true },
                { name: 'email', label: t('book.email'), required: true, type: 'email' },
                { name: 'schoolId', label: t('book.school'), required: true, placeholder: t('book.schoolPlaceholder'), options: [...slot.schools.map((s) => ({ value: s.id, label: `${s.name} (${s.city})` })), { value: SCHOOL_OTHER, label: t('book.schoolOther') }] },
                { name: 'schoolOther', label: t('book.schoolOtherName') },
                { name: 'level', label: t('book.level'), required: true, options: PUPIL_LEVELS.filter((l) => slot.allowedLevels.includes(l)).map((l) => ({ value: l, label: t(`pupilLevels.${l}`) })) },
                { name: 'year', label: t('book.year'), required: true, type: 'number', defaultValue: '4' },
                ...slot.questions.map((q) => ({ name: `answers.${q.id}`, label: q.label, required: q.required })),
              ]}
            >
              <PrivacyNotice kind="slot" keeper={slot.institution.name} days={slot.purgeAfterDays} />
            </PublicBookingForm>
          </>
        )}
      </Card>
      {slot.open && decaan ? (
        <p className="mt-4 text-sm">
          <Link href={`/proefstuderen/boeken/${slot.id}`} className="underline">
            {t('book.decaanLink')}
          </Link>
        </p>
      ) : null}
    </>
  )
}
