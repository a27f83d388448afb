import { env } from '../env.ts'
import { defaultRules, type DisclosureRules } from './disclosure.ts'

/**
 * Disclosure rules: TRANSITIONS_DISCLOSURE ("threshold,minPercent,maxPercent"; default "5,5,95"), and for figures
 * over several organisations TRANSITIONS_MIN_CONTRIBUTORS (default 3) and TRANSITIONS_DOMINANCE (percent, default 85).
 */
export function disclosure(): DisclosureRules {
  const [threshold, minPercent, maxPercent] = env.TRANSITIONS_DISCLOSURE.split(',').map(Number)
  const base = threshold === undefined || minPercent === undefined || maxPercent === undefined ? defaultRules : { threshold, minPercent, maxPercent }
  return { ...base, minContributors: env.TRANSITIONS_MIN_CONTRIBUTORS, dominance: env.TRANSITIONS_DOMINANCE / 100 }
}
