/**
 * The database of `npm run bench -- --national`: a fresh migrated database holding the national data set, dropped
 * after the run. Either seeded here (BENCH_NATIONAL_SEED, default 42; BENCH_NATIONAL_SCALE, default 1), or — to
 * skip the load on repeated runs — copied from a database that `npm run seed:national -- --fresh` left behind
 * (BENCH_NATIONAL_TEMPLATE=<its name>; CREATE DATABASE … TEMPLATE copies its files, then pending migrations are
 * applied). The benchmarks add their own tenants on top and measure the largest region of the national set where
 * they read one (BenchContext.national).
 */
import pg from 'pg'
import { freshDatabase } from '../../db/fresh-database.ts'
import { largestRegion, seedNational, type NationalTenants } from './seed-national.ts'

export async function nationalDatabase(baseUrl: string): Promise<{ url: string; drop: () => Promise<void>; tenants: NationalTenants; source: string }> {
  if (process.env.EMBEDDED_DATABASE) throw new Error('--national needs the real PostgreSQL: set DATABASE_URL (PGlite holds one region, not a country)')
  const template = process.env.BENCH_NATIONAL_TEMPLATE
  let url: string
  let drop: () => Promise<void>
  let source: string
  if (template) {
    const t = performance.now()
    ;({ url, drop } = await freshDatabase(baseUrl, 'overstap_bench_national', template))
    source = `copied from database ${template} in ${((performance.now() - t) / 1000).toFixed(1)} s`
  } else {
    ;({ url, drop } = await freshDatabase(baseUrl, 'overstap_bench_national'))
    const seed = Number(process.env.BENCH_NATIONAL_SEED ?? '42')
    const scale = Number(process.env.BENCH_NATIONAL_SCALE ?? '1')
    const result = await seedNational(url, { seed, scale }, () => {})
    if (result.problems.length) {
      await drop()
      throw new Error(`national data set failed its checks: ${result.problems.join('; ')}`)
    }
    source = `seeded (seed ${seed}, scale ${scale}) in ${(result.totalMs / 1000).toFixed(1)} s: ${result.timings.map((t) => `${t.table} ${(t.ms / 1000).toFixed(1)} s`).join(', ')}`
  }
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return { url, drop, tenants: await largestRegion(client), source }
  } finally {
    await client.end()
  }
}

/**
 * The national tenants of a benchmark context (`--national`), or null in small mode. index.ts passes the whole
 * NationalTenants object as BenchContext.national (whose type names only what every benchmark reads).
 */
export const nationalTenants = (ctx: { national?: { regionId: string } }): NationalTenants | null => (ctx.national as NationalTenants | undefined) ?? null
