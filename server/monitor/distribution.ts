/**
 * Disclosure rules for the region's view of the self-assessments (pure; unit-tested).
 *
 * - A school year's region figures come from a round the coordinator closes once: the contributing schools and
 *   their counts are frozen then, so no two requests ever cover different sets of schools (no differencing by
 *   comparing a total with and without one school). The set is shown only as a count, and only when ≥ MIN.
 * - Nothing is shown when fewer than MIN schools contributed.
 * - Schools may share their own assessment by name. If the contributors that do NOT share are 1 or 2, the
 *   distribution minus the shared schools would reveal them, so the distribution is suppressed then too.
 * - A criterion answered by fewer than MIN schools (possible across framework versions) is suppressed on its own.
 */
export const MIN_SCHOOLS = 3

export type LevelCounts = [number, number, number, number]

/** Median score of a distribution (counts of schools at levels 1–4); the mean of the two middle values for even n. */
export function medianOf(counts: LevelCounts): number | null {
  const n = counts.reduce((a, b) => a + b, 0)
  if (!n) return null
  const at = (k: number) => {
    let seen = 0
    for (let level = 0; level < 4; level++) {
      seen += counts[level]!
      if (k < seen) return level + 1
    }
    return 4
  }
  return n % 2 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2
}

export function meanOf(counts: LevelCounts): number | null {
  const n = counts.reduce((a, b) => a + b, 0)
  if (!n) return null
  return Math.round((counts.reduce((sum, c, i) => sum + c * (i + 1), 0) / n) * 100) / 100
}

export type SuppressionReason = 'fewSchools' | 'sharing'

/** Whether a closed round may be shown at all, given how many contributors currently share by name. */
export function roundDisclosure(contributors: number, sharingContributors: number): { shown: true } | { shown: false; reason: SuppressionReason } {
  if (contributors < MIN_SCHOOLS) return { shown: false, reason: 'fewSchools' }
  const hidden = contributors - sharingContributors
  if (hidden > 0 && hidden < MIN_SCHOOLS) return { shown: false, reason: 'sharing' }
  return { shown: true }
}

/** Counts per criterion code from (code, score) rows of the contributing assessments. */
export function countScores(rows: { code: string; score: number }[]): Record<string, LevelCounts> {
  const out: Record<string, LevelCounts> = {}
  for (const r of rows) {
    const c = (out[r.code] ??= [0, 0, 0, 0])
    c[r.score - 1]! += 1
  }
  return out
}
