import Link from 'next/link'

/** A full-page message (403, 404, 401) with one way onwards. */
export function StatusPage({ title, linkHref, linkText }: { title: string; linkHref: string; linkText: string }) {
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16">
      <h1 className="mb-4 text-2xl font-bold">{title}</h1>
      <Link href={linkHref} className="text-brand-700 underline">
        {linkText}
      </Link>
    </main>
  )
}
