import type { ReactNode } from 'react'
import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'

/**
 * A signed-in section's title (its navigation label, e.g. "Regiofonds · Overstap") for every page in it that does
 * not name itself: each browser tab, bookmark and screen reader then says where it is (WCAG 2.4.2), not only
 * "Overstap". `key`: the full message key of the section's navigation label (components/shell/nav.ts).
 */
export const sectionTitle =
  (key: string) =>
  async (): Promise<Metadata> => ({ title: (await getTranslations())(key) })

/** The section layout itself adds nothing around its pages. */
export function SectionLayout({ children }: { children: ReactNode }) {
  return children
}
