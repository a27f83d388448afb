'use client'
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'

export type TrendPoint = { year: string; actual: number | null; target: number | null }

/** Actual and target per school year. A picture of the table after it (same numbers), so labelled as an image. */
export function TrendChart({ data, label, actualLabel, targetLabel }: { data: TrendPoint[]; label: string; actualLabel: string; targetLabel: string }) {
  return (
    <div role="img" aria-label={label} className="h-56 w-full">
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
    </div>
  )
}
