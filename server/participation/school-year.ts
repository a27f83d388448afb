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

/** Days after the end of a school year (31 July) that its class lists are kept (the decaan's overview, reminders for late activities). */
export const RETENTION_GRACE_DAYS = 60

/**
 * The day a school year's class lists (pupils' names, e-mail addresses, classes, pupil numbers) are deleted: the
 * retention job (privacy.ts) deletes them in its first run once the year ended RETENTION_GRACE_DAYS ago. What the
 * pupil's page and link mail promise.
 */
export function listDeletedOn(schoolYear: number): Date {
  return new Date(schoolYearEnd(schoolYear).getTime() + RETENTION_GRACE_DAYS * 86_400_000)
}

/** "2026/27" */
export function schoolYearLabel(schoolYear: number): string {
  return `${schoolYear}/${String((schoolYear + 1) % 100).padStart(2, '0')}`
}
