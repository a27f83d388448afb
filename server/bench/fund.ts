import type { BenchContext, BenchResult } from './harness.ts'

/** Benchmarks of the fund domain (filled in by the domain). */
export async function benchFund(_ctx: BenchContext): Promise<BenchResult[]> {
  return []
}
