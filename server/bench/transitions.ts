import type { BenchContext, BenchResult } from './harness.ts'

/** Benchmarks of the transitions domain (filled in by the domain). */
export async function benchTransitions(_ctx: BenchContext): Promise<BenchResult[]> {
  return []
}
