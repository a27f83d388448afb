import { getTranslations } from 'next-intl/server'
import { TokenProblem } from '@/components/ui/token-problem'

/** A wrong, expired or purged evaluation link (page.tsx calls notFound()): a 404 that says so. */
export default async function EvaluationLinkNotFound() {
  const [t, tAll] = [await getTranslations('participation.evaluation.form'), await getTranslations()]
  return <TokenProblem title={t('title')} problem="invalid" invalid={tAll('participation.evaluation.errors.invalid')} />
}
