import { getTranslations } from 'next-intl/server'
import { TokenProblem } from '@/components/ui/token-problem'

/** A wrong or purged booking link (page.tsx calls notFound()): a 404 that says so. */
export default async function BookingLinkNotFound() {
  const t = await getTranslations('slots')
  return <TokenProblem title={t('booking.title')} problem="invalid" invalid={t('errors.tokenInvalid')} />
}
