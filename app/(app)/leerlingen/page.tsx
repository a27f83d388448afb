import { getLocale, getTranslations } from 'next-intl/server'
import { forbidden, redirect } from 'next/navigation'
import Link from 'next/link'
import { getActor, getCaller } from '@/server/api/server'
import { holdsAction } from '@/server/auth/policy'
import { formatAmsterdam } from '@/server/lib/time'
import { schoolYearLabel } from '@/server/participation/school-year'
import { PUPIL_LEVELS } from '@/server/slots/schema'
import { Card, PageHeader } from '@/components/ui/layout'
import { Alert } from '@/components/ui/alert'
import { DataTable } from '@/components/ui/table'
import { FilterSelect, FilterSubmit } from '@/components/ui/filter-select'
import { AddPupilForm, ConsentToggle, ImportPanel, ListActions, PupilActions } from '@/components/participation/school-panels'
import { ReachTable } from '@/components/participation/reach-table'

type Search = { school?: string; klas?: string; campagne?: string; jaar?: string }
const one = (v: string | string[] | undefined) => (typeof v === 'string' && v ? v : undefined)

/** A decaan: the school's class lists, personal links, the overview per class and pupil, reminders, export and reach. */
export default async function PupilsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await getActor()
  if (!actor) forbidden()
  if (!holdsAction(actor, 'participation.school')) {
    if (holdsAction(actor, 'participation.campaigns')) redirect('/leerlingen/campagnes')
    forbidden()
  }
  const sp = await searchParams
  const q: Search = { school: one(sp.school), klas: one(sp.klas), campagne: one(sp.campagne), jaar: one(sp.jaar) }
  const [t, tAll, locale, caller] = [await getTranslations('participation'), await getTranslations(), (await getLocale()) as 'nl' | 'en', await getCaller()]
  const schoolYearInput = q.jaar && /^\d{4}$/.test(q.jaar) ? Number(q.jaar) : undefined
  const o = await caller.participation.overview({ schoolId: q.school, className: q.klas, campaignId: q.campagne, schoolYear: schoolYearInput })
  if (!o.school)
    return (
      <>
        <PageHeader title={t('title')} description={t('description')} />
        <p>{t('noSchool')}</p>
      </>
    )
  const [reach, consent] = await Promise.all([caller.participation.reach({ schoolId: o.school.id, schoolYear: o.schoolYear }), caller.participation.consent({ schoolId: o.school.id })])
  const notBooked = o.pupils.filter((p) => p.bookedInCampaign === false)
  const levels = PUPIL_LEVELS.filter((l) => l !== 'MBO' && l !== 'OTHER').map((l) => ({ value: l, label: tAll(`slots.pupilLevels.${l}`) }))
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <p className="mb-4">
        <Link href="/leerlingen/evaluaties" className="font-medium text-brand-700 underline">
          {t('evaluation.results.title')}
        </Link>
      </p>
      <Card title={t('overview.title')}>
        <form method="get" className="mb-4 grid gap-3 md:grid-cols-4" aria-label={t('show')}>
          <FilterSelect label={t('school')} name="school" defaultValue={o.school.id} choices={o.schools.map((s) => ({ value: s.id, label: s.name }))} />
          <FilterSelect
            label={t('schoolYear')}
            name="jaar"
            defaultValue={String(o.schoolYear)}
            choices={[o.schoolYear + 1, o.schoolYear, o.schoolYear - 1].map((y) => ({ value: y, label: schoolYearLabel(y) }))}
          />
          <FilterSelect label={t('table.class')} name="klas" defaultValue={q.klas ?? ''} empty={t('allClasses')} choices={o.classes.map((c) => ({ value: c, label: c }))} />
          <FilterSelect label={t('overview.campaign')} name="campagne" defaultValue={q.campagne ?? ''} empty={t('overview.noCampaign')} choices={o.campaigns.map((c) => ({ value: c.id, label: c.name }))} />
          <FilterSubmit label={t('show')} />
        </form>
        {o.more ? (
          <Alert className="mb-3" tone="warning">
            <span data-testid="overview-truncated">{t('overview.truncated', { count: o.pupils.length })}</span>
          </Alert>
        ) : null}
        <ListActions schoolId={o.school.id} schoolYear={o.schoolYear} className={q.klas} pupilIds={o.pupils.map((p) => p.id)} campaignId={q.campagne} notBooked={notBooked.length} />
        {q.campagne ? (
          <p className="my-3 text-sm" data-testid="not-booked">
            {t('overview.notBookedCount', { count: notBooked.length })}
          </p>
        ) : null}
        <div className="mt-4">
          <DataTable
            caption={t('overview.title')}
            rows={o.pupils}
            rowKey={(p) => p.id}
            empty={t('overview.empty')}
            columns={[
              { key: 'class', header: t('table.class'), cell: (p) => p.className },
              { key: 'name', header: t('table.name'), cell: (p) => p.name },
              { key: 'level', header: t('table.level'), cell: (p) => `${tAll(`slots.pupilLevels.${p.level}`)} ${p.year}` },
              { key: 'link', header: t('table.link'), cell: (p) => (p.linkActive ? t('table.linkActive') : t('table.linkNone')) },
              { key: 'booked', header: t('table.booked'), cell: (p) => p.booked, numeric: true },
              { key: 'attended', header: t('table.attended'), cell: (p) => p.attended, numeric: true },
              { key: 'missed', header: t('table.missed'), cell: (p) => p.missed, numeric: true },
              {
                key: 'evaluation',
                header: t('table.evaluation'),
                cell: (p) => (p.evaluationsAsked ? t('table.evaluationCount', { done: p.evaluated, asked: p.evaluationsAsked }) : t('table.evaluationNone')),
              },
              ...(q.campagne ? [{ key: 'campaign', header: t('table.inCampaign'), cell: (p: (typeof o.pupils)[number]) => (p.bookedInCampaign ? t('table.yes') : t('table.no')) }] : []),
              {
                key: 'activities',
                header: t('table.activities'),
                cell: (p) =>
                  p.bookings.length ? (
                    <ul className="list-none">
                      {p.bookings.map((b) => (
                        <li key={b.bookingId}>
                          {formatAmsterdam(b.startsAt, 'd MMM', locale)} {b.programme}: {tAll(`slots.status.${b.status}`)}
                          {b.attendance ? `, ${tAll(`slots.attendance.${b.attendance}`)}` : ''}
                          {b.evaluation ? `, ${t(`table.evaluationState.${b.evaluation}`)}` : ''}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    ''
                  ),
              },
              { key: 'actions', header: t('table.actions'), cell: (p) => <PupilActions pupilId={p.id} name={p.name} linkActive={p.linkActive} /> },
            ]}
          />
        </div>
      </Card>
      <Card title={t('import.title')}>
        <ImportPanel schoolId={o.school.id} schoolYear={o.schoolYear} />
      </Card>
      <Card title={t('add.title')}>
        <AddPupilForm schoolId={o.school.id} schoolYear={o.schoolYear} levels={levels} />
      </Card>
      <Card title={`${t('reach.title')} ${schoolYearLabel(o.schoolYear)}`}>
        <p className="mb-3 text-sm">{t('reach.description')}</p>
        <ReachTable rows={reach.rows} threshold={reach.threshold} caption={t('reach.title')} locale={locale} />
      </Card>
      <Card title={t('consent.title')}>
        <ConsentToggle schoolId={o.school.id} consent={consent.consent} />
      </Card>
    </>
  )
}
