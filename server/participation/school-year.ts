import { fromAmsterdam, toAmsterdam } from '../lib/time.ts'

/** The school year (by its first calendar year) an instant falls in: 1 August – 31 July, Amsterdam time. */
export function schoolYearOf(instant: Date): number {
  const [y, m] = toAmsterdam(instant).date.split('-').map(Number) as [number, number]
  return m >= 8 ? y : y - 1
}

/** The end of a school year: 1 August 00:00 Amsterdam of the next calendar year (personal links expire then). */
export function schoolYearEnd(schoolYear: number): Date {
  return fromAmsterdam(`${schoolYear + 1}-08-01`)
}

/** "2026/27" */
export function schoolYearLabel(schoolYear: number): string {
  return `${schoolYear}/${String((schoolYear + 1) % 100).padStart(2, '0')}`
}
