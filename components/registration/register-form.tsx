'use client'
import { useState } from 'react'
import { useMutation } from '@tanstack/react-query'
import { useTranslations } from 'next-intl'
import { useTRPC } from '@/components/trpc/client'
import { Button } from '@/components/ui/button'
import { SelectField, TextField } from '@/components/ui/field'
import { applyServerError, fieldIssues, FormStatus } from '@/components/ui/form'
import { PrivacyNotice } from '@/components/ui/privacy-notice'

type Audience = { kind: 'PUPIL' | 'PARENT' | 'PROFESSIONAL'; levels: string[]; schoolYears: number[]; maxPartySize: number; full: boolean }
type Session = { id: string; title: string; when: string; room: string; free: number }

const LEVELS = ['VMBO_BB', 'VMBO_KB', 'VMBO_GT', 'HAVO', 'VWO', 'MBO', 'OTHER'] as const
const ROLES = ['DECAAN', 'MENTOR', 'TEACHER', 'OTHER'] as const

/** The public registration form (phone first): audience, the fields it asks, sessions to pick. */
export function RegisterForm({ eventId, audiences, sessions, schools, keeper, purgeAfterDays }: { eventId: string; audiences: Audience[]; sessions: Session[]; schools: { id: string; name: string }[]; keeper: string; purgeAfterDays: number }) {
  const t = useTranslations('registration.form')
  const tr = useTranslations('registration')
  const ts = useTranslations('slots')
  const trpc = useTRPC()
  const register = useMutation(trpc.registration.register.mutationOptions())
  const [audience, setAudience] = useState<Audience['kind']>(audiences[0]?.kind ?? 'PUPIL')
  const [picked, setPicked] = useState<string[]>(sessions.length === 1 ? [sessions[0]!.id] : [])
  const [status, setStatus] = useState<{ error?: string; success?: string }>({})
  const [issues, setIssues] = useState<Record<string, string>>({})
  const a = audiences.find((x) => x.kind === audience)
  const levels = a?.levels.length ? a.levels : LEVELS
  const years = a?.schoolYears.length ? a.schoolYears : [1, 2, 3, 4, 5, 6]

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const f = new FormData(e.currentTarget)
    const get = (k: string) => (f.get(k) as string | null) ?? undefined
    setStatus({})
    setIssues({})
    try {
      const r = await register.mutateAsync({
        eventId,
        audience,
        name: get('name') ?? '',
        email: get('email') ?? '',
        schoolId: get('schoolId'),
        schoolOther: get('schoolOther'),
        level: get('level') as never,
        year: get('year') ? Number(get('year')) : undefined,
        partySize: get('partySize') ? Number(get('partySize')) : 1,
        role: get('role') as never,
        sessionIds: picked,
      })
      const waitlisted = r.seats.every((s) => s.status === 'WAITLISTED')
      setStatus({ success: waitlisted ? t('waitlisted') : t('done') })
    } catch (err) {
      setIssues(fieldIssues(err))
      setStatus({ error: applyServerError(err) })
    }
  }

  if (status.success)
    return (
      <div data-testid="registration-done">
        <FormStatus success={status.success} />
      </div>
    )
  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 font-medium">{t('audience')}</legend>
        {audiences.map((x) => (
          <label key={x.kind} className="flex items-center gap-2">
            <input type="radio" name="audience" value={x.kind} checked={audience === x.kind} onChange={() => setAudience(x.kind)} disabled={x.full} />
            {tr(`audienceOne.${x.kind}`)}
            {x.full ? ` (${t('full')})` : ''}
          </label>
        ))}
      </fieldset>
      <TextField label={t('name')} name="name" autoComplete="name" required error={issues.name} />
      <TextField label={t('email')} name="email" type="email" autoComplete="email" required error={issues.email} />
      {audience !== 'PARENT' ? (
        <>
          <SelectField label={t('school')} name="schoolId" required placeholder={t('choose')} options={[...schools.map((s) => ({ value: s.id, label: s.name })), { value: 'other', label: t('otherSchool') }]} error={issues.schoolId} />
          <TextField label={t('schoolOther')} name="schoolOther" hint={t('schoolOtherHint')} error={issues.schoolOther} />
        </>
      ) : (
        <TextField label={t('partySize')} name="partySize" type="number" min={1} max={a?.maxPartySize ?? 1} defaultValue={1} required hint={t('partySizeHint', { max: a?.maxPartySize ?? 1 })} error={issues.partySize} />
      )}
      {audience === 'PUPIL' ? (
        <>
          <SelectField label={t('level')} name="level" required placeholder={t('choose')} options={levels.map((l) => ({ value: l, label: ts(`pupilLevels.${l}`) }))} error={issues.level} />
          <SelectField label={t('year')} name="year" required placeholder={t('choose')} options={years.map((y) => ({ value: String(y), label: String(y) }))} error={issues.year} />
        </>
      ) : null}
      {audience === 'PROFESSIONAL' ? <SelectField label={t('role')} name="role" required placeholder={t('choose')} options={ROLES.map((r) => ({ value: r, label: tr(`roles.${r}`) }))} error={issues.role} /> : null}
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 font-medium">{t('sessions')}</legend>
        {sessions.map((s) => (
          <label key={s.id} className="flex items-start gap-2 rounded-md border border-slate-300 p-2">
            <input type="checkbox" className="mt-1" checked={picked.includes(s.id)} onChange={(e) => setPicked(e.target.checked ? [...picked, s.id] : picked.filter((x) => x !== s.id))} />
            <span>
              <span className="font-medium">{s.title}</span>
              <br />
              <span className="text-sm">
                {s.when}
                {s.room ? ` · ${s.room}` : ''} · {s.free > 0 ? t('free', { count: s.free }) : t('fullWaitlist')}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      <PrivacyNotice kind="event" keeper={keeper} days={purgeAfterDays} />
      <FormStatus error={status.error} />
      <Button type="submit" disabled={register.isPending}>
        {t('submit')}
      </Button>
    </form>
  )
}

/** The registrant's buttons on their link page: confirm, accept/decline an offered place, cancel a seat or all. */
export function RegistrationActions({ token, confirmed, seats }: { token: string; confirmed: boolean; seats: { id: string; status: string; title: string }[] }) {
  const t = useTranslations('registration.link')
  const trpc = useTRPC()
  const confirm = useMutation(trpc.registration.confirm.mutationOptions())
  const cancel = useMutation(trpc.registration.cancelMine.mutationOptions())
  const accept = useMutation(trpc.registration.acceptOffer.mutationOptions())
  const decline = useMutation(trpc.registration.declineOffer.mutationOptions())
  const [status, setStatus] = useState<{ error?: string; success?: string }>({})
  const run = async (fn: () => Promise<unknown>, success: string) => {
    setStatus({})
    try {
      await fn()
      setStatus({ success })
      window.location.reload()
    } catch (err) {
      setStatus({ error: applyServerError(err) })
    }
  }
  const active = seats.filter((s) => ['PENDING', 'CONFIRMED', 'WAITLISTED', 'OFFERED'].includes(s.status))
  return (
    <div className="flex flex-col gap-3">
      <FormStatus error={status.error} success={status.success} />
      <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap">
        {!confirmed || seats.some((s) => s.status === 'PENDING') ? <Button onClick={() => run(() => confirm.mutateAsync({ token }), t('confirmed'))}>{t('confirm')}</Button> : null}
        {seats
          .filter((s) => s.status === 'OFFERED')
          .map((s) => (
            <span key={s.id} className="flex gap-2">
              <Button onClick={() => run(() => accept.mutateAsync({ token, seatId: s.id }), t('done'))}>{t('accept', { session: s.title })}</Button>
              <Button variant="secondary" onClick={() => run(() => decline.mutateAsync({ token, seatId: s.id }), t('done'))}>
                {t('decline')}
              </Button>
            </span>
          ))}
        {active.length ? (
          <Button variant="danger" onClick={() => window.confirm(t('cancelAsk')) && run(() => cancel.mutateAsync({ token }), t('done'))}>
            {t('cancelAll')}
          </Button>
        ) : null}
      </div>
    </div>
  )
}
