import { describe, expect, it } from 'vitest'
import { centsToDecimal, centsToInput, formatCents, parseEuroToCents, percentOf } from './money.ts'

describe('fund money (integer cents)', () => {
  it('parses Dutch and plain notations to exact cents', () => {
    expect(parseEuroToCents('1.234,56')).toBe(123456)
    expect(parseEuroToCents('€ 1234,5')).toBe(123450)
    expect(parseEuroToCents('0,10')).toBe(10)
    expect(parseEuroToCents('1234.56')).toBe(123456)
    expect(parseEuroToCents('12')).toBe(1200)
    // 0.1 + 0.2 style values stay exact
    expect(parseEuroToCents('0,29')).toBe(29)
  })
  it('rejects negative, over-precise and malformed amounts', () => {
    for (const bad of ['-5', '1,234', '12,345', 'abc', '', '1.23.4', '1,2,3']) expect(parseEuroToCents(bad)).toBeNull()
  })
  it('formats cents as € 1.234,56 without floating point', () => {
    expect(formatCents(123456).replace(/\s/g, ' ')).toBe('€ 1.234,56')
    expect(formatCents(-5).replace(/\s/g, ' ')).toMatch(/-0,05/)
    expect(formatCents(900719925474099)).toContain('9.007.199.254.740,99')
    expect(formatCents(123456, 'en')).toBe('€1,234.56')
    expect(centsToDecimal(7)).toBe('0.07')
    expect(centsToInput(100000)).toBe('1000,00')
  })
  it('computes percentages on integers, rounding half up', () => {
    expect(percentOf(10001, 50)).toBe(5001)
    expect(percentOf(10000, 100)).toBe(10000)
    expect(percentOf(3, 50)).toBe(2)
  })
})
