/**
 * Region figures over several organisations, through the whole report path on a real database: the padding attack,
 * differencing across cohort years, double counting of re-uploaded datasets, and the import's overlap warning.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { buildOrganisation, buildRegion, buildUser } from '../db/factories.ts'
import { loadActor } from '../auth/actor.ts'
import { callerFor, db } from '../test/helpers.ts'
import { importCsv } from './import.ts'
import { reportCsvRows } from './export.ts'
import { AppError } from '../lib/errors.ts'
import type { Report } from './datasets.ts'
import * as fixtures from './test-region.ts'
import { csv, mapping, type School } from './test-region.ts'

let regionId: string
let coordinatorId: string

/** A school of the region, and a dataset of it with these rows (cohort;track;destination;started) shared with the region. */
const school = () => fixtures.school(regionId)
const share = (s: School, rows: string[]) => fixtures.share(regionId, s, rows, (s, year, track, dest, n) => `${year};${s.brin};00;${track};${dest};${n};${n};0;0;0`)

/** Every number in a response and in its CSV export. */
function numbersOf(r: Report): number[] {
  const t = ((k: string) => k) as Parameters<typeof reportCsvRows>[1]
  const json = JSON.stringify(r).match(/(?<=[:[,])\d+(?=[,\]}])/g) ?? []
  const csvCells = reportCsvRows(r, t).flat().filter((c) => /^\d+$/.test(c))
  return [...json, ...csvCells].map(Number)
}

beforeAll(async () => {
  regionId = (await buildRegion(db)).id
  coordinatorId = (await buildUser(db, { roles: [{ role: 'REGION_COORDINATOR', regionId }] })).id
})

describe('region figures: contributor and dominance rules', () => {
  it('padding: a school that imports 1,000 in every cell cannot read the other schools’ small counts off the region report', async () => {
    const [b, c, attacker] = [await school(), await school(), await school()]
    // the other schools: havo → mbo 2 and 5 (small), havo → hbo 30 and 40, vwo → wo 50 and 60, in 2023 and 2024
    await share(b, [2023, 2024].flatMap((y) => [`${y};havo;mbo;2`, `${y};havo;hbo;30`, `${y};vwo;wo;50`]))
    await share(c, [2023, 2024].flatMap((y) => [`${y};havo;mbo;5`, `${y};havo;hbo;40`, `${y};vwo;wo;60`]))
    await share(attacker, [2023, 2024].flatMap((y) => [`${y};havo;mbo;1000`, `${y};havo;hbo;1000`, `${y};vwo;wo;1000`]))

    const caller = await callerFor(attacker.staffId)
    const seen: number[] = []
    for (const cohortYear of [undefined, 2023, 2024]) seen.push(...numbersOf(await caller.transitions.report({ regionId, cohortYear })))
    // what the old report showed: 1007 (1000 + 2 + 5) for havo → mbo; any region value the padding school could
    // reduce to the others' small count (1000 + at most 5) or pin down at all for the small cell
    expect(seen.filter((n) => n >= 1000 && n <= 1005)).toEqual([])
    expect(seen).not.toContain(1007)
    const r = await caller.transitions.report({ regionId, cohortYear: 2024 })
    const havoMbo = r.flow.cells.find((x) => x.row === 'HAVO' && x.col === 'MBO')
    expect(havoMbo?.value).toBe('protected')
    // the havo total (2,077) would give havo → mbo from havo → hbo: hidden as well, and so is 1,070 (the hbo cell)
    expect(typeof r.flow.rowTotals.find((x) => x.key === 'HAVO')?.value).not.toBe('number')
    expect(r.aggregate).toBe(true)
    // the coordinator (an outsider) sees the same figures
    expect(await (await callerFor(coordinatorId)).transitions.report({ regionId, cohortYear: 2024 })).toEqual(r)
  })
})

