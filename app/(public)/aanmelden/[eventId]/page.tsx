import type { Metadata } from 'next'
import { getLocale, getTranslations } from 'next-intl/server'
import { TRPCError } from '@trpc/server'
import { getCaller } from '@/server/api/server'
import { formatAmsterdam } from '@/server/lib/time'
import { Card, PageHeader } from '@/components/ui/layout'
import { Alert } from '@/components/ui/alert'
import { RegisterForm } from '@/components/registration/register-form'
import { FormProviders } from '@/components/ui/form-providers'

type Props = { params: Promise<{ eventId: string }> }

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('registration.form')
  return { title: t('title') }
}

/** Public registration for a calendar event (no account): sessions with their free places, and the form. */
export default async function RegisterPage({ params }: Props) {
  const { eventId } = await params
  const [t, locale] = [await getTranslations('registration.form'), (await getLocale()) as 'nl' | 'en']
  const data = await (await getCaller()).registration.publicEvent({ eventId }).catch((err: unknown) => {
    if (err instanceof TRPCError && (err.code === 'NOT_FOUND' || err.code === 'BAD_REQUEST')) return null
    throw err
  })
  if (!data)
    return (
      <>
        <PageHeader title={t('title')} />
        <Alert tone="error">{t('notFound')}</Alert>
      </>
    )
  const when = (s: { startsAt: Date; endsAt: Date }) => `${formatAmsterdam(s.startsAt, 'EEEE d MMMM yyyy, HH:mm', locale)}–${formatAmsterdam(s.endsAt, 'HH:mm', locale)}`
  return (
    <FormProviders>
      <PageHeader title={t('titleFor', { event: data.event.title })} description={data.event.organisers.map((o) => o.organisation.name).join(', ')} />
      <Card>
        <p className="mb-2 text-sm">{when(data.event)}</p>
        {data.event.locationAddress ? <p className="mb-4 text-sm">{data.event.locationAddress}</p> : null}
        {data.cancelled ? (
          <Alert tone="error">{t('cancelled')}</Alert>
        ) : !data.open ? (
          <Alert tone="warning">{t('closed')}</Alert>
        ) : (
          <RegisterForm
            eventId={data.event.id}
            audiences={data.audiences}
            schools={data.schools}
            sessions={data.sessions.map((s) => ({ id: s.id, title: s.title, when: when(s), room: s.room, free: s.free }))}
            keeper={data.event.organisers.map((o) => o.organisation.name).join(', ')}
            purgeAfterDays={data.purgeAfterDays}
          />
        )}
      </Card>
    </FormProviders>
  )
}
