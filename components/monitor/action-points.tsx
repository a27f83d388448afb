'use client'
import { useState } from 'react'
import { useMutation } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useAppFormatter } from '@/components/ui/use-app-formatter'
import { useTRPC } from '@/components/trpc/client'
import { Button } from '@/components/ui/button'
import { SelectField, TextField } from '@/components/ui/field'
import { DateField } from '@/components/ui/date-field'
import { FormStatus } from '@/components/ui/form'
import { DataTable } from '@/components/ui/table'
import { useAction } from '@/components/ui/use-action'

export type ActionPointRow = { id: string; action: string; ownerName: string; dueOn: string | null; done: boolean; criterionId: string | null }

/** The school's action points (its own PDCA): add, mark done/open, delete (after confirming). */
export function ActionPoints({ assessmentId, points, criteria }: { assessmentId: string; points: ActionPointRow[]; criteria: { value: string; label: string }[] }) {
  const t = useTranslations('monitor.actions')
  const format = useAppFormatter()
  const trpc = useTRPC()
  const add = useMutation(trpc.monitor.addAction.mutationOptions())
  const update = useMutation(trpc.monitor.updateAction.mutationOptions())
  const remove = useMutation(trpc.monitor.removeAction.mutationOptions())
  const [form, setForm] = useState({ action: '', ownerName: '', dueOn: '', criterionId: '' })
  const { error, issues, done, busy, run } = useAction()
  const criterionName = new Map(criteria.map((c) => [c.value, c.label]))
  return (
    <div className="flex flex-col gap-4">
      <FormStatus error={error} success={done} />
      <DataTable
        caption={t('caption')}
        rows={points}
        rowKey={(p) => p.id}
        empty={t('none')}
        columns={[
          { key: 'action', header: t('action'), cell: (p) => p.action },
          { key: 'criterion', header: t('criterion'), cell: (p) => (p.criterionId ? criterionName.get(p.criterionId) : '–') },
          { key: 'owner', header: t('owner'), cell: (p) => p.ownerName },
          { key: 'due', header: t('due'), cell: (p) => (p.dueOn ? format.dateTime(new Date(`${p.dueOn}T12:00:00Z`), { dateStyle: 'medium', timeZone: 'Europe/Amsterdam' }) : '–') },
          { key: 'done', header: t('done'), cell: (p) => (p.done ? t('doneYes') : t('doneNo')) },
          {
            key: 'ops',
            header: <span className="sr-only">{t('action')}</span>,
            cell: (p) => (
              <div className="flex flex-wrap gap-2">
                <Button
                  variant="secondary"
                  className="px-2 py-1 text-xs"
                  disabled={busy}
                  aria-label={`${p.done ? t('markOpen') : t('markDone')}: ${p.action}`}
                  onClick={() => void run(() => update.mutateAsync({ id: p.id, action: p.action, ownerName: p.ownerName, dueOn: p.dueOn, criterionId: p.criterionId, done: !p.done }), t('updated'))}
                >
                  {p.done ? t('markOpen') : t('markDone')}
                </Button>
                <Button
                  variant="danger"
                  className="px-2 py-1 text-xs"
                  disabled={busy}
                  aria-label={`${t('remove')}: ${p.action}`}
                  onClick={() => window.confirm(t('removeConfirm')) && void run(() => remove.mutateAsync({ id: p.id }), t('removed'))}
                >
                  {t('remove')}
                </Button>
              </div>
            ),
          },
        ]}
      />
      <form
        noValidate
        aria-label={t('add')}
        className="flex flex-col gap-3"
        onSubmit={async (e) => {
          e.preventDefault()
          const ok = await run(() => add.mutateAsync({ assessmentId, action: form.action, ownerName: form.ownerName, dueOn: form.dueOn || null, criterionId: form.criterionId || null }), t('added'))
          if (ok) setForm({ action: '', ownerName: '', dueOn: '', criterionId: '' })
        }}
      >
        <div className="grid gap-3 md:grid-cols-2">
          <TextField label={t('action')} required value={form.action} error={issues.action} onChange={(e) => setForm({ ...form, action: e.target.value })} />
          <TextField label={t('owner')} required value={form.ownerName} error={issues.ownerName} onChange={(e) => setForm({ ...form, ownerName: e.target.value })} />
          <DateField label={t('due')} value={form.dueOn} error={issues.dueOn} onChange={(dueOn) => setForm({ ...form, dueOn })} />
          <SelectField label={t('criterion')} options={criteria} placeholder={t('noCriterion')} value={form.criterionId} onChange={(e) => setForm({ ...form, criterionId: e.target.value })} />
        </div>
        <div>
          <Button type="submit" disabled={busy}>
            {t('add')}
          </Button>
        </div>
      </form>
    </div>
  )
}
