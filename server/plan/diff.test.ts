import { describe, expect, it } from 'vitest'
import { diffSnapshots, realChanges, sameJson, type Change, type PlanSnapshot } from './diff.ts'
import { goalStatus, statusOf, targetFor } from './status.ts'

const base: PlanSnapshot = {
  title: 'Plan',
  startYear: 2019,
  endYear: 2021,
  goals: [
    {
      id: 'g1', theme: 'ouders', title: 'Ouders betrekken', description: '', status: 'ACTIVE', organisations: ['A'], decision: null,
      indicators: [{ id: 'i1', name: 'Ouderavonden', kind: 'ACTIVITY', config: { metric: 'EVENTS' }, direction: 'HIGHER', baselineYear: 2018, baselineValue: 4, sourceNote: null, targets: { '2019': 6 } }],
    },
  ],
  agreements: [{ id: 'a1', party: 'VO', commitment: 'Twee meeloopdagen', owner: 'Decanen', dueDate: '2020-06-30', status: 'OPEN' }],
}

describe('plan diff', () => {
  it('lists nothing for equal snapshots and everything as added for the first version', () => {
    expect(diffSnapshots(base, structuredClone(base))).toEqual([])
    expect(diffSnapshots(null, base).map((c) => `${c.entity}:${c.kind}`)).toEqual(['goal:added', 'indicator:added', 'agreement:added'])
  })
  it('names changed fields with before and after, and removed items', () => {
    const next = structuredClone(base)
    next.goals[0]!.indicators[0]!.targets = { '2019': 6, '2020': 8 }
    next.goals[0]!.status = 'STOPPED'
    next.agreements = []
    expect(diffSnapshots(base, next)).toEqual([
      { entity: 'goal', label: 'Ouders betrekken', kind: 'changed', field: 'status', before: 'ACTIVE', after: 'STOPPED' },
      { entity: 'indicator', label: 'Ouders betrekken › Ouderavonden', kind: 'changed', field: 'targets', before: { '2019': 6 }, after: { '2019': 6, '2020': 8 } },
      { entity: 'agreement', label: 'Twee meeloopdagen', kind: 'removed', before: 'Twee meeloopdagen' },
    ])
  })
})

describe('plan diff of a stored snapshot (jsonb reorders object keys)', () => {
  /** The snapshot as PostgreSQL's jsonb gives it back: object keys shorter first, then bytewise (`note, year, decision`). */
  const asJsonb = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(asJsonb)
    if (v === null || typeof v !== 'object') return v
    const keys = Object.keys(v).sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0))
    return Object.fromEntries(keys.map((k) => [k, asJsonb((v as Record<string, unknown>)[k])]))
  }
  const withDecision = structuredClone(base)
  withDecision.goals[0]!.decision = { year: 2020, decision: 'CONTINUE', note: '' }
  withDecision.goals[0]!.indicators[0]!.config = { metric: 'EVENTS', type: 'OPEN_DAY' }

  it('lists no change for a goal decision or indicator configuration whose keys only come back in another order', () => {
    const stored = asJsonb(withDecision) as PlanSnapshot
    expect(Object.keys(stored.goals[0]!.decision!)).toEqual(['note', 'year', 'decision'])
    expect(diffSnapshots(stored, structuredClone(withDecision))).toEqual([])
    const next = structuredClone(withDecision)
    next.agreements[0]!.status = 'IN_PROGRESS'
    expect(diffSnapshots(stored, next)).toEqual([{ entity: 'agreement', label: 'Twee meeloopdagen', kind: 'changed', field: 'status', before: 'OPEN', after: 'IN_PROGRESS' }])
  })
  it('still sees a changed decision, array order and an added key', () => {
    const stored = asJsonb(withDecision) as PlanSnapshot
    const next = structuredClone(withDecision)
    next.goals[0]!.decision = { year: 2021, decision: 'CONTINUE', note: '' }
    next.goals[0]!.organisations = ['A', 'B']
    expect(diffSnapshots(stored, next).map((c) => c.field)).toEqual(['organisations', 'decision'])
    expect(sameJson(['a', 'b'], ['b', 'a'])).toBe(false)
    expect(sameJson({ a: 1 }, { a: 1, b: null })).toBe(false)
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true)
    expect(sameJson(null, {})).toBe(false)
    expect(sameJson([], {})).toBe(false)
  })
  it('drops the no-op "changes" of versions stored by the old diff', () => {
    const noop: Change = { entity: 'goal', label: 'Ouders betrekken', kind: 'changed', field: 'decision', before: { note: '', year: 2020, decision: 'CONTINUE' }, after: { year: 2020, decision: 'CONTINUE', note: '' } }
    const real: Change = { entity: 'agreement', label: 'Twee meeloopdagen', kind: 'changed', field: 'status', before: 'OPEN', after: 'IN_PROGRESS' }
    const added: Change = { entity: 'goal', label: 'Nieuw', kind: 'added', after: 'Nieuw' }
    expect(realChanges([noop, real, added])).toEqual([real, added])
  })
})

describe('plan status', () => {
  it('on track in the indicator’s direction, no data without actual or target; the latest earlier target applies', () => {
    expect(statusOf(10, 8, 'HIGHER')).toBe('ON_TRACK')
    expect(statusOf(7, 8, 'HIGHER')).toBe('BEHIND')
    expect(statusOf(7, 8, 'LOWER')).toBe('ON_TRACK')
    expect(statusOf(null, 8, 'LOWER')).toBe('NO_DATA')
    expect(statusOf(3, null, 'LOWER')).toBe('NO_DATA')
    expect(targetFor([{ year: 2019, value: 5 }, { year: 2021, value: 9 }], 2020)).toBe(5)
    expect(targetFor([{ year: 2019, value: 5 }], 2018)).toBeNull()
    expect(goalStatus(['ON_TRACK', 'BEHIND'])).toBe('BEHIND')
    expect(goalStatus(['NO_DATA', 'ON_TRACK'])).toBe('ON_TRACK')
    expect(goalStatus([])).toBe('NO_DATA')
  })
})
