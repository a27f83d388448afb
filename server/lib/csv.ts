/**
 * The one CSV writer of every export (csv-stringify). A cell that starts with = + - @ TAB or CR is read as a
 * formula by spreadsheet programs (CSV injection, e.g. a name "=HYPERLINK(…)"); such text is written with a
 * leading apostrophe, as OWASP recommends. Plain numbers (also negative ones, "-12.50") stay numbers.
 * UTF-8 with a BOM (so Excel reads the encoding), semicolon-separated as Dutch Excel expects, CRLF line ends.
 */
import { stringify } from 'csv-stringify/sync'

export type CsvCell = string | number | null | undefined

const FORMULA_START = /^[=+\-@\t\r]/
const PLAIN_NUMBER = /^[+-]?[0-9]+(?:[.,][0-9]+)?$/

/** A cell's text as a spreadsheet will read it as text, never as a formula. */
export function neutraliseCell(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text
}

export function toCsv(rows: CsvCell[][]): string {
  return stringify(rows, { delimiter: ';', record_delimiter: '\r\n', bom: true, cast: { string: neutraliseCell } })
}
