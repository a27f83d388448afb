import { getTranslations } from 'next-intl/server'
import { TokenProblem } from '@/components/ui/token-problem'

/** A wrong, revoked or expired personal link (page.tsx calls notFound()): a 404 that says so. */
export default async function PupilLinkNotFound() {
  const [t, tAll] = [await getTranslations('participation.link'), await getTranslations()]
  return <TokenProblem title={t('title')} problem="invalid" invalid={tAll('participation.errors.linkInvalid')} />
}
