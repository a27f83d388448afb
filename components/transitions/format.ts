import type { Masked } from '@/server/transitions/suppression'
export { formatCount, formatPercent } from '@/server/transitions/export'

/** A width for a flow in the chart: hidden flows are drawn at the threshold (their real size is not known here). */
export function chartValue(v: Masked, threshold: number): number {
  return typeof v === 'number' ? v : threshold
}
