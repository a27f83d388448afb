import { getTranslations } from 'next-intl/server'
import Link from 'next/link'

export default async function NotFound() {
  const [t, tc] = [await getTranslations('errors'), await getTranslations('common')]
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16">
      <h1 className="mb-4 text-2xl font-bold">{t('notFound')}</h1>
      <Link href="/" className="text-brand-700 underline">
        {tc('back')}
      </Link>
    </main>
  )
}
