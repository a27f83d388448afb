'use client'
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'

export type TrendPoint = { year: string; actual: number | null; target: number | null }

/** The recharts drawing of ./trend-chart, loaded after the page (next/dynamic): recharts is not first-load JavaScript. */
export function TrendPlot({ data, actualLabel, targetLabel }: { data: TrendPoint[]; actualLabel: string; targetLabel: string }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="year" />
        <YAxis width={64} />
        <Tooltip />
        <Legend />
        <Line type="monotone" dataKey="actual" name={actualLabel} stroke="#1d5fb8" strokeWidth={2} connectNulls />
        <Line type="monotone" dataKey="target" name={targetLabel} stroke="#b45309" strokeDasharray="5 5" connectNulls />
      </LineChart>
    </ResponsiveContainer>
  )
}
