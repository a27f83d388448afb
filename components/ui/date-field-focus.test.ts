import { describe, expect, it } from 'vitest'
import { partToFix } from './date-field.tsx'

/**
 * A refused date + time (react-hook-form's shouldFocusError through the Controller's `field.ref`, which the field
 * now takes) focuses the part to fix: "Inschrijving opent" with a date and no time focuses the time.
 */
describe('date + time field: focus after a refused submit', () => {
  it('goes to the date when it is empty or unreadable, else to a missing or unreadable time, else to the date', () => {
    expect(partToFix('2026-10-15', '')).toBe('time')
    expect(partToFix('2026-10-15', '25 uur')).toBe('time')
    expect(partToFix('', '14:30')).toBe('date')
    expect(partToFix('31-02', '14:30')).toBe('date')
    expect(partToFix('', '')).toBe('date')
    expect(partToFix('2020-01-01', '14:30')).toBe('date')
  })
})
