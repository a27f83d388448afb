/**
 * The final settlement as CSV (through the one formula-neutralising writer), XLSX (exceljs) and a PDF
 * accountability report (pdfkit) with a sign-off block for the board(s). All three are rendered from the same
 * `settlement()` figures, whose totals are the dashboard's (same approved reports and payments).
 */
import { winAnsi } from '../lib/pdf-text.ts'
import ExcelJS from 'exceljs'
import PDFDocument from 'pdfkit'
import { translator } from '../i18n/translate.ts'
import type { Locale } from '../i18n/config.ts'
import { formatAmsterdam } from '../lib/time.ts'
import { toCsv } from '../lib/csv.ts'
import { centsToCsv, centsToDecimal, formatCents } from './money.ts'
import type { Settlement } from './settlement.ts'

const COLS = ['board', 'boardNumber', 'allocation', 'approved', 'coFinanced', 'coFinancingRequired', 'paid', 'balance'] as const

function table(data: Settlement, locale: Locale) {
  const t = translator(locale, 'fund')
  const header = COLS.map((k) => t(`settlement.${k}`))
  const body: (string | number)[][] = data.byBoard.map((b) => [b.name, b.number, b.budgetedCents, b.approvedCents, b.coFinancedCents, b.requiredCoFinancingCents, b.paidCents, b.balanceCents])
  const r = data.region
  body.push([t('settlement.regionTotal'), '', r.allocationCents, r.approvedCents, r.coFinancedCents, r.requiredCoFinancingCents, r.paidCents, r.balanceCents])
  return { header, body, t }
}

/** Amounts in cents (exact) followed by the same amounts as euro decimals. */
export function settlementCsv(data: Settlement, locale: Locale): string {
  const { header, body, t } = table(data, locale)
  const euroHeader = COLS.slice(2).map((k) => `${t(`settlement.${k}`)} (€)`)
  return toCsv([
    [...header.map((h, i) => (i >= 2 ? `${h} (${t('settlement.cents')})` : h)), ...euroHeader],
    ...body.map((row) => [...row, ...row.slice(2).map((c) => centsToCsv(c as number, locale))]),
  ])
}

export async function settlementXlsx(data: Settlement, locale: Locale): Promise<Buffer> {
  const { header, body, t } = table(data, locale)
  const wb = new ExcelJS.Workbook()
  wb.creator = 'Overstap'
  const ws = wb.addWorksheet(t('settlement.sheet'))
  ws.addRow(header).font = { bold: true }
  for (const row of body) {
    // Strings go in as text cells (never formulas); amounts as euros with two decimals.
    const r = ws.addRow([row[0], row[1], ...row.slice(2).map((c) => Number(centsToDecimal(c as number)))])
    if (row === body[body.length - 1]) r.font = { bold: true }
  }
  for (let c = 3; c <= COLS.length; c++) ws.getColumn(c).numFmt = '€ #,##0.00'
  ws.columns.forEach((col, i) => (col.width = i === 0 ? 36 : 16))
  ws.views = [{ state: 'frozen', ySplit: 1 }]
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/**
 * The accountability report: grant header, region summary, per-board table, per-year totals and a sign-off
 * block. `compress: false` keeps the text readable by simple tools (and by the e2e test).
 */
export function settlementPdf(data: Settlement, locale: Locale): Promise<Buffer> {
  const t = translator(locale, 'fund')
  const money = (c: number) => formatCents(c, locale)
  const title = t('settlement.pdfTitle', { fund: data.grant.fundName, region: data.grant.region.name })
  const doc = new PDFDocument({ size: 'A4', margin: 40, compress: false, info: { Title: title, Creator: 'Overstap' }, lang: locale })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  const p = (s: string, bold = false) => doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(10).text(winAnsi(s))
  doc.font('Helvetica-Bold').fontSize(16).text(winAnsi(title)).moveDown(0.3)
  p(`${t('penvoerder')}: ${data.grant.penvoerder.name} · ${data.grant.startYear}–${data.grant.endYear} · ${t('settlement.budgetVersion', { n: data.grant.budgetVersion })}`)
  p(t('settlement.generatedAt', { date: formatAmsterdam(new Date(), 'd MMMM yyyy HH:mm', locale) }))
  doc.moveDown(0.6)
  const r = data.region
  doc.font('Helvetica-Bold').fontSize(12).text(winAnsi(data.scope === 'region' ? t('settlement.regionTitle') : t('settlement.boardTitle'))).moveDown(0.2)
  const summary: [string, number][] = [
    [t('settlement.allocation'), r.allocationCents],
    [t('settlement.budgeted'), r.budgetedCents],
    [t('settlement.approved'), r.approvedCents],
    [t('settlement.coFinanced'), r.coFinancedCents],
    [t('settlement.coFinancingRequired'), r.requiredCoFinancingCents],
    [t('settlement.paid'), r.paidCents],
    [t('settlement.balance'), r.balanceCents],
    [t('settlement.unspent'), r.unspentCents],
  ]
  for (const [label, cents] of summary) p(`${label}: ${money(cents)}`)
  doc.moveDown(0.6)
  doc.font('Helvetica-Bold').fontSize(12).text(winAnsi(t('settlement.perBoard'))).moveDown(0.2)
  for (const b of data.byBoard) {
    p(`${b.name} (${b.number})`, true)
    p(`${t('settlement.allocation')} ${money(b.budgetedCents)} · ${t('settlement.approved')} ${money(b.approvedCents)} · ${t('settlement.coFinanced')} ${money(b.coFinancedCents)} / ${money(b.requiredCoFinancingCents)} · ${t('settlement.paid')} ${money(b.paidCents)} · ${t('settlement.balance')} ${money(b.balanceCents)}`)
  }
  doc.moveDown(0.6)
  doc.font('Helvetica-Bold').fontSize(12).text(winAnsi(t('settlement.perYear'))).moveDown(0.2)
  for (const y of data.byYear) p(`${y.year}: ${t('settlement.allocation')} ${money(y.allocationCents)} · ${t('settlement.approved')} ${money(y.approvedCents)} · ${t('settlement.paid')} ${money(y.paidCents)}`)
  doc.moveDown(1)
  doc.font('Helvetica-Bold').fontSize(12).text(winAnsi(t('settlement.signOff'))).moveDown(0.3)
  for (const b of data.byBoard.slice(0, data.scope === 'board' ? 10 : 0)) p(`${b.name}: ______________________  ${t('settlement.date')}: ____________`)
  p(`${t('settlement.signatory')}: ______________________  ${t('settlement.date')}: ____________`)
  doc.end()
  return done
}
