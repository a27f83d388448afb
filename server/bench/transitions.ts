import { Readable } from 'node:stream'
import v8 from 'node:v8'
import { runInNewContext } from 'node:vm'
import type { BenchContext, BenchResult } from './harness.ts'
import { captureQueries, compare, cpuPerCall, percentile } from './harness.ts'
import { buildOrganisation, buildRegion, buildUser } from '../db/factories.ts'
import { loadActor } from '../auth/actor.ts'
import { importCsv } from '../transitions/import.ts'
import { MAX_IMPORT_BYTES } from '../transitions/csv.ts'
import { DESTINATIONS, ORIGIN_TRACKS, type ImportOptions } from '../transitions/schema.ts'
import { nationalTenants } from './national/bench-database.ts'

const HEADER = 'cohort;brin;vestiging;leerweg;bestemming;crebo;gestart;ingeschreven_na_jaar_1;geswitcht;uitgevallen;diploma_nominaal\n'
const mapping = {
  cohortYear: 'cohort',
  originBrin: 'brin',
  originVestiging: 'vestiging',
  originTrack: 'leerweg',
  destinationSector: 'bestemming',
  programmeCode: 'crebo',
  started: 'gestart',
  enrolledAfterYear1: 'ingeschreven_na_jaar_1',
  switched: 'geswitcht',
  droppedOut: 'uitgevallen',
  diplomaNominal: 'diploma_nominaal',
}

/** A CSV of `n` unique rows, generated while it is read (the file is never in memory as a whole). */
function generatedCsv(n: number, brin: string): Readable {
  const chunk = 2000
  return Readable.from(
    (function* () {
      yield Buffer.from(HEADER)
      for (let start = 0; start < n; start += chunk) {
        let s = ''
        for (let i = start; i < Math.min(n, start + chunk); i++) {
          const started = 5 + (i % 40)
          s += `${2020 + (i % 4)};${brin};00;${ORIGIN_TRACKS[(i >> 2) % 9]};${DESTINATIONS[Math.floor(i / 36) % 5]};${10000 + Math.floor(i / 180)};${started};${started - 2};1;1;${i % 5}\n`
        }
        yield Buffer.from(s)
      }
    })(),
  )
}

/** A full garbage collection (exposed at run time), so that live memory can be told from garbage not yet collected. */
function collector(): () => void {
  v8.setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as () => void
}

/**
 * Runs fn while sampling memory: the peak of the live heap after a full collection (what the import holds on to)
 * and the peak resident set size (which includes garbage and buffers), both above their level before.
 */
async function measured(fn: () => Promise<unknown>) {
  const gc = collector()
  gc()
  const base = process.memoryUsage()
  let peakRss = base.rss
  let peakLive = base.heapUsed
  const rss = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20)
  const live = setInterval(() => {
    gc()
    peakLive = Math.max(peakLive, process.memoryUsage().heapUsed)
  }, 250)
  const t0 = performance.now()
  await fn()
  const ms = performance.now() - t0
  clearInterval(rss)
  clearInterval(live)
  const mb = (b: number) => (b / 1024 / 1024).toFixed(1)
  return { ms, liveMb: mb(peakLive - base.heapUsed), rssMb: mb(peakRss - base.rss) }
}

