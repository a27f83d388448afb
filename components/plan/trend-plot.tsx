'use client'
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { formatIndicatorTick, formatIndicatorValue } from '@/server/plan/format'

export type TrendPoint = { year: string; actual: number | null; target: number | null }

/** What an indicator's values are (euro cents, a percentage, a number): how the axis and tooltip write them. */
export type TrendIndicator = { kind: string; config: Record<string, string> | null }

/** The two lines, drawn by the chart and its legend alike. */
const SERIES = [
  { key: 'actual', color: '#1d5fb8', width: 2, dash: undefined },
  { key: 'target', color: '#b45309', width: 1, dash: '5 5' },
] as const

/**
 * The legend as a list of its own: recharts' default writes its items as inline-block <li>s with only a margin between
 * them, so the chart's text ran the labels together ("Gerealiseerdstreefwaarde", when copied or read as text). Flex
 * items with a space after each label keep them apart.
 */
export function TrendLegend({ names }: { names: Record<(typeof SERIES)[number]['key'], string> }) {
  return (
    <ul className="flex flex-wrap justify-center gap-x-4 text-xs text-slate-700">
      {SERIES.map((s) => (
        <li key={s.key} className="flex items-center gap-1">
          <svg width="24" height="8" aria-hidden="true">
            <line x1="0" y1="4" x2="24" y2="4" stroke={s.color} strokeWidth={s.width + 1} strokeDasharray={s.dash} />
          </svg>
          {names[s.key]}{' '}
        </li>
      ))}
    </ul>
  )
}

/** The recharts drawing of ./trend-chart, loaded after the page (next/dynamic): recharts is not first-load JavaScript. */
export function TrendPlot({ data, indicator, locale, actualLabel, targetLabel }: { data: TrendPoint[]; indicator: TrendIndicator; locale: string; actualLabel: string; targetLabel: string }) {
  const { kind, config } = indicator
  const names = { actual: actualLabel, target: targetLabel }
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="year" />
        <YAxis width={kind === 'FUND' ? 88 : 64} tickFormatter={(v: number) => formatIndicatorTick(kind, v, locale, config)} />
        <Tooltip formatter={(v) => (v === null || v === undefined || v === '' ? '—' : formatIndicatorValue(kind, Number(v), locale, config))} />
        <Legend content={() => <TrendLegend names={names} />} />
        {SERIES.map((s) => (
          <Line key={s.key} type="monotone" dataKey={s.key} name={names[s.key]} stroke={s.color} strokeWidth={s.width} strokeDasharray={s.dash} connectNulls />
        ))}
      </LineChart>
    </ResponsiveContainer>
  )
}
