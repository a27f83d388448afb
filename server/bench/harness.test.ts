import { describe, expect, it } from 'vitest'
import { benchFailures, readmeTable, replaceReadmeTable, sameRows } from './harness.ts'

describe('bench harness', () => {
  it('--write-readme replaces only what lies between the markers', () => {
    const readme = 'intro\n<!-- bench:start (written by `npm run bench -- --write-readme`) -->\n| old |\n<!-- bench:end -->\noutro\n'
    const table = readmeTable([
      { name: 'x | y', n: 3, p50: 1234.56, p95: 2000, floorP95: 500, handlerP95: 750, notes: { rows: 50, plan: 'ok' } },
      { name: 'z', n: 1, p50: 1, p95: 2 },
    ])
    const out = replaceReadmeTable(readme, table)
    expect(out).toBe(
      'intro\n<!-- bench:start (written by `npm run bench -- --write-readme`) -->\n' +
        '| benchmark | p50 ms | p95 ms | SQL floor p95 ms | p95 ratio | handler p95 ms (ratio) | notes |\n| --- | --- | --- | --- | --- | --- | --- |\n' +
        '| x \\| y | 1,234.6 | 2,000.0 | 500.0 | 4.0× | 750.0 (1.5×) | rows: 50; plan: ok |\n' +
        '| z | 1.0 | 2.0 |  |  |  |  |\n<!-- bench:end -->\noutro\n',
    )
    expect(replaceReadmeTable(out, table)).toBe(out) // idempotent
    expect(() => replaceReadmeTable('no markers', table)).toThrow(/markers/)
  })

  it('sameRows: equal multisets pass; a missing or extra row is a recorded failure', () => {
    const before = benchFailures.length
    expect(sameRows('a', ['1', '2', { k: 3 }], [{ k: 3 }, '2', '1'])).toBe(true)
    expect(benchFailures).toHaveLength(before)
    expect(sameRows('b', ['1', '2'], ['1', '2', '2'])).toBe(false)
    expect(sameRows('c', ['1', '3'], ['1', '2'])).toBe(false)
    expect(benchFailures.slice(before)).toEqual([
      'b: the app returned 2 rows, the floor 3; first difference: app -, floor -',
      'c: the app returned 2 rows, the floor 2; first difference: app 3, floor 2',
    ])
  })
})
