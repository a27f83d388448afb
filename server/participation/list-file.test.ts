import { describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { AppError } from '../lib/errors.ts'
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
})
