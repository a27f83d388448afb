import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { forbidden } from 'next/navigation'
import { getActor, getCaller } from '@/server/api/server'
import { holdsAction } from '@/server/auth/policy'
import { Card, PageHeader } from '@/components/ui/layout'
import { ThemeForm } from '@/components/plan/forms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('plan.themes'))('title') }
}

/** Platform admin: the themes regional plans group their goals under (data, seeded from the policy letter). */
export default async function PlanThemesPage() {
  const [t, actor] = [await getTranslations('plan.themes'), await getActor()]
  if (!actor || !holdsAction(actor, 'plan.themes')) forbidden()
  const themes = await (await getCaller()).plan.themes()
  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      <Card title={t('new')}>
        <ThemeForm />
      </Card>
      <section aria-labelledby="themes-heading">
        <h2 id="themes-heading" className="mb-3 text-lg font-semibold">
          {t('caption')}
        </h2>
        {themes.length === 0 ? <p className="text-sm text-slate-700">{t('none')}</p> : null}
        <ul className="flex flex-col gap-3" data-testid="plan-themes">
          {themes.map((th) => (
            <li key={th.id} className="rounded-lg border border-slate-300 bg-white p-4">
              <p className="font-semibold">
                {th.nameNl} <span className="font-normal text-slate-700">· {th.nameEn}</span>{' '}
                <span className="font-mono text-sm text-slate-700">({th.key})</span>
              </p>
              <details className="mt-2">
                <summary className="cursor-pointer text-sm font-medium text-brand-700">{t('editLabel', { name: th.nameNl })}</summary>
                <div className="mt-2">
                  <ThemeForm initial={{ key: th.key, nameNl: th.nameNl, nameEn: th.nameEn, position: th.position }} />
                </div>
              </details>
            </li>
          ))}
        </ul>
      </section>
    </>
  )
}
