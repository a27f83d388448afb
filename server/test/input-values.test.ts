/**
 * The shared checks of dates, times and numbers in input (server/lib/zod.ts, server/lib/time.ts), through the
 * domains' own schemas: what an audit sent that passed before and was stored wrongly or answered with a 500.
 */
import { describe, expect, it } from 'vitest'
import { isLocalDate, zNum } from '../lib/zod.ts'
import { existsInAmsterdam } from '../lib/time.ts'
import { z } from 'zod'
import { ZSettingsInput, ZSlotDate } from '../slots/schema.ts'
import { ZCreateEventInput } from '../calendar/schema.ts'
import { ZListAuditInput } from '../tenancy/schema.ts'

const messages = (r: { success: boolean; error?: { issues: { message: string; path: PropertyKey[] }[] } }) => (r.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`)

describe('dates, times and numbers in input', () => {
  it('a day must exist: no 31 February, month 13 or day 0 (Date would roll them into another day), years 2000–2100', () => {
    for (const ok of ['2027-02-28', '2028-02-29', '2000-01-01', '2100-12-31']) expect(isLocalDate(ok)).toBe(true)
    for (const bad of ['2027-02-29', '2027-02-31', '2027-13-01', '2027-00-10', '2027-01-00', '2027-05-99', '9999-01-01', '1999-12-31', '2027-1-1', ' 2027-01-01', null, 20270101])
      expect(isLocalDate(bad)).toBe(false)
    expect(ZListAuditInput.safeParse({ to: '2026-13-40' }).success).toBe(false)
  })

  it('a time inside the hour the clock skips in spring does not exist; the repeated autumn hour does', () => {
    expect(existsInAmsterdam('2027-03-28', '02:30')).toBe(false)
    expect(existsInAmsterdam('2027-03-28', '03:00')).toBe(true)
    expect(existsInAmsterdam('2027-10-31', '02:30')).toBe(true)
    const slot = ZSlotDate.safeParse({ date: '2027-03-28', startTime: '02:30', endTime: '03:15', capacity: 10 })
    expect(messages(slot)).toEqual(['startTime: v.timeDoesNotExist'])
    const event = { title: 'Open dag', type: 'OPEN_DAG', organiserIds: ['o'], regionIds: ['r'], audienceLevels: ['havo'], startDate: '2027-03-28', startTime: '02:30', endDate: '2027-03-28', endTime: '04:00' }
    expect(messages(ZCreateEventInput.safeParse(event))).toEqual(['startTime: v.timeDoesNotExist'])
    // an impossible date is the date's own message, never a thrown error
    expect(messages(ZCreateEventInput.safeParse({ ...event, startDate: '2027-13-01', endDate: '2027-13-01' }))).toEqual(['startDate: k.calendar.validation.date', 'endDate: k.calendar.validation.date'])
  })

  it('numbers: numeric text and numbers are read; null, booleans, arrays and blank text are not 0', () => {
    const n = zNum(z.number().int().min(0))
    expect(n.parse('12')).toBe(12)
    expect(n.parse(' 7 ')).toBe(7)
    expect(n.parse(3)).toBe(3)
    for (const bad of [null, false, true, [], {}, '', '   ', 'abc']) expect(n.safeParse(bad).success).toBe(false)
    const settings = { maxActiveBookings: 3, limitScope: 'PROGRAMME', limitPeriodDays: 365, purgeAfterDays: 90, offerHoldHours: 24, pendingHoldMinutes: 60, maxPerSlotPerDomain: 5 }
    const base = ZSettingsInput.safeParse({ organisationId: 'o', ...settings })
    expect(messages(base)).toEqual([])
    expect(messages(ZSettingsInput.safeParse({ organisationId: 'o', ...settings, pendingHoldMinutes: null, maxPerSlotPerDomain: '   ' }))).toEqual(['pendingHoldMinutes: v.required', 'maxPerSlotPerDomain: v.required'])
  })
})
