import type { Metadata } from 'next'
import { getLocale, getTranslations } from 'next-intl/server'
import { getCaller } from '@/server/api/server'
import { publicRead } from '@/server/api/page-guard'
import { TokenProblem } from '@/components/ui/token-problem'
import { formatAmsterdam } from '@/server/lib/time'
import { Card, PageHeader } from '@/components/ui/layout'
import { Alert } from '@/components/ui/alert'
import { PrivacyNotice } from '@/components/ui/privacy-notice'
import { PROFESSIONAL_KEEP_DAYS } from '@/server/registration/schema'
import { RegisterForm } from './register-form'
import { registerAction } from './actions'

const LEVELS = ['VMBO_BB', 'VMBO_KB', 'VMBO_GT', 'HAVO', 'VWO', 'MBO', 'OTHER'] as const
const ROLES = ['DECAAN', 'MENTOR', 'TEACHER', 'OTHER'] as const

type Props = { params: Promise<{ eventId: string }> }

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('registration.form')
  return { title: t('title') }
}

/**
 * Public registration for a calendar event (no account): sessions with their free places, and the form. The form
 * posts to a server action (./actions): no client providers, within the public first-load budget (README). An id
 * without a published event with registration (unknown, malformed, unpublished) is a 404 with a clear message
 * (./not-found); an event whose registration is closed or cancelled keeps its page and says so.
 */
export default async function RegisterPage({ params }: Props) {
  const { eventId } = await params
  const [t, tr, ts, locale] = [await getTranslations('registration.form'), await getTranslations('registration'), await getTranslations('slots'), (await getLocale()) as 'nl' | 'en']
  const data = await publicRead((await getCaller()).registration.publicEvent({ eventId }))
  if (!data) return <TokenProblem title={t('title')} problem="rateLimited" invalid={t('notFound')} />
  const when = (s: { startsAt: Date; endsAt: Date }) => `${formatAmsterdam(s.startsAt, 'EEEE d MMMM yyyy, HH:mm', locale)}–${formatAmsterdam(s.endsAt, 'HH:mm', locale)}`
  return (
    <>
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
            action={registerAction}
            eventId={data.event.id}
            audiences={data.audiences.map((a) => ({
              kind: a.kind,
              label: `${tr(`audienceOne.${a.kind}`)}${a.full ? ` (${t('full')})` : ''}`,
              full: a.full,
              maxPartySize: a.maxPartySize,
              partySizeHint: t('partySizeHint', { max: a.maxPartySize }),
              levels: (a.levels.length ? a.levels : LEVELS).map((l) => ({ value: l, label: ts(`pupilLevels.${l as (typeof LEVELS)[number]}`) })),
              years: (a.schoolYears.length ? a.schoolYears : [1, 2, 3, 4, 5, 6]).map((y) => ({ value: String(y), label: String(y) })),
            }))}
            schools={[...data.schools.map((s) => ({ value: s.id, label: s.name })), { value: 'other', label: t('otherSchool') }]}
            roles={ROLES.map((r) => ({ value: r, label: tr(`roles.${r}`) }))}
            sessions={data.sessions.map((s) => ({ id: s.id, title: s.title, detail: `${when(s)}${s.room ? ` · ${s.room}` : ''} · ${s.free > 0 ? t('free', { count: s.free }) : t('fullWaitlist')}` }))}
            texts={{
              audience: t('audience'),
              name: t('name'),
              email: t('email'),
              school: t('school'),
              choose: t('choose'),
              schoolOther: t('schoolOther'),
              schoolOtherHint: t('schoolOtherHint'),
              partySize: t('partySize'),
              level: t('level'),
              year: t('year'),
              role: t('role'),
              sessions: t('sessions'),
              submit: t('submit'),
            }}
          >
            <PrivacyNotice
              kind="event"
              keeper={data.event.organisers.map((o) => o.organisation.name).join(', ')}
              days={data.purgeAfterDays}
              professionalDays={data.audiences.some((a) => a.kind === 'PROFESSIONAL') ? PROFESSIONAL_KEEP_DAYS : undefined}
            />
          </RegisterForm>
        )}
      </Card>
    </>
  )
}
