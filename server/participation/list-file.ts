/**
 * Reading a class-list file (CSV or XLSX) and validating its rows against a column mapping. Pure apart from
 * parsing: nothing here touches the database. CSV sniffing (encoding, delimiter, header line) is the transition
 * import's (server/transitions/csv.ts); XLSX is read with exceljs (first worksheet, first non-empty row = header).
 */
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { CsvError, parse as parseSync } from 'csv-parse/sync'
import { AppError, invalid } from '../lib/errors.ts'
import { truncateText } from '../lib/text.ts'
import { assertUniqueColumns, cellOf, rowValues, type RowValues } from '../lib/table-file.ts'
import { zEmail } from '../lib/zod.ts'
import { sniff } from '../transitions/csv.ts'
import { zPupilName } from '../slots/schema.ts'
import type { PupilLevel } from '../db/generated/enums.ts'
import { IMPORT_FIELDS, MAX_LIST_BYTES, zClassName, zLeerjaar, zPupilNumber, type ColumnMapping, type ImportField } from './schema.ts'

/** Rows of one file at most (a school's whole list fits many times over). */
export const MAX_LIST_ROWS = 5000
/** Errors listed back (all are counted). */
export const MAX_LISTED_ERRORS = 500

/** A row by column name (server/lib/table-file.ts: any header name, "__proto__" too, is plain data). */
export type RawRow = { line: number; values: RowValues }
export type ListFile = { columns: string[]; rows: RawRow[] }
export type RowError = { line: number; column: string; key: string; value?: string }
export type ValidPupil = { name: string; email: string; level: PupilLevel; year: number; className: string; pupilNumber: string | null }

export function decodeUpload(content: string): Buffer {
  const buf = Buffer.from(content, 'base64')
  if (!buf.length) throw invalid('participation.import.errors.empty')
  if (buf.length > MAX_LIST_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', 'participation.import.errors.tooLarge', { mb: MAX_LIST_BYTES / 1024 / 1024 })
  return buf
}

const isXlsx = (buf: Buffer) => buf.length > 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04

async function readXlsx(buf: Buffer): Promise<ListFile> {
  const wb = new ExcelJS.Workbook()
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer)
  } catch {
    throw invalid('participation.import.errors.unreadable')
  }
  const ws = wb.worksheets[0]
  if (!ws) throw invalid('participation.import.errors.empty')
  let columns: string[] | null = null
  const rows: RawRow[] = []
  ws.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = []
    for (let i = 1; i <= row.cellCount; i++) cells.push(row.getCell(i).text.trim())
    if (!columns) {
      columns = cells
      return
    }
    if (cells.every((c) => !c)) return
    rows.push({ line, values: rowValues(columns, cells) })
  })
  if (!columns) throw invalid('participation.import.errors.empty')
  return { columns, rows }
}

/** The 1-based line of the first non-blank line after `after` (where a record that never ended began). */
function nextFilledLine(text: string, after: number): number {
  const lines = text.split(/\r\n|\n|\r/)
  let i = after
  while (i < lines.length && !lines[i]!.trim()) i++
  return i + 1
}

/**
 * The parser's refusal as a translated 400 naming the line and the column. Quotes inside an unquoted cell
 * (`Jan "Jantje" Jansen`) are read as they stand (relax_quotes); what is left is a quoted cell that goes on after
 * its closing quote, or a quote never closed (named by the line its record begins on, not the end of the file).
 */
function csvRefusal(err: unknown, text: string, header: readonly string[] | null, lastRecordLine: number): AppError {
  if (!(err instanceof CsvError) || !err.code.includes('QUOTE')) return invalid('participation.import.errors.unreadable')
  const e = err as CsvError & { lines?: number; index?: number }
  const line = err.code === 'CSV_QUOTE_NOT_CLOSED' || !e.lines ? nextFilledLine(text, lastRecordLine) : e.lines
  const index = e.index ?? 0
  return invalid('participation.import.errors.quote', { line, column: header?.[index] || String(index + 1) })
}

function readCsv(buf: Buffer): ListFile {
  const s = sniff(buf)
  const text = iconv.decode(buf, s.encoding).replace(/^\uFEFF/, '')
  let records: { record: string[]; info: { lines: number } }[]
  let header: string[] | null = null
  let lastRecordLine = s.headerLine - 1
  try {
    records = parseSync(text, {
      delimiter: s.delimiter, from_line: s.headerLine, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: true, info: true,
      on_record: (r: { record: string[]; info: { lines: number } }) => {
        header ??= r.record
        lastRecordLine = r.info.lines
        return r
      },
    })
  } catch (err) {
    throw csvRefusal(err, text, header, lastRecordLine)
  }
  const [head, ...rest] = records
  if (!head) throw invalid('participation.import.errors.empty')
  const columns = head.record
  return {
    columns,
    rows: rest.map(({ record, info }) => ({ line: info.lines, values: rowValues(columns, record) })),
  }
}

