import { describe, expect, it } from 'vitest'
import { parse } from 'csv-parse/sync'
import { neutraliseCell, toCsv } from './csv.ts'

describe('the CSV writer of every export', () => {
  it('writes text that a spreadsheet would run as a formula with a leading apostrophe (OWASP)', () => {
    for (const s of ['=HYPERLINK("https://evil.example","klik")', '+31 6 1234', '-1+cmd', '@SUM(A1:A9)', '\t=1', '\r=1']) expect(neutraliseCell(s)).toBe(`'${s}`)
  })

  it('leaves ordinary text and plain numbers (also negative ones) alone', () => {
    for (const s of ['Jansen', 'a=b', '-12.50', '+5', '-3', '2019', '']) expect(neutraliseCell(s)).toBe(s)
  })

  it('writes UTF-8 with BOM, semicolons and CRLF, quoting as needed; every cell reads back as text, never a formula', () => {
    const csv = toCsv([
      ['naam', 'bedrag'],
      ['=HYPERLINK("x";"y")', 1250],
      ['De; Vries', -5],
    ])
    expect(csv.startsWith('\ufeff')).toBe(true)
    expect(csv).toContain('\r\n')
    const rows = parse(csv, { delimiter: ';', bom: true }) as string[][]
    expect(rows).toEqual([
      ['naam', 'bedrag'],
      [`'=HYPERLINK("x";"y")`, '1250'],
      ['De; Vries', '-5'],
    ])
  })
})
