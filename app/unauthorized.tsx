import { getTranslations } from 'next-intl/server'
import Link from 'next/link'

export default async function Unauthorized() {
  const t = await getTranslations('errors')
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16">
      <h1 className="mb-4 text-2xl font-bold">{t('unauthenticated')}</h1>
      <Link href="/signin" className="text-brand-700 underline">
        {t('unauthenticated')}
      </Link>
    </main>
  )
}