describe('region figures: one organisation counted once per cohort', () => {
  it('eight datasets of one school for the same cohort count once in the region (78, not 8 × 78)', async () => {
    const regionOnly = (await buildRegion(db)).id
    const make = async () => {
      const org = await buildOrganisation(db, { regionIds: [regionOnly] })
      return { id: org.id, brin: org.brin }
    }
    const [a, b, c] = [await make(), await make(), await make()]
    const rows = (brin: string, hbo: number, wo: number) => [
      { cohortYear: 2024, originBrin: brin, originVestiging: '00', originTrack: 'HAVO' as const, destinationSector: 'HBO' as const, started: hbo, enrolledAfterYear1: hbo, switched: 0, droppedOut: 0, diplomaNominal: 0 },
      { cohortYear: 2024, originBrin: brin, originVestiging: '00', originTrack: 'HAVO' as const, destinationSector: 'WO' as const, started: wo, enrolledAfterYear1: wo, switched: 0, droppedOut: 0, diplomaNominal: 0 },
    ]
    // eight uploads of school a's 2024 file (50 + 28 = 78 havo pupils), as datasets that already exist
    for (let i = 0; i < 8; i++)
      await db.transitionDataset.create({ data: { organisationId: a.id, source: 'NCO', description: `upload ${i}`, sharing: 'REGION', regionId: regionOnly, rows: { create: rows(a.brin, 50, 28) } } })
    for (const [s, hbo, wo] of [
      [b, 40, 30],
      [c, 45, 25],
    ] as const)
      await db.transitionDataset.create({ data: { organisationId: s.id, source: 'NCO', description: 'NCO', sharing: 'REGION', regionId: regionOnly, rows: { create: rows(s.brin, hbo, wo) } } })
    const coordinator = await buildUser(db, { roles: [{ role: 'REGION_COORDINATOR', regionId: regionOnly }] })
    const r = await (await callerFor(coordinator.id)).transitions.report({ regionId: regionOnly })
    expect(r.flow.rowTotals).toEqual([{ key: 'HAVO', value: 78 + 70 + 70 }])
    expect(r.flow.cells.map((x) => [x.col, x.value])).toEqual([
      ['HBO', 50 + 40 + 45],
      ['WO', 28 + 30 + 25],
    ])
    expect(r.indicators.map((i) => i.started)).toEqual([218])
  })

  it('an import overlapping another dataset of the same organisation, cohort and source warns, and replaces it once confirmed', async () => {
    const s = await school()
    const first = await share(s, ['2024;havo;hbo;50', '2024;havo;wo;28', '2023;havo;hbo;44'])
    const caller = await callerFor(s.staffId)
    const second = await caller.transitions.create({ organisationId: s.id, source: 'NCO', description: 'Opnieuw' })
    const actor = (await loadActor(db, s.staffId))!
    const options = { datasetId: second.id, encoding: 'utf-8' as const, delimiter: ';' as const, headerLine: 1, mapping, replace: false }
    const file = () => csv([`2024;${s.brin};00;havo;hbo;51;51;0;0;0`, `2024;${s.brin};00;havo;wo;28;28;0;0;0`])
    const err = await importCsv(db, actor, options, file()).then(
      () => null,
      (e: unknown) => e,
    )
    expect(err).toBeInstanceOf(AppError)
    expect([(err as AppError).code, (err as AppError).key, (err as AppError).params]).toEqual(['CONFLICT', 'transitions.import.errors.overlap', { cohorts: '2024', datasets: '“Doorstroom”' }])
    expect(await db.transitionRow.count({ where: { datasetId: second.id } })).toBe(0)
    // another source is another count: no warning
    const duo = await caller.transitions.create({ organisationId: s.id, source: 'DUO', description: 'DUO' })
    await expect(importCsv(db, actor, { ...options, datasetId: duo.id }, file())).resolves.toMatchObject({ replacedElsewhere: [] })
    // confirmed: the 2024 rows move to the new dataset, the first keeps 2023
    const res = await importCsv(db, actor, { ...options, replace: true }, file())
    expect(res.replacedElsewhere).toEqual([{ datasetId: first, description: 'Doorstroom', cohortYear: 2024 }])
    expect((await db.transitionRow.findMany({ where: { datasetId: first } })).map((r) => r.cohortYear)).toEqual([2023])
    expect(await db.transitionRow.count({ where: { datasetId: second.id } })).toBe(2)
  })
})
