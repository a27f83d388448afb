import { describe, expect, it } from 'vitest'
import { countScores, meanOf, medianOf, roundDisclosure } from './distribution.ts'

describe('monitor distribution', () => {
  it('median of level counts (odd and even number of schools)', () => {
    expect(medianOf([0, 0, 0, 0])).toBeNull()
    expect(medianOf([1, 1, 1, 0])).toBe(2)
    expect(medianOf([0, 2, 0, 2])).toBe(3)
    expect(medianOf([3, 0, 0, 1])).toBe(1)
    expect(medianOf([0, 0, 1, 0])).toBe(3)
  })
  it('mean of level counts', () => {
    expect(meanOf([1, 1, 1, 1])).toBe(2.5)
    expect(meanOf([0, 0, 2, 1])).toBe(3.33)
  })
  it('suppresses fewer than 3 contributors, and 1 or 2 non-sharing contributors', () => {
    expect(roundDisclosure(2, 0)).toEqual({ shown: false, reason: 'fewSchools' })
    expect(roundDisclosure(3, 0)).toEqual({ shown: true })
    expect(roundDisclosure(4, 2)).toEqual({ shown: false, reason: 'sharing' })
    expect(roundDisclosure(4, 1)).toEqual({ shown: true })
    expect(roundDisclosure(3, 3)).toEqual({ shown: true })
  })
  it('counts scores per criterion code', () => {
    expect(countScores([{ code: 'a', score: 1 }, { code: 'a', score: 4 }, { code: 'b', score: 2 }])).toEqual({ a: [1, 0, 0, 1], b: [0, 1, 0, 0] })
  })
})
