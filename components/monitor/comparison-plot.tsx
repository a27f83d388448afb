'use client'
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, XAxis, YAxis } from 'recharts'

export type ComparisonBar = { label: string; current: number | null; previous: number | null }

/** The recharts drawing of ./comparison-chart, loaded after the page (next/dynamic): recharts is not first-load JavaScript. */
export function ComparisonPlot({ data, currentLabel, previousLabel }: { data: ComparisonBar[]; currentLabel: string; previousLabel: string }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="label" tick={{ fontSize: 11 }} interval={0} />
        <YAxis domain={[0, 4]} ticks={[1, 2, 3, 4]} width={24} />
        <Legend />
        <Bar dataKey="previous" name={previousLabel} fill="#94a3b8" />
        <Bar dataKey="current" name={currentLabel} fill="#1d5fb8" />
      </BarChart>
    </ResponsiveContainer>
  )
}
