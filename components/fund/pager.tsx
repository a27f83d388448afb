import Link from 'next/link'
import { getTranslations } from 'next-intl/server'

/**
 * Under a list read a page at a time (keyset): how many there are in all (and their sum), how many this page shows,
 * a link to the next page (its cursor in the URL, so a page can be shared or reloaded) and back to the first.
 */
export async function Pager({ path, param = 'na', shown, total, totalText, nextCursor, onFirstPage, testId }: { path: string; param?: string; shown: number; total: number; totalText?: string; nextCursor: string | null; onFirstPage: boolean; testId?: string }) {
  const t = await getTranslations('fund.pager')
  return (
    <div className="mt-3 flex flex-wrap items-center justify-between gap-2 text-sm" data-testid={testId}>
      <p className="text-slate-700">
        {t('shown', { shown, total })}
        {totalText ? ` · ${totalText}` : ''}
      </p>
      <div className="flex flex-wrap gap-4">
        {onFirstPage ? null : (
          <Link href={path} className="text-brand-700 underline">
            {t('first')}
          </Link>
        )}
        {nextCursor ? (
          <Link href={`${path}?${param}=${encodeURIComponent(nextCursor)}`} className="text-brand-700 underline">
            {t('next')}
          </Link>
        ) : null}
      </div>
    </div>
  )
}

/** The cursor of a page from the URL's search parameters (validated by the procedure's schema). */
export const cursorParam = (value: string | string[] | undefined) => (typeof value === 'string' && value ? value : undefined)
