import type { Locale } from '../i18n/config.ts'
import { translator } from '../i18n/translate.ts'
import { formatAmsterdam } from '../lib/time.ts'
import { toCsv } from '../lib/csv.ts'
import { textTableXlsx } from '../lib/xlsx.ts'
import type { listRegistrants } from './manage.ts'

type Data = Awaited<ReturnType<typeof listRegistrants>>
type Sessions = { id: string; title: string }[]

/** Header + one row per registrant, a column per session (status, and attendance), translated, times in Amsterdam. */
function table(data: Data, sessions: Sessions, locale: Locale): string[][] {
  const t = translator(locale, 'registration')
  const ts = translator(locale, 'slots')
  const header = (['name', 'email', 'audience', 'school', 'level', 'year', 'partySize', 'role', 'registeredAt'] as const).map((k) => t(`export.${k}`))
  return [
    [...header, ...sessions.map((s) => s.title)],
    ...data.registrants.map((r) => [
      r.name ?? '',
      r.email ?? '',
      t(`audiences.${r.audience}`),
      r.school ?? '',
      r.level ? ts(`pupilLevels.${r.level}`) : '',
      r.year ? String(r.year) : '',
      String(r.partySize),
      r.role ? t(`roles.${r.role}`) : '',
      formatAmsterdam(r.createdAt, 'yyyy-MM-dd HH:mm', locale),
      ...sessions.map((s) => {
        const seat = r.seats.find((x) => x.sessionId === s.id)
        return seat ? `${ts(`status.${seat.status}`)}${seat.attendance ? ` · ${ts(`attendance.${seat.attendance}`)}` : ''}` : ''
      }),
    ]),
  ]
}

/** CSV through the one neutralising writer (server/lib/csv.ts). */
export function registrantsCsv(data: Data, sessions: Sessions, locale: Locale): string {
  return toCsv(table(data, sessions, locale))
}

/** XLSX through the shared text-table writer: cells are text, a name "=HYPERLINK(…)" shows as typed (no apostrophe). */
export async function registrantsXlsx(data: Data, sessions: Sessions, locale: Locale): Promise<Buffer> {
  return textTableXlsx(translator(locale, 'registration')('registrants'), table(data, sessions, locale))
}
