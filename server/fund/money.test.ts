import { describe, expect, it } from 'vitest'
import { centsToDecimal, centsToInput, formatCents, parseEuroToCents, percentOf } from './money.ts'
import { ZGrantForm } from './schema.ts'

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
  it('reads an amount in the notation of the UI language: the English form takes 1,234.56 and never reads 2.500 as 2,500 euros', () => {
    expect(parseEuroToCents('1,234.56', 'en')).toBe(123456)
    expect(parseEuroToCents('€ 12,345,678.9', 'en')).toBe(1234567890)
    expect(parseEuroToCents('1,234', 'en')).toBe(123400)
    expect(parseEuroToCents('2.5', 'en')).toBe(250)
    expect(parseEuroToCents('1234,56', 'en')).toBe(123456)
    // Ambiguous between the languages and not English notation: refused, not read as Dutch thousands.
    for (const bad of ['2.500', '12.345', '1.234,56', '1,23,4', '1.2.3']) expect(parseEuroToCents(bad, 'en')).toBeNull()
    // The same texts on a Dutch page.
    expect(parseEuroToCents('2.500', 'nl')).toBe(250000)
    expect(parseEuroToCents('1,234.56', 'nl')).toBeNull()
    expect(centsToInput(297193, 'en')).toBe('2971.93')
    expect(centsToInput(297193, 'nl')).toBe('2971,93')
    for (const cents of [0, 7, 297193, 200_000_000_000]) for (const l of ['nl', 'en'] as const) expect(parseEuroToCents(centsToInput(cents, l), l)).toBe(cents)
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

describe('the grant form: a period of years with one allocation each', () => {
  const base = { regionId: 'r1', fundName: 'Regionaal LOB-fonds', penvoerderId: 'p1', coFinancingPercent: '25' }
  it('takes one amount per year of the period, in cents, and ignores fields left from a longer period', () => {
    const r = ZGrantForm('nl').parse({ ...base, startYear: '2022', endYear: '2024', allocations: ['1.000', '2.000,50', '3000', 'veel'] })
    expect([r.startYear, r.endYear, r.allocations]).toEqual([2022, 2024, [100_000, 200_050, 300_000]])
    const en = ZGrantForm('en').safeParse({ ...base, startYear: '2022', endYear: '2023', allocations: ['1,000', '2.500'] })
    expect(en.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['allocations.1', 'k.fund.validation.euroFormat']])
    expect(ZGrantForm('en').parse({ ...base, startYear: '2022', endYear: '2023', allocations: ['1,000', '2,000.50'] }).allocations).toEqual([100_000, 200_050])
  })
  it('names the year whose amount is wrong, a reversed period and one longer than ten years', () => {
    const issues = (v: object) => ZGrantForm('nl').safeParse({ ...base, ...v }).error?.issues.map((i) => [i.path.join('.'), i.message])
    expect(issues({ startYear: '2018', endYear: '2021', allocations: ['1', 'veel', '', '4'] })).toEqual([
      ['allocations.1', 'k.fund.validation.euroFormat'],
      ['allocations.2', 'k.fund.validation.euroFormat'],
    ])
    expect(issues({ startYear: '2021', endYear: '2018', allocations: [] })?.[0]).toEqual(['endYear', 'k.fund.validation.period'])
    expect(issues({ startYear: '2018', endYear: '2028', allocations: [] })?.[0]).toEqual(['endYear', 'k.fund.validation.periodTooLong'])
  })
})
