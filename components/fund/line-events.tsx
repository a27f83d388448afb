'use client'
import { useId, useState, type ComponentProps } from 'react'
import { useRouter } from 'next/navigation'
import { useMutation, useQuery } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useCalendarLocale } from '@/components/calendar/use-locale'
import { useTRPC } from '@/components/trpc/client'
import { Button } from '@/components/ui/button'
import { applyServerError, FormStatus } from '@/components/ui/form'
import { formatAmsterdam } from '@/server/lib/time'

/**
 * The published events of the grant's region in one year, as a group of checkboxes (a fieldset with a legend and
 * a hint). `checkbox` gives each event's input its props (react-hook-form's register, or controlled state).
 */
export function EventCheckboxes({ grantId, year, legend, checkbox }: { grantId: string; year: number; legend: string; checkbox: (eventId: string) => ComponentProps<'input'> }) {
  const t = useTranslations('fund.lines')
  const locale = useCalendarLocale()
  const trpc = useTRPC()
  const hintId = useId()
  const events = useQuery(trpc.fund.linkableEvents.queryOptions({ grantId, year }, { enabled: Number.isInteger(year) }))
  return (
    <fieldset aria-describedby={hintId} className="flex flex-col gap-1">
      <legend className="text-sm font-medium text-slate-900">{legend}</legend>
      <p id={hintId} className="text-xs text-slate-700">
        {t('eventsHint', { year: String(year) })}
      </p>
      {events.isPending ? (
        <p className="text-sm text-slate-700" role="status">
          {t('eventsLoading')}
        </p>
      ) : events.error ? (
        <p className="text-sm text-red-700">{applyServerError(events.error)}</p>
      ) : events.data.length === 0 ? (
        <p className="text-sm text-slate-700">{t('noEventsInYear', { year: String(year) })}</p>
      ) : (
        <ul className="flex max-h-64 flex-col gap-1 overflow-y-auto">
          {events.data.map((e) => (
            <li key={e.id}>
              <label className="flex items-start gap-2 text-sm">
                <input type="checkbox" className="mt-1" {...checkbox(e.id)} />
                <span>
                  {formatAmsterdam(e.startsAt, 'd MMM yyyy', locale)} · {e.title}
                  {e.status === 'CANCELLED' ? ` (${t('cancelled')})` : ''}
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  )
}

/** Coordinator control on a budget line: change the set of linked calendar events. */
export function LineEventsEditor({ grantId, line }: { grantId: string; line: { id: string; year: number; activity: string; eventIds: string[] } }) {
  const t = useTranslations('fund.lines')
  const trpc = useTRPC()
  const router = useRouter()
  const [open, setOpen] = useState(false)
  const [selected, setSelected] = useState<string[]>(line.eventIds)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const save = useMutation(trpc.fund.setLineEvents.mutationOptions())
  const formId = useId()
  const label = `${line.activity} (${line.year})`
  const toggle = (id: string, on: boolean) => setSelected((s) => (on ? [...s, id] : s.filter((x) => x !== id)))
  return (
    <div className="mt-2 flex flex-col gap-2">
      <div>
        <Button
          variant="secondary"
          className="px-2 py-1 text-xs"
          aria-label={`${t('editEvents')}: ${label}`}
          aria-expanded={open}
          aria-controls={open ? formId : undefined}
          onClick={() => {
            setSelected(line.eventIds)
            setError(null)
            setDone(null)
            setOpen((o) => !o)
          }}
        >
          {t('editEvents')}
        </Button>
      </div>
      {open ? (
        <form
          id={formId}
          className="flex flex-col gap-2 rounded-md border border-slate-300 p-3"
          aria-label={t('editEventsOf', { activity: line.activity, year: String(line.year) })}
          onSubmit={async (e) => {
            e.preventDefault()
            setError(null)
            setDone(null)
            try {
              await save.mutateAsync({ budgetLineId: line.id, eventIds: selected })
              setDone(t('eventsSaved'))
              setOpen(false)
              router.refresh()
            } catch (err) {
              setError(applyServerError(err))
            }
          }}
        >
          <EventCheckboxes
            grantId={grantId}
            year={line.year}
            legend={t('editEventsOf', { activity: line.activity, year: String(line.year) })}
            checkbox={(id) => ({ checked: selected.includes(id), onChange: (ev) => toggle(id, ev.target.checked) })}
          />
          <div className="flex gap-2">
            <Button type="submit" className="px-2 py-1 text-xs" disabled={save.isPending}>
              {t('saveEvents')}
            </Button>
            <Button variant="ghost" className="px-2 py-1 text-xs" onClick={() => setOpen(false)}>
              {t('cancelEdit')}
            </Button>
          </div>
        </form>
      ) : null}
      <FormStatus error={error} success={done} />
    </div>
  )
}
