import type { ReactNode } from 'react'
import { getTranslations } from 'next-intl/server'
import type { Actor } from '@/server/auth/policy'
import { signOutAction } from '@/app/actions/session'
import { navigationFor } from './nav'
import { LanguageSwitcher } from './language-switcher'
import { NavLinks } from './nav-links'
import { ShellFrame } from './shell-frame'
import { InboxLink } from '@/components/notifications/inbox-link'

export async function AppShell({ actor, children }: { actor: Actor; children: ReactNode }) {
  const [t, tAll] = [await getTranslations('common'), await getTranslations()]
  const items = navigationFor(actor).map((i) => ({ href: i.href, label: tAll(i.label as never) }))
  return (
    <ShellFrame
      tools={
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
      }
      nav={
        <nav aria-label={t('mainNav')} className="mx-auto max-w-7xl px-4">
          <NavLinks items={items} />
        </nav>
      }
    >
      {children}
    </ShellFrame>
  )
}
