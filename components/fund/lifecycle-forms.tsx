'use client'
import { useState } from 'react'
import { useMutation, useQuery } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useUiLocale } from '@/components/ui/use-ui-locale'
import { useTRPC } from '@/components/trpc/client'
import { Button } from '@/components/ui/button'
import { SelectField, TextAreaField, TextField } from '@/components/ui/field'
import { FormStatus } from '@/components/ui/form'
import { Card } from '@/components/ui/layout'
import { useIssueText } from '@/components/ui/field'
import { DateField } from '@/components/ui/date-field'
import { ZPaymentForm, ZResultForm } from '@/server/fund/schema'
import { check, useAction } from '@/components/ui/use-action'
import { ApproveReject } from './decide-buttons'
import { formatAmsterdam } from '@/server/lib/time'

type LineOption = { id: string; label: string }

/** Approve / reject (with reason) / withdraw a proposed budget change. */
export function ChangeDecision({ id, version, canDecide, mine }: { id: string; version: number; canDecide: boolean; mine: boolean }) {
  const t = useTranslations('fund.budget')
  const trpc = useTRPC()
  const approve = useMutation(trpc.fund.approveChange.mutationOptions())
  const reject = useMutation(trpc.fund.rejectChange.mutationOptions())
  const withdraw = useMutation(trpc.fund.withdrawChange.mutationOptions())
  // The decided proposal leaves the refreshed page: its message goes to the page's Flash.
  const action = useAction({ persist: true })
  const { error, done, run } = action
  const busy = approve.isPending || reject.isPending || withdraw.isPending
  return (
    <div className="flex flex-col gap-2">
      {canDecide ? (
        <ApproveReject text={(k) => t(k)} action={action} busy={busy} approve={() => approve.mutateAsync({ id, version })} reject={(reason) => reject.mutateAsync({ id, version, reason })} />
      ) : null}
      {mine ? (
        <>
          {!canDecide ? <p className="text-sm text-slate-700">{t('ownPending')}</p> : null}
          <div>
            <Button variant="secondary" onClick={() => window.confirm(t('withdrawConfirm')) && run(() => withdraw.mutateAsync({ id, version }), t('withdrawn'))} disabled={busy}>
              {t('withdraw')}
            </Button>
          </div>
        </>
      ) : null}
      <FormStatus error={error} success={done} />
    </div>
  )
}

/** Records a payment to a board: an advance (optionally for one of its lines) or after approval of a report. */
export function PaymentForm({
  grantId,
  boards,
  lines,
  reports,
  today,
}: {
  grantId: string
  boards: { id: string; name: string }[]
  lines: (LineOption & { boardIds: string[] })[]
  reports: (LineOption & { boardId: string })[]
  today: string
}) {
  const t = useTranslations('fund.payments')
  const locale = useUiLocale()
  const trpc = useTRPC()
  const create = useMutation(trpc.fund.createPayment.mutationOptions())
  const { error, issues, done, run, setIssues } = useAction()
  const issue = useIssueText()
  const [form, setForm] = useState({ boardId: '', kind: 'ADVANCE' as 'ADVANCE' | 'AFTER_APPROVAL', paidOn: today, amount: '', reference: '', link: '' })
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }))
  const links =
    form.kind === 'ADVANCE'
      ? [{ value: '', label: t('linkNone') }, ...lines.filter((l) => l.boardIds.includes(form.boardId)).map((l) => ({ value: l.id, label: l.label }))]
      : reports.filter((r) => r.boardId === form.boardId).map((r) => ({ value: r.id, label: r.label }))
  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault()
    setIssues({})
    const v = check(ZPaymentForm(locale), form, setIssues)
    if (!v) return
    const ok = await run(
      () =>
        create.mutateAsync({
          grantId,
          boardId: v.boardId,
          kind: v.kind,
          paidOn: v.paidOn,
          amountCents: v.amount,
          reference: v.reference,
          ...(v.kind === 'ADVANCE' ? (v.link ? { budgetLineId: v.link } : {}) : v.link ? { reportId: v.link } : {}),
        }),
      t('saved'),
    )
    if (ok) setForm((f) => ({ ...f, amount: '', reference: '', link: '' }))
  }
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3" noValidate data-testid="fund-payment-form">
      <SelectField className="min-w-0" style={{ maxWidth: '100%' }} label={t('board')} options={boards.map((b) => ({ value: b.id, label: b.name }))} placeholder="—" value={form.boardId} onChange={set('boardId')} error={issue(issues.boardId)} required />
      <SelectField className="min-w-0" style={{ maxWidth: '100%' }} label={t('kind')} options={(['ADVANCE', 'AFTER_APPROVAL'] as const).map((k) => ({ value: k, label: t(`kinds.${k}`) }))} value={form.kind} onChange={(e) => setForm((f) => ({ ...f, kind: e.target.value as typeof f.kind, link: '' }))} />
      <SelectField className="min-w-0" style={{ maxWidth: '100%' }} label={t('link')} options={links} value={form.link} onChange={set('link')} error={issue(issues.link ?? issues.reportId ?? issues.budgetLineId)} placeholder={form.kind === 'AFTER_APPROVAL' ? '—' : undefined} />
      <DateField label={t('paidOn')} value={form.paidOn} onChange={(paidOn) => setForm((f) => ({ ...f, paidOn }))} error={issue(issues.paidOn)} required />
      <TextField label={t('amount')} inputMode="decimal" value={form.amount} onChange={set('amount')} error={issue(issues.amount ?? issues.amountCents)} required />
      <TextField label={t('reference')} value={form.reference} onChange={set('reference')} error={issue(issues.reference)} required />
      <FormStatus error={error} success={done} />
      <div>
        <Button type="submit" disabled={create.isPending}>
          {t('save')}
        </Button>
      </div>
    </form>
  )
}

