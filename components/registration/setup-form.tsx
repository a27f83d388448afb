'use client'
import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { useMutation } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useTRPC } from '@/components/trpc/client'
import { Button } from '@/components/ui/button'
import { TextAreaField, TextField, SelectField } from '@/components/ui/field'
import { DateField, TimeField } from '@/components/ui/date-field'
import { applyServerError, FormStatus } from '@/components/ui/form'
import { setupIssues, setupPayload, type AudienceRow, type Kind, type SessionRow } from './setup-payload'

export type SetupInitial = { audiences: AudienceRow[]; sessions: SessionRow[]; capacity: string }

const PUPIL_LEVELS = ['VMBO_BB', 'VMBO_KB', 'VMBO_GT', 'HAVO', 'VWO', 'MBO', 'OTHER'] as const
const SCHOOL_YEARS = [1, 2, 3, 4, 5, 6] as const

/** Turn on / change registration: audiences (with optional capacity), sessions (time, room, capacity). */
export function SetupForm({ eventId, initial, defaultDate }: { eventId: string; initial: SetupInitial; defaultDate: string }) {
  const t = useTranslations('registration.setup')
  const tr = useTranslations('registration')
  const tl = useTranslations('slots.pupilLevels')
  const trpc = useTRPC()
  const router = useRouter()
  const setup = useMutation(trpc.registration.setup.mutationOptions())
  const [audiences, setAudiences] = useState(initial.audiences)
  const [sessions, setSessions] = useState<SessionRow[]>(initial.sessions)
  const [capacity, setCapacity] = useState(initial.capacity)
  const [status, setStatus] = useState<{ error?: string; success?: string; issues?: Record<string, string> }>({})
  const issue = (path: string) => status.issues?.[path]
  // An audience's fields by its place in the audiences sent (the issue paths are the payload's: audiences.<i>.<field>).
  const audienceIssue = (k: Kind, field: string) => issue(`audiences.${audiences.findIndex((a) => a.kind === k)}.${field}`)
  const audiencesIssue = issue('audiences')
  const has = (k: Kind) => audiences.find((a) => a.kind === k)
  const toggle = (k: Kind, on: boolean) => setAudiences(on ? [...audiences, { kind: k, capacity: null, maxPartySize: k === 'PARENT' ? 4 : 1, levels: [], schoolYears: [] }] : audiences.filter((a) => a.kind !== k))
  const patch = (k: Kind, p: Partial<SetupInitial['audiences'][number]>) => setAudiences(audiences.map((a) => (a.kind === k ? { ...a, ...p } : a)))
  const setRow = (i: number, p: Partial<SessionRow>) => setSessions(sessions.map((s, j) => (j === i ? { ...s, ...p } : s)))

  async function submit(e: React.FormEvent) {
    e.preventDefault()
    setStatus({})
    try {
      await setup.mutateAsync(setupPayload(eventId, audiences, sessions, capacity) as never)
      setStatus({ success: t('saved') })
      router.refresh()
    } catch (err) {
      setStatus({ error: applyServerError(err), issues: setupIssues(err) })
    }
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      <fieldset className="flex flex-col gap-3" aria-describedby={audiencesIssue ? 'registration-audiences-error' : undefined}>
        <legend className="mb-1 font-medium">{t('audiences')}</legend>
        {(['PUPIL', 'PARENT', 'PROFESSIONAL'] as const).map((k) => (
          <div key={k} className="flex flex-col gap-2 rounded-md border border-slate-300 p-2">
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={!!has(k)} onChange={(e) => toggle(k, e.target.checked)} aria-invalid={audiencesIssue ? true : undefined} />
              {tr(`audiences.${k}`)}
            </label>
            {has(k) ? (
              <div className="flex flex-wrap gap-3">
                <TextField label={t('audienceCapacity')} type="number" min={1} value={has(k)!.capacity ?? ''} onChange={(e) => patch(k, { capacity: e.target.value ? Number(e.target.value) : null })} hint={t('audienceCapacityHint')} error={audienceIssue(k, 'capacity')} />
                {k === 'PARENT' ? <TextField label={t('maxPartySize')} type="number" min={1} max={10} value={has(k)!.maxPartySize} onChange={(e) => patch(k, { maxPartySize: Number(e.target.value) || 1 })} error={audienceIssue(k, 'maxPartySize')} /> : null}
              </div>
            ) : null}
            {k === 'PUPIL' && has(k) ? (
              <>
                <fieldset className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
                  <legend className="mb-1 font-medium">{t('levels')}</legend>
                  {PUPIL_LEVELS.map((l) => (
                    <label key={l} className="flex items-center gap-1">
                      <input type="checkbox" checked={has(k)!.levels.includes(l)} onChange={(e) => patch(k, { levels: e.target.checked ? [...has(k)!.levels, l] : has(k)!.levels.filter((x) => x !== l) })} />
                      {tl(l)}
                    </label>
                  ))}
                </fieldset>
                <fieldset className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
                  <legend className="mb-1 font-medium">{t('schoolYears')}</legend>
                  {SCHOOL_YEARS.map((y) => (
                    <label key={y} className="flex items-center gap-1">
                      <input type="checkbox" checked={has(k)!.schoolYears.includes(y)} onChange={(e) => patch(k, { schoolYears: e.target.checked ? [...has(k)!.schoolYears, y].sort() : has(k)!.schoolYears.filter((x) => x !== y) })} />
                      {t('schoolYear', { year: y })}
                    </label>
                  ))}
                </fieldset>
                <p className="text-xs text-slate-700">{t('levelsHint')}</p>
              </>
            ) : null}
          </div>
        ))}
        {audiencesIssue ? (
          <p id="registration-audiences-error" className="text-sm text-red-700">
            {audiencesIssue}
          </p>
        ) : null}
      </fieldset>
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-1 font-medium">{t('sessions')}</legend>
        <p className="text-sm">{t('sessionsHint')}</p>
        {sessions.map((s, i) => (
          <div key={i} className="grid gap-2 rounded-md border border-slate-300 p-2 sm:grid-cols-3" data-testid="session-row">
            <TextField label={t('sessionTitle')} value={s.title} onChange={(e) => setRow(i, { title: e.target.value })} required error={issue(`sessions.${i}.title`)} />
            <DateField label={t('date')} value={s.date} onChange={(date) => setRow(i, { date })} required error={issue(`sessions.${i}.date`)} />
            <TextField label={t('room')} value={s.room} onChange={(e) => setRow(i, { room: e.target.value })} error={issue(`sessions.${i}.room`)} />
            <TimeField label={t('startTime')} value={s.startTime} onChange={(startTime) => setRow(i, { startTime })} required error={issue(`sessions.${i}.startTime`)} />
            <TimeField label={t('endTime')} value={s.endTime} onChange={(endTime) => setRow(i, { endTime })} required error={issue(`sessions.${i}.endTime`)} />
            <TextField label={t('capacity')} type="number" min={1} value={s.capacity} onChange={(e) => setRow(i, { capacity: e.target.value })} required error={issue(`sessions.${i}.capacity`)} />
            {s.id ? null : (
              <Button variant="secondary" onClick={() => setSessions(sessions.filter((_, j) => j !== i))}>
                {t('removeSession')}
              </Button>
            )}
          </div>
        ))}
        <Button variant="secondary" onClick={() => setSessions([...sessions, { title: '', date: defaultDate, startTime: '09:00', endTime: '10:00', room: '', capacity: '20' }])}>
          {t('addSession')}
        </Button>
        {sessions.length ? null : <TextField label={t('eventCapacity')} type="number" min={1} value={capacity} onChange={(e) => setCapacity(e.target.value)} error={issue('capacity')} />}
      </fieldset>
      <FormStatus error={status.error} success={status.success} />
      <Button type="submit" disabled={setup.isPending}>
        {t('save')}
      </Button>
    </form>
  )
}

