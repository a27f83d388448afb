import { getLocale, getTranslations } from 'next-intl/server'
import { forbidden } from 'next/navigation'
import { getActor, getCaller } from '@/server/api/server'
import { holdsAction } from '@/server/auth/policy'
import { formatAmsterdam } from '@/server/lib/time'
import { CLOSED_AFTER_DAYS, MIN_ANSWERS } from '@/server/participation/evaluation'
import { Card, PageHeader } from '@/components/ui/layout'
import { DataTable } from '@/components/ui/table'
import { FilterSelect, FilterSubmit } from '@/components/ui/filter-select'
import { intlLocale } from '@/server/i18n/config'

const one = (v: string | string[] | undefined) => (typeof v === 'string' && v ? v : undefined)

/**
 * Post-slot evaluations, aggregated: an institution's publishers see all answers about its slots, a decaan the
 * answers of their own school's pupils — per programme and per day, only groups of more than 5 answers.
 */
export default async function EvaluationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await getActor()
  if (!actor || !holdsAction(actor, 'participation.evaluations')) forbidden()
  const sp = await searchParams
  const [t, locale, caller] = [await getTranslations('participation.evaluation.results'), (await getLocale()) as 'nl' | 'en', await getCaller()]
  const orgs = await caller.participation.evaluationOrganisations()
  const org = orgs.find((o) => o.id === one(sp.organisatie)) ?? orgs[0]
  const description = t('description', { min: MIN_ANSWERS, days: CLOSED_AFTER_DAYS })
  if (!org)
    return (
      <>
        <PageHeader title={t('title')} description={description} />
        <p>{t('none')}</p>
      </>
    )
  const r = await caller.participation.evaluationResults({ organisationId: org.id })
  const num = (x: number | null) => (x === null ? t('hidden') : new Intl.NumberFormat(intlLocale(locale), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(x))
  // A hidden day had this many answers or fewer; a programme without a shown day is hidden (its days may add up to more).
  const count = (x: Row) => (x.shown && x.answers !== null ? String(x.answers) : x.key === 'all' ? t('hidden') : t('few', { min: r.minAnswers }))
  type Row = { key: string; programme: string; date: string; shown: boolean; answers: number | null; useful: number | null; helpedChoice: number | null; recommend: number | null }
  return (
    <>
      <PageHeader title={t('title')} description={t('description', { min: r.minAnswers, days: r.closedAfterDays })} />
      {orgs.length > 1 ? (
        <form method="get" className="mb-4 flex flex-col gap-2 sm:flex-row sm:items-end">
          <FilterSelect label={t('organisation')} name="organisatie" defaultValue={org.id} choices={orgs.map((o) => ({ value: o.id, label: o.name }))} />
          <FilterSubmit label={t('show')} />
        </form>
      ) : null}
      <p className="mb-4 text-sm">{r.view === 'school' ? t('schoolView', { name: r.organisation.name }) : t('institutionView', { name: r.organisation.name })}</p>
      {r.programmes.length === 0 ? <p>{t('empty')}</p> : null}
      {r.programmes.map((p) => {
        const rows: Row[] = [
          { key: 'all', programme: p.programme, date: t('allDays'), shown: p.shown, answers: p.answers, useful: p.useful, helpedChoice: p.helpedChoice, recommend: p.recommend },
          ...p.slots.map((s) => ({ key: s.slotId, programme: p.programme, date: formatAmsterdam(s.startsAt, 'd MMM yyyy', locale), shown: s.shown, answers: s.answers, useful: s.useful, helpedChoice: s.helpedChoice, recommend: s.recommend })),
        ]
        return (
          <Card key={p.programmeId} title={r.view === 'school' ? `${p.programme} (${p.institution})` : p.programme}>
            <DataTable
              caption={`${t('title')}: ${p.programme}`}
              rows={rows}
              rowKey={(x) => x.key}
              columns={[
                { key: 'date', header: t('date'), cell: (x) => x.date },
                { key: 'answers', header: t('answers'), cell: (x) => count(x), numeric: true },
                { key: 'useful', header: t('useful'), cell: (x) => num(x.useful), numeric: true },
                { key: 'helpedChoice', header: t('helpedChoice'), cell: (x) => num(x.helpedChoice), numeric: true },
                { key: 'recommend', header: t('recommend'), cell: (x) => num(x.recommend), numeric: true },
              ]}
            />
            {p.shown ? (
              <>
                <h3 className="mt-4 mb-2 font-semibold">{t('comments')}</h3>
                {p.comments.length ? (
                  <ul className="list-disc pl-5 text-sm">
                    {p.comments.map((c, i) => (
                      <li key={i} className="break-words">
                        {c}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="text-sm">{t('noComments')}</p>
                )}
              </>
            ) : null}
          </Card>
        )
      })}
    </>
  )
}
