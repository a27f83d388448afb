import { TZDate } from '@date-fns/tz'

/** A school year by its first calendar year (2020 = 2020–2021); a new school year starts on 1 August. */
export function currentSchoolYear(now: Date = new Date()): number {
  const local = new TZDate(now, 'Europe/Amsterdam')
  return local.getMonth() >= 7 ? local.getFullYear() : local.getFullYear() - 1
}

export const schoolYearLabel = (year: number) => ({ start: year, end: year + 1 })
