/**
 * The stored protected table set of a region (server/transitions/region-tables.ts): what a read returns is always
 * what a fresh computation over the committed data gives — after an import, a replace, a withdrawal, consent, a
 * deletion, a write that bypasses the app, and with other disclosure settings — and a set computed from an older
 * snapshot is never served after a change.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { buildRegion, buildUser } from '../db/factories.ts'
import { pool } from '../db/client.ts'
import { callerFor, db } from '../test/helpers.ts'
import { disclosure } from './config.ts'
import { reportView } from './disclosure.ts'
import { freshRegionTables, regionTables, storeRegionTables, tablesKey, type RegionProtection } from './region-tables.ts'
import * as fixtures from './test-region.ts'
import type { LineOf, School } from './test-region.ts'

let regionId: string
let coordinatorId: string
const regional = (): RegionProtection => ({ kind: 'aggregate', rules: disclosure() })

/** A school of the region; rows (cohort;track;destination;started) imported into a dataset, or shared with the region. */
const line: LineOf = (s, year, track, dest, n) => `${year};${s.brin};00;${track};${dest};${n};${n};1;0;${Math.floor(Number(n) / 2)}`
const school = () => fixtures.school(regionId)
const importInto = (s: School, datasetId: string, rows: string[], replace = false) => fixtures.importInto(s, datasetId, rows, line, replace)
const share = (s: School, rows: string[]) => fixtures.share(regionId, s, rows, line)

const FIGURES = (k: number) => [2023, 2024].flatMap((y) => [`${y};havo;hbo;${30 + k}`, `${y};havo;mbo;${20 + 3 * k}`, `${y};vwo;wo;${40 + 2 * k}`, `${y};vmbo_gt;mbo;${25 + k}`])

/** The region report as its coordinator reads it, and what a fresh computation over the data now gives. */
async function readAndFresh() {
  const coordinator = await callerFor(coordinatorId)
  const read = await coordinator.transitions.report({ regionId })
  const fresh = await freshRegionTables(pool, regionId, regional())
  return { read, fresh: { subject: read.subject, ...reportView(fresh, regional()), region: null } }
}

/**
 * After a change: the report equals a fresh computation over the committed data, and the set is stored for the
 * current version (the app's own changes refresh it after their commit; any other write leaves it to the first
 * read: `computedOnRead`).
 */
async function expectFresh(computedOnRead?: boolean) {
  if (computedOnRead !== undefined) expect((await regionTables(db, regionId, regional())).cached).toBe(!computedOnRead)
  const { read, fresh } = await readAndFresh()
  expect(read).toEqual(fresh)
  // byte for byte, key order included (what the client and the CSV export receive)
  expect(JSON.stringify(read)).toBe(JSON.stringify(fresh))
  const stored = await regionTables(db, regionId, regional())
  expect(stored.cached).toBe(true)
  expect(stored.set).toEqual(await freshRegionTables(pool, regionId, regional()))
  return read
}

const cell = (r: { flow: { cells: { row: string; col: string; value: unknown }[] } }, row: string, col: string) => r.flow.cells.find((c) => c.row === row && c.col === col)?.value

beforeEach(async () => {
  regionId = (await buildRegion(db)).id
  coordinatorId = (await buildUser(db, { roles: [{ role: 'REGION_COORDINATOR', regionId }] })).id
})

describe('stored region tables: equal to a fresh computation', () => {
  it('the stored answer is the fresh one, for every cohort year, through the report and the plan’s indicators alike', async () => {
    const schools = [await school(), await school(), await school(), await school()]
    for (const [k, s] of schools.entries()) await share(s, FIGURES(k))
    await expectFresh()
    const coordinator = await callerFor(coordinatorId)
    const fresh = await freshRegionTables(pool, regionId, regional())
    for (const cohortYear of [2023, 2024]) expect(await coordinator.transitions.report({ regionId, cohortYear })).toMatchObject(reportView(fresh, regional(), cohortYear))
    // and it is the same table set the pure function gives from the contributions (no JSON round trip loses a marker)
    const stored = await regionTables(db, regionId, regional())
    expect(stored.cached).toBe(true)
    expect(stored.set).toEqual(fresh)
  })

  it('an empty region and an unknown region', async () => {
    const { read } = await readAndFresh()
    expect(read.cohorts).toEqual([])
    expect((await regionTables(db, regionId, regional())).cached).toBe(true)
    const unknown = await regionTables(db, 'c00000000000000000000none', regional())
    expect(unknown.region).toBeNull()
    // nothing is stored for a region that does not exist
    expect((await pool.query(`SELECT count(*)::int AS n FROM "TransitionRegionTables" WHERE "regionId" = $1`, ['c00000000000000000000none'])).rows[0].n).toBe(0)
  })
})

