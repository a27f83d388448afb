import Link from 'next/link'
import type { ReactNode } from 'react'
import { getTranslations } from 'next-intl/server'
import { SkipLink } from '@/components/shell/skip-link'

/**
 * The frame every page shares, signed in or not: the skip link, a header with the app's name (home) and the
 * shell's own controls on the right (`tools`), an optional navigation row under it, and the main landmark.
 */
export async function ShellFrame({ tools, nav, children }: { tools: ReactNode; nav?: ReactNode; children: ReactNode }) {
  const t = await getTranslations('common')
  return (
    <div className="flex min-h-screen flex-col">
      <SkipLink />
      <header className="border-b border-slate-300 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <Link href="/" className="text-xl font-bold text-brand-700">
            {t('appName')}
          </Link>
          {tools}
        </div>
        {nav}
      </header>
      <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-6">
        {children}
      </main>
    </div>
  )
}
