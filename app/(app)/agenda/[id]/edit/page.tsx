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
  // Editors continue from their pending change (if any), not from the published version; invitations stay chosen.
  const c = ev.editContent ?? { ...ev, startsAt: ev.startsAt.toISOString(), endsAt: ev.endsAt.toISOString(), organiserIds: ev.organisers.map((o) => o.organisationId) }
  const initial = {
    id: ev.id,
    title: c.title,
    description: c.description,
    type: c.type as typeof ev.type,
    organiserIds: [...c.organiserIds, ...ev.invitations.map((i) => i.organisationId)],
    regionIds: ev.regions.map((r) => r.regionId),
    audienceLevels: c.audienceLevels as never,
    schoolYears: c.schoolYears.map(String),
    ...localTimes({ allDay: c.allDay, startsAt: new Date(c.startsAt), endsAt: new Date(c.endsAt) }),
    locationAddress: c.locationAddress ?? '',
    onlineUrl: c.onlineUrl ?? '',
    capacity: ev.capacity ?? '',
    registrationUrl: c.registrationUrl ?? '',
    attachments: c.attachments.join('\n'),
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
