import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { forbidden } from 'next/navigation'
import { getActor, getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { localTimes } from '@/server/calendar/time'
import { PageHeader, Card } from '@/components/ui/layout'
import { EventForm } from '@/components/calendar/event-form'
import { formOptions } from '../../form-options'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('calendar'))('actions.edit') }
}

export default async function EditEventPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const [t, actor, caller] = [await getTranslations('calendar'), await getActor(), await getCaller()]
  const ev = await guard(caller.calendar.get({ id }))
  if (!actor || !ev.canEdit) forbidden()
  const { organisations, regions } = await formOptions(actor)
  const initial = {
    id: ev.id,
    title: ev.title,
    description: ev.description,
    type: ev.type,
    organiserIds: ev.organisers.map((o) => o.organisationId),
    regionIds: ev.regions.map((r) => r.regionId),
    audienceLevels: ev.audienceLevels as never,
    schoolYears: ev.schoolYears.map(String),
    ...localTimes(ev),
    locationAddress: ev.locationAddress ?? '',
    onlineUrl: ev.onlineUrl ?? '',
    capacity: ev.capacity ?? '',
    registrationUrl: ev.registrationUrl ?? '',
    attachments: ev.attachments.join('\n'),
  }
  return (
    <>
      <PageHeader title={`${t('actions.edit')}: ${ev.title}`} />
      <Card>
        <EventForm initial={initial} organisations={organisations} regions={regions} />
      </Card>
    </>
  )
}
