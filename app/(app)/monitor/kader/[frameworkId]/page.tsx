import { getLocale, getTranslations } from 'next-intl/server'
import { getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { Card, PageHeader } from '@/components/ui/layout'
import { Alert } from '@/components/ui/alert'
import { ActivateButton, AddCriterion, CriterionEditor, NewVersionButton } from '@/components/monitor/framework-editor'

export default async function FrameworkPage({ params }: { params: Promise<{ frameworkId: string }> }) {
  const { frameworkId } = await params
  const caller = await getCaller()
  const fw = await guard(caller.monitor.framework({ frameworkId }))
  const [t, locale] = [await getTranslations('monitor.framework'), await getLocale()]
  const name = (x: { nameNl: string; nameEn: string }) => (locale === 'en' ? x.nameEn : x.nameNl)
  const state = fw.retiredAt ? t('retired') : fw.activatedAt ? t('active') : t('draft')
  return (
    <>
      <PageHeader title={t('versionTitle', { name: name(fw), version: fw.version })} description={state} actions={<NewVersionButton frameworkId={fw.id} />} />
      {fw.inUse ? <Alert className="mb-4">{t('inUse', { count: fw._count.assessments })}</Alert> : null}
      {!fw.activatedAt && !fw.retiredAt ? (
        <div className="mb-4">
          <ActivateButton frameworkId={fw.id} />
        </div>
      ) : null}
      {fw.sections.map((s) => (
        <Card key={s.id} title={name(s)}>
          <ol className="flex flex-col gap-4">
            {s.criteria.map((c) => (
              <li key={c.id} className="flex flex-col gap-2">
                <p className="font-medium text-slate-900">
                  {name(c)} <span className="text-sm font-normal text-slate-700">({c.code})</span>
                </p>
                <ol className="ml-5 list-decimal text-sm text-slate-900">
                  {(locale === 'en' ? c.levelsEn : c.levelsNl).map((d, i) => (
                    <li key={i}>{d}</li>
                  ))}
                </ol>
                {fw.editable ? <CriterionEditor criterionId={c.id} label={name(c)} initial={{ nameNl: c.nameNl, nameEn: c.nameEn, levelsNl: c.levelsNl, levelsEn: c.levelsEn }} /> : null}
              </li>
            ))}
          </ol>
          {fw.editable ? (
            <div className="mt-4">
              <AddCriterion sectionId={s.id} sectionName={name(s)} />
            </div>
          ) : null}
        </Card>
      ))}
    </>
  )
}
