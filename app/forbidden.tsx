import { getTranslations } from 'next-intl/server'
import { StatusPage } from '@/components/ui/status-page'

export default async function Forbidden() {
  const [t, tc] = [await getTranslations('errors'), await getTranslations('common')]
  return <StatusPage title={t('forbidden')} linkHref="/" linkText={tc('back')} />
}
