'use client'
import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { useMutation } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useTRPC } from '@/components/trpc/client'
import { SimpleForm, type SimpleField } from '@/components/ui/simple-form'
import { Button } from '@/components/ui/button'
import { applyServerError, FormStatus } from '@/components/ui/form'
import { SelectField, TextAreaField, TextField } from '@/components/ui/field'
import {
  ACTIVITY_METRICS,
  AGREEMENT_STATUSES,
  DECISIONS,
  DIRECTIONS,
  ENDORSEMENTS,
  EVENT_TYPES,
  FUND_METRICS,
  INDICATOR_KINDS,
  MONITOR_METRICS,
  PARTIES,
  PUPIL_LEVELS,
  TRACKS,
  TRANSITION_METRICS,
  ZAgreementInput,
  ZCreatePlanInput,
  ZEndorseInput,
  ZGoalInput,
  ZIndicatorInput,
  ZManualValueInput,
  ZTargetInput,
  ZThemeInput,
  ZUpdateGoalInput,
} from '@/server/plan/schema'

type Option = { value: string; label: string }
const opts = (values: readonly string[], label: (v: string) => string): Option[] => values.map((value) => ({ value, label: label(value) }))

/** A reason field, shown once the plan has been adopted (every change then becomes a version with this reason). */
function useReasonField<T>(adopted: boolean): SimpleField<T>[] {
  const t = useTranslations('plan')
  return adopted ? [{ name: 'reason' as never, label: t('reason'), hint: t('reasonHint'), required: true }] : []
}

export function CreatePlanForm({ regions }: { regions: Option[] }) {
  const t = useTranslations('plan.create')
  const tp = useTranslations('plan')
  const trpc = useTRPC()
  const router = useRouter()
  const create = useMutation(trpc.plan.create.mutationOptions())
  return (
    <SimpleForm
      schema={ZCreatePlanInput as never}
      label={t('title')}
      defaultValues={{ regionId: regions[0]?.value ?? '', title: '', startYear: 2019, endYear: 2022 } as never}
      fields={[
        { name: 'regionId', label: tp('region'), options: regions, required: true },
        { name: 'title', label: t('planTitle'), required: true },
        { name: 'startYear', label: t('startYear'), type: 'number', required: true },
        { name: 'endYear', label: t('endYear'), type: 'number', required: true },
      ] as never}
      submit={async (v) => {
        const plan = await create.mutateAsync(v as never)
        router.push(`/plan/${plan.id}`)
      }}
      submitLabel={t('submit')}
      successMessage={t('done')}
    />
  )
}

export function AdoptForm({ planId, adopted }: { planId: string; adopted: boolean }) {
  const t = useTranslations('plan')
  const trpc = useTRPC()
  const router = useRouter()
  const adopt = useMutation(trpc.plan.adopt.mutationOptions())
  const [reason, setReason] = useState('')
  const [status, setStatus] = useState<{ error?: string; success?: string }>({})
  return (
    <form
      aria-label={t('adopt.title')}
      className="flex flex-col gap-2"
      onSubmit={async (e) => {
        e.preventDefault()
        setStatus({})
        try {
          const r = await adopt.mutateAsync({ planId, reason: reason || undefined })
          setStatus({ success: r.version ? t('adopt.done') : t('adopt.nothing') })
          setReason('')
          router.refresh()
        } catch (err) {
          setStatus({ error: applyServerError(err) })
        }
      }}
    >
      <FormStatus {...status} />
      {adopted ? <TextField label={t('reason')} value={reason} onChange={(e) => setReason(e.target.value)} required /> : <p className="text-sm text-slate-700">{t('adopt.hint')}</p>}
      <div>
        <Button type="submit" disabled={adopt.isPending}>
          {adopted ? t('adopt.newVersion') : t('adopt.submit')}
        </Button>
      </div>
    </form>
  )
}

export function GoalForm({ planId, adopted, themes, organisations }: { planId: string; adopted: boolean; themes: Option[]; organisations: Option[] }) {
  const t = useTranslations('plan.goals')
  const trpc = useTRPC()
  const create = useMutation(trpc.plan.createGoal.mutationOptions())
  const reason = useReasonField(adopted)
  const [orgs, setOrgs] = useState<string[]>([])
  return (
    <div className="flex flex-col gap-3">
      <SelectField label={t('organisations')} hint={t('organisationsHint')} multiple options={organisations} value={orgs} onChange={(e) => setOrgs([...e.target.selectedOptions].map((o) => o.value))} className="max-w-xl" />
      <SimpleForm
        schema={ZGoalInput as never}
        label={t('new')}
        defaultValues={{ planId, themeId: themes[0]?.value ?? '', title: '', description: '', reason: '' } as never}
        fields={[{ name: 'themeId', label: t('theme'), options: themes, required: true }, { name: 'title', label: t('goalTitle'), required: true }, { name: 'description', label: t('description') }, ...reason] as never}
        submit={(v) => create.mutateAsync({ ...(v as object), organisationIds: orgs } as never)}
        submitLabel={t('submit')}
        successMessage={t('done')}
      />
    </div>
  )
}

