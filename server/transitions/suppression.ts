/**
 * Statistical disclosure control for transition figures (pure, no I/O). Applied on the server to everything a
 * non-owner receives, so that the raw small numbers never leave the server:
 *  - primary suppression: a count ≤ `threshold` becomes the marker SUPPRESSED (shown as "≤5");
 *  - secondary suppression: in every additive relation (a total and its parts — rows and columns of a cross table,
 *    and the margins with the grand total) where exactly one member is hidden, the smallest visible part is hidden
 *    too, so the hidden value cannot be recomputed by subtraction; repeated until nothing changes;
 *  - percentages are clamped to [minPercent, maxPercent], and suppressed when their base or the part they count is
 *    small enough to reveal a small group.
 */

export type DisclosureConfig = {
  /** Counts at or below this are suppressed. */
  threshold: number
  /** Percentages are never shown below / above these. */
  minPercent: number
  maxPercent: number
}

export const defaultDisclosure: DisclosureConfig = { threshold: 5, minPercent: 5, maxPercent: 95 }

/** Marker of a count ≤ threshold (primary suppression), shown as "≤5". */
export const SUPPRESSED = 'suppressed' as const
/** Marker of a larger count hidden so that a small one cannot be recomputed (secondary suppression), shown as "x". */
export const HIDDEN = 'hidden' as const
/** Marker of a value over several organisations hidden by the contributor or dominance rule, shown as "—". */
export const PROTECTED = 'protected' as const
/** A count or percentage as sent to a viewer: the number, or a suppression marker. */
export type Masked = number | typeof SUPPRESSED | typeof HIDDEN | typeof PROTECTED

/** `total` = sum of `parts`, as indexes into the values array. */
export type Relation = { total: number; parts: readonly number[] }

/**
 * Which values must be hidden: primary (≤ threshold) plus secondary suppression over the given relations,
 * iterated to a fixpoint (hidden cells only ever grow, so it terminates).
 */
export function hiddenCells(values: readonly number[], relations: readonly Relation[], cfg: DisclosureConfig = defaultDisclosure): boolean[] {
  const hidden = values.map((v) => v <= cfg.threshold)
  let changed = true
  while (changed) {
    changed = false
    for (const rel of relations) {
      const members = [rel.total, ...rel.parts]
      if (members.filter((i) => hidden[i]).length !== 1) continue
      const visibleParts = rel.parts.filter((i) => !hidden[i])
      const pool = visibleParts.length ? visibleParts : members.filter((i) => !hidden[i])
      if (!pool.length) continue
      const pick = pool.reduce((a, b) => (values[b]! < values[a]! ? b : a))
      hidden[pick] = true
      changed = true
    }
  }
  return hidden
}

export type CrossCell<R extends string, C extends string> = { row: R; col: C; value: number }
export type CrossTable<R extends string, C extends string, V> = {
  cells: { row: R; col: C; value: V }[]
  rowTotals: { key: R; value: V }[]
  colTotals: { key: C; value: V }[]
  total: V
}

/** Sums a list of cells into a cross table with margins (rows/columns in first-seen order). */
export function crossTable<R extends string, C extends string>(cells: readonly CrossCell<R, C>[]): CrossTable<R, C, number> {
  const rows = new Map<R, number>()
  const cols = new Map<C, number>()
  for (const c of cells) {
    rows.set(c.row, (rows.get(c.row) ?? 0) + c.value)
    cols.set(c.col, (cols.get(c.col) ?? 0) + c.value)
  }
  return {
    cells: cells.map((c) => ({ ...c })),
    rowTotals: [...rows].map(([key, value]) => ({ key, value })),
    colTotals: [...cols].map(([key, value]) => ({ key, value })),
    total: cells.reduce((s, c) => s + c.value, 0),
  }
}

