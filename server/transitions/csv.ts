/**
 * Reading transition CSV files: sniffing (encoding, delimiter, header line), streaming rows with csv-parse, and
 * validating one row. Pure apart from the streams: nothing here touches the database.
 */
import { Transform, type Readable } from 'node:stream'
import iconv from 'iconv-lite'
import { CsvError, parse } from 'csv-parse'
import { parse as parseSync } from 'csv-parse/sync'
import { AppError, invalid } from '../lib/errors.ts'
import { truncateText } from '../lib/text.ts'
import { assertUniqueColumns, cellOf, rowValues, type RowValues } from '../lib/table-file.ts'
import { COUNT_FIELDS, DESTINATIONS, IMPORT_FIELDS, ORIGIN_TRACKS, REQUIRED_FIELDS, type ColumnMapping, type Destination, type ImportField, type OriginTrack } from './schema.ts'

/** Largest accepted upload. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024
/** Errors listed back to the user (all are counted). */
export const MAX_LISTED_ERRORS = 2000

export type Encoding = 'utf-8' | 'latin1'
export type Delimiter = ';' | ','

export type Sniffed = { encoding: Encoding; delimiter: Delimiter; headerLine: number; columns: string[] }

function isUtf8(bytes: Buffer): boolean {
  // The sample may end inside a multi-byte character: ignore an incomplete tail.
  let end = bytes.length
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const b = bytes[end - i]!
    if ((b & 0xc0) === 0xc0) {
      end -= i
      break
    }
    if ((b & 0x80) === 0) break
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end))
    return true
  } catch {
    return false
  }
}

const count = (s: string, ch: string) => s.split(ch).length - 1

/**
 * The CSV parser's refusal (a quotation mark never closed, a quote inside an unquoted cell) as the translated 400
 * naming the line, instead of an unhandled error (a 500); anything else is passed on as it is.
 */
function unreadable(err: unknown, line?: number): unknown {
  if (!(err instanceof CsvError) && (err as Error | null)?.name !== 'CsvError') return err
  return invalid('transitions.import.errors.unreadable', { line: line ?? (err as CsvError & { lines?: number }).lines ?? 1 })
}

/**
 * Looks at the start of a file: UTF-8 if it decodes as such, else Latin-1; the delimiter that splits the most lines
 * into the most fields; the header is the first line with as many fields as the widest line (DUO files put
 * title lines above it).
 */
export function sniff(sample: Buffer): Sniffed {
  if (!sample.length) throw invalid('transitions.import.errors.empty')
  const encoding: Encoding = isUtf8(sample) ? 'utf-8' : 'latin1'
  const text = iconv.decode(sample, encoding).replace(/^\uFEFF/, '')
  const lines = text.split(/\r?\n/).slice(0, 40)
  if (lines.length > 1 && sample.length >= 64 * 1024) lines.pop() // possibly cut off
  const score = (d: Delimiter) => lines.reduce((s, l) => s + count(l, d), 0)
  const delimiter: Delimiter = score(';') >= score(',') ? ';' : ','
  const widths = lines.map((l) => (l.trim() ? count(l, delimiter) + 1 : 0))
  const widest = Math.max(...widths)
  if (widest < 2) throw invalid('transitions.import.errors.delimiter')
  const headerIndex = widths.indexOf(widest)
  let header: string[]
  try {
    header = parseSync(lines[headerIndex]!, { delimiter, relax_quotes: true })[0] as string[]
  } catch (err) {
    throw unreadable(err, headerIndex + 1)
  }
  const columns = header.map((c) => c.trim())
  assertUniqueColumns(columns)
  return { encoding, delimiter, headerLine: headerIndex + 1, columns }
}

const normalise = (s: string) => s.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '')

/** A mapping guessed from the column names (exact field names or known Dutch/DUO aliases). */
export function suggestMapping(columns: readonly string[], remembered?: ColumnMapping | null): ColumnMapping {
  const out: ColumnMapping = {}
  const byNorm = new Map(columns.map((c) => [normalise(c), c]))
  for (const f of IMPORT_FIELDS) {
    const fromMemory = remembered?.[f.field]
    if (fromMemory && columns.includes(fromMemory)) out[f.field] = fromMemory
    else {
      const hit = [f.field, ...f.aliases].map((a) => byNorm.get(normalise(a))).find(Boolean)
      if (hit) out[f.field] = hit
    }
  }
  return out
}

/** Required fields without a column in the mapping, or mapped to a column the file does not have. */
export function missingColumns(mapping: ColumnMapping, columns: readonly string[]): ImportField[] {
  return REQUIRED_FIELDS.filter((f) => !mapping[f] || !columns.includes(mapping[f]!))
}

/** Counts bytes passing through; fails with PAYLOAD_TOO_LARGE past the limit. */
export function byteLimit(limit = MAX_IMPORT_BYTES): Transform {
  let seen = 0
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      seen += chunk.length
      if (seen > limit) cb(new AppError('PAYLOAD_TOO_LARGE', 'transitions.import.errors.tooLarge', { mb: Math.round(limit / 1024 / 1024) }))
      else cb(null, chunk)
    },
  })
}

/** A row by column name (server/lib/table-file.ts: any header name is plain data); `width`: its number of cells when that differs from the header's. */
export type RawRow = { line: number; values: RowValues; width?: number }

/**
 * Streams the rows after the header line as { line, values by column }, decoding on the fly: memory stays flat
 * whatever the file size. A header naming a column twice is refused; `onHeader` sees the header (and may throw,
 * e.g. for missing columns).
 */