/** Edits a goal's theme, title, description and responsible organisations (a new plan version once adopted). */
export function EditGoalForm({ goal, adopted, themes, organisations }: { goal: { id: string; themeId: string; title: string; description: string; organisationIds: string[] }; adopted: boolean; themes: Option[]; organisations: Option[] }) {
  const t = useTranslations('plan.goals')
  const trpc = useTRPC()
  const update = useMutation(trpc.plan.updateGoal.mutationOptions())
  const reason = useReasonField(adopted)
  const [orgs, setOrgs] = useState<string[]>(goal.organisationIds)
  return (
    <div className="flex flex-col gap-3">
      <SelectField label={t('organisations')} hint={t('organisationsHint')} multiple options={organisations} value={orgs} onChange={(e) => setOrgs([...e.target.selectedOptions].map((o) => o.value))} className="max-w-xl" />
      <SimpleForm
        schema={ZUpdateGoalInput as never}
        label={t('edit')}
        resetOnSuccess={false}
        defaultValues={{ goalId: goal.id, themeId: goal.themeId, title: goal.title, description: goal.description, reason: '' } as never}
        fields={[{ name: 'themeId', label: t('theme'), options: themes, required: true }, { name: 'title', label: t('goalTitle'), required: true }, { name: 'description', label: t('description') }, ...reason] as never}
        submit={(v) => update.mutateAsync({ ...(v as object), organisationIds: orgs } as never)}
        submitLabel={t('save')}
        successMessage={t('saved')}
      />
    </div>
  )
}

/** Records a hand-entered indicator value for a school year, with its source (MANUAL indicators only). */
export function ManualValueForm({ indicatorId, indicatorName, years }: { indicatorId: string; indicatorName: string; years: number[] }) {
  const t = useTranslations('plan.indicators')
  const trpc = useTRPC()
  const set = useMutation(trpc.plan.setManualValue.mutationOptions())
  return (
    <SimpleForm
      schema={ZManualValueInput as never}
      label={`${t('manualValue')}: ${indicatorName}`}
      defaultValues={{ indicatorId, year: String(years[0]), value: '', sourceNote: '' } as never}
      fields={[{ name: 'year', label: t('year'), options: opts(years.map(String), (v) => v) }, { name: 'value', label: t('value'), type: 'number', required: true }, { name: 'sourceNote', label: t('sourceNote'), hint: t('sourceNoteHint'), required: true }] as never}
      submit={(v) => set.mutateAsync(v as never)}
      submitLabel={t('manualValue')}
      successMessage={t('manualDone')}
    />
  )
}

/** Platform admin: adds a theme, or renames one by its key. */
export function ThemeForm({ initial }: { initial?: { key: string; nameNl: string; nameEn: string; position: number } }) {
  const t = useTranslations('plan.themes')
  const trpc = useTRPC()
  const upsert = useMutation(trpc.plan.upsertTheme.mutationOptions())
  return (
    <SimpleForm
      schema={ZThemeInput as never}
      label={initial ? t('editLabel', { name: initial.nameNl }) : t('new')}
      resetOnSuccess={!initial}
      defaultValues={(initial ? { ...initial, position: String(initial.position) } : { key: '', nameNl: '', nameEn: '', position: '0' }) as never}
      fields={[...(initial ? [] : [{ name: 'key', label: t('key'), hint: t('keyHint'), required: true }]), { name: 'nameNl', label: t('nameNl'), required: true }, { name: 'nameEn', label: t('nameEn'), required: true }, { name: 'position', label: t('position'), type: 'number' }] as never}
      submit={(v) => upsert.mutateAsync((initial ? { ...(v as object), key: initial.key } : v) as never)}
      submitLabel={initial ? t('save') : t('add')}
      successMessage={t('saved')}
    />
  )
}

