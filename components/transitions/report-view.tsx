'use client'
import { useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useUiLocale } from '@/components/ui/use-ui-locale'
import dynamic from 'next/dynamic'
import { useTRPC } from '@/components/trpc/client'
import { Alert } from '@/components/ui/alert'
import { Card } from '@/components/ui/layout'
import { DataTable } from '@/components/ui/table'
import { SelectField } from '@/components/ui/field'
import { applyServerError } from '@/components/ui/form'
import { buttonClass } from '@/components/ui/button'
import type { Report } from '@/server/transitions/datasets'
import { chartValue, formatCount, formatPercent } from './format'
import { ScrollRegion } from '@/components/ui/scroll-region'

type Target = { datasetId: string } | { regionId: string }

// The charts (recharts, ~100 kB gzip) load after the page; their boxes keep their size meanwhile (no layout shift).
const FlowPlot = dynamic(() => import('./report-plots').then((m) => m.FlowPlot), { ssr: false })
const TrendPlot = dynamic(() => import('./report-plots').then((m) => m.TrendPlot), { ssr: false })

/** Flow diagram, indicators and trend of a dataset or a region; the server has already suppressed what this viewer may not see. */
export function ReportView({ target }: { target: Target }) {
  const t = useTranslations('transitions')
  const [cohortYear, setCohortYear] = useState<number | undefined>(undefined)
  const q = useQuery(useTRPC().transitions.report.queryOptions({ ...target, cohortYear }))
  if (q.error) return <Alert tone="error">{applyServerError(q.error)}</Alert>
  if (!q.data) return <p>…</p>
  const r = q.data
  if (!r.cohorts.length) return <p>{t('report.noData')}</p>
  const params = new URLSearchParams({ ...target, cohortYear: String(r.cohortYear) })
  return (
    <div data-testid="transitions-report">
      <Alert tone="info" className="mb-4">
        {r.masked ? t('report.masked', { threshold: r.threshold, min: r.minPercent, max: r.maxPercent }) : t('report.raw')}
        {r.aggregate ? <p className="mt-1" data-testid="aggregate-hint">{t('report.aggregateHint', { contributors: r.minContributors, dominance: r.dominance, threshold: r.threshold })}</p> : null}
      </Alert>
      <div className="mb-4 flex flex-wrap items-end gap-4">
        <SelectField
          label={t('report.cohort')}
          value={String(r.cohortYear)}
          onChange={(e) => setCohortYear(Number(e.target.value))}
          options={r.cohorts.map((c) => ({ value: String(c), label: String(c) }))}
        />
        <a className={buttonClass('secondary')} href={`/api/transitions/export?${params}`} download>
          {t('report.download')}
        </a>
      </div>
      <FlowSection r={r} />
      <IndicatorSection r={r} />
      <TrendSection r={r} />
    </div>
  )
}

function FlowSection({ r }: { r: Report }) {
  const t = useTranslations('transitions')
  const tracks = r.flow.rowTotals.map((x) => x.key)
  const dests = r.flow.colTotals.map((x) => x.key)
  // Node labels carry the totals the server released (suppressed ones as "≤N"/"x"), never the widths drawn.
  const nodes = [
    ...r.flow.rowTotals.map((x) => ({ name: t(`tracks.${x.key}`), label: formatCount(x.value, r.threshold) })),
    ...r.flow.colTotals.map((x) => ({ name: t(`destinations.${x.key}`), label: formatCount(x.value, r.threshold) })),
  ]
  const links = r.flow.cells.map((c) => ({ source: tracks.indexOf(c.row), target: tracks.length + dests.indexOf(c.col), value: chartValue(c.value, r.threshold) }))
  return (
    <Card title={t('report.flowTitle', { cohort: r.cohortYear ?? '' })}>
      <figure>
        {/* On a phone the chart scrolls inside its own box (the labels need room); the page itself does not. The box is
            not a named region: its one child is the named image, which a screen reader announces on focus. */}
        <ScrollRegion>
          <div role="img" aria-label={t('report.flowChart')} className="h-80 w-full min-w-[36rem]">
            <FlowPlot nodes={nodes} links={links} />
          </div>
        </ScrollRegion>
        <figcaption className="sr-only">{t('report.flowChart')}</figcaption>
      </figure>
      <div className="mt-4">
        <DataTable
          caption={t('report.flowTitle', { cohort: r.cohortYear ?? '' })}
          rowKey={(c) => `${c.row}-${c.col}`}
          rows={[...r.flow.cells, ...r.flow.rowTotals.map((x) => ({ row: x.key, col: null, value: x.value }))]}
          columns={[
            { key: 'track', header: t('table.track'), cell: (c) => t(`tracks.${c.row}`) },
            { key: 'dest', header: t('table.destination'), cell: (c) => (c.col ? t(`destinations.${c.col}`) : <strong>{t('report.total')}</strong>) },
            { key: 'started', header: t('table.started'), numeric: true, cell: (c) => <span data-testid="flow-value">{formatCount(c.value, r.threshold)}</span> },
          ]}
        />
      </div>
    </Card>
  )
}

