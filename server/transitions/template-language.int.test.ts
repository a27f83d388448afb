/**
 * The transitions CSV template and export in the request's language. The template's English column names are
 * accepted by the import as they are: the analyse step's suggested mapping recognises them (and the user can map
 * any column by hand), so an English template filled in imports without mapping work. File names come from the
 * catalogue ("transitions-template.csv", "transitions-<cohort>.csv"; Dutch "doorstroom-…").
 */
import { randomBytes } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { GET as templateGET } from '../../app/api/transitions/template/route.ts'
import { GET as exportGET } from '../../app/api/transitions/export/route.ts'
import { POST as analysePOST } from '../../app/api/transitions/analyse/route.ts'
import { POST as importPOST } from '../../app/api/transitions/import/route.ts'
import { buildTwoRegionWorld } from '../db/factories.ts'
import { SESSION_MAX_AGE } from '../auth/session.ts'
import { callerFor, db } from '../test/helpers.ts'
import type { ColumnMapping, ImportOptions } from './schema.ts'
import { IMPORT_FIELDS } from './schema.ts'

let w: Awaited<ReturnType<typeof buildTwoRegionWorld>>
let session: string

beforeAll(async () => {
  w = await buildTwoRegionWorld(db)
  session = randomBytes(32).toString('hex')
  await db.session.create({ data: { sessionToken: session, userId: w.a.staff.id, expires: new Date(Date.now() + SESSION_MAX_AGE * 1000) } })
})

const cookie = (locale?: 'nl' | 'en') => `authjs.session-token=${session}${locale ? `; NEXT_LOCALE=${locale}` : ''}`
const filename = (res: Response) => /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1]
const lines = async (res: Response) => (await res.text()).replace(/^\uFEFF/, '').split('\r\n')

describe('transitions template and export in the request’s language', () => {
  it('the template: English column names and file name for the English UI, Dutch otherwise', async () => {
    const en = await templateGET(new Request('http://localhost/api/transitions/template', { headers: { cookie: 'NEXT_LOCALE=en' } }))
    expect(en.status).toBe(200)
    expect(filename(en)).toBe('transitions-template.csv')
    expect((await lines(en))[0]).toBe('Cohort year;BRIN;Location;Track;Destination;Destination BRIN;Programme code;Started;Enrolled after year 1;Switched;Dropped out;Diploma in nominal time')
    const nl = await templateGET(new Request('http://localhost/api/transitions/template'))
    expect(filename(nl)).toBe('doorstroom-sjabloon.csv')
    expect((await lines(nl))[0]).toBe('Cohortjaar;BRIN;Vestiging;Leerweg;Bestemming;BRIN vervolg;Opleidingscode;Gestart;Ingeschreven na jaar 1;Geswitcht;Uitgevallen;Diploma nominaal')
  })

  it('the English template, filled in, is recognised column by column and imports; the export is named in English', async () => {
    const ds = await (await callerFor(w.a.staff.id)).transitions.create({ organisationId: w.a.school.id, source: 'OWN', description: `template en ${randomBytes(3).toString('hex')}` })
    const template = await lines(await templateGET(new Request('http://localhost/api/transitions/template', { headers: { cookie: 'NEXT_LOCALE=en' } })))
    const rows = template.filter(Boolean).map((l, i) => (i === 0 ? l : l.replace('21AB', w.a.school.brin)))
    const body = Buffer.from(rows.join('\n') + '\n')
    const post = (handler: typeof analysePOST, path: string, options: unknown) =>
      handler(new Request(`http://localhost/api/transitions/${path}?options=${encodeURIComponent(JSON.stringify(options))}`, { method: 'POST', body: new Uint8Array(body), headers: { cookie: cookie('en'), 'content-type': 'text/csv', 'content-length': String(body.length) } }))
    const analysed = await post(analysePOST, 'analyse', { datasetId: ds.id })
    expect(analysed.status).toBe(200)
    const { mapping } = (await analysed.json()) as { mapping: ColumnMapping }
    expect(Object.keys(mapping).sort()).toEqual(IMPORT_FIELDS.map((f) => f.field).sort())
    const options: ImportOptions = { datasetId: ds.id, encoding: 'utf-8', delimiter: ';', headerLine: 1, mapping, replace: false }
    const imported = await post(importPOST, 'import', options)
    expect(imported.status, await imported.clone().text()).toBe(200)
    const cohort = Number(rows[1]!.split(';')[0])

    const exported = await exportGET(new Request(`http://localhost/api/transitions/export?datasetId=${ds.id}&cohortYear=${cohort}`, { headers: { cookie: cookie('en') } }))
    expect(exported.status).toBe(200)
    expect(filename(exported)).toBe(`transitions-${cohort}.csv`)
    const dutch = await exportGET(new Request(`http://localhost/api/transitions/export?datasetId=${ds.id}&cohortYear=${cohort}`, { headers: { cookie: cookie() } }))
    expect(filename(dutch)).toBe(`doorstroom-${cohort}.csv`)
  })
})
