import type { BenchContext, BenchResult } from './harness.ts'

/** Benchmarks of the calendar domain (filled in by the domain). */
export async function benchCalendar(_ctx: BenchContext): Promise<BenchResult[]> {
  return []
}