/** A board's results report on one of its lines: pupils reached, narrative, obstacles, events held, programmes, plan goals. */
export function ResultForm({ lines, locale }: { lines: (LineOption & { year: number })[]; locale: 'nl' | 'en' }) {
  const t = useTranslations('fund.results')
  const trpc = useTRPC()
  const create = useMutation(trpc.fund.createResult.mutationOptions())
  const { error, issues, done, run, setIssues } = useAction()
  const issue = useIssueText()
  const [lineId, setLineId] = useState('')
  const [form, setForm] = useState({ pupilsReached: '0', narrative: '', obstacles: '' })
  const [eventIds, setEventIds] = useState<string[]>([])
  const [programmeIds, setProgrammeIds] = useState<string[]>([])
  const [goalIds, setGoalIds] = useState<string[]>([])
  const options = useQuery(trpc.fund.resultOptions.queryOptions({ budgetLineId: lineId }, { enabled: !!lineId }))
  const line = lines.find((l) => l.id === lineId)
  const toggle = (list: string[], set: (v: string[]) => void, id: string) => set(list.includes(id) ? list.filter((x) => x !== id) : [...list, id])
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }))
  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault()
    setIssues({})
    if (!lineId) return setIssues({ budgetLineId: 'k.fund.validation.lineRequired' })
    const v = check(ZResultForm, form, setIssues)
    if (!v) return
    const ok = await run(() => create.mutateAsync({ budgetLineId: lineId, ...v, eventIds, programmeIds, goals: goalIds.map((goalId) => ({ goalId, note: '' })) }), t('created'))
    if (ok) {
      setForm({ pupilsReached: '0', narrative: '', obstacles: '' })
      setEventIds([])
      setProgrammeIds([])
      setGoalIds([])
      setLineId('')
    }
  }
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3" noValidate data-testid="fund-result-form">
      <SelectField className="min-w-0" style={{ maxWidth: '100%' }} label={t('line')} options={lines.map((l) => ({ value: l.id, label: l.label }))} placeholder="—" value={lineId} onChange={(e) => setLineId(e.target.value)} error={issue(issues.budgetLineId)} required />
      <TextField label={t('pupilsReached')} type="number" min={0} value={form.pupilsReached} onChange={set('pupilsReached')} error={issue(issues.pupilsReached)} required />
      <TextAreaField label={t('narrative')} value={form.narrative} onChange={set('narrative')} error={issue(issues.narrative)} required />
      <TextAreaField label={t('obstacles')} value={form.obstacles} onChange={set('obstacles')} error={issue(issues.obstacles)} />
      {lineId && options.isPending ? (
        <p role="status" className="text-sm text-slate-700">
          {t('loading')}
        </p>
      ) : null}
      {options.data && line ? (
        <>
          <fieldset className="flex flex-col gap-1">
            <legend className="text-sm font-medium text-slate-900">{t('events')}</legend>
            {options.data.events.length ? (
              <ul className="flex max-h-64 flex-col gap-1 overflow-y-auto">
                {options.data.events.map((ev) => (
                  <li key={ev.id}>
                    <label className="flex items-start gap-2 text-sm">
                      <input type="checkbox" className="mt-1" checked={eventIds.includes(ev.id)} onChange={() => toggle(eventIds, setEventIds, ev.id)} />
                      <span>
                        {formatAmsterdam(ev.startsAt, 'd MMM yyyy', locale)} · {ev.title}
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-700">{t('noEvents', { year: String(line.year) })}</p>
            )}
          </fieldset>
          {options.data.programmes.length ? (
            <fieldset className="flex flex-col gap-1">
              <legend className="text-sm font-medium text-slate-900">{t('programmes')}</legend>
              <ul className="flex max-h-48 flex-col gap-1 overflow-y-auto">
                {options.data.programmes.map((p) => (
                  <li key={p.id}>
                    <label className="flex items-start gap-2 text-sm">
                      <input type="checkbox" className="mt-1" checked={programmeIds.includes(p.id)} onChange={() => toggle(programmeIds, setProgrammeIds, p.id)} />
                      <span>{p.name}</span>
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
          ) : null}
          <fieldset className="flex flex-col gap-1">
            <legend className="text-sm font-medium text-slate-900">{t('goals')}</legend>
            {options.data.goals.length ? (
              <ul className="flex flex-col gap-1">
                {options.data.goals.map((g) => (
                  <li key={g.id}>
                    <label className="flex items-start gap-2 text-sm">
                      <input type="checkbox" className="mt-1" checked={goalIds.includes(g.id)} onChange={() => toggle(goalIds, setGoalIds, g.id)} />
                      <span>{g.title}</span>
                    </label>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-700">{t('noGoals')}</p>
            )}
          </fieldset>
        </>
      ) : null}
      <FormStatus error={error} success={done} />
      <div>
        <Button type="submit" disabled={create.isPending}>
          {t('create')}
        </Button>
      </div>
    </form>
  )
}

/** Submit (board) or approve / reject (coordinator) a results report. */
export function ResultActions({ id, version, canSubmit, canDecide }: { id: string; version: number; canSubmit: boolean; canDecide: boolean }) {
  const t = useTranslations('fund.results')
  const trpc = useTRPC()
  const submit = useMutation(trpc.fund.submitResult.mutationOptions())
  const approve = useMutation(trpc.fund.approveResult.mutationOptions())
  const reject = useMutation(trpc.fund.rejectResult.mutationOptions())
  const action = useAction()
  const { error, done, run } = action
  const busy = submit.isPending || approve.isPending || reject.isPending
  // Rendered by the page whatever the status, so the message of a step just taken stays once the step is gone.
  if (!canSubmit && !canDecide && !error && !done) return null
  return (
    <Card>
      <div className="flex flex-col gap-3">
        {canSubmit ? (
          <div>
            <Button onClick={() => run(() => submit.mutateAsync({ id, version }), t('submitted'))} disabled={busy}>
              {t('submit')}
            </Button>
          </div>
        ) : null}
        {canDecide ? (
          <ApproveReject text={(k) => t(k)} action={action} busy={busy} approve={() => approve.mutateAsync({ id, version })} reject={(reason) => reject.mutateAsync({ id, version, reason })} />
        ) : null}
        <FormStatus error={error} success={done} />
      </div>
    </Card>
  )
}

/**
 * The reporting deadline of one grant year (`deadline`: the stored one, ISO `yyyy-MM-dd`). When the stored deadline
 * changes — the page refreshed after a save here, in another tab or by another coordinator — the field shows it: the
 * form's state was only its first value, so a deadline set meanwhile stayed an empty field above the dashboard that
 * showed it.
 */
export function DeadlineForm({ grantId, year, deadline }: { grantId: string; year: number; deadline: string | null }) {
  const t = useTranslations('fund.deadlines')
  const trpc = useTRPC()
  const save = useMutation(trpc.fund.setDeadline.mutationOptions())
  const { error, issues, done, run } = useAction()
  const issue = useIssueText()
  const [value, setValue] = useState(deadline ?? '')
  const [stored, setStored] = useState(deadline)
  if (stored !== deadline) {
    setStored(deadline)
    setValue(deadline ?? '')
  }
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        void run(() => save.mutateAsync({ grantId, year, deadline: value || null }), t('saved'))
      }}
    >
      <DateField label={t('deadline', { year: String(year) })} value={value} onChange={setValue} error={issue(issues.deadline)} />
      <Button type="submit" variant="secondary" disabled={save.isPending}>
        {t('save')}
        <span className="sr-only"> {year}</span>
      </Button>
      <div className="w-full">
        <FormStatus error={error} success={done} />
      </div>
    </form>
  )
}

/** Closes the grant after the settlement (asks first: afterwards the grant is read-only). */
export function CloseGrantButton({ grantId }: { grantId: string }) {
  const t = useTranslations('fund.settlement')
  const trpc = useTRPC()
  const close = useMutation(trpc.fund.closeGrant.mutationOptions())
  const { error, done, run } = useAction()
  return (
    <div className="flex flex-col gap-2">
      <div>
        <Button variant="danger" disabled={close.isPending} onClick={() => window.confirm(t('closeConfirm')) && run(() => close.mutateAsync({ grantId }), t('closed'))}>
          {t('close')}
        </Button>
      </div>
      <FormStatus error={error} success={done} />
    </div>
  )
}
