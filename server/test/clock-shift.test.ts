import { describe, expect, it } from 'vitest'
import { clockShiftDays } from './clock-shift.ts'
import { performance } from 'node:perf_hooks'

describe('clock-shift mode', () => {
  it('shifts Date by OVERSTAP_CLOCK_SHIFT_DAYS (0 by default) while real timers keep running', async () => {
    // performance.timeOrigin + now() is the real wall clock; Date is the (possibly shifted) one.
    const real = performance.timeOrigin + performance.now()
    const shiftedDays = Math.round((Date.now() - real) / 86_400_000) + 0
    expect(shiftedDays).toBe(clockShiftDays)
    expect(Math.round((new Date().getTime() - real) / 86_400_000) + 0).toBe(clockShiftDays)
    // a real timer still fires (pg and fetch depend on it)
    await expect(new Promise((r) => setTimeout(() => r('fired'), 1))).resolves.toBe('fired')
  })
})
