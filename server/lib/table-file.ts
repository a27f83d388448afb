/**
 * Rows of an uploaded table (CSV or XLSX: the transition import, class lists) by the names in the file's header
 * line. A header name is the user's text, so it is data, never a property of Object.prototype: the cells of a row
 * live in an object without a prototype ("__proto__", "constructor" are ordinary column names) and are read as own
 * properties only. Two columns of the same name would silently lose one of them: such a file is refused, naming
 * the column.
 */
import { invalid } from './errors.ts'
import { truncateText } from './text.ts'

/** One row's cells by column name (an object without a prototype; see cellOf). */
export type RowValues = Record<string, string>

/** The first non-empty column name that occurs more than once in a header line (empty names are unnamed spare columns). */
export function duplicateColumn(columns: readonly string[]): string | undefined {
  const seen = new Set<string>()
  for (const c of columns) {
    if (!c) continue
    if (seen.has(c)) return c
    seen.add(c)
  }
  return undefined
}

/** A header line with two columns of the same name → 400 "validation.duplicateColumn" naming it. */
export function assertUniqueColumns(columns: readonly string[]): void {
  const column = duplicateColumn(columns)
  if (column !== undefined) throw invalid('validation.duplicateColumn', { column: truncateText(column, 80) })
}

/** The cells of a row by the header's column names ('' for a cell the row lacks), in an object without a prototype. */
export function rowValues(columns: readonly string[], cells: readonly (string | undefined)[]): RowValues {
  const values: RowValues = Object.create(null) as RowValues
  columns.forEach((c, i) => (values[c] = cells[i] ?? ''))
  return values
}

/** The cell of `column` ('' when there is no such column), an own property only: never something inherited. */
export function cellOf(values: RowValues, column: string | undefined): string {
  return column !== undefined && Object.hasOwn(values, column) ? (values[column] ?? '') : ''
}
