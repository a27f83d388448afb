'use client'
import { useRef, useState } from 'react'
import { useRouter } from 'next/navigation'
import { useMutation, useQuery } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useTRPC } from '@/components/trpc/client'
import { Button } from '@/components/ui/button'
import { SelectField, TextAreaField, TextField } from '@/components/ui/field'
import { applyServerError, fieldIssues, FormStatus } from '@/components/ui/form'
import { useIssueText } from '@/components/ui/field'
import { ZMoveForm, ZPaymentForm, ZResultForm } from '@/server/fund/schema'
import { formatAmsterdam } from '@/server/lib/time'

/** Runs a mutation, then refreshes the server-rendered page; shows the translated error or a success line. */
function useAction() {
  const router = useRouter()
  const [error, setError] = useState<string | null>(null)
  const [issues, setIssues] = useState<Record<string, string>>({})
  const [done, setDone] = useState<string | null>(null)
  const run = async (fn: () => Promise<unknown>, success: string) => {
    setError(null)
    setIssues({})
    setDone(null)
    try {
      await fn()
      setDone(success)
      router.refresh()
      return true
    } catch (e) {
      setError(applyServerError(e))
      setIssues(fieldIssues(e))
      return false
    }
  }
  return { error, issues, done, run, setIssues, setError }
}

/** Client-side check with the shared schema: field messages (translated), or the parsed value. */
function check<T>(schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown, setIssues: (i: Record<string, string>) => void): T | null {
  const r = schema.safeParse(value)
  if (r.success) return r.data
  setIssues(Object.fromEntries(r.error.issues.map((i) => [String(i.path[0] ?? ''), i.message])))
  return null
}

type LineOption = { id: string; label: string }

/** Proposes moving an amount from one budget line to another (two amount operations) with a reason. */
export function MoveMoneyForm({ grantId, baseVersion, lines }: { grantId: string; baseVersion: number; lines: (LineOption & { amountCents: number })[] }) {
  const t = useTranslations('fund.budget')
  const trpc = useTRPC()
  const propose = useMutation(trpc.fund.proposeChange.mutationOptions())
  const { error, issues, done, run, setIssues } = useAction()
  const [form, setForm] = useState({ fromLineId: '', toLineId: '', amount: '', reason: '' })
  const issue = useIssueText()
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }))
  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault()
    setIssues({})
    const v = check(ZMoveForm, form, setIssues)
    if (!v) return
    const from = lines.find((l) => l.id === v.fromLineId)!
    const to = lines.find((l) => l.id === v.toLineId)!
    const ok = await run(
      () =>
        propose.mutateAsync({
          grantId,
          baseVersion,
          reason: v.reason,
          ops: [
            { op: 'amount', lineId: from.id, amountCents: from.amountCents - v.amount },
            { op: 'amount', lineId: to.id, amountCents: to.amountCents + v.amount },
          ],
        }),
      t('proposed'),
    )
    if (ok) setForm({ fromLineId: '', toLineId: '', amount: '', reason: '' })
  }
  const options = lines.map((l) => ({ value: l.id, label: l.label }))
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3" noValidate data-testid="fund-move-form">
      <SelectField className="min-w-0" style={{ maxWidth: '100%' }} label={t('from')} options={options} placeholder="—" value={form.fromLineId} onChange={set('fromLineId')} error={issue(issues.fromLineId)} required />
      <SelectField className="min-w-0" style={{ maxWidth: '100%' }} label={t('to')} options={options} placeholder="—" value={form.toLineId} onChange={set('toLineId')} error={issue(issues.toLineId)} required />
      <TextField label={t('amount')} inputMode="decimal" value={form.amount} onChange={set('amount')} error={issue(issues.amount ?? issues.ops)} required />
      <TextAreaField label={t('reason')} value={form.reason} onChange={set('reason')} error={issue(issues.reason)} required />
      <FormStatus error={error} success={done} />
      <div>
        <Button type="submit" disabled={propose.isPending}>
          {t('propose')}
        </Button>
      </div>
    </form>
  )
}

