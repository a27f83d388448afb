/**
 * Clock-shift mode (`npm run test:clock-shift`, or OVERSTAP_CLOCK_SHIFT_DAYS=<n> on any vitest run): every test
 * file sees `new Date()` / `Date.now()` that many days ahead, so a test with a fixed date that will become the
 * past (a "time bomb") fails today instead of on the day it goes off.
 *
 * Only "now" moves: `Date` is replaced by a constructor whose no-argument form and `Date.now()` add the
 * shift and which otherwise is the native Date (same prototype) (it keeps ticking; setTimeout, intervals and PostgreSQL/network
 * I/O run on real timers). vi.useFakeTimers({ toFake: ['Date'] }) was tried first: its fake Date has its own
 * prototype, which broke @date-fns/tz's Amsterdam conversion (2 h off): a false alarm, not a time bomb.
 * Not shifted: PostgreSQL's now() (the app decides nothing by it: every deadline is compared with a JavaScript
 * `now`, which services take as a parameter). A child process a test spawns shifts its clock the same way when
 * started with `--import ./server/test/clock-shift.ts` (the variable is inherited), as the slots cross-process test does.
 */
export const clockShiftDays = Number(process.env.OVERSTAP_CLOCK_SHIFT_DAYS ?? 0)

if (!Number.isFinite(clockShiftDays)) throw new Error(`OVERSTAP_CLOCK_SHIFT_DAYS must be a number of days, got ${process.env.OVERSTAP_CLOCK_SHIFT_DAYS}`)
if (clockShiftDays !== 0) {
  const NativeDate = globalThis.Date
  const shiftMs = clockShiftDays * 86_400_000
  // A constructor that shares the native prototype: libraries that copy Date.prototype's methods when they load
  // (@date-fns/tz's TZDate does) still find all of them.
  function ShiftedDate(this: unknown, ...args: unknown[]) {
    if (!new.target) return new NativeDate(NativeDate.now() + shiftMs).toString()
    return Reflect.construct(NativeDate, args.length ? args : [NativeDate.now() + shiftMs], new.target) as Date
  }
  ShiftedDate.prototype = NativeDate.prototype
  ShiftedDate.now = () => NativeDate.now() + shiftMs
  ShiftedDate.parse = NativeDate.parse
  ShiftedDate.UTC = NativeDate.UTC
  globalThis.Date = ShiftedDate as unknown as DateConstructor
}
