import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { textTableXlsx } from './xlsx.ts'

describe('textTableXlsx', () => {
  it('writes every cell as text: a formula-looking value is shown as typed (no apostrophe) and never a formula', async () => {
    const risky = ['=HYPERLINK("https://evil.example","klik")', '+31 6 1234', '-1+cmd', '@SUM(A1:A9)']
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await textTableXlsx('Blad', [['Naam', 'School'], ...risky.map((r) => ['Sam', r])])) as never)
    const ws = wb.worksheets[0]!
    expect(ws.name).toBe('Blad')
    expect(ws.getRow(1).font?.bold).toBe(true)
    const cells = risky.map((_, i) => ws.getCell(i + 2, 2))
    expect(cells.map((c) => c.value)).toEqual(risky)
    expect(cells.every((c) => c.type === ExcelJS.ValueType.String && c.formula === undefined)).toBe(true)
  })
})
