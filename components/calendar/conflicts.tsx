import { useTranslations } from 'next-intl'
import { useCalendarLocale } from '@/components/calendar/use-locale'
import { Alert } from '@/components/ui/alert'
import { formatCalendar } from '@/components/calendar/format'

export type ConflictItem = { id: string; title: string; type: string; startsAt: Date; endsAt: Date; audienceLevels: string[]; organisers: { organisation: { name: string } }[] }

/** The audience-conflict warning: published events in the same region, same time, overlapping audience. */
export function ConflictList({ conflicts, showNone = false }: { conflicts: ConflictItem[]; showNone?: boolean }) {
  const t = useTranslations('calendar')
  const locale = useCalendarLocale()
  if (!conflicts.length) return showNone ? <p className="text-sm text-slate-700">{t('conflicts.none')}</p> : null
  return (
    <Alert tone="warning" title={t('conflicts.title')}>
      <p>{t('conflicts.intro')}</p>
      <ul className="mt-1 list-disc pl-5" data-testid="conflicts">
        {conflicts.map((c) => (
          <li key={c.id}>
            <span className="font-medium">{c.title}</span> ({t(`types.${c.type}` as never)}) — {formatCalendar(c.startsAt, 'EEE d MMM HH:mm', locale)}–{formatCalendar(c.endsAt, 'HH:mm', locale)} ({c.audienceLevels.map((l) => t(`levels.${l}` as never)).join(', ')};{' '}
            {c.organisers.map((o) => o.organisation.name).join(', ')})
          </li>
        ))}
      </ul>
    </Alert>
  )
}
