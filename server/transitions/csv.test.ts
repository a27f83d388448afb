import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { Readable } from 'node:stream'
import { parseDestination, parseTrack, readRows, sniff, suggestMapping, validateRow } from './csv.ts'
import { templateRows } from './template.ts'
import { IMPORT_FIELDS } from './schema.ts'

describe('sniffing a file', () => {
  it('finds a DUO-style header below title lines, the delimiter and UTF-8', () => {
    const s = sniff(Buffer.from('Bron: DUO open onderwijsdata\nPeildatum: 1 oktober 2023\n\nBRIN;Vestiging;Leerweg;Bestemming;Gestart\n20AA;00;havo;hbo;40\n'))
    expect(s).toEqual({ encoding: 'utf-8', delimiter: ';', headerLine: 4, columns: ['BRIN', 'Vestiging', 'Leerweg', 'Bestemming', 'Gestart'] })
  })

  it('recognises Latin-1 and comma-separated files, and refuses a file that is one column wide', () => {
    const s = sniff(iconv.encode('cohort,brin,bestemming\n2023,20AA,overig één\n', 'latin1'))
    expect([s.encoding, s.delimiter, s.headerLine]).toEqual(['latin1', ',', 1])
    expect(() => sniff(Buffer.from('alleen één kolom\nnog een regel\n'))).toThrow(expect.objectContaining({ key: 'transitions.import.errors.delimiter' }))
  })

  it('answers a quotation mark that is never closed with a translated error naming the line, in the header and in the rows', async () => {
    expect(() => sniff(Buffer.from('"a;b\nc;d'))).toThrow(expect.objectContaining({ code: 'VALIDATION', key: 'transitions.import.errors.unreadable', params: { line: 1 } }))
    const read = async (text: string) => {
      const rows = []
      for await (const r of readRows(Readable.from([Buffer.from(text)]), { encoding: 'utf-8', delimiter: ';', headerLine: 1, onHeader: () => {} })) rows.push(r)
      return rows
    }
    await expect(read('brin;aantal\n20AA;4\n20AB;"5\n')).rejects.toMatchObject({ code: 'VALIDATION', key: 'transitions.import.errors.unreadable' })
    // a quote inside an unquoted cell (a spreadsheet formula) is read as text: the row's own checks judge it
    expect((await read('brin;aantal\n=HYPERLINK("http://evil.example");4\n'))[0]?.values.brin).toBe('=HYPERLINK("http://evil.example")')
  })
})

describe('mapping and codes', () => {
  it('suggests a mapping from known column names and prefers a remembered one', () => {
    const cols = ['Cohortjaar', 'BRIN herkomst', 'Vestiging', 'Onderwijssoort', 'Vervolg', 'Aantal', 'Mijn kolom']
    expect(suggestMapping(cols)).toEqual({ cohortYear: 'Cohortjaar', originBrin: 'BRIN herkomst', originVestiging: 'Vestiging', originTrack: 'Onderwijssoort', destinationSector: 'Vervolg', started: 'Aantal' })
    expect(suggestMapping(cols, { started: 'Mijn kolom', switched: 'weg' }).started).toBe('Mijn kolom')
  })

  it('reads the usual spellings of tracks and destinations', () => {
    expect(['vmbo-b', 'VMBO BB', 'vmbo-gt', 'vmbo tl', 'mbo 3', 'havo'].map(parseTrack)).toEqual(['VMBO_B', 'VMBO_B', 'VMBO_GT', 'VMBO_GT', 'MBO_3', 'HAVO'])
    expect(['hbo', 'arbeidsmarkt', 'Overig', 'labour market', 'hogeschool'].map(parseDestination)).toEqual(['HBO', 'LABOUR_MARKET', 'OTHER', 'LABOUR_MARKET', undefined])
  })

  it('validates a row: vestiging padded, optional codes checked, outcomes not above started', () => {
    const mapping = { cohortYear: 'c', originBrin: 'b', originVestiging: 'v', originTrack: 't', destinationSector: 'd', programmeCode: 'p', started: 's', enrolledAfterYear1: 'e', switched: 'w', droppedOut: 'o', diplomaNominal: 'n' }
    const ok = validateRow({ line: 2, values: { c: '2023', b: '20aa', v: '1', t: 'havo', d: 'hbo', p: '', s: '10', e: '9', w: '1', o: '0', n: '0' } }, mapping, 2024)
    expect(ok.row).toMatchObject({ originBrin: '20AA', originVestiging: '01', programmeCode: '', started: 10 })
    const bad = validateRow({ line: 9, values: { c: '2030', b: '20AA', v: '00', t: 'havo', d: 'hbo', p: '12', s: '10', e: '9', w: '11', o: '1.5', n: '0' } }, mapping, 2024)
    expect(bad.errors.map((e) => [e.line, e.column, e.key])).toEqual([
      [9, 'c', 'transitions.import.row.year'],
      [9, 'p', 'transitions.import.row.programme'],
      [9, 'o', 'transitions.import.row.count'],
      [9, 'w', 'transitions.import.row.exceedsStarted'],
    ])
  })
})

describe('the upload template', () => {
  it('its header maps every field by itself and its example rows pass validation', () => {
    const csv = templateRows(2023).map((r) => r.join(';')).join('\n') + '\n'
    const s = sniff(Buffer.from(csv))
    expect(s.delimiter).toBe(';')
    const mapping = suggestMapping(s.columns)
    expect(Object.keys(mapping).sort()).toEqual([...IMPORT_FIELDS.map((f) => f.field)].sort())
    const rows = templateRows(2023).slice(1).map((r, i) => validateRow({ line: i + 2, values: Object.fromEntries(s.columns.map((c, j) => [c, r[j]!])) }, mapping))
    expect(rows.map((r) => r.errors)).toEqual([[], []])
    expect(rows.map((r) => [r.row!.originTrack, r.row!.destinationSector, r.row!.started])).toEqual([['HAVO', 'HBO', 40], ['VMBO_GT', 'MBO', 25]])
  })
})
