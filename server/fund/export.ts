/**
 * The accountability export as CSV and XLSX (csv-stringify, exceljs). Amounts are integer cents as in the database;
 * the euro columns are the exact decimal of the same cents (CSV) or a formula on the cents column (XLSX).
 */
import ExcelJS from 'exceljs'
import type { accountability } from './dashboard.ts'
import { translator } from '../i18n/translate.ts'
import type { Locale } from '../i18n/config.ts'
import { centsToCsv, centsToDecimal } from './money.ts'
import { toCsv } from '../lib/csv.ts'

export type Accountability = Awaited<ReturnType<typeof accountability>>
type Row = Accountability['rows'][number]

function table(data: Accountability, locale: Locale) {
  const t = translator(locale, 'fund')
  const header = ['year', 'activity', 'boardNumber', 'board', 'category', 'reportCount', 'approvedCents', 'coFinancedCents'].map((k) => t(`export.${k}`))
  const line = (r: Row, label?: string) => [
    label ?? r.year ?? '',
    label ? '' : (r.activity ?? ''),
    r.boardNumber ?? '',
    r.boardName ?? '',
    r.category ? t(`categories.${r.category}`) : '',
    r.reportCount,
    r.approvedCents,
    r.coFinancedCents,
  ]
  const body = [
    ...data.rows.map((r) => line(r)),
    ...data.yearTotals.map((r) => line(r, t('export.yearTotal', { year: r.year ?? '' }))),
    line(data.total, t('export.total')),
  ]
  return { header, body, t }
}

/** CSV through the one neutralising writer (server/lib/csv.ts): names such as "=HYPERLINK(…)" stay text. */
export function accountabilityCsv(data: Accountability, locale: Locale): string {
  const { header, body, t } = table(data, locale)
  return toCsv([[...header, t('export.approvedEuro'), t('export.coFinancedEuro')], ...body.map((r) => [...r, centsToCsv(r[6] as number, locale), centsToCsv(r[7] as number, locale)])])
}

export async function accountabilityXlsx(data: Accountability, locale: Locale): Promise<Buffer> {
  const { header, body, t } = table(data, locale)
  const wb = new ExcelJS.Workbook()
  wb.creator = 'Overstap'
  const ws = wb.addWorksheet(t('export.sheet'))
  ws.addRow([...header, t('export.approvedEuro'), t('export.coFinancedEuro')]).font = { bold: true }
  for (const r of body) {
    const row = ws.addRow(r)
    const n = row.number
    row.getCell(9).value = { formula: `G${n}/100`, result: Number(centsToDecimal(r[6] as number)) }
    row.getCell(10).value = { formula: `H${n}/100`, result: Number(centsToDecimal(r[7] as number)) }
    if (typeof r[0] === 'string') row.font = { bold: true }
  }
  for (const c of [9, 10]) ws.getColumn(c).numFmt = '€ #,##0.00'
  ws.columns.forEach((col, i) => (col.width = [8, 36, 14, 36, 18, 12, 18, 18, 16, 16][i]))
  ws.views = [{ state: 'frozen', ySplit: 1 }]
  return Buffer.from(await wb.xlsx.writeBuffer())
}