function IndicatorSection({ r }: { r: Report }) {
  const t = useTranslations('transitions')
  const locale = useUiLocale()
  const rows = r.indicators.filter((i) => i.cohortYear === r.cohortYear)
  const region = new Map((r.region?.indicators ?? []).filter((i) => i.cohortYear === r.cohortYear).map((i) => [i.track, i]))
  const pct = (v: Report['indicators'][number]['enrolledPct']) => formatPercent(v, r, locale)
  const regionPct = (v: Report['indicators'][number]['enrolledPct']) => formatPercent(v, { masked: true, threshold: r.threshold, minPercent: r.minPercent, maxPercent: r.maxPercent }, locale)
  return (
    <Card title={t('report.indicatorsTitle', { cohort: r.cohortYear ?? '' })}>
      {r.region && !r.region.indicators.length ? <p className="mb-2 text-sm text-slate-700">{t('report.regionNone')}</p> : null}
      <DataTable
        caption={t('report.indicatorsTitle', { cohort: r.cohortYear ?? '' })}
        rowKey={(i) => i.track}
        rows={rows}
        columns={[
          { key: 'track', header: t('table.track'), cell: (i) => t(`tracks.${i.track}`) },
          { key: 'started', header: t('table.started'), numeric: true, cell: (i) => formatCount(i.started, r.threshold) },
          { key: 'enrolled', header: t('table.enrolled'), numeric: true, cell: (i) => pct(i.enrolledPct) },
          ...(r.region ? [{ key: 'region', header: t('report.regionTitle', { region: r.region.name }), numeric: true, cell: (i: (typeof rows)[number]) => regionPct(region.get(i.track)?.enrolledPct ?? null) }] : []),
          { key: 'switched', header: t('table.switched'), numeric: true, cell: (i) => pct(i.switchedPct) },
          { key: 'dropped', header: t('table.droppedOut'), numeric: true, cell: (i) => pct(i.droppedOutPct) },
          { key: 'diploma', header: t('table.diploma'), numeric: true, cell: (i) => pct(i.diplomaPct) },
        ]}
      />
    </Card>
  )
}

function TrendSection({ r }: { r: Report }) {
  const t = useTranslations('transitions')
  const locale = useUiLocale()
  const tracks = [...new Set(r.indicators.map((i) => i.track))]
  const data = r.cohorts.map((c) => ({
    cohort: String(c),
    ...Object.fromEntries(tracks.map((k) => [t(`tracks.${k}`), numeric(r.indicators.find((i) => i.cohortYear === c && i.track === k)?.enrolledPct)])),
  }))
  return (
    <Card title={t('report.trendTitle')}>
      <div role="img" aria-label={t('report.trendTitle')} className="h-64 w-full">
        <TrendPlot data={data} lines={tracks.map((k) => t(`tracks.${k}`))} />
      </div>
      <div className="mt-4">
        <DataTable
          caption={t('report.trendTitle')}
          rowKey={(i) => `${i.cohortYear}-${i.track}`}
          rows={r.indicators}
          columns={[
            { key: 'cohort', header: t('table.cohort'), cell: (i) => i.cohortYear },
            { key: 'track', header: t('table.track'), cell: (i) => t(`tracks.${i.track}`) },
            { key: 'enrolled', header: t('table.enrolled'), numeric: true, cell: (i) => formatPercent(i.enrolledPct, r, locale) },
            { key: 'switched', header: t('table.switched'), numeric: true, cell: (i) => formatPercent(i.switchedPct, r, locale) },
            { key: 'dropped', header: t('table.droppedOut'), numeric: true, cell: (i) => formatPercent(i.droppedOutPct, r, locale) },
          ]}
        />
      </div>
    </Card>
  )
}

const numeric = (v: unknown) => (typeof v === 'number' ? v : null)
