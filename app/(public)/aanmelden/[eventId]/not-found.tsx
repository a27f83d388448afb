import { getTranslations } from 'next-intl/server'
import { TokenProblem } from '@/components/ui/token-problem'

/** No registration behind this id (page.tsx calls notFound()): a 404 that says so. */
export default async function RegistrationNotFound() {
  const t = await getTranslations('registration.form')
  return <TokenProblem title={t('title')} problem="invalid" invalid={t('notFound')} />
}
