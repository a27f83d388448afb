import { getTranslations } from 'next-intl/server'
import { TokenProblem } from '@/components/ui/token-problem'

/**
 * A wrong or purged registration link (page.tsx calls notFound()): a 404 that says so, and that a newer mail may
 * carry a newer link (a waiting-list offer replaces the registrant's link: only its hash is stored). Says nothing
 * about whether the link ever existed.
 */
export default async function RegistrationLinkNotFound() {
  const t = await getTranslations('registration')
  return <TokenProblem title={t('link.title')} problem="invalid" invalid={t('link.invalid')} />
}
