/**
 * Test fixtures for region transition figures (integration tests only): schools of a region with a staff member,
 * and datasets of such a school imported from CSV rows and shared with the region, through the app's own import
 * and procedures.
 */
import { Readable } from 'node:stream'
import { buildOrganisation, buildUser } from '../db/factories.ts'
import { loadActor } from '../auth/actor.ts'
import { callerFor, db } from '../test/helpers.ts'
import { importCsv } from './import.ts'
import { suggestMapping } from './csv.ts'

const HEADER = 'cohort;brin;vestiging;leerweg;bestemming;gestart;ingeschreven_na_jaar_1;geswitcht;uitgevallen;diploma_nominaal'
/** The column mapping of these CSVs, and a CSV stream of lines under their header. */
export const mapping = suggestMapping(HEADER.split(';'))
export const csv = (lines: string[]) => Readable.from([Buffer.from([HEADER, ...lines].join('\n') + '\n')])

export type School = { id: string; brin: string; staffId: string }

/** A CSV line of `s` from a row `cohort;track;destination;started`: the counts after `started`. */
export type LineOf = (s: School, year: string, track: string, destination: string, started: string) => string

/** A school of the region with one staff member. */
export async function school(regionId: string): Promise<School> {
  const org = await buildOrganisation(db, { regionIds: [regionId] })
  const staff = await buildUser(db, { roles: [{ role: 'ORG_STAFF', organisationId: org.id }] })
  return { id: org.id, brin: org.brin, staffId: staff.id }
}

/** Imports rows (`cohort;track;destination;started`) into the school's dataset, as its staff member. */
export async function importInto(s: School, datasetId: string, rows: string[], line: LineOf, replace = false) {
  const lines = rows.map((r) => {
    const [year, track, dest, n] = r.split(';') as [string, string, string, string]
    return line(s, year, track, dest, n)
  })
  await importCsv(db, (await loadActor(db, s.staffId))!, { datasetId, encoding: 'utf-8', delimiter: ';', headerLine: 1, mapping, replace }, csv(lines))
}

/** A dataset of the school with these rows, shared with the region; its id. */
export async function share(regionId: string, s: School, rows: string[], line: LineOf) {
  const caller = await callerFor(s.staffId)
  const ds = await caller.transitions.create({ organisationId: s.id, source: 'NCO', description: 'Doorstroom' })
  await importInto(s, ds.id, rows, line)
  await caller.transitions.setSharing({ datasetId: ds.id, sharing: 'REGION', regionId })
  return ds.id
}