describe('stored region tables: the next read after a change reflects it', () => {
  it('import, replacing a cohort, withdrawal, consent again, deletion and a write outside the app', async () => {
    const [a, b, c] = [await school(), await school(), await school()]
    await share(a, FIGURES(0))
    await share(b, FIGURES(1))
    const cDataset = await share(c, FIGURES(2))
    const before = await expectFresh()

    // an import into a shared dataset (a new cohort)
    await importInto(c, cDataset, ['2025;havo;hbo;70', '2025;vwo;wo;80'])
    const afterImport = await expectFresh()
    expect(afterImport.cohorts).toEqual([2023, 2024, 2025])
    expect(before.cohorts).toEqual([2023, 2024])

    // replacing a cohort with other figures
    await importInto(c, cDataset, FIGURES(9).filter((l) => l.startsWith('2024')), true)
    const afterReplace = await expectFresh()
    expect(afterReplace.indicators).not.toEqual(afterImport.indicators)

    // withdrawal: c no longer contributes (two schools left: below the contributor threshold of 3)
    const cc = await callerFor(c.staffId)
    await cc.transitions.setSharing({ datasetId: cDataset, sharing: 'PRIVATE' })
    const withdrawn = await expectFresh()
    expect(cell(withdrawn, 'HAVO', 'HBO')).toBe('protected')

    // consent again
    await cc.transitions.setSharing({ datasetId: cDataset, sharing: 'REGION', regionId })
    const again = await expectFresh()
    expect(again).toEqual(afterReplace)

    // a write that bypasses the app (a seed, a fix in SQL): the trigger still bumps the region's version
    await pool.query(`UPDATE "TransitionRow" SET "started" = "started" + 100, "enrolledAfterYear1" = "enrolledAfterYear1" + 100 WHERE "datasetId" = $1 AND "cohortYear" = 2024`, [cDataset])
    const patched = await expectFresh(true)
    expect(patched.indicators).not.toEqual(again.indicators)

    // deleting the dataset
    await cc.transitions.delete({ datasetId: cDataset })
    const deleted = await expectFresh()
    expect(deleted.cohorts).toEqual([2023, 2024])
    expect(cell(deleted, 'HAVO', 'HBO')).toBe('protected')
  })

  it('a dataset moved to another region changes both regions', async () => {
    const other = (await buildRegion(db)).id
    const [a, b, c] = [await school(), await school(), await school()]
    for (const [k, s] of [a, b, c].entries()) await share(s, FIGURES(k))
    await db.organisationRegion.create({ data: { organisationId: c.id, regionId: other } })
    const ds = (await db.transitionDataset.findFirst({ where: { organisationId: c.id }, select: { id: true } }))!.id
    await expectFresh()
    const otherBefore = await regionTables(db, other, regional())
    expect(otherBefore.set.cohorts).toEqual([])
    await (await callerFor(c.staffId)).transitions.setSharing({ datasetId: ds, sharing: 'REGION', regionId: other })
    await expectFresh()
    // both regions were refreshed after the commit
    const otherAfter = await regionTables(db, other, regional())
    expect(otherAfter.cached).toBe(true)
    expect(otherAfter.set.cohorts).toEqual([2023, 2024])
    expect(otherAfter.set).toEqual(await freshRegionTables(pool, other, regional()))
  })

  it('a set computed from a snapshot before a change is never served after it (concurrent read and import)', async () => {
    const [a, b, c] = [await school(), await school(), await school()]
    for (const [k, s] of [a, b, c].entries()) await share(s, FIGURES(k))
    const key = tablesKey(regional())
    // a reader takes its snapshot: the version and the contributions of then
    const reader = await pool.connect()
    let staleVersion: string
    let staleSet: Awaited<ReturnType<typeof freshRegionTables>>
    try {
      await reader.query('BEGIN ISOLATION LEVEL REPEATABLE READ')
      staleVersion = (await reader.query(`SELECT coalesce((SELECT "version" FROM "TransitionRegionVersion" WHERE "regionId" = $1), 0)::text AS v`, [regionId])).rows[0].v
      staleSet = await freshRegionTables(reader, regionId, regional())
      // meanwhile a fourth school's figures are written and committed (straight to the database: no refresh after it)
      const d = await school()
      const rows = FIGURES(5).map((l) => {
        const [year, track, dest, n] = l.split(';')
        return { cohortYear: Number(year), originBrin: d.brin, originVestiging: '00', originTrack: track!.toUpperCase() as 'HAVO', destinationSector: dest!.toUpperCase() as 'HBO', started: Number(n), enrolledAfterYear1: Number(n), switched: 1, droppedOut: 0, diplomaNominal: 0 }
      })
      await db.transitionDataset.create({ data: { organisationId: d.id, source: 'NCO', description: 'Doorstroom', sharing: 'REGION', regionId, rows: { create: rows } } })
      await reader.query('COMMIT')
    } finally {
      reader.release()
    }
    expect(staleSet).not.toEqual(await freshRegionTables(pool, regionId, regional()))
    // the reader stores what it computed, for the version it read
    await storeRegionTables(pool, regionId, key, staleVersion, staleSet)
    const next = await regionTables(db, regionId, regional())
    expect(next.cached).toBe(false)
    expect(next.set).toEqual(await freshRegionTables(pool, regionId, regional()))
    // and a late stale store never replaces the newer set
    await storeRegionTables(pool, regionId, key, staleVersion, staleSet)
    const again = await regionTables(db, regionId, regional())
    expect(again.cached).toBe(true)
    expect(again.set).toEqual(next.set)
  })

  it('a change not yet committed is not seen, and is seen right after its commit', async () => {
    const [a, b, c] = [await school(), await school(), await school()]
    for (const [k, s] of [a, b, c].entries()) await share(s, FIGURES(k))
    const before = await expectFresh()
    const ds = (await db.transitionDataset.findFirst({ where: { organisationId: a.id }, select: { id: true } }))!.id
    const writer = await pool.connect()
    try {
      await writer.query('BEGIN')
      await writer.query(`UPDATE "TransitionDataset" SET "sharing" = 'PRIVATE', "regionId" = NULL WHERE "id" = $1`, [ds])
      // a read meanwhile: the committed data, from the store
      const during = await regionTables(db, regionId, regional())
      expect(during.cached).toBe(true)
      expect(reportView(during.set, regional())).toEqual(reportView(await freshRegionTables(pool, regionId, regional()), regional()))
      await writer.query('COMMIT')
    } finally {
      writer.release()
    }
    const after = await expectFresh(true)
    expect(after).not.toEqual(before)
  })
})