export function IndicatorForm({ goalId, adopted, criteria }: { goalId: string; adopted: boolean; criteria: Option[] }) {
  const t = useTranslations('plan.indicators')
  const trpc = useTRPC()
  const create = useMutation(trpc.plan.createIndicator.mutationOptions())
  const reason = useReasonField(adopted)
  const none = { value: '', label: t('any') }
  return (
    <SimpleForm
      schema={ZIndicatorInput as never}
      label={t('new')}
      defaultValues={{ goalId, name: '', kind: 'ACTIVITY', direction: 'HIGHER', transitionMetric: '', track: '', activityMetric: '', level: '', eventType: '', fundMetric: '', monitorMetric: '', criterion: '', baselineYear: '', baselineValue: '', sourceNote: '', reason: '' } as never}
      fields={[
        { name: 'name', label: t('name'), required: true },
        { name: 'kind', label: t('kind'), options: opts(INDICATOR_KINDS, (v) => t(`kinds.${v}`)), required: true },
        { name: 'direction', label: t('direction'), options: opts(DIRECTIONS, (v) => t(`directions.${v}`)) },
        { name: 'activityMetric', label: t('activityMetric'), options: [none, ...opts(ACTIVITY_METRICS, (v) => t(`activityMetrics.${v}`))] },
        { name: 'level', label: t('level'), options: [none, ...opts(PUPIL_LEVELS, (v) => v)] },
        { name: 'eventType', label: t('eventType'), options: [none, ...opts(EVENT_TYPES, (v) => v)] },
        { name: 'transitionMetric', label: t('transitionMetric'), options: [none, ...opts(TRANSITION_METRICS, (v) => t(`transitionMetrics.${v}`))] },
        { name: 'track', label: t('track'), options: [none, ...opts(TRACKS, (v) => v)] },
        { name: 'fundMetric', label: t('fundMetric'), options: [none, ...opts(FUND_METRICS, (v) => t(`fundMetrics.${v}`))] },
        { name: 'monitorMetric', label: t('monitorMetric'), hint: t('monitorHint'), options: [none, ...opts(MONITOR_METRICS, (v) => t(`monitorMetrics.${v}`))] },
        { name: 'criterion', label: t('criterion'), options: [none, ...criteria] },
        { name: 'baselineYear', label: t('baselineYear'), type: 'number' },
        { name: 'baselineValue', label: t('baselineValue'), type: 'number' },
        { name: 'sourceNote', label: t('sourceNote') },
        ...reason,
      ] as never}
      submit={(v) => create.mutateAsync(v as never)}
      submitLabel={t('submit')}
      successMessage={t('done')}
    />
  )
}

export function TargetForm({ indicatorId, indicatorName, adopted, years }: { indicatorId: string; indicatorName: string; adopted: boolean; years: number[] }) {
  const t = useTranslations('plan.indicators')
  const trpc = useTRPC()
  const set = useMutation(trpc.plan.setTarget.mutationOptions())
  const reason = useReasonField(adopted)
  return (
    <SimpleForm
      schema={ZTargetInput as never}
      label={`${t('setTarget')}: ${indicatorName}`}
      defaultValues={{ indicatorId, year: String(years[0]), value: '', reason: '' } as never}
      fields={[{ name: 'year', label: t('year'), options: opts(years.map(String), (v) => v) }, { name: 'value', label: t('value'), hint: t('targetHint'), type: 'number' }, ...reason] as never}
      submit={(v) => set.mutateAsync(v as never)}
      submitLabel={t('setTarget')}
      successMessage={t('targetDone')}
    />
  )
}

export function AgreementForm({ planId, adopted }: { planId: string; adopted: boolean }) {
  const t = useTranslations('plan')
  const trpc = useTRPC()
  const create = useMutation(trpc.plan.createAgreement.mutationOptions())
  const reason = useReasonField(adopted)
  return (
    <SimpleForm
      schema={ZAgreementInput as never}
      label={t('agreements.submit')}
      defaultValues={{ planId, party: 'VO', commitment: '', owner: '', dueDate: '', reason: '' } as never}
      fields={[
        { name: 'party', label: t('agreements.party'), options: opts(PARTIES, (v) => t(`parties.${v}`)) },
        { name: 'commitment', label: t('agreements.commitment'), required: true },
        { name: 'owner', label: t('agreements.owner'), required: true },
        { name: 'dueDate', label: t('agreements.dueDate'), type: 'date', required: true },
        ...reason,
      ] as never}
      submit={(v) => create.mutateAsync(v as never)}
      submitLabel={t('agreements.submit')}
      successMessage={t('agreements.done')}
    />
  )
}

