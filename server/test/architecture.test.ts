/**
 * The layout's rules, checked on the real import graph (TypeScript's own pre-processor reads each file's imports):
 * - no import cycles between files,
 * - infrastructure folders know no domain (only the composition roots list the domains),
 * - server code imports no page or component,
 * - file names are kebab-case.
 */
import { describe, expect, it } from 'vitest'
import fs from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

const ROOT = path.resolve(import.meta.dirname, '../..')
const SOURCE_DIRS = ['server', 'app', 'components', 'e2e', 'prisma']
const IGNORED = [/node_modules/, /server\/db\/generated\//, /\.d\.ts$/]
const INFRASTRUCTURE = ['api', 'auth', 'db', 'mail', 'jobs', 'lib', 'i18n', 'storage']
/** Composition roots: the one place each lists the domains (routers, jobs). */
const COMPOSITION_ROOTS = ['server/api/root.ts', 'server/jobs/jobs.ts']

function walk(dir: string): string[] {
  const out: string[] = []
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name)
    if (IGNORED.some((re) => re.test(rel))) continue
    if (entry.isDirectory()) out.push(...walk(rel))
    else if (/\.(ts|tsx)$/.test(entry.name)) out.push(rel)
  }
  return out
}

const files = SOURCE_DIRS.flatMap(walk)
const known = new Set(files)

function resolveImport(from: string, spec: string): string | null {
  let base: string
  if (spec.startsWith('@/')) base = spec.slice(2)
  else if (spec.startsWith('.')) base = path.normalize(path.join(path.dirname(from), spec))
  else return null
  for (const suffix of ['', '.ts', '.tsx', '/index.ts', '/index.tsx']) if (known.has(base + suffix)) return base + suffix
  return null
}

const graph = new Map<string, string[]>(
  files.map((f) => {
    const info = ts.preProcessFile(fs.readFileSync(path.join(ROOT, f), 'utf8'), true, true)
    const deps = info.importedFiles.map((i) => resolveImport(f, i.fileName)).filter((d): d is string => !!d)
    return [f, [...new Set(deps)]]
  }),
)

function findCycles(): string[][] {
  const cycles: string[][] = []
  const state = new Map<string, 'active' | 'done'>()
  const stack: string[] = []
  const visit = (f: string) => {
    state.set(f, 'active')
    stack.push(f)
    for (const d of graph.get(f) ?? []) {
      if (state.get(d) === 'active') cycles.push([...stack.slice(stack.indexOf(d)), d])
      else if (!state.has(d)) visit(d)
    }
    stack.pop()
    state.set(f, 'done')
  }
  for (const f of files) if (!state.has(f)) visit(f)
  return cycles
}

const folderOf = (f: string) => (f.startsWith('server/') ? f.split('/')[1]! : null)
const isDomainFolder = (folder: string | null) =>
  !!folder && fs.statSync(path.join(ROOT, 'server', folder)).isDirectory() && ![...INFRASTRUCTURE, 'scripts', 'test', 'bench'].includes(folder)

describe('architecture', () => {
  it('reads the import graph', () => {
    expect(files.length).toBeGreaterThan(100)
    expect(graph.get('server/api/root.ts')).toContain('server/slots/router.ts')
  })

  it('has no import cycles', () => {
    expect(findCycles().map((c) => c.join(' → '))).toEqual([])
  })

  it('keeps infrastructure free of domains (except the composition roots)', () => {
    const leaks = files
      .filter((f) => INFRASTRUCTURE.includes(folderOf(f) ?? '') && !COMPOSITION_ROOTS.includes(f))
      .flatMap((f) => (graph.get(f) ?? []).filter((d) => isDomainFolder(folderOf(d))).map((d) => `${f} → ${d}`))
    expect(leaks).toEqual([])
  })

  it('keeps notifications free of other domains (every domain calls notify: an import back would be a cycle)', () => {
    const leaks = files
      .filter((f) => folderOf(f) === 'notifications' && !f.endsWith('.test.ts'))
      .flatMap((f) => (graph.get(f) ?? []).filter((d) => isDomainFolder(folderOf(d)) && folderOf(d) !== 'notifications').map((d) => `${f} → ${d}`))
    expect(leaks).toEqual([])
  })

  it('keeps server code out of pages and components (tests may call route handlers)', () => {
    const leaks = files
      .filter((f) => f.startsWith('server/') && !f.endsWith('.test.ts'))
      .flatMap((f) => (graph.get(f) ?? []).filter((d) => d.startsWith('app/') || d.startsWith('components/')).map((d) => `${f} → ${d}`))
    expect(leaks).toEqual([])
  })

  it('names files in kebab-case', () => {
    const bad = files.filter((f) => !/^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+)*\.tsx?$/.test(path.basename(f)) && !/^\[/.test(path.basename(f)))
    expect(bad).toEqual([])
  })
})
