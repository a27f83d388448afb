import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { getActor, getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { actionScope, holdsAction } from '@/server/auth/policy'
import { currentSchoolYear, schoolYearLabel } from '@/server/monitor/school-year'
import { Card, PageHeader } from '@/components/ui/layout'
import { DataTable } from '@/components/ui/table'
import { LinkList } from '@/components/ui/link-list'
import { Alert } from '@/components/ui/alert'
import { LinkButton } from '@/components/ui/button'
import { StartAssessment } from '@/components/monitor/controls'

export default async function MonitorPage() {
  const [t, caller, actor] = [await getTranslations('monitor'), await getCaller(), await getActor()]
  if (!actor) return null
  const fills = holdsAction(actor, 'monitor.fill')
  const regionScope = actionScope(actor, 'monitor.regionRead')
  const overview = fills ? await guard(caller.monitor.overview()) : null
  const regions = regionScope.all || regionScope.regionIds.length ? (await caller.region.list()).filter((r) => regionScope.all || regionScope.regionIds.includes(r.id)) : []
  const year = currentSchoolYear()
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('intro')}
        actions={holdsAction(actor, 'monitor.manageFramework') ? <LinkButton variant="secondary" href="/monitor/kader">{t('framework.adminLink')}</LinkButton> : null}
      />
      {overview ? (
        overview.organisations.length === 0 ? (
          <Alert>{t('school.noSchools')}</Alert>
        ) : (
          overview.organisations.map((org) => {
            const years = [...new Set([year, year - 1, ...org.monitorAssessments.map((a) => a.schoolYear)])].sort((a, b) => b - a)
            const byYear = new Map(org.monitorAssessments.map((a) => [a.schoolYear, a]))
            return (
              <Card key={org.id} title={org.name}>
                {!overview.activeFramework ? <Alert tone="warning">{t('school.noFramework')}</Alert> : null}
                <DataTable
                  caption={t('school.yearsCaption', { name: org.name })}
                  rows={years}
                  rowKey={(y) => String(y)}
                  columns={[
                    { key: 'year', header: t('school.year'), cell: (y) => t('schoolYear', schoolYearLabel(y)) },
                    { key: 'status', header: t('school.status'), cell: (y) => t(`statuses.${byYear.get(y)?.status ?? 'NONE'}`) },
                    { key: 'shared', header: t('school.shared'), cell: (y) => (byYear.get(y) ? (byYear.get(y)!.sharedWithRegion ? t('school.yes') : t('school.no')) : '–') },
                    {
                      key: 'open',
                      header: <span className="sr-only">{t('school.open')}</span>,
                      cell: (y) =>
                        byYear.get(y) ? (
                          <Link className="text-brand-700 underline" href={`/monitor/${org.id}/${y}`}>
                            {t('school.open')} <span className="sr-only">{t('schoolYear', schoolYearLabel(y))}</span>
                          </Link>
                        ) : overview.activeFramework ? (
                          <StartAssessment organisationId={org.id} schoolYear={y} label={t('school.start', { year: `${y}–${y + 1}` })} />
                        ) : null,
                    },
                  ]}
                />
              </Card>
            )
          })
        )
      ) : null}
      {regions.length ? (
        <Card title={t('region.choose')}>
          <LinkList className="flex flex-col gap-2" links={regions.map((r) => ({ key: r.id, href: `/monitor/regio/${r.id}?jaar=${year - 1}`, label: t('region.title', { region: r.name }) }))} />
        </Card>
      ) : null}
    </>
  )
}
