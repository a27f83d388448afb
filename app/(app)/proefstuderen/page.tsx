import Link from 'next/link'
import { redirect } from 'next/navigation'
import { getLocale, getTranslations } from 'next-intl/server'
import { getActor, getCaller } from '@/server/api/server'
import { holdsAction } from '@/server/auth/policy'
import { formatAmsterdam } from '@/server/lib/time'
import { Card, PageHeader } from '@/components/ui/layout'
import { DataTable } from '@/components/ui/table'
import { ProgrammeActions, ProgrammeForm, SettingsForm } from '@/components/slots/forms'
import { SlotSeriesForm } from '@/components/slots/series-form'
import { ShowUpTable } from '@/components/slots/show-up-table'

/** Publisher screens: programmes, publishing a series of dates, upcoming/past slots, show-up, booking rules. */
export default async function SlotsAdminPage() {
  const actor = await getActor()
  if (!actor || !holdsAction(actor, 'slots.publish')) redirect('/proefstuderen/school')
  const [t, tl, locale, caller] = [await getTranslations('slots'), await getTranslations('slots.levels'), (await getLocale()) as 'nl' | 'en', await getCaller()]
  const [institutions, programmes, upcoming, past, showUp] = await Promise.all([
    caller.slots.institutions(),
    caller.slots.programmes({}),
    caller.slots.list({ past: false }),
    caller.slots.list({ past: true }),
    caller.slots.showUp(),
  ])
  const settings = await Promise.all(institutions.map((i) => caller.slots.settings({ organisationId: i.id })))
  const slotColumns = [
    { key: 'when', header: t('admin.when'), cell: (s: (typeof upcoming)[number]) => <Link className="text-brand-700 underline" href={`/proefstuderen/${s.id}`}>{formatAmsterdam(s.startsAt, 'EEE d MMM yyyy HH:mm', locale)}</Link> },
    { key: 'programme', header: t('admin.programme'), cell: (s: (typeof upcoming)[number]) => s.programme.name },
    { key: 'location', header: t('admin.location'), cell: (s: (typeof upcoming)[number]) => s.location },
    { key: 'booked', header: t('admin.booked'), numeric: true, cell: (s: (typeof upcoming)[number]) => `${s.confirmedCount} / ${s.capacity}` },
    { key: 'waitlist', header: t('admin.waitlist'), numeric: true, cell: (s: (typeof upcoming)[number]) => s.waitlisted },
    { key: 'status', header: t('slot.status'), cell: (s: (typeof upcoming)[number]) => (s.status === 'CANCELLED' ? t('status.CANCELLED') : '') },
  ]
  return (
    <>
      <PageHeader title={t('admin.title')} description={t('admin.intro')} />
      <Card title={t('admin.programmes')}>
        <DataTable
          caption={t('admin.programmes')}
          rows={programmes}
          rowKey={(p) => p.id}
          empty={t('admin.noProgrammes')}
          columns={[
            { key: 'name', header: t('admin.name'), cell: (p) => p.name },
            { key: 'level', header: t('admin.level'), cell: (p) => tl(p.level) },
            { key: 'code', header: t('admin.code'), cell: (p) => p.code },
            { key: 'org', header: t('admin.institution'), cell: (p) => p.organisation.name },
            { key: 'state', header: t('slot.status'), cell: (p) => (p.archivedAt ? t('admin.archivedOn', { date: formatAmsterdam(p.archivedAt, 'd MMM yyyy', locale) }) : t('admin.active')) },
            { key: 'actions', header: t('admin.actions'), cell: (p) => <ProgrammeActions programme={p} /> },
          ]}
        />
        <h3 className="mb-2 mt-4 font-semibold">{t('admin.newProgramme')}</h3>
        <ProgrammeForm institutions={institutions.map((i) => ({ value: i.id, label: i.name }))} />
      </Card>
      {programmes.some((p) => !p.archivedAt) ? (
        <Card title={t('admin.newSlots')}>
          <SlotSeriesForm programmes={programmes.filter((p) => !p.archivedAt).map((p) => ({ value: p.id, label: `${p.name} (${tl(p.level)})` }))} />
        </Card>
      ) : null}
      <Card title={t('admin.upcoming')}>
        <DataTable caption={t('admin.upcoming')} rows={upcoming} rowKey={(s) => s.id} empty={t('admin.noSlots')} columns={slotColumns} />
      </Card>
      <Card title={t('admin.past')}>
        <DataTable caption={t('admin.past')} rows={past} rowKey={(s) => s.id} empty={t('admin.noSlots')} columns={slotColumns} />
      </Card>
      <Card title={t('admin.showUp')}>
        <ShowUpTable rows={showUp} caption={t('admin.showUp')} nameHeader={t('admin.programme')} />
      </Card>
      {institutions.map((i, n) => (
        <Card key={i.id} title={`${t('admin.settings')} — ${i.name}`}>
          <p className="mb-2 text-sm">
            {t('admin.publicPage')}: <Link className="text-brand-700 underline" href={`/instelling/${i.brin}/proefstuderen`}>{`/instelling/${i.brin}/proefstuderen`}</Link>
          </p>
          <SettingsForm settings={settings[n]!} />
        </Card>
      ))}
    </>
  )
}
