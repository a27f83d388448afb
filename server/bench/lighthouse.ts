/**
 * Lighthouse figures (bench figures, not tests): performance and accessibility of the public region calendar, the
 * public slot search and a slot's booking page, median of 3 runs each (Lighthouse 12.2.3's default: mobile, simulated
 * throttling), driving /usr/bin/chromium headless. The pages are those of the region with the most published events
 * (the national set's largest region in national mode) and its first open slot.
 *   npx tsx server/bench/lighthouse.ts            (DATABASE_URL: the database the server reads)
 * Against LIGHTHOUSE_URL when set (a running production server on that database); otherwise it starts one on
 * PORT (default 3000) from the production build (NEXT_DIST_DIR, see ./frontend.ts) with server/scripts/serve.ts, and
 * stops it afterwards. Slow (about 20 s a run): `npm run bench -- --lighthouse` runs it only when asked.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import pg from 'pg'
import { findBuild } from './frontend.ts'

export const LIGHTHOUSE_TARGET = { performance: 95, accessibility: 100 } as const

export type LighthouseFigure = { page: string; path: string; performance: number; accessibility: number; runs: { performance: number; accessibility: number; lcpMs: number; tbtMs: number; benchmarkIndex: number }[]; failed: string[] }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

/** The three public pages of the busiest region with an open slot: calendar, slot search, booking page of its first open slot. */
export async function lighthousePages(databaseUrl: string): Promise<{ page: string; path: string }[]> {
  const c = new pg.Client({ connectionString: databaseUrl })
  await c.connect()
  try {
    // the busiest region that has a slot open for booking (so all three pages are measured)
    const region = (await c.query<{ id: string; slug: string }>(`
      SELECT g.id, g.slug FROM "Region" g JOIN "CalendarEventRegion" r ON r."regionId" = g.id AND r.decision = 'PUBLISHED'
      GROUP BY g.id, g.slug
      ORDER BY EXISTS (SELECT 1 FROM "Slot" s JOIN "OrganisationRegion" o ON o."organisationId" = s."organisationId" AND o."regionId" = g.id
                       WHERE s.status = 'PUBLISHED' AND s."bookingOpensAt" <= now() AND s."bookingClosesAt" > now() AND s."confirmedCount" < s.capacity) DESC,
               count(*) DESC, g.slug LIMIT 1`)).rows[0]
    if (!region) throw new Error('lighthouse: no region with published events in this database (seed it first, e.g. npm run seed:national)')
    const slot = (await c.query<{ id: string; brin: string }>(`
      SELECT s.id, o.brin FROM "Slot" s JOIN "Organisation" o ON o.id = s."organisationId"
      WHERE s."organisationId" IN (SELECT "organisationId" FROM "OrganisationRegion" WHERE "regionId" = $1)
        AND s.status = 'PUBLISHED' AND s."bookingOpensAt" <= now() AND s."bookingClosesAt" > now() AND s."confirmedCount" < s.capacity
      ORDER BY s."startsAt", s.id LIMIT 1`, [region.id])).rows[0]
    const pages = [
      { page: 'region calendar', path: `/regio/${region.slug}/agenda` },
      { page: 'slot search', path: `/regio/${region.slug}/proefstuderen` },
    ]
    if (slot) pages.push({ page: 'booking page', path: `/instelling/${slot.brin}/proefstuderen/${slot.id}` })
    return pages
  } finally {
    await c.end()
  }
}

function lighthouseRun(url: string): LighthouseFigure['runs'][number] {
  const cli = path.join(process.cwd(), 'node_modules', 'lighthouse', 'cli', 'index.js')
  const r = spawnSync(
    process.execPath,
    [cli, url, '--output=json', '--output-path=stdout', '--quiet', '--only-categories=performance,accessibility', '--chrome-flags=--headless=new --no-sandbox --disable-dev-shm-usage'],
    { env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 180_000 },
  )
  if (r.status !== 0) throw new Error(`lighthouse ${url}: exit ${r.status}\n${r.stderr?.slice(-2000)}`)
  const report = JSON.parse(r.stdout) as { categories: Record<string, { score: number | null }>; audits: Record<string, { numericValue?: number }>; environment?: { benchmarkIndex?: number } }
  return {
    performance: Math.round((report.categories.performance?.score ?? 0) * 100),
    accessibility: Math.round((report.categories.accessibility?.score ?? 0) * 100),
    lcpMs: Math.round(report.audits['largest-contentful-paint']?.numericValue ?? NaN),
    tbtMs: Math.round(report.audits['total-blocking-time']?.numericValue ?? NaN),
    // Lighthouse's own measure of this machine's CPU speed (higher is faster) under its fixed 4× CPU slowdown: runs on
    // different machines differ mostly by it (the same pages scored 97 and 84).
    benchmarkIndex: Math.round(report.environment?.benchmarkIndex ?? NaN),
  }
}

