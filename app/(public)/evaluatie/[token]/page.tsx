import type { Metadata } from 'next'
import { getLocale, getTranslations } from 'next-intl/server'
import { notFound } from 'next/navigation'
import { getCaller } from '@/server/api/server'
import { tokenView } from '@/server/api/page-guard'
import { TokenProblem } from '@/components/ui/token-problem'
import { formatAmsterdam } from '@/server/lib/time'
import { Card, PageHeader } from '@/components/ui/layout'
import { Alert } from '@/components/ui/alert'
import { MAX_COMMENT } from '@/server/participation/schema'
import { EvaluationForm } from './evaluation-form'
import { evaluateAction } from './actions'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('participation.evaluation.form'))('title'), robots: { index: false } }
}

/**
 * The pupil's post-slot evaluation (the link from the mail; no account; a wrong or expired link is a 404 with a
 * clear message, ./not-found). Opening the page changes nothing; the form says what is stored and for how long
 * before anything is sent. It posts to a server action (./actions): no client providers, within the public
 * first-load budget (README).
 */
export default async function EvaluationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params
  const [t, tAll, locale] = [await getTranslations('participation.evaluation.form'), await getTranslations(), (await getLocale()) as 'nl' | 'en']
  const r = await tokenView((await getCaller()).participation.evaluation({ token }))
  if ('problem' in r && r.problem === 'invalid') notFound()
  if ('problem' in r) return <TokenProblem title={t('title')} problem={r.problem} invalid={tAll('participation.evaluation.errors.invalid')} />
  const view = r.value
  return (
    <>
      <PageHeader title={t('title')} description={t('intro', { programme: view.programme, institution: view.institution, date: formatAmsterdam(view.startsAt, 'EEEE d MMMM yyyy', locale) })} />
      {view.answered ? (
        <Alert tone="success">{t('answered')}</Alert>
      ) : (
        <Card>
          <EvaluationForm
            action={evaluateAction}
            token={token}
            questions={(['useful', 'helpedChoice', 'recommend'] as const).map((name) => ({ name, label: t(name) }))}
            scale={([1, 2, 3, 4, 5] as const).map((v) => t(`scale.${v}`))}
            comment={{ label: t('comment'), hint: t('commentHint', { max: MAX_COMMENT }), maxLength: MAX_COMMENT }}
            submitLabel={t('submit')}
          />
          <p className="mt-4 text-sm text-slate-700">{t('expires', { date: formatAmsterdam(view.expiresAt, 'd MMMM yyyy, HH:mm', locale) })}</p>
        </Card>
      )}
      <Card title={t('privacyTitle')}>
        <p className="text-sm">{t('privacy', { min: view.minAnswers, purge: formatAmsterdam(view.purgeAt, 'd MMMM yyyy', locale) })}</p>
      </Card>
    </>
  )
}
