import Link from 'next/link'
import type { ReactNode } from 'react'
import { getTranslations } from 'next-intl/server'
import type { Actor } from '@/server/auth/policy'
import { signOutAction } from '@/app/actions/session'
import { navigationFor } from './nav'
import { SkipLink } from '@/components/shell/skip-link'
import { LanguageSwitcher } from './language-switcher'
import { NavLinks } from './nav-links'
import { InboxLink } from '@/components/notifications/inbox-link'

export async function AppShell({ actor, children }: { actor: Actor; children: ReactNode }) {
  const [t, tAll] = [await getTranslations('common'), await getTranslations()]
  const items = navigationFor(actor).map((i) => ({ href: i.href, label: tAll(i.label as never) }))
  return (
    <div className="flex min-h-screen flex-col">
      <SkipLink />
      <header className="border-b border-slate-300 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <Link href="/" className="text-xl font-bold text-brand-700">
            {t('appName')}
          </Link>
          <div className="flex flex-wrap items-center gap-4 text-sm">
            <InboxLink />
            <span className="text-slate-700">{t('signedInAs', { email: actor.email })}</span>
            <LanguageSwitcher />
            <form action={signOutAction}>
              <button type="submit" className="rounded border border-slate-400 px-3 py-1 text-slate-900 hover:bg-slate-100">
                {t('signOut')}
              </button>
            </form>
          </div>
        </div>
        <nav aria-label={t('mainNav')} className="mx-auto max-w-7xl px-4">
          <NavLinks items={items} />
        </nav>
      </header>
      <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-6">
        {children}
      </main>
    </div>
  )
}
