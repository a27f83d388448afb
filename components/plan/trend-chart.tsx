'use client'
import dynamic from 'next/dynamic'
import type { TrendPoint } from './trend-plot'

export type { TrendPoint }

// recharts (~100 kB gzip) loads after the page; the box keeps its size meanwhile (no layout shift).
const TrendPlot = dynamic(() => import('./trend-plot').then((m) => m.TrendPlot), { ssr: false })

/** Actual and target per school year. A picture of the table after it (same numbers), so labelled as an image. */
export function TrendChart({ data, label, actualLabel, targetLabel }: { data: TrendPoint[]; label: string; actualLabel: string; targetLabel: string }) {
  return (
    <div role="img" aria-label={label} className="h-56 w-full">
      <TrendPlot data={data} actualLabel={actualLabel} targetLabel={targetLabel} />
    </div>
  )
}
