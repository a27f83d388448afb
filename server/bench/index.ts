/**
 * `npm run bench`: performance and load figures (not pass/fail timings). Runs each domain's benchmarks on a fresh
 * migrated database — on DATABASE_URL's server when set (use the real PostgreSQL: PGlite runs one transaction at a
 * time), otherwise on an embedded PGlite — and prints p50/p95 next to a bare-SQL floor, with ratios.
 *   npm run bench [-- <domain> ...]
 */
import pg from 'pg'
import { freshDatabase } from '../db/fresh-database.ts'

async function main() {
  const only = process.argv.slice(2)
  const { url, drop } = await freshDatabase(process.env.DATABASE_URL!, 'overstap_bench')
  process.env.DATABASE_URL = url
  process.env.DATABASE_POOL_MAX ??= '20'

  const { db } = await import('../db/client.ts')
  const { startServer, clientFactory, formatResults } = await import('./harness.ts')
  const domains = {
    calendar: async () => (await import('./calendar.ts')).benchCalendar,
    slots: async () => (await import('./slots.ts')).benchSlots,
    registration: async () => (await import('./registration.ts')).benchRegistration,
    fund: async () => (await import('./fund.ts')).benchFund,
    transitions: async () => (await import('./transitions.ts')).benchTransitions,
  }
  const server = await startServer(db)
  const pool = new pg.Pool({ connectionString: url, max: 10 })
  const ctx = { db, pool, client: clientFactory(server.baseUrl), baseUrl: server.baseUrl }
  try {
    console.log(`# Overstap benchmarks — ${new Date().toISOString()} — ${process.env.EMBEDDED_DATABASE ? 'embedded PGlite' : 'PostgreSQL'}\n`)
    for (const [name, load] of Object.entries(domains)) {
      if (only.length && !only.includes(name)) continue
      const results = await (await load())(ctx)
      if (!results.length) continue
      console.log(`## ${name}\n\n${formatResults(results)}\n`)
    }
  } finally {
    await pool.end()
    await server.close()
    await db.$disconnect()
    await drop()
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
