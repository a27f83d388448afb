import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * "The visitor's locale, else Dutch" is one rule: pickLocale (server/i18n/config.ts). A page's or action's own
 * `isLocale(l) ? l : defaultLocale` would drift from it (as the public forms' actions and the slot booking's result
 * did); this scans the application's source for one.
 */
const root = path.resolve(import.meta.dirname, '../..')
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) return ['node_modules', 'generated', '.next'].includes(e.name) ? [] : sources(p)
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : []
  })
}

describe('the locale rule', () => {
  it('is written once: nothing but pickLocale falls back to defaultLocale by isLocale', () => {
    const own = /isLocale\(\s*([\w.]+)\s*\)\s*\?\s*\1\s*:\s*defaultLocale/
    const found = ['app', 'components', 'server']
      .flatMap((d) => sources(path.join(root, d)))
      .filter((f) => path.relative(root, f) !== path.join('server', 'i18n', 'config.ts') && own.test(readFileSync(f, 'utf8')))
      .map((f) => path.relative(root, f))
    expect(found).toEqual([])
  })
})
