import type { Report } from './datasets.ts'
import type { Translate } from '../i18n/translate.ts'
import { intlLocale } from '../i18n/config.ts'
import { HIDDEN, PROTECTED, SUPPRESSED, type Masked } from './suppression.ts'

/** How a masked value is written: the number, "≤5" for a small one, "—" for one protected by the contributor/dominance rules, "x" for one hidden by secondary suppression; percentages at the clamp bounds as "≤5%" / "≥95%". */
export function formatCount(v: Masked, threshold: number): string {
  return v === SUPPRESSED ? `≤${threshold}` : v === HIDDEN ? 'x' : v === PROTECTED ? '—' : String(v)
}
/**
 * A percentage as shown: masked at the edges for viewers who see suppressed data. With `locale` the number is
 * written the UI language's way ("89,7%" in Dutch, "89.7%" in English); without it (the CSV) as a plain number.
 */
export function formatPercent(v: Masked | null, r: Pick<Report, 'masked' | 'threshold' | 'minPercent' | 'maxPercent'>, locale?: 'nl' | 'en'): string {
  const n = (x: number) => (locale ? new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 1 }).format(x) : String(x))
  if (v === null) return ''
  if (typeof v !== 'number') return 'x'
  if (r.masked && v <= r.minPercent) return `≤${n(r.minPercent)}%`
  if (r.masked && v >= r.maxPercent) return `≥${n(r.maxPercent)}%`
  return `${n(v)}%`
}

/** The report as CSV rows: flow (origin × destination) then indicators per cohort and track. */
export function reportCsvRows(r: Report, t: Translate): string[][] {
  const rows: string[][] = [[t('transitions.export.flow'), String(r.cohortYear ?? '')], [t('transitions.table.track'), t('transitions.table.destination'), t('transitions.table.started')]]
  for (const c of r.flow.cells) rows.push([t(`transitions.tracks.${c.row}`), t(`transitions.destinations.${c.col}`), formatCount(c.value, r.threshold)])
  rows.push([])
  rows.push([t('transitions.table.cohort'), t('transitions.table.track'), t('transitions.table.started'), t('transitions.table.enrolled'), t('transitions.table.switched'), t('transitions.table.droppedOut'), t('transitions.table.diploma')])
  for (const i of r.indicators)
    rows.push([String(i.cohortYear), t(`transitions.tracks.${i.track}`), formatCount(i.started, r.threshold), ...[i.enrolledPct, i.switchedPct, i.droppedOutPct, i.diplomaPct].map((p) => formatPercent(p, r))])
  return rows
}
