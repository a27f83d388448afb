import { describe, expect, it } from 'vitest'
import { HIDDEN, SUPPRESSED, crossTable, hiddenCells, maskCount, maskCrossTable, maskPercent, percent, type Masked } from './suppression.ts'

type Track = 'HAVO' | 'VWO'
type Dest = 'MBO' | 'HBO' | 'WO'
const cell = (row: Track, col: Dest, value: number) => ({ row, col, value })

/** Every way a viewer could recompute a hidden value: a relation in which exactly one member is hidden. */
function recomputable(t: ReturnType<typeof maskCrossTable<Track, Dest>>): string[] {
  const out: string[] = []
  const check = (label: string, total: Masked, parts: Masked[]) => {
    const hidden = [total, ...parts].filter((v) => typeof v !== 'number').length
    if (hidden === 1) out.push(label)
  }
  for (const r of t.rowTotals) check(`row ${r.key}`, r.value, t.cells.filter((c) => c.row === r.key).map((c) => c.value))
  for (const c of t.colTotals) check(`col ${c.key}`, c.value, t.cells.filter((x) => x.col === c.key).map((x) => x.value))
  check('rows', t.total, t.rowTotals.map((r) => r.value))
  check('cols', t.total, t.colTotals.map((c) => c.value))
  return out
}

describe('primary suppression', () => {
  it('hides counts at or below the threshold and keeps larger ones', () => {
    expect(maskCount(5)).toBe(SUPPRESSED)
    expect(maskCount(0)).toBe(SUPPRESSED)
    expect(maskCount(6)).toBe(6)
    expect(maskCount(8, { threshold: 10, minPercent: 5, maxPercent: 95 })).toBe(SUPPRESSED)
  })
})

describe('secondary suppression', () => {
  it('hides a second cell when a single hidden cell would follow from its row total', () => {
    // HAVO: 3 (hidden) + 40 + 12 = 55. Without secondary suppression 3 = 55 − 40 − 12.
    const t = maskCrossTable(crossTable([cell('HAVO', 'MBO', 3), cell('HAVO', 'HBO', 40), cell('HAVO', 'WO', 12), cell('VWO', 'MBO', 9), cell('VWO', 'HBO', 30), cell('VWO', 'WO', 60)]))
    const havo = t.cells.filter((c) => c.row === 'HAVO')
    expect(havo.map((c) => c.value)).toEqual([SUPPRESSED, 40, HIDDEN]) // next-smallest of the row (12) hidden too, marked as not small
    expect(t.rowTotals.find((r) => r.key === 'HAVO')?.value).toBe(55)
    // the column of the newly hidden cell (WO) then needs a second hidden cell as well, and so on to a fixpoint
    expect(recomputable(t)).toEqual([])
    expect(JSON.stringify(t)).not.toMatch(/"value":3\b/)
  })

  it('reaches a fixpoint where no relation has exactly one hidden member, on many random tables', () => {
    let seed = 7
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    for (let k = 0; k < 300; k++) {
      const cells = (['HAVO', 'VWO'] as Track[]).flatMap((r) => (['MBO', 'HBO', 'WO'] as Dest[]).flatMap((c) => (rnd() < 0.85 ? [cell(r, c, Math.floor(rnd() * (rnd() < 0.4 ? 8 : 80)))] : [])))
      expect(recomputable(maskCrossTable(crossTable(cells)))).toEqual([])
    }
  })

  it('hides a small margin total and leaves a table without small cells untouched', () => {
    const small = maskCrossTable(crossTable([cell('HAVO', 'MBO', 2), cell('HAVO', 'HBO', 3), cell('VWO', 'MBO', 20), cell('VWO', 'HBO', 30)]))
    expect(small.rowTotals.find((r) => r.key === 'HAVO')?.value).toBe(SUPPRESSED)
    expect(recomputable(small)).toEqual([])
    const big = maskCrossTable(crossTable([cell('HAVO', 'MBO', 20), cell('VWO', 'WO', 30)]))
    expect(big.cells.map((c) => c.value)).toEqual([20, 30])
    expect(big.total).toBe(50)
  })

  it('works on plain relations too', () => {
    // total 20 = 2 + 8 + 10: 2 hidden, then 8 (smallest visible part)
    expect(hiddenCells([20, 2, 8, 10], [{ total: 0, parts: [1, 2, 3] }])).toEqual([false, true, true, false])
  })
})

describe('percentages', () => {
  it('clamps to 5–95 % and suppresses those that would reveal a small group', () => {
    expect(maskPercent(50, 100)).toBe(50)
    expect(maskPercent(99, 100)).toBe(95)
    expect(maskPercent(1, 100)).toBe(5)
    expect(maskPercent(3, 20)).toBe(SUPPRESSED) // 15 % of 20 would reveal 3
    expect(maskPercent(17, 20)).toBe(SUPPRESSED) // the complement (3) would follow
    expect(maskPercent(2, 4)).toBe(SUPPRESSED) // base too small
    expect(maskPercent(0, 0)).toBeNull()
    expect(percent(1, 3)).toBe(33.3)
  })
})
