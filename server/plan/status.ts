/** Check: how an indicator's actual compares with its target. Pure, client-safe. */
export type IndicatorStatus = 'ON_TRACK' | 'BEHIND' | 'NO_DATA'

/** The target that applies in a year: that year's, else the latest earlier one. */
export function targetFor(targets: readonly { year: number; value: number }[], year: number): number | null {
  const t = targets.filter((x) => x.year <= year).sort((a, b) => b.year - a.year)[0]
  return t ? t.value : null
}

/** On track when the actual reaches the target in the indicator's direction; no data without an actual or a target. */
export function statusOf(actual: number | null, target: number | null, direction: 'HIGHER' | 'LOWER'): IndicatorStatus {
  if (actual === null || target === null) return 'NO_DATA'
  return (direction === 'HIGHER' ? actual >= target : actual <= target) ? 'ON_TRACK' : 'BEHIND'
}

/** A goal's status in a year from its indicators': behind if any is behind, on track if any is (and none behind). */
export function goalStatus(statuses: readonly IndicatorStatus[]): IndicatorStatus {
  if (statuses.includes('BEHIND')) return 'BEHIND'
  if (statuses.includes('ON_TRACK')) return 'ON_TRACK'
  return 'NO_DATA'
}
