import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { forbidden } from 'next/navigation'
import { getActor } from '@/server/api/server'
import { holdsAction } from '@/server/auth/policy'
import { PageHeader, Card } from '@/components/ui/layout'
import { EventForm } from '@/components/calendar/event-form'
import { formOptions } from '../form-options'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('calendar'))('actions.new') }
}

export default async function NewEventPage() {
  const actor = await getActor()
  if (!actor || !holdsAction(actor, 'calendar.propose')) forbidden()
  const t = await getTranslations('calendar')
  const { organisations, regions } = await formOptions(actor)
  return (
    <>
      <PageHeader title={t('actions.new')} />
      <Card>
        <EventForm organisations={organisations} regions={regions} />
      </Card>
    </>
  )
}