export function AgreementStatusForm({ agreementId, status, adopted, label }: { agreementId: string; status: string; adopted: boolean; label: string }) {
  const t = useTranslations('plan')
  const trpc = useTRPC()
  const router = useRouter()
  const set = useMutation(trpc.plan.setAgreementStatus.mutationOptions())
  const [value, setValue] = useState(status)
  const [reason, setReason] = useState('')
  const [msg, setMsg] = useState<{ error?: string; success?: string }>({})
  return (
    <form
      aria-label={`${t('agreements.change')}: ${label}`}
      className="flex flex-wrap items-end gap-2"
      onSubmit={async (e) => {
        e.preventDefault()
        try {
          await set.mutateAsync({ agreementId, status: value as never, reason: reason || undefined })
          setMsg({ success: t('agreements.statusDone') })
          router.refresh()
        } catch (err) {
          setMsg({ error: applyServerError(err) })
        }
      }}
    >
      <SelectField label={t('agreements.status')} options={opts(AGREEMENT_STATUSES, (v) => t(`agreements.statuses.${v}`))} value={value} onChange={(e) => setValue(e.target.value)} />
      {adopted ? <TextField label={t('reason')} value={reason} onChange={(e) => setReason(e.target.value)} /> : null}
      <Button type="submit" variant="secondary">
        {t('agreements.change')}
      </Button>
      <FormStatus {...msg} />
    </form>
  )
}

export function EndorseForm({ versionId, boards }: { versionId: string; boards: Option[] }) {
  const t = useTranslations('plan.endorsements')
  const trpc = useTRPC()
  const endorse = useMutation(trpc.plan.endorse.mutationOptions())
  return (
    <SimpleForm
      schema={ZEndorseInput as never}
      label={t('submit')}
      defaultValues={{ versionId, boardId: boards[0]?.value ?? '', decision: 'AGREE', comment: '' } as never}
      fields={[
        { name: 'boardId', label: t('board'), options: boards },
        { name: 'decision', label: t('decision'), options: opts(ENDORSEMENTS, (v) => t(`decisions.${v}`)) },
        { name: 'comment', label: t('comment') },
      ] as never}
      submit={(v) => endorse.mutateAsync(v as never)}
      submitLabel={t('submit')}
      successMessage={t('done')}
      resetOnSuccess={false}
    />
  )
}

/** A one-click action with visible feedback (open an evaluation, carry decisions into a version); optionally confirmed. */
export function ActionButton({ action, input, label, done, confirm, variant = 'primary' }: { action: 'openEvaluation' | 'applyDecisions'; input: { planId: string; year: number }; label: string; done: string; confirm?: string; variant?: 'primary' | 'secondary' }) {
  const trpc = useTRPC()
  const router = useRouter()
  const open = useMutation(trpc.plan.openEvaluation.mutationOptions())
  const apply = useMutation(trpc.plan.applyDecisions.mutationOptions())
  const [msg, setMsg] = useState<{ error?: string; success?: string }>({})
  return (
    <div className="flex flex-col gap-2">
      <div>
        <Button
          variant={variant}
          disabled={open.isPending || apply.isPending}
          onClick={async () => {
            if (confirm && !window.confirm(confirm)) return
            setMsg({})
            try {
              const r = action === 'openEvaluation' ? await open.mutateAsync(input) : await apply.mutateAsync(input)
              setMsg({ success: done.replace('{n}', String((r as { version?: number }).version ?? '')) })
              router.refresh()
            } catch (err) {
              setMsg({ error: applyServerError(err) })
            }
          }}
        >
          {label}
        </Button>
      </div>
      <FormStatus {...msg} />
    </div>
  )
}

