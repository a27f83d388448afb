import { describe, expect, it } from 'vitest'
import { db } from './helpers.ts'
import { clockShiftDays } from './clock-shift.ts'

describe('clock-shift mode reaches PostgreSQL', () => {
  it('now() and clock_timestamp() of the test database agree with the JavaScript clock (both shifted alike)', async () => {
    const before = Date.now()
    const [row] = await db.$queryRaw<{ now: Date; clock: Date; real: Date }[]>`
      SELECT now() AS "now", clock_timestamp() AS "clock", pg_catalog.now() AS "real"`
    const after = Date.now()
    for (const t of [row!.now, row!.clock]) {
      expect(t.getTime()).toBeGreaterThan(before - 60_000)
      expect(t.getTime()).toBeLessThan(after + 60_000)
    }
    // pg_catalog's own function is the real clock: the shift is exactly the configured number of days
    expect(Math.round((row!.now.getTime() - row!.real.getTime()) / 86_400_000) + 0).toBe(clockShiftDays)
    // a plpgsql function (as triggers are) with an unqualified now() sees the same clock
    const t = await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION pg_temp.clock_check() RETURNS timestamptz LANGUAGE plpgsql AS 'BEGIN RETURN now(); END'`)
      const [r] = await tx.$queryRawUnsafe<{ t: Date }[]>('SELECT pg_temp.clock_check() AS "t"')
      return r!.t
    })
    expect(Math.abs(t.getTime() - row!.now.getTime())).toBeLessThan(60_000)
  })
})
