/**
 * The transition import over its HTTP handlers (/api/transitions/analyse and /import, session cookie) with header
 * names that are not ordinary words: "__proto__" and "constructor" are plain column names (a row built on `{}`
 * made a mapped "__proto__" column read Object.prototype: 500), and a header naming a column twice is refused with
 * a translated 400 naming it, at the analyse step and at the import (the second column silently won).
 */
import { randomBytes } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { POST as analysePOST } from '../../app/api/transitions/analyse/route.ts'
import { POST as importPOST } from '../../app/api/transitions/import/route.ts'
import { buildTwoRegionWorld } from '../db/factories.ts'
import { SESSION_MAX_AGE } from '../auth/session.ts'
import { callerFor, db } from '../test/helpers.ts'
import { suggestMapping } from './csv.ts'
import type { ColumnMapping, ImportOptions } from './schema.ts'

const HEADER = ['jaar', 'brin', 'vestiging', 'leerweg', 'bestemming', 'gestart', 'nog_ingeschreven', 'geswitcht', 'uitgevallen', 'diploma_nominaal']
const MAPPING = suggestMapping(HEADER)

let w: Awaited<ReturnType<typeof buildTwoRegionWorld>>
let cookie: string

async function newDataset() {
  return (await callerFor(w.a.staff.id)).transitions.create({ organisationId: w.a.school.id, source: 'OWN', description: `kopregels ${randomBytes(3).toString('hex')}` })
}

const file = (header: string[], rows: string[][]) => Buffer.from([header, ...rows].map((r) => r.join(';')).join('\n') + '\n')
const row = (cohort = '2022') => [cohort, w.a.school.brin, '00', 'havo', 'hbo', '10', '8', '1', '1', '5']

function request(path: 'analyse' | 'import', options: unknown, body: Buffer) {
  const url = `http://localhost/api/transitions/${path}?options=${encodeURIComponent(JSON.stringify(options))}`
  return new Request(url, { method: 'POST', body: new Uint8Array(body), headers: { cookie, 'content-type': 'text/csv', 'content-length': String(body.length) } })
}

async function analyse(datasetId: string, body: Buffer) {
  const res = await analysePOST(request('analyse', { datasetId }, body))
  return { status: res.status, body: (await res.json()) as { columns?: string[]; mapping?: ColumnMapping; error?: string; key?: string } }
}

async function runImport(datasetId: string, mapping: ColumnMapping, body: Buffer) {
  const options: ImportOptions = { datasetId, encoding: 'utf-8', delimiter: ';', headerLine: 1, mapping, replace: false }
  const res = await importPOST(request('import', options, body))
  return { status: res.status, body: (await res.json()) as { rows?: number; cohorts?: number[]; error?: string; key?: string; errors?: { line: number; column: string; message: string }[] } }
}

beforeAll(async () => {
  w = await buildTwoRegionWorld(db)
  const sessionToken = randomBytes(32).toString('hex')
  await db.session.create({ data: { sessionToken, userId: w.a.staff.id, expires: new Date(Date.now() + SESSION_MAX_AGE * 1000) } })
  cookie = `authjs.session-token=${sessionToken}`
})

describe('transition import: any header name is plain data', () => {
  it('imports a file with an extra, unmapped "__proto__" column', async () => {
    const ds = await newDataset()
    const body = file([...HEADER, '__proto__'], [[...row(), 'x']])
    const analysed = await analyse(ds.id, body)
    expect(analysed.status).toBe(200)
    expect(analysed.body.columns).toContain('__proto__')
    const res = await runImport(ds.id, MAPPING, body)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ rows: 1, cohorts: [2022] })
  })

  it('imports a file whose cohort column is named "__proto__" (mapped), and "constructor" as another mapped column', async () => {
    const ds = await newDataset()
    const header = ['__proto__', ...HEADER.slice(1, -1), 'constructor']
    const res = await runImport(ds.id, { ...MAPPING, cohortYear: '__proto__', diplomaNominal: 'constructor' }, file(header, [row('2021')]))
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ rows: 1, cohorts: [2021] })
    expect(await db.transitionRow.findMany({ where: { datasetId: ds.id }, select: { cohortYear: true, diplomaNominal: true } })).toEqual([{ cohortYear: 2021, diplomaNominal: 5 }])
  })

  it('a bad value in a mapped "__proto__" column is a row error naming it (400), not a 500', async () => {
    const ds = await newDataset()
    const header = ['__proto__', ...HEADER.slice(1)]
    const res = await runImport(ds.id, { ...MAPPING, cohortYear: '__proto__' }, file(header, [row('twintig')]))
    expect(res.status).toBe(400)
    expect(res.body.errors?.map((e) => [e.line, e.column])).toEqual([[2, '__proto__']])
  })

  it('a mapping to a column the file does not have ("toString") is a missing column (400), not an inherited property', async () => {
    const ds = await newDataset()
    const res = await runImport(ds.id, { ...MAPPING, cohortYear: 'toString' }, file(HEADER, [row()]))
    expect(res.status).toBe(400)
    expect(res.body.key).toBe('transitions.import.errors.missingColumns')
  })
})

describe('transition import: a header naming a column twice is refused', () => {
  const header = ['jaar', 'jaar', ...HEADER.slice(1)]
  const dupFile = () => file(header, [['2019', ...row()]])

  it('at the analyse step: 400 naming the column', async () => {
    const ds = await newDataset()
    const res = await analyse(ds.id, dupFile())
    expect(res.status).toBe(400)
    expect(res.body.error).toBe('De kolom “jaar” staat meer dan eens in de kopregel van het bestand. Geef elke kolom een eigen naam en probeer het opnieuw.')
  })

  it('at the import: 400 naming the column, nothing written', async () => {
    const ds = await newDataset()
    const res = await runImport(ds.id, MAPPING, dupFile())
    expect(res.status).toBe(400)
    expect(res.body.key).toBe('validation.duplicateColumn')
    expect(res.body.error).toContain('“jaar”')
    expect(await db.transitionRow.count({ where: { datasetId: ds.id } })).toBe(0)
  })

  it('spare columns without a name are no duplicates', async () => {
    const ds = await newDataset()
    // its own cohort: the file's datasets share one organisation and source, where a cohort lives in one place
    const res = await runImport(ds.id, MAPPING, file([...HEADER, '', ''], [[...row('2019'), '', '']]))
    expect(res.status).toBe(200)
    expect(res.body.rows).toBe(1)
  })
})