describe('stored region tables: disclosure settings', () => {
  it('each setting is part of the key: other settings compute anew and never read a set stored under others', async () => {
    const base = disclosure()
    const keys = new Set(
      [base, { ...base, minContributors: base.minContributors + 1 }, { ...base, dominance: 0.7 }, { ...base, threshold: 10 }, { ...base, minPercent: 10 }, { ...base, maxPercent: 90 }].map((rules) =>
        tablesKey({ kind: 'aggregate', rules }),
      ),
    )
    expect(keys.size).toBe(6)

    const schools = [await school(), await school(), await school()]
    for (const [k, s] of schools.entries()) await share(s, FIGURES(k))
    await expectFresh()
    // TRANSITIONS_MIN_CONTRIBUTORS=4: three schools are too few now — not the stored set of the default rules
    const stricter: RegionProtection = { kind: 'aggregate', rules: { ...base, minContributors: 4 } }
    const first = await regionTables(db, regionId, stricter)
    expect(first.cached).toBe(false)
    expect(first.set).toEqual(await freshRegionTables(pool, regionId, stricter))
    expect(first.set.indicators.every((i) => i.started === 'protected')).toBe(true)
    expect((await regionTables(db, regionId, stricter)).cached).toBe(true)
    // TRANSITIONS_DOMINANCE=50: likewise
    const dominance: RegionProtection = { kind: 'aggregate', rules: { ...base, dominance: 0.5 } }
    expect((await regionTables(db, regionId, dominance)).cached).toBe(false)
    expect((await regionTables(db, regionId, dominance)).set).toEqual(await freshRegionTables(pool, regionId, dominance))
  })
})
