import Link from 'next/link'

/** A list of text links in the app's link style, each `{ key, href, label }`; `className` lays out the list. */
export function LinkList({ links, className }: { links: { key: string; href: string; label: string }[]; className: string }) {
  return (
    <ul className={className}>
      {links.map((l) => (
        <li key={l.key}>
          <Link className="text-brand-700 underline" href={l.href}>
            {l.label}
          </Link>
        </li>
      ))}
    </ul>
  )
}
