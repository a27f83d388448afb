'use client'
import Link from 'next/link'
import { usePathname } from 'next/navigation'
import clsx from 'clsx'

export function NavLinks({ items }: { items: { href: string; label: string }[] }) {
  const pathname = usePathname()
  return (
    <ul className="flex flex-wrap gap-1">
      {items.map((i) => {
        const active = i.href === '/' ? pathname === '/' : pathname.startsWith(i.href)
        return (
          <li key={i.href}>
            <Link
              href={i.href}
              aria-current={active ? 'page' : undefined}
              className={clsx('inline-block border-b-2 px-3 py-2 text-sm', active ? 'border-brand-700 font-semibold text-brand-800' : 'border-transparent text-slate-800 hover:border-slate-400')}
            >
              {i.label}
            </Link>
          </li>
        )
      })}
    </ul>
  )
}
