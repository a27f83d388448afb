import { describe, expect, it } from 'vitest'
import { afterKeyset, decodeKeyset, decodeTextKeyset, encodeKeyset, keysetPage, zKeysetCursor } from './keyset.ts'

describe('keyset pagination', () => {
  it('a cursor round-trips (dates as epoch ms, numbers as they are) and refuses anything else', () => {
    expect(decodeKeyset(encodeKeyset(new Date('2032-03-10T08:00:00Z'), 'cmx0abc123'))).toEqual({ key: Date.UTC(2032, 2, 10, 8), id: 'cmx0abc123' })
    expect(decodeKeyset(encodeKeyset(2019, 'a1'))).toEqual({ key: 2019, id: 'a1' })
    // booking rows have UUIDs
    expect(decodeKeyset(encodeKeyset(5, '0b8f2c1e-6a5d-4e7b-9c3f-2a1d0e9b8c7a'))).toEqual({ key: 5, id: '0b8f2c1e-6a5d-4e7b-9c3f-2a1d0e9b8c7a' })
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

  it('a text key (a name, any script) round-trips through "t<base64url>_<id>"; a broken one is refused', () => {
    for (const name of ['Stichting Ö/ü _x_ +', '', '日本語の学校', 'a'.repeat(200)]) {
      const cursor = encodeKeyset(name, 'cmx0abc123')
      expect(cursor).toMatch(/^t[A-Za-z0-9_-]*_cmx0abc123$/)
      expect(decodeTextKeyset(cursor)).toEqual({ key: name, id: 'cmx0abc123' })
    }
    for (const bad of ['', 't', 'tabc', 't_', 'tYQ_a b', 'tYQ==_a', '1_abc', `tYQ_${'a'.repeat(65)}`, 't_w_a']) expect(decodeTextKeyset(bad)).toBeNull()
    expect(zKeysetCursor('v.cursor', 'text').safeParse(encodeKeyset('Zaan', 'a1')).data).toEqual({ key: 'Zaan', id: 'a1' })
    expect(zKeysetCursor('v.cursor', 'text').safeParse('12_a1').error?.issues[0]?.message).toBe('v.cursor')
    expect(zKeysetCursor('v.cursor').safeParse('x'.repeat(2000)).error?.issues[0]?.message).toBe('v.cursor')
  })
})