/** A cross table with margins as a non-owner may see it: primary and secondary suppression over rows, columns and margins. */
export function maskCrossTable<R extends string, C extends string>(t: CrossTable<R, C, number>, cfg: DisclosureConfig = defaultDisclosure): CrossTable<R, C, Masked> {
  const n = t.cells.length
  const rowIdx = new Map(t.rowTotals.map((r, i) => [r.key, n + i]))
  const colIdx = new Map(t.colTotals.map((c, i) => [c.key, n + t.rowTotals.length + i]))
  const grand = n + t.rowTotals.length + t.colTotals.length
  const values = [...t.cells.map((c) => c.value), ...t.rowTotals.map((r) => r.value), ...t.colTotals.map((c) => c.value), t.total]
  const relations: Relation[] = [
    ...t.rowTotals.map((r) => ({ total: rowIdx.get(r.key)!, parts: t.cells.flatMap((c, i) => (c.row === r.key ? [i] : [])) })),
    ...t.colTotals.map((col) => ({ total: colIdx.get(col.key)!, parts: t.cells.flatMap((c, i) => (c.col === col.key ? [i] : [])) })),
    { total: grand, parts: [...rowIdx.values()] },
    { total: grand, parts: [...colIdx.values()] },
  ]
  const hidden = hiddenCells(values, relations, cfg)
  const mask = (i: number): Masked => (!hidden[i] ? values[i]! : values[i]! <= cfg.threshold ? SUPPRESSED : HIDDEN)
  return {
    cells: t.cells.map((c, i) => ({ row: c.row, col: c.col, value: mask(i) })),
    rowTotals: t.rowTotals.map((r) => ({ key: r.key, value: mask(rowIdx.get(r.key)!) })),
    colTotals: t.colTotals.map((c) => ({ key: c.key, value: mask(colIdx.get(c.key)!) })),
    total: mask(grand),
  }
}

/** A single count as a non-owner may see it. */
export function maskCount(value: number, cfg: DisclosureConfig = defaultDisclosure): Masked {
  return value <= cfg.threshold ? SUPPRESSED : value
}

/** Unmasked percentage, one decimal (owner view). Null when there is no base. */
export function percent(part: number, base: number): number | null {
  return base > 0 ? Math.round((1000 * part) / base) / 10 : null
}

/**
 * A percentage as a non-owner may see it (whole percent). Suppressed when the base is small; when the part or its
 * complement is small it is only shown if it falls outside the clamp range (then as the bound, "≤5 %" / "≥95 %");
 * otherwise clamped to [minPercent, maxPercent].
 */
export function maskPercent(part: number, base: number, cfg: DisclosureConfig = defaultDisclosure): Masked | null {
  if (base <= 0) return null
  if (base <= cfg.threshold) return SUPPRESSED
  const p = Math.round((100 * part) / base)
  const small = part <= cfg.threshold || base - part <= cfg.threshold
  if (p <= cfg.minPercent) return cfg.minPercent
  if (p >= cfg.maxPercent) return cfg.maxPercent
  return small ? SUPPRESSED : p
}

/**
 * `hiddenCells`, and also: in every relation whose total is shown, the hidden parts together (the total minus the
 * shown parts, which anyone can compute) must leave more than `threshold` unaccounted for — else they would tell that
 * a group of parts, e.g. "the other levels" or "the other schools", counts ≤ threshold (or that every hidden part is
 * 0). Unaccounted for: beyond what the shown parts of a hidden part already prove it holds (a hidden level's shown
 * attended count is a floor under its booked count). While that is not so, the smallest shown part is hidden too (the
 * total when no part is shown). Both rules are applied until nothing changes. For tables whose parts include many
 * small or empty cells (a region's levels and schools), and cells that are parts of two relations.
 */
export function hiddenCellsWithSums(values: readonly number[], relations: readonly Relation[], cfg: DisclosureConfig = defaultDisclosure): boolean[] {
  const hidden = hiddenCells(values, relations, cfg)
  const smallest = (pool: number[]) => pool.reduce((a, b) => (values[b]! < values[a]! ? b : a))
  const shownSum = (rel: Relation) => rel.parts.reduce((s, i) => s + (hidden[i] ? 0 : values[i]!), 0)
  const floor = (i: number) => Math.max(0, ...relations.filter((r) => r.total === i).map(shownSum))
  let changed = true
  while (changed) {
    changed = false
    for (const rel of relations) {
      const members = [rel.total, ...rel.parts]
      const hiddenMembers = members.filter((i) => hidden[i]).length
      const visibleParts = rel.parts.filter((i) => !hidden[i])
      const pool = visibleParts.length ? visibleParts : members.filter((i) => !hidden[i])
      if (!pool.length) continue
      const unaccounted = rel.parts.reduce((s, i) => s + (hidden[i] ? values[i]! - floor(i) : 0), 0)
      const exposed = hiddenMembers === 1 || (!hidden[rel.total] && hiddenMembers > 0 && unaccounted <= cfg.threshold)
      if (!exposed) continue
      hidden[smallest(pool)] = true
      changed = true
    }
  }
  return hidden
}
