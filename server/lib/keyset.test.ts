import { describe, expect, it } from 'vitest'
import { afterKeyset, decodeKeyset, encodeKeyset, keysetPage } from './keyset.ts'

describe('keyset pagination', () => {
  it('a cursor round-trips (dates as epoch ms, numbers as they are) and refuses anything else', () => {
    expect(decodeKeyset(encodeKeyset(new Date('2032-03-10T08:00:00Z'), 'cmx0abc123'))).toEqual({ key: Date.UTC(2032, 2, 10, 8), id: 'cmx0abc123' })
    expect(decodeKeyset(encodeKeyset(2019, 'a1'))).toEqual({ key: 2019, id: 'a1' })
    for (const bad of ['', 'abc', '123_', '_abc', '1_a b', `1_${'a'.repeat(65)}`, '1_abc;drop', '1.5_a']) expect(decodeKeyset(bad)).toBeNull()
  })

  it('the condition after a position follows the direction', () => {
    expect(afterKeyset('year', 2019, 'b')).toEqual({ OR: [{ year: { gt: 2019 } }, { year: 2019, id: { gt: 'b' } }] })
    expect(afterKeyset('paidOn', 5, 'b', 'desc')).toEqual({ OR: [{ paidOn: { lt: 5 } }, { paidOn: 5, id: { lt: 'b' } }] })
  })

  it('a page of limit + 1 rows has a next cursor at its last row; a shorter one has none', () => {
    const rows = [1, 2, 3].map((n) => ({ id: `r${n}`, n }))
    expect(keysetPage(rows, 2, (r) => r.n)).toEqual({ items: rows.slice(0, 2), nextCursor: '2_r2' })
    expect(keysetPage(rows, 3, (r) => r.n)).toEqual({ items: rows, nextCursor: null })
  })
})
