/**
 * `npm run bench`: performance and load figures (not pass/fail timings). Runs each domain's benchmarks on a fresh
 * migrated database — on DATABASE_URL's server when set (use the real PostgreSQL: PGlite runs one transaction at a
 * time), otherwise on an embedded PGlite — and prints p50/p95 next to a bare-SQL floor, with ratios.
 *   npm run bench [-- <domain> ...] [--write-readme] [--national] [--lighthouse]
 * `--national` runs on the national data set (server/bench/national); `frontend` (first-load JS per route, from the
 * production build) runs when a build exists; `--lighthouse` adds Lighthouse figures (server/bench/lighthouse.ts).
 * `--write-readme` rewrites the table between README.md's `<!-- bench:start … -->` and `<!-- bench:end -->` markers
 * (nothing else) with the run's results. A failed check (app and floor returned different rows, a Seq Scan on a
 * large table in the app's own queries) is printed and makes the run exit 1, after all results.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { freshDatabase } from '../db/fresh-database.ts'
import type { BenchResult } from './harness.ts'

// Quiet: the outbox's mails (offers, confirmations) would print a JSON log line each; warnings and errors stay.
process.env.LOG_LEVEL ??= 'warn'
process.env.MAIL_OUTBOX_DIR ??= mkdtempSync(path.join(tmpdir(), 'overstap-bench-mail-'))

async function main() {
  const args = process.argv.slice(2)
  const writeReadme = args.includes('--write-readme')
  const only = args.filter((a) => !a.startsWith('--'))
  // --national: the national data set (server/bench/national) under the benchmarks, which measure its largest region.
  const national = args.includes('--national') ? await (await import('./national/bench-database.ts')).nationalDatabase(process.env.DATABASE_URL!) : null
  const { url, drop } = national ?? (await freshDatabase(process.env.DATABASE_URL!, 'overstap_bench'))
  process.env.DATABASE_URL = url
  // The planner's cost of a random page read: PostgreSQL's default 4 models spinning disks and makes it scan a
  // 50,000-row table rather than probe its primary key for a few hundred ids, which measures ~10× slower here.
  // 1.1 is the usual setting for SSDs / a cached working set (recommended for production too); set on the
  // bench database before any connection. BENCH_RANDOM_PAGE_COST=4 runs with the default.
  const randomPageCost = Number(process.env.BENCH_RANDOM_PAGE_COST ?? '1.1')
  {
    const c = new pg.Client({ connectionString: url })
    await c.connect()
    const { rows } = await c.query<{ d: string }>('SELECT current_database() AS d')
    await c.query(`ALTER DATABASE "${rows[0]!.d}" SET random_page_cost = ${randomPageCost}`)
    await c.end()
  }
  // The app's pool as deployed: the default size (2 × cores + 1, server/env.ts) unless DATABASE_POOL_MAX says
  // otherwise; the floor's bare pool has the same size. It was 20, then 10: on 2 cores more backends contend for the
  // same locks and CPU (rush: 2.8 against 2.4 ms PostgreSQL CPU per booking for the bare floor at 20 and 10
  // connections; 1.8–3.3 against 1.3–1.6 ms for the app at 10 and 5).

  const [{ db }, { env }] = await Promise.all([import('../db/client.ts'), import('../env.ts')])
  const { startServer, clientFactory, formatResults, readmeTable, replaceReadmeTable, benchFailures } = await import('./harness.ts')
  const all: BenchResult[] = []
  const domains = {
    calendar: async () => (await import('./calendar.ts')).benchCalendar,
    slots: async () => (await import('./slots.ts')).benchSlots,
    rush: async () => (await import('./rush.ts')).benchRush,
    registration: async () => (await import('./registration.ts')).benchRegistration,
    fund: async () => (await import('./fund.ts')).benchFund,
    transitions: async () => (await import('./transitions.ts')).benchTransitions,
    participation: async () => (await import('./participation.ts')).benchParticipation,
    home: async () => (await import('./home.ts')).benchHome,
    plan: async () => (await import('./plan.ts')).benchPlan,
    auth: async () => (await import('./auth.ts')).benchAuth,
    pgbouncer: async () => (await import('./pgbouncer.ts')).benchPgbouncer,
    'scale-out': async () => (await import('./scale-out.ts')).benchScaleOut,
    replica: async () => (await import('./replica.ts')).benchReplica,
  }
  const server = await startServer(db)
  const pool = new pg.Pool({ connectionString: url, max: env.DATABASE_POOL_MAX })
  const ctx = { db, pool, client: clientFactory(server.baseUrl), baseUrl: server.baseUrl, national: national?.tenants }
  try {
    console.log(`# Overstap benchmarks — ${new Date().toISOString()} — ${process.env.EMBEDDED_DATABASE ? 'embedded PGlite' : 'PostgreSQL'} — random_page_cost ${randomPageCost}\n`)
    if (national) console.log(`National data set ${national.source}; measured region ${national.tenants.regionSlug}: ${national.tenants.regionEvents.toLocaleString('en-US')} published events, ${national.tenants.regionSlots.toLocaleString('en-US')} slots.\n`)
    console.log('EXPLAIN check of the app\'s own queries: a Seq Scan on a table of ≥ 10,000 rows fails the run when no index serves the query (still scanned with enable_seqscan = off), or when the index plan runs ≥ 2× and ≥ 2 ms faster (EXPLAIN ANALYZE, best of 6, alternating); otherwise it is listed in the notes with both times.\n')
    for (const [name, load] of Object.entries(domains)) {
      if (only.length ? !only.includes(name) : name === 'replica') continue // replica: its own clusters, only when named
      let results: BenchResult[]
      try {
        results = await (await load())(ctx)
      } catch (err) {
        // Printed at once: the clean-up below drops the database, which ends any connection still open and could
        // crash the process before this error is reported.
        console.error(`Benchmark ${name} failed:`, err)
        throw err
      }
      if (!results.length) continue
      all.push(...results)
      console.log(`## ${name}\n\n${formatResults(results)}\n`)
    }
    // Front-end budgets from the production build when there is one; Lighthouse only with --lighthouse (slow).
    if (!only.length || only.includes('frontend')) {
      const { findBuild, routeWeights, formatWeights } = await import('./frontend.ts')
      const dist = findBuild()
      console.log(`## frontend\n\n${dist ? formatWeights(dist, routeWeights(dist)) : 'No production build (next build; NEXT_DIST_DIR for another dist dir): front-end budgets not measured.'}\n`)
    }
    if (args.includes('--lighthouse')) {
      const { lighthouseFigures, formatLighthouse } = await import('./lighthouse.ts')
      console.log(`## lighthouse\n\n${formatLighthouse(await lighthouseFigures(url))}\n`)
    }
    if (writeReadme) {
      const file = path.join(process.cwd(), 'README.md')
      writeFileSync(file, replaceReadmeTable(readFileSync(file, 'utf8'), readmeTable(all)))
      console.log(`README.md: benchmark table rewritten (${all.length} rows)`)
    }
    if (benchFailures.length) {
      console.error(`\nBENCHMARK FAILED (${benchFailures.length}):\n${benchFailures.map((f) => `  - ${f}`).join('\n')}`)
      process.exitCode = 1
    }
  } finally {
    await pool.end()
    await server.close()
    await db.$disconnect()
    // The imports' own pool (server/transitions/pg.ts) too: dropping the database would end its idle connections,
    // and a pool without an error listener crashes the process on that.
    await (await import('../transitions/pg.ts')).bulkPool().end()
    await drop()
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