/** Approve / reject (with reason) / withdraw a proposed budget change. */
export function ChangeDecision({ id, version, canDecide, mine }: { id: string; version: number; canDecide: boolean; mine: boolean }) {
  const t = useTranslations('fund.budget')
  const trpc = useTRPC()
  const approve = useMutation(trpc.fund.approveChange.mutationOptions())
  const reject = useMutation(trpc.fund.rejectChange.mutationOptions())
  const withdraw = useMutation(trpc.fund.withdrawChange.mutationOptions())
  const [reason, setReason] = useState('')
  const { error, issues, done, run } = useAction()
  const busy = approve.isPending || reject.isPending || withdraw.isPending
  return (
    <div className="flex flex-col gap-2">
      {canDecide ? (
        <>
          <div>
            <Button onClick={() => run(() => approve.mutateAsync({ id, version }), t('approved'))} disabled={busy}>
              {t('approve')}
            </Button>
          </div>
          <form
            className="flex flex-col gap-2"
            onSubmit={(e) => {
              e.preventDefault()
              void run(() => reject.mutateAsync({ id, version, reason }), t('rejected'))
            }}
          >
            <TextAreaField label={t('rejectReason')} value={reason} error={issues.reason} onChange={(e) => setReason(e.target.value)} />
            <div>
              <Button type="submit" variant="danger" disabled={busy}>
                {t('reject')}
              </Button>
            </div>
          </form>
        </>
      ) : null}
      {mine ? (
        <>
          {!canDecide ? <p className="text-sm text-slate-700">{t('ownPending')}</p> : null}
          <div>
            <Button variant="secondary" onClick={() => window.confirm(t('withdraw') + '?') && run(() => withdraw.mutateAsync({ id, version }), t('withdrawn'))} disabled={busy}>
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
    const v = check(ZPaymentForm, form, setIssues)
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
      <TextField label={t('paidOn')} type="date" value={form.paidOn} onChange={set('paidOn')} error={issue(issues.paidOn)} required />
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
  const [reason, setReason] = useState('')
  const { error, issues, done, run } = useAction()
  const busy = submit.isPending || approve.isPending || reject.isPending
  return (
    <div className="flex flex-col gap-3">
      {canSubmit ? (
        <div>
          <Button onClick={() => run(() => submit.mutateAsync({ id, version }), t('submitted'))} disabled={busy}>
            {t('submit')}
          </Button>
        </div>
      ) : null}
      {canDecide ? (
        <>
          <div>
            <Button onClick={() => run(() => approve.mutateAsync({ id, version }), t('approved'))} disabled={busy}>
              {t('approve')}
            </Button>
          </div>
          <form
            className="flex flex-col gap-2"
            onSubmit={(e) => {
              e.preventDefault()
              void run(() => reject.mutateAsync({ id, version, reason }), t('rejected'))
            }}
          >
            <TextAreaField label={t('rejectReason')} value={reason} error={issues.reason} onChange={(e) => setReason(e.target.value)} />
            <div>
              <Button type="submit" variant="danger" disabled={busy}>
                {t('reject')}
              </Button>
            </div>
          </form>
        </>
      ) : null}
      <FormStatus error={error} success={done} />
    </div>
  )
}

/** The reporting deadline of one grant year. */
export function DeadlineForm({ grantId, year, deadline }: { grantId: string; year: number; deadline: string | null }) {
  const t = useTranslations('fund.deadlines')
  const trpc = useTRPC()
  const save = useMutation(trpc.fund.setDeadline.mutationOptions())
  const { error, issues, done, run } = useAction()
  const [value, setValue] = useState(deadline ?? '')
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        void run(() => save.mutateAsync({ grantId, year, deadline: value || null }), t('saved'))
      }}
    >
      <TextField label={t('deadline', { year: String(year) })} type="date" value={value} onChange={(e) => setValue(e.target.value)} error={issues.deadline} />
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

/** Attaches the grant decision (beschikking, PDF) to the grant through the evidence storage. */
export function GrantDocumentUpload({ grantId }: { grantId: string }) {
  const t = useTranslations('fund')
  const router = useRouter()
  const input = useRef<HTMLInputElement>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault()
    setError(null)
    setDone(null)
    const file = input.current?.files?.[0]
    if (!file) return setError(t('errors.fileMissing'))
    const body = new FormData()
    body.set('file', file)
    setBusy(true)
    try {
      const res = await fetch(`/api/fund/grants/${grantId}/documents`, { method: 'POST', body })
      const json = (await res.json().catch(() => ({}))) as { error?: string }
      if (!res.ok) return setError(json.error ?? t('errors.decisionPdf'))
      setDone(t('documents.uploaded'))
      if (input.current) input.current.value = ''
      router.refresh()
    } finally {
      setBusy(false)
    }
  }
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-2" noValidate>
      <TextField ref={input} type="file" name="file" label={t('documents.file')} hint={t('documents.hint')} accept="application/pdf" />
      <FormStatus error={error} success={done} />
      <div>
        <Button type="submit" variant="secondary" disabled={busy}>
          {t('documents.upload')}
        </Button>
      </div>
    </form>
  )
}
