import { describe, expect, it, vi } from 'vitest'
import { itNeedsPostgres } from './needs-postgres.ts'

/** On the embedded database a test that needs PostgreSQL is skipped visibly: a note with its reason, and its name says so. */
describe('itNeedsPostgres on the embedded database', () => {
  const saved = process.env.EMBEDDED_DATABASE
  process.env.EMBEDDED_DATABASE = '1'
  const info = vi.spyOn(console, 'info').mockImplementation(() => {})
  itNeedsPostgres('two sessions race', 'PGlite serves one session at a time', () => {
    throw new Error('ran on the embedded database')
  })
  const notes = info.mock.calls.map((c) => c.join(' '))
  info.mockRestore()
  if (saved === undefined) delete process.env.EMBEDDED_DATABASE
  else process.env.EMBEDDED_DATABASE = saved

  it('is skipped under a name that says so, and prints why', ({ task }) => {
    expect(task.suite!.tasks.map((t) => [t.name, t.mode])).toEqual([
      ['two sessions race [needs a PostgreSQL server; skipped on the embedded PGlite]', 'skip'],
      ['is skipped under a name that says so, and prints why', 'run'],
    ])
    expect(notes).toEqual(['[skipped on the embedded PGlite] two sessions race — PGlite serves one session at a time. Runs with DATABASE_URL (a PostgreSQL server).'])
  })
})
