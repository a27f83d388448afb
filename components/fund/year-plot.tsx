'use client'
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { formatCents, formatCentsShort } from '@/server/fund/money'

export type YearBar = { year: number; allocationCents?: number; budgetedCents: number; reportedCents: number; approvedCents: number }

/** The recharts drawing of ./charts' YearChart, loaded after the page (next/dynamic): recharts is not first-load JavaScript. */
export function YearPlot({ data, series, locale }: { data: YearBar[]; series: { key: string; name: string; color: string }[]; locale: string }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 24 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="year" />
        <YAxis tickFormatter={(v: number) => formatCentsShort(v, locale)} width={96} />
        <Tooltip formatter={(v) => formatCents(Number(v), locale)} />
        <Legend />
        {series.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.color} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  )
}
