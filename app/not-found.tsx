import { getTranslations } from 'next-intl/server'
import { StatusPage } from '@/components/ui/status-page'

export default async function NotFound() {
  const [t, tc] = [await getTranslations('errors'), await getTranslations('common')]
  return <StatusPage title={t('notFound')} linkHref="/" linkText={tc('back')} />
}
