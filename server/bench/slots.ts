import type { BenchContext, BenchResult } from './harness.ts'

/** Benchmarks of the slots domain (filled in by the domain). */
export async function benchSlots(_ctx: BenchContext): Promise<BenchResult[]> {
  return []
}
