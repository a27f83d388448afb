import { getTranslations } from 'next-intl/server'
import type { RevisionView } from '@/server/calendar/events'
import { calendarLocale } from './locale'
import { formatCalendar } from './format'
import { ScrollRegion } from '@/components/ui/scroll-region'

/** A pending or rejected revision as a table of changed fields: published (old) → proposed (new). */
export async function RevisionChanges({ revision, caption }: { revision: RevisionView; caption?: string }) {
  const [t, locale] = [await getTranslations('calendar'), await calendarLocale()]
  const label = caption ?? t('revision.caption')
  return (
    <ScrollRegion className="mb-3" label={label}>
      <table className="w-full text-left text-sm" data-testid="revision-changes">
        <caption className="sr-only">{label}</caption>
        <thead>
          <tr>
            <th scope="col" className="pr-3">{t('revision.field')}</th>
            <th scope="col" className="pr-3">{t('revision.before')}</th>
            <th scope="col">{t('revision.after')}</th>
          </tr>
        </thead>
        <tbody>
          {revision.changes.map((c) => {
            const show = (v: unknown) =>
              c.field === 'startsAt' || c.field === 'endsAt'
                ? formatCalendar(new Date(String(v)), 'EEEE d MMMM yyyy HH:mm', locale)
                : c.field === 'organiserIds'
                  ? (v as string[]).map((o) => revision.organiserNames[o] ?? o).join(', ')
                  : c.field === 'type'
                    ? t(`types.${String(v)}` as never)
                    : c.field === 'allDay'
                      ? t(v ? 'revision.yes' : 'revision.no')
                      : Array.isArray(v)
                        ? v.join(', ')
                        : v === null || v === ''
                          ? '—'
                          : String(v)
            return (
              <tr key={c.field} className="border-t border-slate-200 align-top">
                <th scope="row" className="pr-3 font-medium">
                  {t(`revision.fields.${c.field}`)}
                </th>
                <td className="pr-3 break-words" data-testid="revision-before">{show(c.before)}</td>
                <td className="break-words" data-testid="revision-after">{show(c.after)}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </ScrollRegion>
  )
}
