/**
 * `npm run seed:national -- [--seed 42] [--scale 1] [--fresh] [--drop]`
 * Loads the national data set (100 regions, 2,000 organisations, 200,000 slots, 2,000,000 bookings, … at scale 1)
 * into DATABASE_URL, which must be an empty, migrated database; `--fresh` first creates a new migrated database on
 * DATABASE_URL's server (printed, kept for `npm run bench -- --national`, see server/bench/national/bench-database.ts)
 * and `--drop` drops it again at the end (timing runs). Prints the time per table and in total.
 */
import { loadavg, cpus } from 'node:os'
import { freshDatabase } from '../../db/fresh-database.ts'
import { seedNational } from './seed-national.ts'

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  const v = i === -1 ? fallback : Number(process.argv[i + 1])
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} wants a positive number`)
  return v
}

async function main() {
  const seed = Math.floor(option('seed', 42))
  const scale = option('scale', 1)
  if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL: the PostgreSQL server (e.g. postgresql://postgres@127.0.0.1:5432/postgres)')
  let url = process.env.DATABASE_URL
  let drop = async () => {}
  if (process.argv.includes('--fresh')) {
    ;({ url, drop } = await freshDatabase(url, 'overstap_national'))
    console.log(`fresh database: ${url}`)
  }
  try {
    const before = loadavg()
    const result = await seedNational(url, { seed, scale })
    console.log(`machine: ${cpus().length} cores, load average ${before.map((x) => x.toFixed(2)).join(' ')} before, ${loadavg().map((x) => x.toFixed(2)).join(' ')} after`)
    if (result.problems.length) process.exitCode = 1
  } finally {
    if (process.argv.includes('--drop')) {
      await drop()
      console.log('fresh database dropped')
    }
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