/** Message all registrants (or of one session), and cancel the event with notice to all. */
export function OrganiserActions({ eventId, sessions }: { eventId: string; sessions: { id: string; title: string }[] }) {
  const t = useTranslations('registration.manage')
  const trpc = useTRPC()
  const router = useRouter()
  const message = useMutation(trpc.registration.message.mutationOptions())
  const cancel = useMutation(trpc.registration.cancel.mutationOptions())
  const [status, setStatus] = useState<{ error?: string; success?: string }>({})
  async function send(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const f = new FormData(e.currentTarget)
    setStatus({})
    try {
      const r = await message.mutateAsync({ eventId, sessionId: (f.get('sessionId') as string) || undefined, subject: String(f.get('subject') ?? ''), body: String(f.get('body') ?? '') })
      setStatus({ success: t('sent', { count: r.recipients }) })
    } catch (err) {
      setStatus({ error: applyServerError(err) })
    }
  }
  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={send} className="flex flex-col gap-3">
        <SelectField label={t('to')} name="sessionId" options={[{ value: '', label: t('everyone') }, ...sessions.map((s) => ({ value: s.id, label: s.title }))]} />
        <TextField label={t('subject')} name="subject" required />
        <TextAreaField label={t('body')} name="body" required rows={4} />
        <Button type="submit" variant="secondary" disabled={message.isPending}>
          {t('send')}
        </Button>
      </form>
      <FormStatus error={status.error} success={status.success} />
      <Button
        variant="danger"
        onClick={async () => {
          if (!window.confirm(t('cancelAsk'))) return
          setStatus({})
          try {
            const r = await cancel.mutateAsync({ eventId })
            setStatus({ success: t('cancelled', { count: r.notified }) })
            router.refresh()
          } catch (err) {
            setStatus({ error: applyServerError(err) })
          }
        }}
      >
        {t('cancel')}
      </Button>
    </div>
  )
}
