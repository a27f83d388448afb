'use client'
import { useState } from 'react'
import { useMutation } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useUiLocale } from '@/components/ui/use-ui-locale'
import { useTRPC } from '@/components/trpc/client'
import { Button } from '@/components/ui/button'
import { SelectField, TextAreaField, TextField, useIssueText } from '@/components/ui/field'
import { FormStatus } from '@/components/ui/form'
import { FUND_CATEGORIES, ZAddLineForm, ZCloseLineForm, ZLineBoardsForm, ZMoveAllocationForm, ZMoveForm, type BudgetOp } from '@/server/fund/schema'
import { formatCents } from '@/server/fund/money'
import { check, useAction } from '@/components/ui/use-action'

export type ChangeLine = { id: string; year: number; activity: string; amountCents: number; boardIds: string[] }
type Props = {
  grantId: string
  baseVersion: number
  /** The open lines (not closed, in an open year). */
  lines: ChangeLine[]
  /** The open years of the grant with their allocation. */
  allocations: { year: number; amountCents: number }[]
  boards: { id: string; name: string }[]
}
const KINDS = ['move', 'add', 'close', 'boards', 'allocation'] as const
type Kind = (typeof KINDS)[number]

const SELECT = { className: 'min-w-0', style: { maxWidth: '100%' } }

/**
 * Proposing a budget change (four-eyes): choose what kind — move money between lines, add a line, close a line,
 * re-assign a line's boards, move allocation between years —, fill in its form with a reason, confirm the summary.
 * The server checks again (allocations, closed years, what was already reported) and answers with a translated reason.
 */
