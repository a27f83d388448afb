import { env } from '../env.ts'
import { defaultDisclosure, type DisclosureConfig } from './suppression.ts'

/**
 * Disclosure thresholds from TRANSITIONS_DISCLOSURE ("threshold,minPercent,maxPercent"; default "5,5,95").
 */
export function disclosure(): DisclosureConfig {
  const [threshold, minPercent, maxPercent] = env.TRANSITIONS_DISCLOSURE.split(',').map(Number)
  if (threshold === undefined || minPercent === undefined || maxPercent === undefined) return defaultDisclosure
  return { threshold, minPercent, maxPercent }
}
