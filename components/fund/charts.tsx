'use client'
import dynamic from 'next/dynamic'
import type { YearBar } from './year-plot'
import { useLocale } from 'next-intl'

export type { YearBar }

const SERIES = [
  { key: 'allocationCents', color: '#123b73' },
  { key: 'budgetedCents', color: '#1d5fb8' },
  { key: 'reportedCents', color: '#b45309' },
  { key: 'approvedCents', color: '#15803d' },
] as const

// recharts (~100 kB gzip) loads after the page; the box keeps its size meanwhile (no layout shift).
const YearPlot = dynamic(() => import('./year-plot').then((m) => m.YearPlot), { ssr: false })

/**
 * Bars per year. The chart is a picture of the table that follows it (which has the same numbers for screen
 * readers and keyboard users), so it is labelled as an image.
 */
export function YearChart({ data, labels, label, withAllocation }: { data: YearBar[]; labels: Record<(typeof SERIES)[number]['key'], string>; label: string; withAllocation: boolean }) {
  const locale = useLocale()
  const series = SERIES.filter((s) => withAllocation || s.key !== 'allocationCents').map((s) => ({ ...s, name: labels[s.key] }))
  return (
    <div role="img" aria-label={label} className="h-72 w-full">
      <YearPlot data={data} series={series} locale={locale} />
    </div>
  )
}
