'use client'
import dynamic from 'next/dynamic'
import type { ComparisonBar } from './comparison-plot'

export type { ComparisonBar }

// recharts (~100 kB gzip) loads after the page; the box keeps its size meanwhile (no layout shift).
const ComparisonPlot = dynamic(() => import('./comparison-plot').then((m) => m.ComparisonPlot), { ssr: false })

/**
 * Scores this year and last year per criterion. A picture of the comparison table that follows it (which has the
 * same numbers for screen readers and keyboard users), so it is labelled as an image.
 */
export function ComparisonChart({ data, label, currentLabel, previousLabel }: { data: ComparisonBar[]; label: string; currentLabel: string; previousLabel: string }) {
  return (
    <div role="img" aria-label={label} className="h-80 w-full">
      <ComparisonPlot data={data} currentLabel={currentLabel} previousLabel={previousLabel} />
    </div>
  )
}