async function startServer(databaseUrl: string, port: number, distDir: string): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  const baseUrl = `http://127.0.0.1:${port}`
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/scripts/serve.ts', '-H', '127.0.0.1', '-p', String(port)], {
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: databaseUrl, NEXT_DIST_DIR: distDir, AUTH_URL: baseUrl, AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(24).toString('hex'), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const stop = () => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGTERM'))))
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`the production server exited (${child.exitCode})`)
    try {
      if ((await fetch(`${baseUrl}/api/health`)).status < 500) return { baseUrl, stop }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  await stop()
  throw new Error('the production server did not start within 120 s')
}

/** Runs Lighthouse `runs` times per page; starts (and stops) a production server unless LIGHTHOUSE_URL is given. */
export async function lighthouseFigures(databaseUrl: string, runs = 3): Promise<{ figures: LighthouseFigure[]; server: string } | { skipped: string }> {
  let baseUrl = process.env.LIGHTHOUSE_URL
  let stop = async () => {}
  let server = `LIGHTHOUSE_URL ${baseUrl}`
  if (!baseUrl) {
    const dist = findBuild()
    if (!dist) return { skipped: 'no production build (next build; NEXT_DIST_DIR for another dist dir)' }
    ;({ baseUrl, stop } = await startServer(databaseUrl, Number(process.env.PORT ?? 3000), path.basename(dist)))
    server = `production server from ${path.basename(dist)} on ${baseUrl}`
  }
  try {
    const pages = await lighthousePages(databaseUrl)
    for (const p of pages) await fetch(baseUrl + p.path) // warm: the first render compiles nothing in production, but fills caches
    const figures: LighthouseFigure[] = []
    for (const p of pages) {
      // A run that fails (e.g. Chrome's protocol timeout on an overloaded machine) is reported, not fatal.
      const r: LighthouseFigure['runs'] = []
      const failed: string[] = []
      for (let i = 0; i < runs; i++) {
        try {
          r.push(lighthouseRun(baseUrl + p.path))
        } catch (err) {
          failed.push((err as Error).message.split('\n').find((l) => /error/i.test(l)) ?? (err as Error).message.slice(0, 200))
        }
      }
      figures.push({ ...p, performance: r.length ? median(r.map((x) => x.performance)) : NaN, accessibility: r.length ? median(r.map((x) => x.accessibility)) : NaN, runs: r, failed })
    }
    return { figures, server }
  } finally {
    await stop()
  }
}

export function formatLighthouse(result: Awaited<ReturnType<typeof lighthouseFigures>>): string {
  if ('skipped' in result) return `Lighthouse not measured: ${result.skipped}.`
  const lines = [`Lighthouse 12.2.3 (mobile, simulated throttling), median of the runs, ${result.server}; targets: performance ≥ ${LIGHTHOUSE_TARGET.performance}, accessibility ${LIGHTHOUSE_TARGET.accessibility}.`, '', 'page | path | performance | accessibility | runs (perf/a11y, LCP ms, TBT ms, benchmarkIndex)', '--- | --- | --- | --- | ---']
  for (const f of result.figures) {
    const mark = (v: number, t: number) => `${v}${v < t ? ' (below target)' : ''}`
    lines.push(`${f.page} | ${f.path} | ${mark(f.performance, LIGHTHOUSE_TARGET.performance)} | ${mark(f.accessibility, LIGHTHOUSE_TARGET.accessibility)} | ${f.runs.map((r) => `${r.performance}/${r.accessibility}, ${r.lcpMs}, ${r.tbtMs}, ${r.benchmarkIndex}`).join('; ')}${f.failed.length ? `; ${f.failed.length} failed: ${f.failed.join(' / ')}` : ''}`)
  }
  return lines.join('\n')
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL: the database the server reads')
  console.log(formatLighthouse(await lighthouseFigures(process.env.DATABASE_URL, Number(process.env.LIGHTHOUSE_RUNS ?? 3))))
}
