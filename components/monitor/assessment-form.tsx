'use client'
import { useRef, useState } from 'react'
import { useMutation } from '@tanstack/react-query'
import { useLocale, useTranslations } from 'next-intl'
import { useTRPC } from '@/components/trpc/client'
import { Button } from '@/components/ui/button'
import { TextAreaField } from '@/components/ui/field'
import { FormStatus } from '@/components/ui/form'
import { useAction } from '@/components/ui/use-action'

export type FormCriterion = { id: string; code: string; nameNl: string; nameEn: string; levelsNl: string[]; levelsEn: string[] }
export type FormSection = { id: string; nameNl: string; nameEn: string; criteria: FormCriterion[] }
type Value = { score: number | null; evidence: string }

/**
 * The self-assessment form of a DRAFT: per criterion a 4-point scale (a radio group whose options are the level
 * descriptors) and an evidence note. Save keeps the draft; submit saves and then submits.
 */
export function AssessmentForm({ assessmentId, version, sections, initial }: { assessmentId: string; version: number; sections: FormSection[]; initial: Record<string, Value> }) {
  const t = useTranslations('monitor.assessment')
  const locale = useLocale()
  const trpc = useTRPC()
  const save = useMutation(trpc.monitor.saveScores.mutationOptions())
  const submit = useMutation(trpc.monitor.submit.mutationOptions())
  const [values, setValues] = useState<Record<string, Value>>(initial)
  const { error, issues, done, busy, run } = useAction()
  // The newest version this form knows: a save bumps it even when the submit after it fails (nothing refreshed then).
  const latest = useRef(version)
  const saveNow = async () => {
    const saved = await save.mutateAsync({ assessmentId, version: Math.max(version, latest.current), scores: payload() })
    latest.current = saved.version
    return saved
  }
  const criteria = sections.flatMap((s) => s.criteria)
  const scored = criteria.filter((c) => values[c.id]?.score).length
  const set = (id: string, patch: Partial<Value>) => setValues((v) => ({ ...v, [id]: { score: v[id]?.score ?? null, evidence: v[id]?.evidence ?? '', ...patch } }))
  const payload = () => criteria.map((c) => ({ criterionId: c.id, score: values[c.id]?.score ?? null, evidence: values[c.id]?.evidence ?? '' }))
  const name = (x: { nameNl: string; nameEn: string }) => (locale === 'en' ? x.nameEn : x.nameNl)

  return (
    <form
      noValidate
      aria-label={t('title', { year: '' })}
      className="flex flex-col gap-6"
      onSubmit={(e) => {
        e.preventDefault()
        void run(saveNow, t('saved'))
      }}
    >
      {sections.map((s) => (
        <section key={s.id} className="flex flex-col gap-4">
          <h3 className="text-lg font-semibold text-slate-900">{name(s)}</h3>
          {s.criteria.map((c, ci) => {
            const levels = locale === 'en' ? c.levelsEn : c.levelsNl
            const index = criteria.indexOf(c)
            return (
              <fieldset key={c.id} className="rounded-md border border-slate-300 p-3">
                <legend className="px-1 font-medium text-slate-900">{t('scoreLegend', { criterion: name(c) })}</legend>
                <div className="flex flex-col gap-2">
                  {levels.map((d, i) => (
                    <label key={i} className="flex items-start gap-2 text-sm text-slate-900">
                      <input type="radio" name={`score-${c.id}`} value={i + 1} checked={values[c.id]?.score === i + 1} onChange={() => set(c.id, { score: i + 1 })} className="mt-1" />
                      <span>
                        <span className="font-semibold">{t('level', { level: i + 1 })}</span> – {d}
                      </span>
                    </label>
                  ))}
                </div>
                <TextAreaField
                  className="mt-3"
                  label={`${t('evidence')} – ${name(c)}`}
                  hint={ci === 0 ? t('evidenceHint') : undefined}
                  value={values[c.id]?.evidence ?? ''}
                  error={issues[`scores.${index}.evidence`] ?? issues[`scores.${index}.score`]}
                  onChange={(e) => set(c.id, { evidence: e.target.value })}
                />
              </fieldset>
            )
          })}
        </section>
      ))}
      <p className="text-sm text-slate-700" aria-live="polite">
        {t('scored', { scored, total: criteria.length })}
      </p>
      <FormStatus error={error} success={done} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="secondary" disabled={busy}>
          {t('save')}
        </Button>
        <Button
          disabled={busy}
          onClick={() => {
            if (!window.confirm(t('submitConfirm'))) return
            void run(async () => {
              const saved = await saveNow()
              await submit.mutateAsync({ assessmentId, version: saved.version })
            }, t('submitted'))
          }}
        >
          {t('submit')}
        </Button>
      </div>
    </form>
  )
}
