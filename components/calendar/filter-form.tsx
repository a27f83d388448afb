import { useTranslations } from 'next-intl'
import { Button } from '@/components/ui/button'
import { AUDIENCE_LEVELS, EVENT_TYPES } from '@/server/calendar/schema'

/** A select of the filter form; `any: false` has no "any" option (a value must be chosen). */
export type FilterSelect = { id: string; label: string; value?: string; options: { value: string; label: string }[]; any?: boolean }

/**
 * The calendar's filter form (a GET form, works without JavaScript): the event type and the audience level, with the
 * page's own selects before and after them; `keep`: what the form carries along unchanged (hidden), such as the view.
 */
export function CalendarFilterForm({ keep, type, level, before = [], after = [] }: { keep: Record<string, string>; type?: string; level?: string; before?: FilterSelect[]; after?: FilterSelect[] }) {
  const t = useTranslations('calendar')
  const selects: FilterSelect[] = [
    ...before,
    { id: 'type', label: t('filters.type'), value: type, options: EVENT_TYPES.map((v) => ({ value: v, label: t(`types.${v}`) })) },
    { id: 'level', label: t('filters.level'), value: level, options: AUDIENCE_LEVELS.map((v) => ({ value: v, label: t(`levels.${v}`) })) },
    ...after,
  ]
  return (
    <form method="get" className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label={t('filters.title')}>
      {Object.entries(keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {selects.map((f) => (
        <div key={f.id} className="flex flex-col gap-1">
          <label htmlFor={`f-${f.id}`} className="text-sm font-medium">
            {f.label}
          </label>
          <select id={`f-${f.id}`} name={f.id} defaultValue={f.value ?? ''} className="rounded-md border border-slate-500 bg-white px-3 py-2 text-sm">
            {f.any === false ? null : <option value="">{t('filters.any')}</option>}
            {f.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      ))}
      <Button type="submit" variant="secondary">
        {t('filters.apply')}
      </Button>
    </form>
  )
}
