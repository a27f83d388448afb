/**
 * The XLSX writer of the text-table exports (a day's participants, an event's registrants). Every cell is written
 * as a text cell (exceljs stores a string as a shared string, never as a formula; only a `{ formula }` value would
 * be one), so a name "=HYPERLINK(…)" is shown exactly as typed and no spreadsheet program evaluates it. The
 * apostrophe that neutralises such a cell is CSV's (server/lib/csv.ts): in an XLSX cell it would be literal text.
 */
import ExcelJS from 'exceljs'

/** One sheet: the first row bold (the header), the others as they are, every value as text. */
export async function textTableXlsx(sheetName: string, [header, ...rows]: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet(sheetName)
  if (header) ws.addRow(header).font = { bold: true }
  for (const r of rows) ws.addRow(r)
  ws.columns.forEach((c) => (c.width = 22))
  return Buffer.from(await wb.xlsx.writeBuffer())
}
