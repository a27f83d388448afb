import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { navLinkClass } from './button'

/** Where a list read a page at a time (keyset) stands: the cursor of this page, and the position of its first row. */
export type PageAt = { param: string; cursor: string | undefined; from: number }

/** The URL parameter carrying the position of a page's first row, beside the cursor parameter `param`. */
const fromParamOf = (param: string) => `${param}-vanaf`

/**
 * The page of a list from the URL's search parameters: the cursor in `param` (validated by the procedure's schema,
 * which refuses a forged one) and the 1-based position of the page's first row (only for the "x–y of N" text; a
 * missing or odd value counts as the first page).
 */
export function pageAt(query: Record<string, string | string[] | undefined>, param = 'na'): PageAt {
  const cursor = typeof query[param] === 'string' && query[param] ? (query[param] as string) : undefined
  const raw = query[fromParamOf(param)]
  const from = cursor && typeof raw === 'string' && /^[1-9][0-9]{0,8}$/.test(raw) ? Number(raw) : 1
  return { param, cursor, from }
}

/** The URL parameters that keep a list on its page, for another list's links on the same page. */
export const keepPage = (at: PageAt): Record<string, string | undefined> => (at.cursor ? { [at.param]: at.cursor, [fromParamOf(at.param)]: String(at.from) } : {})

/**
 * Under every list read a page at a time (keyset): which rows this page shows of how many in all ("26–50 of 1,234",
 * numbers in the UI language's format; and their sum where given; "Results 51–100" where a list is not counted), a
 * link to the next page (its cursor and position in the URL, so a page can be shared or reloaded, with the page's
 * other parameters such as filters kept) and back to the first.
 */
export async function Pager({
  path,
  at,
  keep = {},
  shown,
  total,
  totalText,
  nextCursor,
  testId,
  label,
}: {
  path: string
  at: PageAt
  /** Other search parameters of the page to keep in the links (filters); empty values are left out. */
  keep?: Record<string, string | undefined>
  shown: number
  /** All rows of the list; left out for a list that is not counted (the public slot search). */
  total?: number
  totalText?: string
  nextCursor: string | null
  testId?: string
  /** The name of the page navigation (which list), when a page has more than one. */
  label?: string
}) {
  const t = await getTranslations('pager')
  const href = (extra: Record<string, string>) => {
    const params = new URLSearchParams()
    for (const [k, v] of Object.entries({ ...keep, ...extra })) if (v) params.set(k, v)
    const qs = params.toString()
    return qs ? `${path}?${qs}` : path
  }
  return (
    <nav aria-label={label ?? t('pages')} className="mt-3 flex flex-wrap items-center justify-between gap-2 text-sm" data-testid={testId}>
      <p className="text-slate-700">
        {total === undefined
          ? shown
            ? t('rangeOnly', { from: at.from, to: at.from + shown - 1 })
            : null
          : shown
            ? t('range', { from: at.from, to: at.from + shown - 1, total })
            : t('none', { total })}
        {totalText ? ` · ${totalText}` : ''}
      </p>
      <div className="flex flex-wrap gap-4">
        {at.cursor ? (
          <Link href={href({})} className={navLinkClass}>
            {t('first')}
          </Link>
        ) : null}
        {nextCursor ? (
          <Link href={href({ [at.param]: nextCursor, [fromParamOf(at.param)]: String(at.from + shown) })} className={navLinkClass} rel="next">
            {t('next')}
          </Link>
        ) : null}
      </div>
    </nav>
  )
}
