import { describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { AppError } from '../lib/errors.ts'
import { translator } from '../i18n/translate.ts'
import { missingColumns, parseLevel, readListFile, suggestMapping, validateRows } from './list-file.ts'

const MAPPING = { name: 'Naam', email: 'E-mail', level: 'Niveau', year: 'Leerjaar', className: 'Klas', pupilNumber: 'Leerlingnummer' }

describe('class-list files', () => {
  it('reads a Latin-1 CSV with ; and a title line above the header, and suggests the mapping from Dutch names', async () => {
    const text = 'Klassenlijst 2026\nNaam;E-mail;Niveau;Leerjaar;Klas;Leerlingnummer\nZoë Ørsted;zoe@school.example.test;VWO;5;5V1;12\n'
    const file = await readListFile(iconv.encode(text, 'latin1'))
    expect(file.columns).toEqual(['Naam', 'E-mail', 'Niveau', 'Leerjaar', 'Klas', 'Leerlingnummer'])
    expect(file.rows).toEqual([{ line: 3, values: { Naam: 'Zoë Ørsted', 'E-mail': 'zoe@school.example.test', Niveau: 'VWO', Leerjaar: '5', Klas: '5V1', Leerlingnummer: '12' } }])
    expect(suggestMapping(file.columns)).toEqual(MAPPING)
  })

  it('reads the first worksheet of an XLSX file', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Klas 4H1')
    ws.addRow(['naam', 'email', 'niveau', 'leerjaar', 'klas'])
    ws.addRow(['Anna Jansen', 'anna@school.example.test', 'havo', 4, '4H1'])
    ws.addRow(['Bram Bakker', 'bram@school.example.test', 'vmbo-kb', 3, '3K2'])
    const file = await readListFile(Buffer.from(await wb.xlsx.writeBuffer()))
    expect(file.columns).toEqual(['naam', 'email', 'niveau', 'leerjaar', 'klas'])
    const mapping = suggestMapping(file.columns)
    expect(mapping).toEqual({ name: 'naam', email: 'email', level: 'niveau', year: 'leerjaar', className: 'klas' })
    const { pupils, errorCount } = validateRows(file.rows, mapping as typeof MAPPING)
    expect(errorCount).toBe(0)
    expect(pupils).toEqual([
      { name: 'Anna Jansen', email: 'anna@school.example.test', level: 'HAVO', year: 4, className: '4H1', pupilNumber: null },
      { name: 'Bram Bakker', email: 'bram@school.example.test', level: 'VMBO_KB', year: 3, className: '3K2', pupilNumber: null },
    ])
  })

  it('lists every error with line and column; a repeated address points at its first line; formula-like names are refused', () => {
    const rows = [
      { line: 2, values: { Naam: 'Anna Jansen', 'E-mail': 'Anna@School.example.test', Niveau: 'havo', Leerjaar: '4', Klas: '4H1', Leerlingnummer: '' } },
      { line: 3, values: { Naam: '=HYPERLINK("x")', 'E-mail': 'anna@school.example.test', Niveau: 'mbo', Leerjaar: '7', Klas: '4/H', Leerlingnummer: 'a b' } },
    ]
    const r = validateRows(rows, MAPPING)
    expect(r.pupils.map((p) => p.email)).toEqual(['anna@school.example.test'])
    expect(r.errors.map((e) => [e.line, e.column, e.key])).toEqual([
      [3, 'Naam', 'participation.import.row.name'],
      [3, 'E-mail', 'participation.import.row.duplicate'],
      [3, 'Niveau', 'participation.import.row.level'],
      [3, 'Leerjaar', 'participation.import.row.year'],
      [3, 'Klas', 'participation.import.row.className'],
      [3, 'Leerlingnummer', 'participation.import.row.pupilNumber'],
    ])
    expect(r.errors[1]!.value).toBe('2')
    expect(r.errorCount).toBe(6)
  })

  it('levels by their usual Dutch names; missing mapped columns; empty and unreadable files', async () => {
    expect(['vmbo-bb', 'Kader', 'mavo', 'TL', 'Havo', 'gymnasium', 'mbo'].map(parseLevel)).toEqual(['VMBO_BB', 'VMBO_KB', 'VMBO_GT', 'VMBO_GT', 'HAVO', 'VWO', undefined])
    expect(missingColumns({ name: 'Naam', email: 'Mail' }, ['Naam', 'E-mail'])).toEqual(['email', 'level', 'year', 'className'])
    await expect(readListFile(Buffer.from('PK\u0003\u0004 not a zip'))).rejects.toMatchObject({ key: 'participation.import.errors.unreadable' })
    await expect(readListFile(Buffer.from(''))).rejects.toBeInstanceOf(AppError)
  })

  it('a quoted nickname inside an unquoted cell is read as it stands (audit A F6): the row is checked like any other', async () => {
    const file = await readListFile(Buffer.from('naam;e-mail;niveau;leerjaar;klas\nJan "Jantje" Jansen;jan@example.org;havo;4;4H9\nPiet Smit;piet@example.org;havo;4;4H9\n'))
    expect(file.rows.map((r) => [r.line, r.values.naam])).toEqual([[2, 'Jan "Jantje" Jansen'], [3, 'Piet Smit']])
    const r = validateRows(file.rows, { name: 'naam', email: 'e-mail', level: 'niveau', year: 'leerjaar', className: 'klas' })
    expect(r.pupils.map((p) => p.email)).toEqual(['piet@example.org'])
    // Quotes are no part of a pupil's name (the booking forms' rule): refused with its line and column, not the whole file.
    expect(r.errors.map((e) => [e.line, e.column, e.key])).toEqual([[2, 'naam', 'participation.import.row.name']])
  })

  it('quotes the parser cannot read: refused naming the line and the column (the line a never-closed quote opens on)', async () => {
    const head = 'Titel\n\nNaam;E-mail;Niveau\nAnna Jansen;anna@school.example.test;havo\n'
    await expect(readListFile(Buffer.from(`${head}Bram Bakker;"bram@school.example.test" x;havo\n`))).rejects.toMatchObject({
      code: 'VALIDATION', key: 'participation.import.errors.quote', params: { line: 5, column: 'E-mail' },
    })
    await expect(readListFile(Buffer.from(`${head}\n"Cees de Boer;cees@school.example.test;havo\nDirk;dirk@school.example.test;vwo\n`))).rejects.toMatchObject({
      key: 'participation.import.errors.quote', params: { line: 6, column: 'Naam' },
    })
    for (const locale of ['nl', 'en'] as const) {
      const text = translator(locale)('participation.import.errors.quote', { line: 5, column: 'E-mail' })
      expect(text).toMatch(/^(Regel|Line) 5, (kolom|column) E-mail: /)
      expect(text).toContain('"Jan ""Jantje"" Jansen"')
    }
  })

  it('the import\'s counts are in plural forms in both languages ("1 pupil added", not "1 pupils")', () => {
    const en = translator('en', 'participation.import')
    const nl = translator('nl', 'participation.import')
    expect(en('done', { imported: 1, updated: 0 })).toBe('1 pupil added, 0 updated.')
    expect(en('done', { imported: 2, updated: 1 })).toBe('2 pupils added, 1 updated.')
    expect(nl('done', { imported: 1, updated: 0 })).toBe('1 leerling toegevoegd, 0 bijgewerkt.')
    expect(nl('done', { imported: 3, updated: 0 })).toBe('3 leerlingen toegevoegd, 0 bijgewerkt.')
    expect([en('rows', { count: 1 }), nl('rows', { count: 1 })]).toEqual(['1 line found.', '1 regel gevonden.'])
    expect([en('failed', { count: 1 }), nl('failed', { count: 1 })].map((s) => s.split(':')[1]!.split('.')[0])).toEqual([' 1 error', ' 1 fout'])
    expect([en('errors.tooManyRows', { max: 1 }), nl('errors.tooManyRows', { max: 5000 })]).toEqual(['A list has at most 1 line.', 'Een lijst heeft hooguit 5.000 regels.'])
  })
})
