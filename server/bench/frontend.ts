/**
 * Front-end budgets from the production build: first-load JavaScript per route, gzip-compressed, read from what
 * `next build` (Next 16, Turbopack) writes under the dist dir — build-manifest.json's `rootMainFiles` (the runtime
 * every page loads) plus, per route, the `entryJSFiles` of its layouts and page in
 * server/app/<route>/page_client-reference-manifest.js (the not-found / forbidden / unauthorized / global-error
 * entries are left out: loaded only when shown). Public pages ((public), sign-in, the landing page) have a budget of
 * 150 kB, signed-in pages ((app)) 250 kB.
 *   npx tsx server/bench/frontend.ts [--dist .next] [--all]
 * The dist dir: --dist, else NEXT_DIST_DIR, else .next, else the newest .next* holding a BUILD_ID.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import vm from 'node:vm'

export const BUDGET_KB = { public: 150, signedIn: 250 } as const

export type RouteWeight = { route: string; kind: 'public' | 'signedIn'; files: number; gzipKb: number; overBudget: boolean }

/** The dist dir to read, or null when there is no production build. */
export function findBuild(root = process.cwd(), wanted = process.env.NEXT_DIST_DIR): string | null {
  const has = (d: string) => existsSync(path.join(root, d, 'BUILD_ID')) && existsSync(path.join(root, d, 'build-manifest.json'))
  if (wanted) return has(wanted) ? path.join(root, wanted) : null
  if (has('.next')) return path.join(root, '.next')
  const builds = readdirSync(root)
    .filter((d) => d.startsWith('.next') && has(d))
    .sort((a, b) => statSync(path.join(root, b, 'BUILD_ID')).mtimeMs - statSync(path.join(root, a, 'BUILD_ID')).mtimeMs)
  return builds[0] ? path.join(root, builds[0]) : null
}

function manifests(dir: string): string[] {
  const out: string[] = []
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) out.push(...manifests(p))
    else if (e.name === 'page_client-reference-manifest.js') out.push(p)
  }
  return out
}

const ON_DEMAND = /\/(not-found|forbidden|unauthorized|global-error)$/

export function routeWeights(dist: string): RouteWeight[] {
  const build = JSON.parse(readFileSync(path.join(dist, 'build-manifest.json'), 'utf8')) as { rootMainFiles: string[] }
  const gz = new Map<string, number>()
  const size = (file: string) => {
    if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(path.join(dist, file))).length)
    return gz.get(file)!
  }
  const out: RouteWeight[] = []
  for (const file of manifests(path.join(dist, 'server', 'app'))) {
    // The manifest is a script that assigns globalThis.__RSC_MANIFEST[<route>/page]; run it in a sandbox.
    const sandbox = { globalThis: {} as Record<string, unknown>, self: {} }
    sandbox.self = sandbox.globalThis
    vm.runInNewContext(readFileSync(file, 'utf8'), sandbox)
    const all = (sandbox.globalThis.__RSC_MANIFEST ?? {}) as Record<string, { entryJSFiles?: Record<string, string[]> }>
    for (const [key, m] of Object.entries(all)) {
      const route = key.replace(/\/page$/, '').replace(/\/\([^)]+\)/g, '') || '/'
      if (route.startsWith('/_')) continue
      const kind = key.startsWith('/(app)/') ? 'signedIn' : 'public'
      const files = new Set(build.rootMainFiles)
      for (const [entry, chunks] of Object.entries(m.entryJSFiles ?? {})) if (!ON_DEMAND.test(entry)) for (const c of chunks) files.add(c)
      const gzipKb = [...files].reduce((a, f) => a + size(f), 0) / 1000
      out.push({ route, kind, files: files.size, gzipKb, overBudget: gzipKb > BUDGET_KB[kind] })
    }
  }
  return out.sort((a, b) => a.kind.localeCompare(b.kind) || b.gzipKb - a.gzipKb || a.route.localeCompare(b.route))
}

/** The budgets as printed lines (a markdown table), with the heaviest routes of each kind first. */
export function formatWeights(dist: string, weights: RouteWeight[], all = false): string {
  const buildId = readFileSync(path.join(dist, 'BUILD_ID'), 'utf8').trim()
  const built = statSync(path.join(dist, 'BUILD_ID')).mtime.toISOString()
  const lines = [`Production build ${path.basename(dist)} (BUILD_ID ${buildId}, ${built}): first-load JavaScript per route, gzip; budget ${BUDGET_KB.public} kB public, ${BUDGET_KB.signedIn} kB signed in.`, '', 'route | kind | JS files | first load kB gzip | budget', '--- | --- | --- | --- | ---']
  for (const kind of ['public', 'signedIn'] as const) {
    const ofKind = weights.filter((w) => w.kind === kind)
    const shown = all ? ofKind : ofKind.filter((w, i) => i < 5 || w.overBudget)
    for (const w of shown) lines.push(`${w.route} | ${kind === 'public' ? 'public' : 'signed in'} | ${w.files} | ${w.gzipKb.toFixed(1)} | ${w.overBudget ? `OVER ${BUDGET_KB[kind]}` : `≤ ${BUDGET_KB[kind]}`}`)
    if (shown.length < ofKind.length) {
      const rest = ofKind.slice(shown.length)
      lines.push(`(${rest.length} more ${kind === 'public' ? 'public' : 'signed-in'} routes) | | | ${Math.min(...rest.map((w) => w.gzipKb)).toFixed(1)}–${Math.max(...rest.map((w) => w.gzipKb)).toFixed(1)} | ≤ ${BUDGET_KB[kind]}`)
    }
  }
  const over = weights.filter((w) => w.overBudget)
  lines.push('', over.length ? `${over.length} of ${weights.length} routes over budget: ${over.map((w) => w.route).join(', ')}` : `all ${weights.length} routes within budget`)
  return lines.join('\n')
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--dist')
  const dist = findBuild(process.cwd(), i === -1 ? process.env.NEXT_DIST_DIR : process.argv[i + 1])
  if (!dist) {
    console.log('No production build (run `next build`, NEXT_DIST_DIR for another dist dir): front-end budgets not measured.')
  } else {
    const weights = routeWeights(dist)
    console.log(formatWeights(dist, weights, process.argv.includes('--all')))
    if (weights.some((w) => w.overBudget)) process.exitCode = 1
  }
}
