import type { Locale } from '../i18n/config.ts'
import { translator } from '../i18n/translate.ts'
import { formatAmsterdam } from '../lib/time.ts'
import type { participantRows } from './publishing.ts'
import { toCsv } from '../lib/csv.ts'
import { textTableXlsx } from '../lib/xlsx.ts'

type Data = Awaited<ReturnType<typeof participantRows>>

/** Header + rows of a slot's participant list, translated, times in Amsterdam. */
function table(data: Data, locale: Locale): string[][] {
  const t = translator(locale, 'slots')
  const header = (['status', 'name', 'email', 'school', 'level', 'year', 'attendance', 'bookedAt'] as const).map((k) => t(`export.${k}`))
  return [
    [...header, ...data.questions.map((q) => q.label)],
    ...data.rows.map((r) => [
      t(`status.${r.status}`),
      r.name,
      r.email,
      r.school,
      t(`pupilLevels.${r.level}`),
      String(r.year),
      r.attendance ? t(`attendance.${r.attendance}`) : '',
      formatAmsterdam(r.bookedAt, 'yyyy-MM-dd HH:mm', locale),
      ...r.answers,
    ]),
  ]
}

/** CSV through the one neutralising writer (server/lib/csv.ts). */
export function participantsCsv(data: Data, locale: Locale): string {
  return toCsv(table(data, locale))
}

/** XLSX through the shared text-table writer (cells are text, never formulas). */
export async function participantsXlsx(data: Data, locale: Locale): Promise<Buffer> {
  return textTableXlsx(translator(locale, 'slots')('slot.participants'), table(data, locale))
}
