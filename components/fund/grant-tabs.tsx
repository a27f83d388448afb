'use client'
import Link from 'next/link'
import { usePathname } from 'next/navigation'
import clsx from 'clsx'

export type GrantTab = { href: string; label: string }

/**
 * The grant's sections, each its own URL (overview, budget, reports, payments, results, accountability, settlement).
 * The current one carries aria-current="page" (a report or result inside a section: aria-current="true"). The tabs
 * wrap on a phone instead of widening the page; they are left out of print.
 */
export function GrantTabs({ tabs, label }: { tabs: GrantTab[]; label: string }) {
  const pathname = usePathname()
  const [overview] = tabs
  return (
    <nav aria-label={label} className="mb-6 border-b border-slate-300 print:hidden">
      <ul className="flex flex-wrap gap-x-1 gap-y-1" data-testid="fund-tabs">
        {tabs.map((tab) => {
          const exact = pathname === tab.href
          const inside = !exact && tab !== overview && pathname.startsWith(`${tab.href}/`)
          return (
            <li key={tab.href}>
              <Link
                href={tab.href}
                aria-current={exact ? 'page' : inside ? 'true' : undefined}
                className={clsx(
                  'inline-block rounded-t border-b-2 px-3 py-2 text-sm font-medium',
                  exact || inside ? 'border-brand-700 text-brand-700' : 'border-transparent text-slate-700 hover:border-slate-400 hover:text-slate-900',
                )}
              >
                {tab.label}
              </Link>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}
