import Link from 'next/link'
import type { ReactNode } from 'react'
import { getTranslations } from 'next-intl/server'
import { SkipLink } from '@/components/shell/skip-link'
import { LanguageSwitcher } from '@/components/shell/language-switcher'

/** The frame of pages anyone can open without signing in: the front door, public calendars, trial days, bookings. */
export async function PublicShell({ children }: { children: ReactNode }) {
  const [t, th] = [await getTranslations('common'), await getTranslations('frontDoor')]
  return (
    <div className="flex min-h-screen flex-col">
      <SkipLink />
      <header className="border-b border-slate-300 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <Link href="/" className="text-xl font-bold text-brand-700">
            {t('appName')}
          </Link>
          <div className="flex items-center gap-4">
            <Link href="/signin" className="text-sm text-slate-700 underline underline-offset-2 hover:text-brand-700">
              {th('staffSignIn')}
            </Link>
            <LanguageSwitcher />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-6">
        {children}
      </main>
    </div>
  )
}
