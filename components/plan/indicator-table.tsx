import clsx from 'clsx'
import type { ReactNode } from 'react'
import { useLocale, useTranslations } from 'next-intl'
import { StatusBadge } from '@/components/plan/status-badge'
import { formatIndicatorValue, isBookingIndicator } from '@/server/plan/format'
import type { IndicatorStatus } from '@/server/plan/status'
import { ScrollRegion } from '@/components/ui/scroll-region'

/** The border of the plan's tables on screen; the print page passes its darker one. */
export const planCell = 'border border-slate-300 px-2 py-1 text-left'

/** An indicator's value for one year, as every plan table shows it (no value: "—"). */
export type IndicatorValues = { kind: string; config: Record<string, string>; actual: number | null; target: number | null; suppressed: boolean; status: IndicatorStatus }

export type IndicatorTableRow = IndicatorValues & {
  key: string | number
  /** the row's header cell (a school year, an indicator, a goal) */
  head: ReactNode
  /** cells between the row header and the values (as many as `before` labels) */
  before?: ReactNode[]
  /** cells after the status (as many as `after` labels) */
  after?: ReactNode[]
}

/**
 * Indicator values with their target and status: the plan's dashboard, a goal's page, a year's evaluation and the print
 * page. Columns: `head`, the `before` columns, actual, target, status, the `after` columns. An actual value hidden
 * because it counts too few (small-count suppression) reads "suppressed", never a number or "—".
 * `region`: wrapped in a labelled box that scrolls sideways on a narrow screen (labelled by the caption).
 * `plainStatus`: the status in words without the badge (paper).
 * Booking figures (booked, attended, schools reached) get a note under the table on what they count.
 */
export function IndicatorTable({
  caption,
  head,
  before = [],
  after = [],
  rows,
  className,
  cell = planCell,
  region = false,
  plainStatus = false,
}: {
  caption: string
  head: string
  before?: string[]
  after?: string[]
  rows: IndicatorTableRow[]
  className?: string
  cell?: string
  region?: boolean
  plainStatus?: boolean
}) {
  const t = useTranslations('plan')
  const locale = useLocale()
  const value = (r: IndicatorValues, v: number | null) => (v === null ? '—' : formatIndicatorValue(r.kind, v, locale, r.config))
  const table = (
    <table className={clsx(className, 'w-full border-collapse text-sm')}>
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="bg-slate-100">
          {[head, ...before, t('indicators.actual'), t('indicators.target'), t('agreements.status'), ...after].map((label, n) => (
            <th key={n} scope="col" className={cell}>
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row" className={cell}>
              {r.head}
            </th>
            {(r.before ?? []).map((c, n) => (
              <td key={n} className={cell}>
                {c}
              </td>
            ))}
            <td className={cell}>{r.suppressed ? t('indicators.suppressed') : value(r, r.actual)}</td>
            <td className={cell}>{value(r, r.target)}</td>
            <td className={cell}>{plainStatus ? t(`status.${r.status}`) : <StatusBadge status={r.status} />}</td>
            {(r.after ?? []).map((c, n) => (
              <td key={n} className={cell}>
                {c}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
  const note = rows.some((r) => isBookingIndicator(r.kind, r.config)) ? <p className="mt-1 mb-2 text-xs text-slate-700">{t('indicators.bookingsCounted')}</p> : null
  return (
    <>
      {region ? <ScrollRegion label={caption}>{table}</ScrollRegion> : table}
      {note}
    </>
  )
}
