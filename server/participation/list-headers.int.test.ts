/**
 * Class-list import (participation.analyseImport / importPupils) with header names that are not ordinary words:
 * "__proto__" and "constructor" are plain column names (a row built on `{}` made a mapped "__proto__" column read
 * Object.prototype: 500), "constructor" in a cell is no level, and a header naming a column twice is refused with a
 * translated 400 naming it, in CSV and XLSX files, at the analyse step and at the import (the second column won).
 */
import { randomBytes } from 'node:crypto'
import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import { TRPCError } from '@trpc/server'
import { buildTwoRegionWorld } from '../db/factories.ts'
import { callerFor, db } from '../test/helpers.ts'
import { AppError } from '../lib/errors.ts'
import { translator } from '../i18n/translate.ts'
import { schoolYearOf } from './school-year.ts'

const schoolYear = schoolYearOf(new Date())
const HEADER = ['Naam', 'E-mail', 'Niveau', 'Leerjaar', 'Klas']
const MAPPING = { name: 'Naam', email: 'E-mail', level: 'Niveau', year: 'Leerjaar', className: 'Klas' }

let w: Awaited<ReturnType<typeof buildTwoRegionWorld>>
const tag = () => randomBytes(4).toString('hex')
const csv = (rows: string[][]) => Buffer.from(rows.map((r) => r.join(';')).join('\n') + '\n').toString('base64')
async function xlsx(rows: string[][]) {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('Klas')
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64')
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => {
      throw new Error('expected a refusal')
    },
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(TRPCError)
  expect((err as TRPCError).code).toBe('BAD_REQUEST')
  expect((err as TRPCError).cause).toBeInstanceOf(AppError)
  return (err as TRPCError).cause as AppError
}

beforeAll(async () => {
  w = await buildTwoRegionWorld(db)
})

describe('class-list import: any header name is plain data', () => {
  for (const kind of ['csv', 'xlsx'] as const) {
    it(`${kind}: an extra, unmapped "__proto__" column is ignored; a mapped "__proto__" column is read`, async () => {
      const staff = await callerFor(w.a.staff.id)
      const content = (rows: string[][]) => (kind === 'csv' ? csv(rows) : xlsx(rows))
      const t = tag()
      const unmapped = await content([[...HEADER, '__proto__'], ['Anna Jansen', `anna.${t}@school.example.test`, 'havo', '4', '4H1', 'x']])
      const analysed = await staff.participation.analyseImport({ schoolId: w.a.school.id, fileName: `klas.${kind}`, content: unmapped })
      expect(analysed.columns).toEqual([...HEADER, '__proto__'])
      expect(await staff.participation.importPupils({ schoolId: w.a.school.id, schoolYear, fileName: `klas.${kind}`, content: unmapped, mapping: MAPPING })).toMatchObject({ imported: 1, errorCount: 0 })

      const mapped = await content([['__proto__', 'E-mail', 'constructor', 'Leerjaar', 'Klas'], ['Bram Bakker', `bram.${t}@school.example.test`, 'vwo', '5', '5V1']])
      const r = await staff.participation.importPupils({ schoolId: w.a.school.id, schoolYear, fileName: `klas.${kind}`, content: mapped, mapping: { ...MAPPING, name: '__proto__', level: 'constructor' } })
      expect(r).toMatchObject({ imported: 1, errorCount: 0 })
      const bram = await db.participationPupil.findFirstOrThrow({ where: { email: `bram.${t}@school.example.test` } })
      expect([bram.name, bram.level, bram.year]).toEqual(['Bram Bakker', 'VWO', 5])
    })
  }

  it('a bad value in a mapped "__proto__" column is a row error naming it; "constructor" is no level', async () => {
    const staff = await callerFor(w.a.staff.id)
    const t = tag()
    const content = csv([['__proto__', 'E-mail', 'Niveau', 'Leerjaar', 'Klas'], ['=1+1', `cees.${t}@school.example.test`, 'constructor', '4', '4H1']])
    const r = await staff.participation.importPupils({ schoolId: w.a.school.id, schoolYear, fileName: 'klas.csv', content, mapping: { ...MAPPING, name: '__proto__' } })
    expect(r.imported).toBe(0)
    expect(r.errors.map((e) => [e.line, e.column, e.key])).toEqual([
      [2, '__proto__', 'participation.import.row.name'],
      [2, 'Niveau', 'participation.import.row.level'],
    ])
  })
})

describe('class-list import: a header naming a column twice is refused', () => {
  for (const kind of ['csv', 'xlsx'] as const) {
    it(`${kind}: 400 naming the column, at the analyse step and at the import, nothing written`, async () => {
      const staff = await callerFor(w.a.staff.id)
      const t = tag()
      const rows = [[...HEADER, 'Klas'], ['Anna Jansen', `dubbel.${t}@school.example.test`, 'havo', '4', '4H1', '4H2']]
      const content = kind === 'csv' ? csv(rows) : await xlsx(rows)
      const analysed = await refusal(staff.participation.analyseImport({ schoolId: w.a.school.id, fileName: `klas.${kind}`, content }))
      expect([analysed.key, analysed.params]).toEqual(['validation.duplicateColumn', { column: 'Klas' }])
      expect(translator('nl')(analysed.key, analysed.params)).toBe('De kolom “Klas” staat meer dan eens in de kopregel van het bestand. Geef elke kolom een eigen naam en probeer het opnieuw.')
      const imported = await refusal(staff.participation.importPupils({ schoolId: w.a.school.id, schoolYear, fileName: `klas.${kind}`, content, mapping: MAPPING }))
      expect(imported.key).toBe('validation.duplicateColumn')
      expect(await db.participationPupil.count({ where: { email: `dubbel.${t}@school.example.test` } })).toBe(0)
    })
  }
})
