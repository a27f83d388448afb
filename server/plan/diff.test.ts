import { describe, expect, it } from 'vitest'
import { diffSnapshots, type PlanSnapshot } from './diff.ts'
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