/**
 * The file's columns and rows (XLSX by its signature, otherwise CSV: `;` or `,`, UTF-8 or Latin-1). A header that
 * names a column twice is refused (400 naming it): one of the two would be lost without a word.
 */
export async function readListFile(buf: Buffer): Promise<ListFile> {
  const file = isXlsx(buf) ? await readXlsx(buf) : readCsv(buf)
  assertUniqueColumns(file.columns)
  if (file.rows.length > MAX_LIST_ROWS) throw invalid('participation.import.errors.tooManyRows', { max: MAX_LIST_ROWS })
  return file
}

const normalise = (s: string) => s.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '')

/** A mapping guessed from the column names (field names or Dutch aliases). */
export function suggestMapping(columns: readonly string[]): Partial<ColumnMapping> {
  const out: Partial<ColumnMapping> = {}
  const byNorm = new Map(columns.map((c) => [normalise(c), c]))
  for (const f of IMPORT_FIELDS) {
    const hit = [f.field, ...f.aliases].map((a) => byNorm.get(normalise(a))).find(Boolean)
    if (hit) out[f.field] = hit
  }
  return out
}

/** Required fields without a column in the mapping, or mapped to a column the file does not have. */
export function missingColumns(mapping: Partial<ColumnMapping>, columns: readonly string[]): ImportField[] {
  return IMPORT_FIELDS.filter((f) => f.required && (!mapping[f.field] || !columns.includes(mapping[f.field]!))).map((f) => f.field)
}

const LEVELS = new Map<string, PupilLevel>(Object.entries({
  vmbo_bb: 'VMBO_BB', vmbo_b: 'VMBO_BB', bb: 'VMBO_BB', basis: 'VMBO_BB', vmbo_basis: 'VMBO_BB', basisberoepsgerichte_leerweg: 'VMBO_BB',
  vmbo_kb: 'VMBO_KB', vmbo_k: 'VMBO_KB', kb: 'VMBO_KB', kader: 'VMBO_KB', vmbo_kader: 'VMBO_KB', kaderberoepsgerichte_leerweg: 'VMBO_KB',
  vmbo_gt: 'VMBO_GT', vmbo_g: 'VMBO_GT', vmbo_t: 'VMBO_GT', vmbo_tl: 'VMBO_GT', vmbo_gl: 'VMBO_GT', gt: 'VMBO_GT', tl: 'VMBO_GT', gl: 'VMBO_GT', mavo: 'VMBO_GT',
  havo: 'HAVO', vwo: 'VWO', atheneum: 'VWO', gymnasium: 'VWO',
} satisfies Record<string, PupilLevel>))
/** The level a cell names ("constructor" is no level: a Map, not an object's inherited properties). */
export function parseLevel(v: string): PupilLevel | undefined {
  return LEVELS.get(normalise(v))
}

/**
 * Validates every row: each problem with its line and the file's column name; a repeated e-mail address is an
 * error on the later line (one record per pupil and school year).
 */
export function validateRows(rows: readonly RawRow[], mapping: ColumnMapping): { pupils: ValidPupil[]; errors: RowError[]; errorCount: number } {
  const errors: RowError[] = []
  let errorCount = 0
  const pupils: ValidPupil[] = []
  const seen = new Map<string, number>()
  for (const raw of rows) {
    const get = (f: ImportField) => (mapping[f] ? cellOf(raw.values, mapping[f]).trim() : '')
    const rowErrors: RowError[] = []
    const fail = (f: ImportField, key: string, value = get(f)) => rowErrors.push({ line: raw.line, column: mapping[f] ?? f, key, value: truncateText(value, 80) })
    const name = zPupilName.safeParse(get('name'))
    if (!name.success) fail('name', 'participation.import.row.name')
    const email = zEmail.safeParse(get('email'))
    if (!email.success) fail('email', 'participation.import.row.email')
    else if (seen.has(email.data)) fail('email', 'participation.import.row.duplicate', String(seen.get(email.data)))
    const level = parseLevel(get('level'))
    if (!level) fail('level', 'participation.import.row.level')
    const year = zLeerjaar.safeParse(get('year'))
    if (!year.success || !/^\d$/.test(get('year'))) fail('year', 'participation.import.row.year')
    const cls = zClassName.safeParse(get('className'))
    if (!cls.success) fail('className', 'participation.import.row.className')
    const numberText = get('pupilNumber')
    const number = numberText ? zPupilNumber.safeParse(numberText) : null
    if (number && !number.success) fail('pupilNumber', 'participation.import.row.pupilNumber')
    if (rowErrors.length) {
      errorCount += rowErrors.length
      errors.push(...rowErrors.slice(0, Math.max(0, MAX_LISTED_ERRORS - errors.length)))
      continue
    }
    seen.set(email.data!, raw.line)
    pupils.push({ name: name.data!, email: email.data!, level: level!, year: year.data!, className: cls.data!, pupilNumber: number?.data ?? null })
  }
  return { pupils, errors, errorCount }
}
