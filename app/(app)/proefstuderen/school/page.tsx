import Link from 'next/link'
import { getLocale, getTranslations } from 'next-intl/server'
import { buttonClass } from '@/components/ui/button'
import { forbidden } from 'next/navigation'
import { getActor, getCaller } from '@/server/api/server'
import { holdsAction } from '@/server/auth/policy'
import { formatAmsterdam } from '@/server/lib/time'
import { Card, PageHeader } from '@/components/ui/layout'
import { DataTable } from '@/components/ui/table'
import { ShowUpTable } from '@/components/slots/show-up-table'
import { Pager, pageAt } from '@/components/ui/pager'
import { guard } from '@/server/api/page-guard'

/** A decaan: bookings of pupils who chose their school, and the show-up rate per school. */
export default async function SchoolBookingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await getActor()
  if (!actor || !holdsAction(actor, 'slots.schoolBookings')) forbidden()
  const [t, locale, caller] = [await getTranslations('slots'), (await getLocale()) as 'nl' | 'en', await getCaller()]
  const at = pageAt(await searchParams)
  const { bookings, showUp, total, nextCursor } = await guard(caller.slots.schoolBookings({ cursor: at.cursor, limit: 25 }))
  return (
    <>
      <PageHeader title={t('school.title')} description={t('school.description')} />
      <Card title={t('school.showUp')}>
        <ShowUpTable rows={showUp} caption={t('school.showUp')} nameHeader={t('slot.school')} />
      </Card>
      <Card title={t('school.bookings')}>
        <div className="mb-3 flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
          <p className="text-sm">{t('school.findSlots')}</p>
          <Link href="/proefstuderen/boeken" className={buttonClass('primary')}>
            {t('school.bookPupil')}
          </Link>
        </div>
        <DataTable
          caption={t('school.bookings')}
          rows={bookings}
          rowKey={(b) => b.id}
          empty={t('school.none')}
          columns={[
            { key: 'when', header: t('admin.when'), cell: (b) => formatAmsterdam(b.startsAt, 'EEE d MMM yyyy HH:mm', locale) },
            { key: 'pupil', header: t('slot.pupil'), cell: (b) => b.pupilName ?? t('slot.purged') },
            { key: 'programme', header: t('admin.programme'), cell: (b) => `${b.programme} — ${b.institution}` },
            { key: 'school', header: t('slot.school'), cell: (b) => b.school },
            { key: 'status', header: t('slot.status'), cell: (b) => t(`status.${b.status}`) },
            { key: 'attendance', header: t('slot.attendance'), cell: (b) => (b.attendance ? t(`attendance.${b.attendance}`) : '') },
          ]}
        />
        <Pager path="/proefstuderen/school" at={at} shown={bookings.length} total={total} nextCursor={nextCursor} testId="school-bookings-pager" />
      </Card>
    </>
  )
}
