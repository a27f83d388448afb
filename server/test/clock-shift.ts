import { vi } from 'vitest'

/**
 * Clock-shift mode (`npm run test:clock-shift`, or OVERSTAP_CLOCK_SHIFT_DAYS=<n> on any vitest run): every test
 * file sees `new Date()` / `Date.now()` that many days ahead, so a test with a fixed date that will become the
 * past (a "time bomb") fails today instead of on the day it goes off. Only `Date` is faked and it keeps
 * ticking with real time: setTimeout, intervals and the PostgreSQL/network I/O keep running on real timers.
 * PostgreSQL's own now() is not shifted (see clockShiftDays in the README's test section).
 */
export const clockShiftDays = Number(process.env.OVERSTAP_CLOCK_SHIFT_DAYS ?? 0)

if (!Number.isFinite(clockShiftDays)) throw new Error(`OVERSTAP_CLOCK_SHIFT_DAYS must be a number of days, got ${process.env.OVERSTAP_CLOCK_SHIFT_DAYS}`)
if (clockShiftDays !== 0) {
  vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + clockShiftDays * 86_400_000, shouldAdvanceTime: true })
}
