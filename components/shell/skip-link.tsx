import { getTranslations } from 'next-intl/server'

/** First focusable element of every page: jumps past the header to #main (WCAG 2.4.1). */
export async function SkipLink() {
  const t = await getTranslations('common')
  return (
    <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
      {t('skipToContent')}
    </a>
  )
}
