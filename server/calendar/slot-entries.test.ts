import { describe, expect, it } from 'vitest'
import { AUDIENCE_LEVELS } from './schema.ts'
import { PUPIL_LEVELS } from '../slots/schema.ts'
import { audienceOfSlot, pupilLevelsFor, sectorsForTypes, slotEventType } from './slot-entries.ts'
import { decodeCursor, encodeCursor } from './cursor.ts'

describe('slots in calendar vocabulary', () => {
  it('pupil levels map to audience levels, MBO to every mbo level, OTHER to none', () => {
    expect(audienceOfSlot(['HAVO', 'VWO'])).toEqual(['havo', 'vwo'])
    expect(audienceOfSlot(['MBO', 'OTHER'])).toEqual(['mbo-1', 'mbo-2', 'mbo-3', 'mbo-4'])
    expect(audienceOfSlot(['VMBO_BB', 'VMBO_KB', 'VMBO_GT', 'VMBO_GT'])).toEqual(['vmbo-b', 'vmbo-k', 'vmbo-gt'])
  })

  it('every audience level is reached by exactly the pupil levels that map to it', () => {
    for (const level of AUDIENCE_LEVELS) for (const p of PUPIL_LEVELS) expect(pupilLevelsFor(level).includes(p)).toBe(audienceOfSlot([p]).includes(level))
    expect(pupilLevelsFor('mbo-3')).toEqual(['MBO'])
    expect(pupilLevelsFor('onbekend')).toEqual([])
  })

  it('mbo slots are meeloopdagen, hbo/wo slots proefstuderen; type filters pick sectors', () => {
    expect([slotEventType('MBO'), slotEventType('HBO'), slotEventType('WO')]).toEqual(['MEELOOPDAG', 'PROEFSTUDEREN', 'PROEFSTUDEREN'])
    expect(sectorsForTypes([])).toEqual(['MBO', 'HBO', 'WO'])
    expect(sectorsForTypes(['PROEFSTUDEREN'])).toEqual(['HBO', 'WO'])
    expect(sectorsForTypes(['OPEN_DAG', 'MEELOOPDAG'])).toEqual(['MBO'])
    expect(sectorsForTypes(['OPEN_DAG'])).toEqual([])
  })

  it('the list cursor round-trips and refuses anything else', () => {
    const row = { startsAt: new Date('2032-03-10T08:00:00Z'), id: 'cmx0abc123' }
    expect(decodeCursor(encodeCursor(row))).toEqual(row)
    for (const bad of ['', 'abc', '123_', '_abc', '1_a b', `1_${'a'.repeat(65)}`, '1_abc;drop']) expect(decodeCursor(bad)).toBeNull()
  })
})
