import { getTranslations } from 'next-intl/server'
import { TokenProblem } from '@/components/ui/token-problem'

/** A wrong or purged registration link (page.tsx calls notFound()): a 404 that says so. */
export default async function RegistrationLinkNotFound() {
  const t = await getTranslations('registration')
  return <TokenProblem title={t('link.title')} problem="invalid" invalid={t('errors.tokenInvalid')} />
}
