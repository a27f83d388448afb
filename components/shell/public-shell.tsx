import Link from 'next/link'
import type { ReactNode } from 'react'
import { getTranslations } from 'next-intl/server'
import { LanguageSwitcher } from '@/components/shell/language-switcher'
import { ShellFrame } from './shell-frame'

/** The frame of pages anyone can open without signing in: the front door, public calendars, trial days, bookings. */
export async function PublicShell({ children }: { children: ReactNode }) {
  const th = await getTranslations('frontDoor')
  return (
    <ShellFrame
      tools={
        <div className="flex items-center gap-4">
          <Link href="/signin" className="text-sm text-slate-700 underline underline-offset-2 hover:text-brand-700">
            {th('staffSignIn')}
          </Link>
          <LanguageSwitcher />
        </div>
      }
    >
      {children}
    </ShellFrame>
  )
}
