'use client'
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { useLocale } from 'next-intl'
import { formatCents } from '@/server/fund/money'

export type YearBar = { year: number; allocationCents?: number; budgetedCents: number; reportedCents: number; approvedCents: number }

const SERIES = [
  { key: 'allocationCents', color: '#123b73' },
  { key: 'budgetedCents', color: '#1d5fb8' },
  { key: 'reportedCents', color: '#b45309' },
  { key: 'approvedCents', color: '#15803d' },
] as const

/**
 * Bars per year. The chart is a picture of the table that follows it (which has the same numbers for screen
 * readers and keyboard users), so it is labelled as an image.
 */
export function YearChart({ data, labels, label, withAllocation }: { data: YearBar[]; labels: Record<(typeof SERIES)[number]['key'], string>; label: string; withAllocation: boolean }) {
  const locale = useLocale()
  const series = SERIES.filter((s) => withAllocation || s.key !== 'allocationCents')
  return (
    <div role="img" aria-label={label} className="h-72 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 24 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="year" />
          <YAxis tickFormatter={(v: number) => formatCents(v, locale).replace(/,00$|\.00$/, '')} width={96} />
          <Tooltip formatter={(v) => formatCents(Number(v), locale)} />
          <Legend />
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={labels[s.key]} fill={s.color} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  )
}
