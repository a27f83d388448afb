import { notFound } from 'next/navigation'
import { getLocale, getTranslations } from 'next-intl/server'
import { getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { schoolYearLabel } from '@/server/monitor/school-year'
import { Card, PageHeader } from '@/components/ui/layout'
import { Alert } from '@/components/ui/alert'
import { DataTable } from '@/components/ui/table'
import { AssessmentForm } from '@/components/monitor/assessment-form'
import { ReopenAssessment, SharingToggle, StartAssessment } from '@/components/monitor/controls'
import { ActionPoints } from '@/components/monitor/action-points'
import { ComparisonChart } from '@/components/monitor/comparison-chart'

export default async function AssessmentPage({ params }: { params: Promise<{ organisationId: string; schoolYear: string }> }) {
  const { organisationId, schoolYear: raw } = await params
  const schoolYear = Number(raw)
  if (!/^\d{4}$/.test(raw)) notFound()
  const caller = await getCaller()
  const data = await guard(caller.monitor.assessment({ organisationId, schoolYear }))
  const [t, locale] = [await getTranslations('monitor'), await getLocale()]
  const name = (x: { nameNl: string; nameEn: string }) => (locale === 'en' ? x.nameEn : x.nameNl)
  const yearText = t('schoolYear', schoolYearLabel(schoolYear))
  const title = `${t('assessment.title', { year: `${schoolYear}–${schoolYear + 1}` })} · ${data.organisation.name}`
  const a = data.assessment
  const fw = data.framework
  if (!a || !fw) {
    return (
      <>
        <PageHeader title={title} description={yearText} />
        <Card>
          {fw ? (
            <>
              <p className="mb-3 text-slate-900">{t('assessment.notStarted')}</p>
              <StartAssessment organisationId={organisationId} schoolYear={schoolYear} label={t('assessment.start')} />
            </>
          ) : (
            <Alert tone="warning">{t('school.noFramework')}</Alert>
          )}
        </Card>
      </>
    )
  }
  const criteria = fw.sections.flatMap((s) => s.criteria)
  const scoreOf = new Map(a.scores.map((s) => [s.criterionId, s]))
  const criterionName = new Map(criteria.map((c) => [c.id, name(c)]))
  const deltaText = (d: number | null) => (d === null ? t('comparison.missing') : d > 0 ? t('comparison.up', { delta: d }) : d < 0 ? t('comparison.down', { delta: -d }) : t('comparison.same'))
  return (
    <>
      <PageHeader title={title} description={`${t('assessment.framework', { name: name(fw), version: fw.version })} · ${t(`statuses.${a.status}`)}`} />

      <Card title={t('comparison.title')}>
        {data.comparison && data.previous ? (
          <div className="flex flex-col gap-4">
            <p className="text-sm text-slate-700">{t('comparison.previousStatus', { year: `${data.previous.schoolYear}–${data.previous.schoolYear + 1}`, status: t(`statuses.${data.previous.status}`) })}</p>
            <ComparisonChart
              label={t('comparison.chartLabel')}
              currentLabel={t('comparison.current')}
              previousLabel={t('comparison.previous')}
              data={data.comparison.map((r, i) => ({ label: String(i + 1), current: r.current, previous: r.previous }))}
            />
            <DataTable
              caption={t('comparison.caption')}
              rows={data.comparison.map((r, i) => ({ ...r, n: i + 1 }))}
              rowKey={(r) => r.criterionId}
              columns={[
                { key: 'criterion', header: t('comparison.criterion'), cell: (r) => `${r.n}. ${criterionName.get(r.criterionId)}` },
                { key: 'previous', header: t('comparison.previous'), numeric: true, cell: (r) => r.previous ?? t('comparison.missing') },
                { key: 'current', header: t('comparison.current'), numeric: true, cell: (r) => r.current ?? t('comparison.missing') },
                { key: 'delta', header: t('comparison.delta'), numeric: true, cell: (r) => deltaText(r.delta) },
              ]}
            />
          </div>
        ) : (
          <p className="text-slate-900">{t('comparison.none')}</p>
        )}
      </Card>

      <Card title={t('assessment.title', { year: `${schoolYear}–${schoolYear + 1}` })}>
        {a.status === 'DRAFT' ? (
          <AssessmentForm
            assessmentId={a.id}
            version={a.version}
            sections={fw.sections}
            initial={Object.fromEntries(criteria.map((c) => [c.id, { score: scoreOf.get(c.id)?.score ?? null, evidence: scoreOf.get(c.id)?.evidence ?? '' }]))}
          />
        ) : (
          <div className="flex flex-col gap-4">
            <Alert>{t('assessment.readOnly')}</Alert>
            {fw.sections.map((s) => (
              <section key={s.id}>
                <h3 className="mb-2 text-lg font-semibold text-slate-900">{name(s)}</h3>
                <dl className="flex flex-col gap-3">
                  {s.criteria.map((c) => {
                    const sc = scoreOf.get(c.id)
                    const levels = locale === 'en' ? c.levelsEn : c.levelsNl
                    return (
                      <div key={c.id}>
                        <dt className="font-medium text-slate-900">{name(c)}</dt>
                        <dd className="text-sm text-slate-900">{sc ? t('assessment.yourScore', { score: sc.score, descriptor: levels[sc.score - 1] ?? '' }) : t('assessment.noScore')}</dd>
                        {sc?.evidence ? <dd className="text-sm text-slate-700">{t('assessment.evidence')}: {sc.evidence}</dd> : null}
                      </div>
                    )
                  })}
                </dl>
              </section>
            ))}
            <ReopenAssessment assessmentId={a.id} version={a.version} />
          </div>
        )}
      </Card>

      <Card title={t('actions.title')}>
        <p className="mb-3 text-sm text-slate-700">{t('actions.intro')}</p>
        <ActionPoints
          assessmentId={a.id}
          criteria={criteria.map((c) => ({ value: c.id, label: name(c) }))}
          points={a.actions.map((p) => ({ id: p.id, action: p.action, ownerName: p.ownerName, dueOn: p.dueOn ? p.dueOn.toISOString().slice(0, 10) : null, done: p.done, criterionId: p.criterionId }))}
        />
      </Card>

      <Card title={t('assessment.sharing')}>
        <p className="mb-3 text-sm text-slate-700">{t('assessment.sharingHint')}</p>
        <SharingToggle assessmentId={a.id} shared={a.sharedWithRegion} />
      </Card>
    </>
  )
}
