import Link from 'next/link'
import type { ReactNode } from 'react'
import { getTranslations } from 'next-intl/server'
import { SkipLink } from '@/components/shell/skip-link'
import { LanguageSwitcher } from '@/components/shell/language-switcher'

/** Pages anyone can open without signing in (a region's public calendar, open trial days, booking links). */
export default async function PublicLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations('common')
  return (
    <div className="flex min-h-screen flex-col">
      <SkipLink />
      <header className="border-b border-slate-300 bg-white">
        <div className="mx-auto flex max-w-7xl items-center justify-between gap-3 px-4 py-3">
          <Link href="/" className="text-xl font-bold text-brand-700">
            {t('appName')}
          </Link>
          <LanguageSwitcher />
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-6">
        {children}
      </main>
    </div>
  )
}