export function BudgetChangeForms(props: Props) {
  const t = useTranslations('fund.budget')
  const [kind, setKind] = useState<Kind>('move')
  return (
    <div className="flex flex-col gap-4" data-testid="fund-change-forms">
      <fieldset className="min-w-0">
        <legend className="mb-1 text-sm font-medium text-slate-900">{t('kind')}</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {KINDS.map((k) => (
            <label key={k} className="flex items-center gap-2 text-sm">
              <input type="radio" name="fund-change-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              {t(`kinds.${k}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <ChangeForm key={kind} kind={kind} {...props} />
    </div>
  )
}

const EMPTY = { fromLineId: '', toLineId: '', lineId: '', amount: '', reason: '', activity: '', category: 'ACTIVITIES', year: '', fromYear: '', toYear: '', boardIds: [] as string[] }

function ChangeForm({ kind, grantId, baseVersion, lines, allocations, boards }: Props & { kind: Kind }) {
  const t = useTranslations('fund')
  const locale = useUiLocale()
  const money = (cents: number) => formatCents(cents, locale)
  const trpc = useTRPC()
  const propose = useMutation(trpc.fund.proposeChange.mutationOptions())
  const { error, issues, done, run, setIssues } = useAction()
  const issue = useIssueText()
  const [form, setForm] = useState({ ...EMPTY, year: String(allocations[0]?.year ?? '') })
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }))
  const lineById = new Map(lines.map((l) => [l.id, l]))
  const boardName = new Map(boards.map((b) => [b.id, b.name]))
  const label = (l: ChangeLine) => `${l.year} · ${l.activity} (${money(l.amountCents)})`
  const lineOptions = lines.map((l) => ({ value: l.id, label: label(l) }))
  const yearOptions = allocations.map((a) => ({ value: String(a.year), label: `${a.year} (${money(a.amountCents)})` }))
  const boardNames = (ids: string[]) => ids.map((id) => boardName.get(id) ?? '?').join(', ')

  /** The operations and a one-line summary for the confirmation, or null when the form has errors. */
  const plan = (): { ops: BudgetOp[]; summary: string; reason: string } | null => {
    switch (kind) {
      case 'move': {
        const v = check(ZMoveForm(locale), form, setIssues)
        if (!v) return null
        const [from, to] = [lineById.get(v.fromLineId)!, lineById.get(v.toLineId)!]
        return {
          reason: v.reason,
          summary: t('budget.summary.move', { amount: money(v.amount), from: from.activity, to: to.activity }),
          ops: [
            { op: 'amount', lineId: from.id, amountCents: from.amountCents - v.amount },
            { op: 'amount', lineId: to.id, amountCents: to.amountCents + v.amount },
          ],
        }
      }
      case 'add': {
        const v = check(ZAddLineForm(locale), form, setIssues)
        if (!v) return null
        return {
          reason: v.reason,
          summary: t('budget.summary.add', { activity: v.activity, year: String(v.year), amount: money(v.amount), boards: boardNames(v.boardIds) }),
          ops: [{ op: 'add', year: v.year, activity: v.activity, category: v.category, amountCents: v.amount, boardIds: v.boardIds }],
        }
      }
      case 'close': {
        const v = check(ZCloseLineForm, form, setIssues)
        if (!v) return null
        const line = lineById.get(v.lineId)!
        return { reason: v.reason, summary: t('budget.summary.close', { activity: line.activity, year: String(line.year) }), ops: [{ op: 'close', lineId: line.id }] }
      }
      case 'boards': {
        const v = check(ZLineBoardsForm, form, setIssues)
        if (!v) return null
        const line = lineById.get(v.lineId)!
        return {
          reason: v.reason,
          summary: t('budget.summary.boards', { activity: line.activity, before: boardNames(line.boardIds), after: boardNames(v.boardIds) }),
          ops: [{ op: 'boards', lineId: line.id, boardIds: v.boardIds }],
        }
      }
      case 'allocation': {
        const v = check(ZMoveAllocationForm(locale), form, setIssues)
        if (!v) return null
        const cents = (year: number) => allocations.find((a) => a.year === year)?.amountCents ?? 0
        if (v.amount > cents(v.fromYear)) {
          setIssues({ amount: 'k.fund.validation.moreThanAllocation' })
          return null
        }
        return {
          reason: v.reason,
          summary: t('budget.summary.allocation', { amount: money(v.amount), from: String(v.fromYear), to: String(v.toYear) }),
          ops: [
            { op: 'allocation', year: v.fromYear, amountCents: cents(v.fromYear) - v.amount },
            { op: 'allocation', year: v.toYear, amountCents: cents(v.toYear) + v.amount },
          ],
        }
      }
    }
  }

  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault()
    setIssues({})
    const p = plan()
    if (!p) return
    // A proposal changes the budget once approved: say exactly what it does and ask first.
    if (!window.confirm(t('budget.confirm', { summary: p.summary }))) return
    const ok = await run(() => propose.mutateAsync({ grantId, baseVersion, reason: p.reason, ops: p.ops }), t('budget.proposedWhat', { summary: p.summary }))
    if (ok) setForm({ ...EMPTY, year: form.year })
  }

  const boardsField = (legend: string) => (
    <fieldset className="min-w-0" aria-describedby={issues.boardIds ? 'fund-change-boards-error' : undefined}>
      <legend className="text-sm font-medium text-slate-900">{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {boards.map((b) => (
          <label key={b.id} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={form.boardIds.includes(b.id)}
              onChange={(e) => setForm((f) => ({ ...f, boardIds: e.target.checked ? [...f.boardIds, b.id] : f.boardIds.filter((x) => x !== b.id) }))}
            />
            {b.name}
          </label>
        ))}
      </div>
      {issues.boardIds ? (
        <p id="fund-change-boards-error" className="text-sm text-red-700">
          {issue(issues.boardIds)}
        </p>
      ) : null}
    </fieldset>
  )

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3" noValidate data-testid={`fund-change-${kind}`} aria-label={t(`budget.kinds.${kind}`)}>
      {kind === 'move' ? (
        <>
          <SelectField {...SELECT} label={t('budget.from')} options={lineOptions} placeholder="—" value={form.fromLineId} onChange={set('fromLineId')} error={issue(issues.fromLineId)} required />
          <SelectField {...SELECT} label={t('budget.to')} options={lineOptions} placeholder="—" value={form.toLineId} onChange={set('toLineId')} error={issue(issues.toLineId)} required />
          <TextField label={t('budget.amount')} inputMode="decimal" value={form.amount} onChange={set('amount')} error={issue(issues.amount ?? issues.ops)} required />
        </>
      ) : null}
      {kind === 'add' ? (
        <>
          <TextField label={t('dashboard.activity')} value={form.activity} onChange={set('activity')} error={issue(issues.activity)} required />
          <SelectField {...SELECT} label={t('dashboard.category')} options={FUND_CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))} value={form.category} onChange={set('category')} required />
          <SelectField {...SELECT} label={t('dashboard.year')} options={yearOptions} value={form.year} onChange={set('year')} error={issue(issues.year)} required />
          <TextField label={t('lines.amount')} inputMode="decimal" value={form.amount} onChange={set('amount')} error={issue(issues.amount)} required />
          {boardsField(t('lines.boards'))}
        </>
      ) : null}
      {kind === 'close' || kind === 'boards' ? (
        <SelectField
          {...SELECT}
          label={t('budget.line')}
          options={lineOptions}
          placeholder="—"
          value={form.lineId}
          onChange={(e) => setForm((f) => ({ ...f, lineId: e.target.value, boardIds: lineById.get(e.target.value)?.boardIds ?? [] }))}
          error={issue(issues.lineId)}
          required
        />
      ) : null}
      {kind === 'boards' && form.lineId ? boardsField(t('budget.newBoards')) : null}
      {kind === 'allocation' ? (
        <>
          <SelectField {...SELECT} label={t('budget.fromYear')} options={yearOptions} placeholder="—" value={form.fromYear} onChange={set('fromYear')} error={issue(issues.fromYear)} required />
          <SelectField {...SELECT} label={t('budget.toYear')} options={yearOptions} placeholder="—" value={form.toYear} onChange={set('toYear')} error={issue(issues.toYear)} required />
          <TextField label={t('budget.allocationAmount')} inputMode="decimal" value={form.amount} onChange={set('amount')} error={issue(issues.amount ?? issues.ops)} required />
        </>
      ) : null}
      <TextAreaField label={t('budget.reason')} value={form.reason} onChange={set('reason')} error={issue(issues.reason)} required />
      <FormStatus error={error} success={done} />
      <div>
        <Button type="submit" disabled={propose.isPending}>
          {t('budget.propose')}
        </Button>
      </div>
    </form>
  )
}