export async function* readRows(input: Readable, opts: { encoding: Encoding; delimiter: Delimiter; headerLine: number; onHeader: (columns: string[]) => void }): AsyncGenerator<RawRow> {
  let header: string[] | null = null
  const parser = parse({ delimiter: opts.delimiter, from_line: opts.headerLine, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, info: true, trim: true })
  const source = input.pipe(iconv.decodeStream(opts.encoding))
  input.on('error', (e) => parser.destroy(e))
  source.on('error', (e) => parser.destroy(e))
  source.pipe(parser)
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!header) {
        header = record
        if (header.length < 2) throw invalid('transitions.import.errors.delimiter')
        assertUniqueColumns(header)
        opts.onHeader(header)
        continue
      }
      const values = rowValues(header, record)
      yield record.length === header.length ? { line: info.lines, values } : { line: info.lines, values, width: record.length }
    }
  } catch (err) {
    throw unreadable(err)
  }
  if (!header) throw invalid('transitions.import.errors.empty')
}

export type RowError = { line: number; column: string; key: string; value?: string }
export type ValidRow = {
  cohortYear: number
  originBrin: string
  originVestiging: string
  originTrack: OriginTrack
  destinationSector: Destination
  destinationBrin: string
  programmeCode: string
  started: number
  enrolledAfterYear1: number
  switched: number
  droppedOut: number
  diplomaNominal: number
}

const trackAliases: Record<string, OriginTrack> = {
  VMBO_BB: 'VMBO_B', VMBO_BASIS: 'VMBO_B', VMBO_KB: 'VMBO_K', VMBO_KADER: 'VMBO_K', VMBO_G: 'VMBO_GT', VMBO_T: 'VMBO_GT', VMBO_TL: 'VMBO_GT', VMBO_GL: 'VMBO_GT', VMBO_GT: 'VMBO_GT',
}
const destinationAliases: Record<string, Destination> = {
  ARBEIDSMARKT: 'LABOUR_MARKET', WERK: 'LABOUR_MARKET', OVERIG: 'OTHER', ONBEKEND: 'OTHER', UNKNOWN: 'OTHER', OTHER_UNKNOWN: 'OTHER',
}
const code = (v: string) => v.trim().toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_|_$/g, '')

export function parseTrack(v: string): OriginTrack | undefined {
  const c = code(v)
  return (ORIGIN_TRACKS as readonly string[]).includes(c) ? (c as OriginTrack) : trackAliases[c]
}
export function parseDestination(v: string): Destination | undefined {
  const c = code(v)
  return (DESTINATIONS as readonly string[]).includes(c) ? (c as Destination) : destinationAliases[c]
}

/** Validates one raw row against the mapping: every problem is reported with its line and the file's column name. */
export function validateRow(raw: RawRow, mapping: ColumnMapping, maxYear = new Date().getUTCFullYear()): { row?: ValidRow; errors: RowError[] } {
  const errors: RowError[] = []
  const col = (f: ImportField) => mapping[f] ?? ''
  const get = (f: ImportField) => (mapping[f] ? cellOf(raw.values, mapping[f]) : '')
  const fail = (f: ImportField, key: string) => errors.push({ line: raw.line, column: col(f), key, value: truncateText(get(f), 80) })
  if (raw.width !== undefined) errors.push({ line: raw.line, column: '', key: 'transitions.import.row.width', value: String(raw.width) })
  if (Object.values(raw.values).some((v) => v.includes('\uFFFD'))) errors.push({ line: raw.line, column: '', key: 'transitions.import.row.encoding' })

  const year = Number(get('cohortYear'))
  if (!/^\d{4}$/.test(get('cohortYear')) || year < 1990 || year > maxYear) fail('cohortYear', 'transitions.import.row.year')
  const brin = get('originBrin').toUpperCase()
  if (!/^[0-9]{2}[A-Z]{2}$/.test(brin)) fail('originBrin', 'transitions.import.row.brin')
  const vest = get('originVestiging').padStart(2, '0')
  if (!/^[0-9]{2}$/.test(vest)) fail('originVestiging', 'transitions.import.row.vestiging')
  const track = parseTrack(get('originTrack'))
  if (!track) fail('originTrack', 'transitions.import.row.track')
  const dest = parseDestination(get('destinationSector'))
  if (!dest) fail('destinationSector', 'transitions.import.row.destination')
  const destBrin = get('destinationBrin').toUpperCase()
  if (destBrin && !/^[0-9]{2}[A-Z]{2}$/.test(destBrin)) fail('destinationBrin', 'transitions.import.row.brin')
  const programme = get('programmeCode')
  if (programme && !/^[0-9]{5}$/.test(programme)) fail('programmeCode', 'transitions.import.row.programme')

  const counts = {} as Record<(typeof COUNT_FIELDS)[number], number>
  for (const f of COUNT_FIELDS) {
    const v = get(f)
    if (!/^\d{1,7}$/.test(v)) fail(f, 'transitions.import.row.count')
    else counts[f] = Number(v)
  }
  if (counts.started !== undefined)
    for (const f of COUNT_FIELDS.slice(1)) if (counts[f] !== undefined && counts[f] > counts.started) fail(f, 'transitions.import.row.exceedsStarted')

  if (errors.length) return { errors }
  return {
    errors,
    row: { cohortYear: year, originBrin: brin, originVestiging: vest, originTrack: track!, destinationSector: dest!, destinationBrin: destBrin, programmeCode: programme, ...counts },
  }
}
