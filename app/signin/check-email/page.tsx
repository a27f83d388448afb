import { getTranslations } from 'next-intl/server'

export default async function CheckEmailPage() {
  const t = await getTranslations('signin')
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-4 px-4">
      <h1 className="text-2xl font-bold">{t('checkEmailTitle')}</h1>
      <p>{t('checkEmailBody')}</p>
    </main>
  )
}
