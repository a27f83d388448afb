'use client'
import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { useMutation } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useTRPC } from '@/components/trpc/client'
import { Button } from '@/components/ui/button'
import { TextField } from '@/components/ui/field'
import { FormStatus } from '@/components/ui/form'
import { useAction } from '@/components/ui/use-action'

export function NewVersionButton({ frameworkId }: { frameworkId: string }) {
  const t = useTranslations('monitor.framework')
  const trpc = useTRPC()
  const router = useRouter()
  const create = useMutation(trpc.monitor.newVersion.mutationOptions())
  const { error, done, busy, run } = useAction()
  return (
    <div className="flex flex-col gap-2">
      <div>
        <Button variant="secondary" disabled={busy} onClick={() => void run(async () => router.push(`/monitor/kader/${(await create.mutateAsync({ frameworkId })).id}`), t('newVersionDone'))}>
          {t('newVersion')}
        </Button>
      </div>
      <FormStatus error={error} success={done} />
    </div>
  )
}

export function ActivateButton({ frameworkId }: { frameworkId: string }) {
  const t = useTranslations('monitor.framework')
  const trpc = useTRPC()
  const activate = useMutation(trpc.monitor.activate.mutationOptions())
  const { error, done, busy, run } = useAction()
  return (
    <div className="flex flex-col gap-2">
      <div>
        <Button disabled={busy} onClick={() => window.confirm(t('activateConfirm')) && void run(() => activate.mutateAsync({ frameworkId }), t('activated'))}>
          {t('activate')}
        </Button>
      </div>
      <FormStatus error={error} success={done} />
    </div>
  )
}

type Fields = { nameNl: string; nameEn: string; levelsNl: string[]; levelsEn: string[] }

function CriterionFields({ value, onChange, issues }: { value: Fields; onChange: (v: Fields) => void; issues: Record<string, string> }) {
  const t = useTranslations('monitor.framework')
  const level = (key: 'levelsNl' | 'levelsEn', i: number, text: string) => onChange({ ...value, [key]: value[key].map((x, j) => (j === i ? text : x)) })
  return (
    <div className="grid gap-3 md:grid-cols-2">
      <TextField label={t('nameNl')} required value={value.nameNl} error={issues.nameNl} onChange={(e) => onChange({ ...value, nameNl: e.target.value })} />
      <TextField label={t('nameEn')} required value={value.nameEn} error={issues.nameEn} onChange={(e) => onChange({ ...value, nameEn: e.target.value })} />
      {[0, 1, 2, 3].map((i) => (
        <TextField key={`nl${i}`} label={t('levelNl', { level: i + 1 })} required value={value.levelsNl[i] ?? ''} error={issues[`levelsNl.${i}`] ?? (i === 0 ? issues.levelsNl : undefined)} onChange={(e) => level('levelsNl', i, e.target.value)} />
      ))}
      {[0, 1, 2, 3].map((i) => (
        <TextField key={`en${i}`} label={t('levelEn', { level: i + 1 })} required value={value.levelsEn[i] ?? ''} error={issues[`levelsEn.${i}`] ?? (i === 0 ? issues.levelsEn : undefined)} onChange={(e) => level('levelsEn', i, e.target.value)} />
      ))}
    </div>
  )
}

/** Edit or delete one criterion of an editable (unused) framework version. */
export function CriterionEditor({ criterionId, initial, label }: { criterionId: string; initial: Fields; label: string }) {
  const t = useTranslations('monitor.framework')
  const trpc = useTRPC()
  const update = useMutation(trpc.monitor.updateCriterion.mutationOptions())
  const remove = useMutation(trpc.monitor.removeCriterion.mutationOptions())
  const [value, setValue] = useState(initial)
  const { error, issues, done, busy, run } = useAction()
  return (
    <details className="rounded-md border border-slate-300 p-3">
      <summary className="cursor-pointer text-brand-700">
        {t('edit')}: {label}
      </summary>
      <form
        noValidate
        aria-label={`${t('edit')}: ${label}`}
        className="mt-3 flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault()
          void run(() => update.mutateAsync({ criterionId, ...value }), t('saved'))
        }}
      >
        <CriterionFields value={value} onChange={setValue} issues={issues} />
        <FormStatus error={error} success={done} />
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={busy}>
            {t('save')}
          </Button>
          <Button variant="danger" disabled={busy} onClick={() => window.confirm(t('removeConfirm')) && void run(() => remove.mutateAsync({ criterionId }), t('removed'))}>
            {t('remove')}
          </Button>
        </div>
      </form>
    </details>
  )
}

const empty: Fields = { nameNl: '', nameEn: '', levelsNl: ['', '', '', ''], levelsEn: ['', '', '', ''] }

export function AddCriterion({ sectionId, sectionName }: { sectionId: string; sectionName: string }) {
  const t = useTranslations('monitor.framework')
  const trpc = useTRPC()
  const add = useMutation(trpc.monitor.addCriterion.mutationOptions())
  const [value, setValue] = useState(empty)
  const [code, setCode] = useState('')
  const { error, issues, done, busy, run } = useAction()
  return (
    <details className="rounded-md border border-dashed border-slate-400 p-3">
      <summary className="cursor-pointer text-brand-700">{t('add', { section: sectionName })}</summary>
      <form
        noValidate
        aria-label={t('add', { section: sectionName })}
        className="mt-3 flex flex-col gap-3"
        onSubmit={async (e) => {
          e.preventDefault()
          if (await run(() => add.mutateAsync({ sectionId, code, ...value }), t('added'))) {
            setValue(empty)
            setCode('')
          }
        }}
      >
        <TextField label={t('code')} hint={t('codeHint')} required value={code} error={issues.code} onChange={(e) => setCode(e.target.value)} />
        <CriterionFields value={value} onChange={setValue} issues={issues} />
        <FormStatus error={error} success={done} />
        <div>
          <Button type="submit" disabled={busy}>
            {t('addSubmit')}
          </Button>
        </div>
      </form>
    </details>
  )
}
