import type { Metadata } from 'next'
import Link from 'next/link'
import { getLocale, getTranslations } from 'next-intl/server'
import { forbidden } from 'next/navigation'
import { getActor, getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { holdsAction } from '@/server/auth/policy'
import { formatAmsterdam } from '@/server/lib/time'
import { Card, PageHeader } from '@/components/ui/layout'
import { Alert } from '@/components/ui/alert'
import { BookingForm } from '@/components/slots/forms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('slots.school.search'))('bookTitle') }
}

/** A decaan books a trial day for one of their pupils, inside the app (confirmed at once; the pupil gets the mail). */
export default async function DecaanBookPage({ params }: { params: Promise<{ slotId: string }> }) {
  const actor = await getActor()
  if (!actor || !holdsAction(actor, 'slots.schoolBookings')) forbidden()
  const { slotId } = await params
  const [t, locale, caller] = [await getTranslations('slots'), (await getLocale()) as 'nl' | 'en', await getCaller()]
  const slot = await guard(caller.slots.publicSlot({ id: slotId }))
  const mySchools = (await caller.slots.mySchools()).filter((s) => slot.schools.some((o) => o.id === s.id))
  const when = `${formatAmsterdam(slot.startsAt, 'EEEE d MMMM yyyy, HH:mm', locale)}–${formatAmsterdam(slot.endsAt, 'HH:mm', locale)}`
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/proefstuderen/boeken" className="underline">
          {t('book.behalf.back')}
        </Link>
      </p>
      <PageHeader title={t('school.search.bookFor', { programme: slot.programme.name })} description={`${slot.institution.name} · ${when} · ${slot.location}`} />
      <Card>
        {!slot.open ? (
          <Alert tone="warning">{t('book.closed')}</Alert>
        ) : !mySchools.length ? (
          <Alert tone="warning">{t('school.search.notYourRegion')}</Alert>
        ) : (
          <>
            {/* No place figures on a personal-link-only slot (placesHidden): the booking's answer says place or waiting list. */}
            {slot.free === null ? null : <p className="mb-3 text-sm">{slot.free > 0 ? t('public.free', { count: slot.free }) : t('school.search.full')}</p>}
            <BookingForm
              onBehalf
              slotId={slot.id}
              schools={mySchools.map((s) => ({ value: s.id, label: s.name }))}
              levels={slot.allowedLevels}
              questions={slot.questions}
              institution={slot.institution.name}
              purgeAfterDays={slot.purgeAfterDays}
              backHref="/proefstuderen/boeken"
            />
          </>
        )}
      </Card>
    </>
  )
}
