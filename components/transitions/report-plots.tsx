'use client'
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Sankey, Tooltip, XAxis, YAxis } from 'recharts'

/** The recharts drawings of ./report-view, loaded after the page (next/dynamic): recharts is not first-load JavaScript. */

const LINE_COLOURS = ['#1d4ed8', '#b45309', '#047857', '#7c3aed', '#be123c', '#0f766e', '#4d7c0f', '#a21caf', '#334155']

type NodeProps = { x: number; y: number; width: number; height: number; payload: unknown }

/** A bar of the flow chart with its label: the name and the disclosure-controlled count (as in the table). */
function FlowNode({ x, y, width, height, payload }: NodeProps) {
  const node = payload as { name: string; label: string }
  return (
    <g>
      <rect x={x} y={y} width={width} height={height} fill="#1d4ed8" />
      <text x={x + width + 6} y={y + height / 2} dy="0.35em" fontSize={12} fill="#0f172a" stroke="#fff" strokeWidth={3} paintOrder="stroke" data-testid="flow-label">
        {`${node.name}: ${node.label}`}
      </text>
    </g>
  )
}

export function FlowPlot({ nodes, links }: { nodes: { name: string; label: string }[]; links: { source: number; target: number; value: number }[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <Sankey data={{ nodes, links }} nodePadding={24} margin={{ left: 10, right: 190, top: 10, bottom: 10 }} link={{ stroke: '#64748b' }} node={(p: NodeProps) => <FlowNode {...p} />}>
        <Tooltip />
      </Sankey>
    </ResponsiveContainer>
  )
}

/** One line per track (`lines`: the data keys, i.e. the tracks' names). */
export function TrendPlot({ data, lines }: { data: Record<string, string | number | null>[]; lines: string[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={data} margin={{ left: 0, right: 20, top: 10, bottom: 10 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="cohort" />
        <YAxis domain={[0, 100]} unit="%" />
        <Tooltip />
        <Legend />
        {lines.map((k, i) => (
          <Line key={k} dataKey={k} stroke={LINE_COLOURS[i % LINE_COLOURS.length]} connectNulls />
        ))}
      </LineChart>
    </ResponsiveContainer>
  )
}
