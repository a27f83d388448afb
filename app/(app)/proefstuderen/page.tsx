import Link from 'next/link'
import { redirect } from 'next/navigation'
import { getLocale, getTranslations } from 'next-intl/server'
import { getActor, getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { holdsAction } from '@/server/auth/policy'
import { formatAmsterdam } from '@/server/lib/time'
import { Card, PageHeader } from '@/components/ui/layout'
import { DataTable } from '@/components/ui/table'
import { ProgrammeActions, ProgrammeForm, SettingsForm } from '@/components/slots/forms'
import { SlotSeriesForm } from '@/components/slots/series-form'
import { ShowUpTable } from '@/components/slots/show-up-table'
import { Pager, keepPage, pageAt } from '@/components/ui/pager'

/** Publisher screens: programmes, publishing a series of dates, upcoming/past slots, show-up, booking rules. */
export default async function SlotsAdminPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await getActor()
  if (!actor || !holdsAction(actor, 'slots.publish')) redirect('/proefstuderen/school')
  const [t, tl, tp, locale, caller, query] = [await getTranslations('slots'), await getTranslations('slots.levels'), await getTranslations('pager'), (await getLocale()) as 'nl' | 'en', await getCaller(), await searchParams]
  // Upcoming and past days page on their own (cursors in "komend" and "voorbij"), 25 at a time.
  const [upcomingAt, pastAt] = [pageAt(query, 'komend'), pageAt(query, 'voorbij')]
  const [institutions, programmes, upcoming, past, showUp] = await Promise.all([
    caller.slots.institutions(),
    caller.slots.programmes({}),
    guard(caller.slots.list({ past: false, cursor: upcomingAt.cursor, limit: 25 })),
    guard(caller.slots.list({ past: true, cursor: pastAt.cursor, limit: 25 })),
    caller.slots.showUp(),
  ])
  const settings = await Promise.all(institutions.map((i) => caller.slots.settings({ organisationId: i.id })))
  const slotColumns = [
    { key: 'when', header: t('admin.when'), cell: (s: (typeof upcoming.items)[number]) => <Link className="text-brand-700 underline" href={`/proefstuderen/${s.id}`}>{formatAmsterdam(s.startsAt, 'EEE d MMM yyyy HH:mm', locale)}</Link> },
    { key: 'programme', header: t('admin.programme'), cell: (s: (typeof upcoming.items)[number]) => s.programme.name },
    { key: 'location', header: t('admin.location'), cell: (s: (typeof upcoming.items)[number]) => s.location },
    { key: 'booked', header: t('admin.booked'), numeric: true, cell: (s: (typeof upcoming.items)[number]) => `${s.confirmedCount} / ${s.capacity}` },
    { key: 'waitlist', header: t('admin.waitlist'), numeric: true, cell: (s: (typeof upcoming.items)[number]) => s.waitlisted },
    { key: 'status', header: t('slot.status'), cell: (s: (typeof upcoming.items)[number]) => (s.status === 'CANCELLED' ? t('status.CANCELLED') : '') },
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
        <DataTable caption={t('admin.upcoming')} rows={upcoming.items} rowKey={(s) => s.id} empty={t('admin.noSlots')} columns={slotColumns} />
        <Pager path="/proefstuderen" at={upcomingAt} keep={keepPage(pastAt)} shown={upcoming.items.length} total={upcoming.total} nextCursor={upcoming.nextCursor} testId="slots-upcoming-pager" label={`${t('admin.upcoming')}: ${tp('pages')}`} />
      </Card>
      <Card title={t('admin.past')}>
        <DataTable caption={t('admin.past')} rows={past.items} rowKey={(s) => s.id} empty={t('admin.noSlots')} columns={slotColumns} />
        <Pager path="/proefstuderen" at={pastAt} keep={keepPage(upcomingAt)} shown={past.items.length} total={past.total} nextCursor={past.nextCursor} testId="slots-past-pager" label={`${t('admin.past')}: ${tp('pages')}`} />
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
