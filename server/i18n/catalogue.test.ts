import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { messages } from './messages/index.ts'
import { messageKey } from './keys.ts'

/**
 * Catalogue guard. The English catalogue is cast to the Dutch one's type (`as Messages`), so the compiler does
 * not notice a missing key: these tests do. Keys used in code are found by scanning server/**\/*.ts (not tests).
 */
const root = path.resolve(import.meta.dirname, '..')
const dir = (locale: string) => path.join(import.meta.dirname, 'messages', locale)

function flatten(tree: unknown, prefix = ''): string[] {
  if (tree === null || typeof tree !== 'object') return [prefix]
  return Object.entries(tree as Record<string, unknown>).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k))
}
const keysOf = (locale: 'nl' | 'en') => new Set(flatten(messages[locale]))

function sourceFiles(d: string): string[] {
  return readdirSync(d, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(d, e.name)
    if (e.isDirectory()) return e.name === 'generated' || e.name === 'node_modules' ? [] : sourceFiles(p)
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : []
  })
}
const sources = sourceFiles(root).map((file) => ({ file: path.relative(root, file), text: readFileSync(file, 'utf8') }))

/** All matches of `re` (first group) per file, as "file: key". */
function used(re: RegExp): { where: string; key: string }[] {
  return sources.flatMap(({ file, text }) => [...text.matchAll(re)].map((m) => ({ where: file, key: m[1]! })))
}

describe('message catalogues', () => {
  it('nl and en have the same domain files, and each pair has exactly the same keys', () => {
    const files = readdirSync(dir('nl')).filter((f) => f.endsWith('.json')).sort()
    expect(readdirSync(dir('en')).filter((f) => f.endsWith('.json')).sort()).toEqual(files)
    expect(files.length).toBeGreaterThanOrEqual(2)
    for (const f of files) {
      const nl = flatten(JSON.parse(readFileSync(path.join(dir('nl'), f), 'utf8'))).sort()
      const en = flatten(JSON.parse(readFileSync(path.join(dir('en'), f), 'utf8'))).sort()
      expect({ file: f, onlyNl: nl.filter((k) => !en.includes(k)), onlyEn: en.filter((k) => !nl.includes(k)) }).toEqual({ file: f, onlyNl: [], onlyEn: [] })
    }
  })

  it("every 'v.<key>' / 'k.<key>' message used in server code exists in nl and en", () => {
    const found = used(/['"`]([vk]\.[A-Za-z][\w.]*)['"`]/g)
    expect(found.length).toBeGreaterThan(20)
    const [nl, en] = [keysOf('nl'), keysOf('en')]
    const missing = found.map(({ where, key }) => ({ where, key, full: messageKey(key)! })).filter(({ full }) => !nl.has(full) || !en.has(full))
    expect(missing).toEqual([])
  })

  it('every error key thrown through the typed errors (AppError, forbidden, notFound, conflict, invalid) exists in nl and en', () => {
    const found = [
      ...used(/new AppError\(\s*'[A-Z_]+'\s*,\s*'([\w.]+)'/g),
      ...used(/\b(?:forbidden|notFound|conflict|invalid)\(\s*'([\w.]+)'/g),
      // the defaults in server/lib/errors.ts
      ...['forbidden', 'notFound', 'conflict', 'databaseUnavailable'].map((key) => ({ where: 'server/lib/errors.ts', key })),
    ]
    expect(found.length).toBeGreaterThan(20)
    const [nl, en] = [keysOf('nl'), keysOf('en')]
    // server/api/error-response.ts resolves an error key as "errors.<key>" first, then as the key itself
    const resolves = (keys: Set<string>, key: string) => keys.has(`errors.${key}`) || keys.has(key)
    expect(found.filter(({ key }) => !resolves(nl, key) || !resolves(en, key))).toEqual([])
  })

  it('the audit log reads every action and item type written in server code (no raw English verb or table name)', () => {
    // app/(app)/admin/audit shows "<domain> · <verb>" from an action's last segment and the item type's label
    const verbs = used(/\baction: ['`][a-z]\w*(?:\.\w+)*\.(\w+)['`]/g)
    const entities = used(/\bentityType: ['`]([A-Z]\w+)['`]/g)
    expect(verbs.length).toBeGreaterThan(20)
    expect(entities.length).toBeGreaterThan(20)
    const [nl, en] = [keysOf('nl'), keysOf('en')]
    const missing = [...verbs.map(({ where, key }) => ({ where, key: `admin.audit.verbs.${key}` })), ...entities.map(({ where, key }) => ({ where, key: `admin.audit.entities.${key}` }))]
    expect(missing.filter(({ key }) => !nl.has(key) || !en.has(key))).toEqual([])
  })
})