export function GoalEvaluationForm({ planId, year, goalId, goalTitle, initial }: { planId: string; year: number; goalId: string; goalTitle: string; initial: { evaluation: string; decision: string | null; decisionNote: string } }) {
  const t = useTranslations('plan')
  const trpc = useTRPC()
  const router = useRouter()
  const save = useMutation(trpc.plan.saveGoalEvaluation.mutationOptions())
  const [v, setV] = useState({ evaluation: initial.evaluation, decision: initial.decision ?? '', decisionNote: initial.decisionNote })
  const [msg, setMsg] = useState<{ error?: string; success?: string }>({})
  return (
    <form
      aria-label={`${t('evaluation.text')}: ${goalTitle}`}
      className="flex flex-col gap-2"
      onSubmit={async (e) => {
        e.preventDefault()
        setMsg({})
        try {
          await save.mutateAsync({ planId, year, goalId, evaluation: v.evaluation, decision: (v.decision || undefined) as never, decisionNote: v.decisionNote })
          setMsg({ success: t('evaluation.done') })
          router.refresh()
        } catch (err) {
          setMsg({ error: applyServerError(err) })
        }
      }}
    >
      <FormStatus {...msg} />
      <TextAreaField label={t('evaluation.text')} value={v.evaluation} onChange={(e) => setV({ ...v, evaluation: e.target.value })} rows={3} />
      <div className="grid gap-3 md:grid-cols-2">
        <SelectField label={t('evaluation.decision')} options={[{ value: '', label: t('evaluation.noDecision') }, ...opts(DECISIONS, (d) => t(`decisions.${d}`))]} value={v.decision} onChange={(e) => setV({ ...v, decision: e.target.value })} />
        <TextField label={t('evaluation.decisionNote')} hint={t('evaluation.decisionNoteHint')} value={v.decisionNote} onChange={(e) => setV({ ...v, decisionNote: e.target.value })} />
      </div>
      <div>
        <Button type="submit" disabled={save.isPending}>
          {t('evaluation.save')}
        </Button>
      </div>
    </form>
  )
}

export function ContributionForm({ planId, year, goalId, goalTitle, organisations }: { planId: string; year: number; goalId: string; goalTitle: string; organisations: Option[] }) {
  const t = useTranslations('plan.evaluation')
  const trpc = useTRPC()
  const router = useRouter()
  const add = useMutation(trpc.plan.addContribution.mutationOptions())
  const [text, setText] = useState('')
  const [org, setOrg] = useState(organisations[0]?.value ?? '')
  const [msg, setMsg] = useState<{ error?: string; success?: string }>({})
  return (
    <form
      aria-label={`${t('addContribution')}: ${goalTitle}`}
      className="flex flex-col gap-2"
      onSubmit={async (e) => {
        e.preventDefault()
        setMsg({})
        try {
          await add.mutateAsync({ planId, year, goalId, organisationId: org, text })
          setText('')
          setMsg({ success: t('contributionDone') })
          router.refresh()
        } catch (err) {
          setMsg({ error: applyServerError(err) })
        }
      }}
    >
      <FormStatus {...msg} />
      {organisations.length > 1 ? <SelectField label={t('organisation')} options={organisations} value={org} onChange={(e) => setOrg(e.target.value)} /> : null}
      <TextAreaField label={t('contribution')} value={text} onChange={(e) => setText(e.target.value)} rows={2} required />
      <div>
        <Button type="submit" variant="secondary" disabled={add.isPending}>
          {t('addContribution')}
        </Button>
      </div>
    </form>
  )
}

/** Coordinator: the goal's links of one kind, as checkboxes over what the region offers. */
export function LinksEditor({ goalId, kind, legend, options, selected }: { goalId: string; kind: 'event' | 'programme' | 'budgetLine'; legend: string; options: Option[]; selected: string[] }) {
  const t = useTranslations('plan.links')
  const trpc = useTRPC()
  const router = useRouter()
  const save = useMutation(trpc.plan.setLinks.mutationOptions())
  const [ids, setIds] = useState(selected)
  const [msg, setMsg] = useState<{ error?: string; success?: string }>({})
  return (
    <form
      aria-label={legend}
      className="flex flex-col gap-2"
      onSubmit={async (e) => {
        e.preventDefault()
        setMsg({})
        try {
          await save.mutateAsync({ goalId, kind, ids })
          setMsg({ success: t('done') })
          router.refresh()
        } catch (err) {
          setMsg({ error: applyServerError(err) })
        }
      }}
    >
      <fieldset className="flex flex-col gap-1">
        <legend className="text-sm font-medium text-slate-900">{legend}</legend>
        {options.length === 0 ? <p className="text-sm text-slate-700">{t('noneAvailable')}</p> : null}
        <ul className="flex max-h-56 flex-col gap-1 overflow-y-auto">
          {options.map((o) => (
            <li key={o.value}>
              <label className="flex items-start gap-2 text-sm">
                <input type="checkbox" className="mt-1" checked={ids.includes(o.value)} onChange={(e) => setIds((s) => (e.target.checked ? [...s, o.value] : s.filter((x) => x !== o.value)))} />
                <span>{o.label}</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <FormStatus {...msg} />
      <div>
        <Button type="submit" variant="secondary" disabled={save.isPending}>
          {t('save')}
        </Button>
      </div>
    </form>
  )
}