/** Benchmarks of the transitions domain: the streaming import (time, memory) and the region report over 200,000 rows. */
export async function benchTransitions(ctx: BenchContext): Promise<BenchResult[]> {
  const { db, pool } = ctx
  const region = await buildRegion(db)
  const school = await buildOrganisation(db, { regionIds: [region.id], sector: 'VO' })
  const staff = await buildUser(db, { roles: [{ role: 'ORG_STAFF', organisationId: school.id }] })
  const coordinator = await buildUser(db, { roles: [{ role: 'REGION_COORDINATOR', regionId: region.id }] })
  const actor = (await loadActor(db, staff.id))!
  const results: BenchResult[] = []

  // --national: the large import is 1,000,000 rows (issue #17: flat memory, rows/s). Such a file (≈ 57 MB) is over
  // the upload limit of a web import (MAX_IMPORT_BYTES, 50 MB), so the bench raises the byte limit for it.
  const large = ctx.national ? 1_000_000 : 100_000
  // BENCH_TRANSITIONS_REPORT_ONLY=1 skips the imports (for iterating on the region report; the full run measures both).
  for (const n of process.env.BENCH_TRANSITIONS_REPORT_ONLY === '1' ? [] : [10_000, large]) {
    // One source per size: the import refuses a second dataset of the same source with overlapping cohorts.
    const ds = await db.transitionDataset.create({ data: { organisationId: school.id, source: n === 10_000 ? 'OWN' : 'DUO', description: `bench ${n}` } })
    const opts: ImportOptions = { datasetId: ds.id, encoding: 'utf-8', delimiter: ';', headerLine: 1, mapping, replace: false }
    const m = await measured(() => importCsv(db, actor, opts, generatedCsv(n, school.brin), { maxBytes: 4 * MAX_IMPORT_BYTES }))
    const rows = await db.transitionRow.count({ where: { datasetId: ds.id } })
    results.push({
      name: `import ${n.toLocaleString('en')} rows (CSV → one transaction)`,
      n: 1,
      p50: m.ms,
      p95: m.ms,
      notes: { rows, 'rows/s': Math.round(rows / (m.ms / 1000)), 'live heap peak +MB': m.liveMb, 'rss peak +MB': m.rssMb },
    })
  }

  // 200,000 rows shared with the region: 20 schools × 10,000 rows, written with plain SQL. --national: the region
  // report of the national data set's largest region instead (its schools' shared datasets among the 200,000 rows
  // of all 100 regions), read by its coordinator; the imports above keep their own school.
  const nat = nationalTenants(ctx)
  const reportRegion = nat?.regionId ?? region.id
  if (!nat) {
    for (let k = 0; k < 20; k++) {
      const org = await buildOrganisation(db, { regionIds: [region.id], sector: 'VO' })
      const ds = await db.transitionDataset.create({ data: { organisationId: org.id, source: 'NCO', description: `regio ${k}`, sharing: 'REGION', regionId: region.id } })
      await pool.query(
        `INSERT INTO "TransitionRow" ("datasetId","cohortYear","originBrin","originVestiging","originTrack","destinationSector","programmeCode","started","enrolledAfterYear1","switched","droppedOut","diplomaNominal")
         SELECT $1, 2016 + (i % 8), $2, '00', (enum_range(NULL::"TransitionOriginTrack"))[1 + (i / 8) % 9], (enum_range(NULL::"TransitionDestination"))[1 + (i / 72) % 5], (10000 + i / 360)::text, 3 + i % 50, 2 + i % 48, i % 3, i % 2, i % 4
         FROM generate_series(0, 9999) AS i`,
        [ds.id, org.brin],
      )
    }
    await pool.query('ANALYZE "TransitionRow"')
    await pool.query('ANALYZE "TransitionDataset"')
  }
  const client = ctx.client(nat?.coordinatorId ?? coordinator.id)
  const floorSql = `SELECT r."cohortYear", r."originTrack", r."destinationSector", sum(r."started"), sum(r."enrolledAfterYear1"), sum(r."switched"), sum(r."droppedOut"), sum(r."diplomaNominal")
    FROM "TransitionRow" r JOIN "TransitionDataset" d ON d."id" = r."datasetId" WHERE d."regionId" = $1 AND d."sharing" = 'REGION' GROUP BY 1, 2, 3`
  const { rows: counted } = await pool.query(`SELECT count(*)::int AS n FROM "TransitionRow" r JOIN "TransitionDataset" d ON d."id" = r."datasetId" WHERE d."regionId" = $1 AND d."sharing" = 'REGION'`, [reportRegion])
  const regional = await compare(
    nat ? `region flow + indicators, largest national region (${counted[0].n.toLocaleString('en-US')} shared rows; suppressed, over HTTP)` : 'region flow + indicators, 200,000 rows (suppressed, over HTTP)',
    () => client.transitions.report.query({ regionId: reportRegion }),
    () => pool.query(floorSql, [reportRegion]),
    30,
  )
  // The protected table set is stored per region and data version (server/transitions/region-tables.ts): a read is
  // one statement. The first read after a change computes it (contributions, disclosure control, store): timed apart.
  const report = () => client.transitions.report.query({ regionId: reportRegion })
  const { queries } = await captureQueries(report)
  const cold: number[] = []
  for (let i = 0; i < 5; i++) {
    await pool.query('DELETE FROM "TransitionRegionTables" WHERE "regionId" = $1', [reportRegion])
    const t = performance.now()
    await report()
    cold.push(performance.now() - t)
  }
  const cpu = `app ${(await cpuPerCall(report)).toFixed(1)} ms, floor ${(await cpuPerCall(() => pool.query(floorSql, [reportRegion]))).toFixed(1)} ms (server + client, this process)`
  results.push({
    ...regional,
    notes: {
      rows: counted[0].n,
      statements: `${queries.length} (session+actor, the region's stored protected tables)`,
      firstReadAfterChange: `${percentile(cold, 50).toFixed(1)} ms (p50 of 5: contributions, disclosure control, store)`,
      cpuPerCall: cpu,
    },
  })
  return results
}
