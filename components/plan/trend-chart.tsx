'use client'
import dynamic from 'next/dynamic'
import { useLocale } from 'next-intl'
import type { TrendIndicator, TrendPoint } from './trend-plot'

export type { TrendIndicator, TrendPoint }

// recharts (~100 kB gzip) loads after the page; the box keeps its size meanwhile (no layout shift).
const TrendPlot = dynamic(() => import('./trend-plot').then((m) => m.TrendPlot), { ssr: false })

/**
 * Actual and target per school year, the values written as the table writes them (euros, percentages; in the UI
 * language). A picture of the table after it (same numbers), so labelled as an image.
 */
export function TrendChart({ data, indicator, label, actualLabel, targetLabel }: { data: TrendPoint[]; indicator: TrendIndicator; label: string; actualLabel: string; targetLabel: string }) {
  const locale = useLocale()
  return (
    <div role="img" aria-label={label} className="h-56 w-full">
      <TrendPlot data={data} indicator={indicator} locale={locale} actualLabel={actualLabel} targetLabel={targetLabel} />
    </div>
  )
}
