'use client'
import { useActionState, type ReactNode } from 'react'
import { Alert } from '@/components/ui/alert'
import { keepValuesOnSubmit } from '@/components/ui/keep-values-on-submit'
import { FieldFrame } from '@/components/ui/field-frame'
import { Button } from '@/components/ui/button'
import { useFocusWhenNew } from '@/components/ui/focus-when-new'
import { ASKED_OF } from '@/server/registration/form-input'
import type { RegisterState } from './actions'

type AudienceKind = 'PUPIL' | 'PARENT' | 'PROFESSIONAL'
type Option = { value: string; label: string }
export type RegisterAudience = { kind: AudienceKind; label: string; full: boolean; maxPartySize: number; partySizeHint: string; levels: Option[]; years: Option[] }
export type RegisterSession = { id: string; title: string; detail: string }
export type RegisterTexts = {
  audience: string
  name: string
  email: string
  school: string
  choose: string
  schoolOther: string
  schoolOtherHint: string
  partySize: string
  level: string
  year: string
  role: string
  sessions: string
  submit: string
}

const control = 'min-w-0 max-w-full rounded-md border border-slate-500 bg-white px-3 py-2 text-sm text-slate-900 aria-[invalid=true]:border-red-700'

/**
 * Hides a field while an audience radio that does not ask it is checked: CSS only (`:has()` on the form), so it works
 * before hydration and without JavaScript, and costs no script. Written out in full (Tailwind finds classes in the
 * source). A browser without `:has()` shows every field; the server still reads only the chosen audience's.
 */
const HIDDEN_WHEN: Record<AudienceKind, string> = {
  PUPIL: 'group-has-[[name=audience][value=PUPIL]:checked]/register:hidden',
  PARENT: 'group-has-[[name=audience][value=PARENT]:checked]/register:hidden',
  PROFESSIONAL: 'group-has-[[name=audience][value=PROFESSIONAL]:checked]/register:hidden',
}
const AUDIENCE_KINDS: AudienceKind[] = ['PUPIL', 'PARENT', 'PROFESSIONAL']
/** The classes that hide a field asked only of `asked` (ASKED_OF: the server reads it only for those). */
const shownFor = (asked: readonly AudienceKind[]) => AUDIENCE_KINDS.filter((k) => !asked.includes(k)).map((k) => HIDDEN_WHEN[k]).join(' ')

/**
 * The public registration form (phone first): audience, the fields it asks, sessions to pick. Texts and options come
 * translated from the page and the form posts to a server action (`action`), so the page ships no tRPC client,
 * react-query, zod or message catalogue. Every audience's fields are in the server's HTML and the chosen audience's
 * are shown by CSS (`HIDDEN_WHEN`), so the form works the same without JavaScript (a parent gets the party-size field
 * before or without hydration). The form is `noValidate` and audience-specific fields carry `aria-required`, not
 * `required`: a hidden field never blocks the submit; the server checks what the chosen audience must give and
 * answers in words. Issues come back translated per field; what was filled in stays: with JavaScript the submit does
 * not reset the form, without it the refused state's `values` (the chosen audience among them) are the fields'
 * defaults. After registering the result replaces the form (without JavaScript the action redirects to the result
 * page instead). `children`: the privacy notice.
 */
export function RegisterForm({
  action,
  eventId,
  audiences,
  sessions,
  schools,
  roles,
  texts,
  children,
}: {
  action: (state: RegisterState, form: FormData) => Promise<RegisterState>
  eventId: string
  audiences: RegisterAudience[]
  sessions: RegisterSession[]
  /** The schools to pick from, "other school" last. */
  schools: Option[]
  roles: Option[]
  texts: RegisterTexts
  children?: ReactNode
}) {
  const [state, dispatch, pending] = useActionState(action, { kind: 'idle' })
  const failed = state.kind === 'error' ? state : null
  // What a refused submit sent: the fields' defaults (without JavaScript the page is rendered anew from this state).
  const values = failed?.values ?? {}
  // The audience sent, else the first audience with room (a full one cannot be picked).
  const chosen = audiences.find((x) => x.kind === values.audience && !x.full)?.kind ?? audiences.find((x) => !x.full)?.kind
  const asks = (field: keyof typeof ASKED_OF) => audiences.some((x) => (ASKED_OF[field] as readonly AudienceKind[]).includes(x.kind))
  const parent = audiences.find((x) => x.kind === 'PARENT')
  const pupil = audiences.find((x) => x.kind === 'PUPIL')
  // A new result takes focus: the submit button was disabled while the request ran, or the form gave way to the result.
  const resultRef = useFocusWhenNew<HTMLDivElement>(state.kind === 'idle' ? null : state)
  if (state.kind === 'done')
    return (
      <div data-testid="registration-done">
        <Alert tone="success" focusRef={resultRef}>
          {state.message}
        </Alert>
      </div>
    )
  const issues = failed?.issues ?? {}
  return (
    <form
      action={dispatch}
      onSubmit={keepValuesOnSubmit(dispatch)}
      className="group/register flex flex-col gap-4"
      noValidate
    >
      <input type="hidden" name="eventId" value={eventId} />
      {/* The summary first: without JavaScript the page comes back at its top, with JavaScript it takes focus. */}
      {failed ? (
        <Alert tone="error" focusRef={resultRef}>
          {failed.message}
        </Alert>
      ) : null}
      <fieldset className="flex flex-col gap-2" aria-describedby={issues.audience ? 'register-audience-error' : undefined}>
        <legend className="mb-1 font-medium">{texts.audience}</legend>
        {audiences.map((x) => (
          <label key={x.kind} className="flex items-center gap-2">
            <input type="radio" name="audience" value={x.kind} defaultChecked={x.kind === chosen} disabled={x.full} />
            {x.label}
          </label>
        ))}
        {issues.audience ? (
          <p id="register-audience-error" className="text-sm text-red-700">
            {issues.audience}
          </p>
        ) : null}
      </fieldset>
      <Field label={texts.name} required error={issues.name}>
        {(p) => <input {...p} name="name" autoComplete="name" required defaultValue={values.name} />}
      </Field>
      <Field label={texts.email} required error={issues.email}>
        {(p) => <input {...p} name="email" type="email" autoComplete="email" required defaultValue={values.email} />}
      </Field>
      {asks('schoolId') ? (
        <>
          <Field label={texts.school} required error={issues.schoolId} className={shownFor(ASKED_OF.schoolId)}>
            {(p) => <Select {...p} name="schoolId" aria-required placeholder={texts.choose} options={schools} value={values.schoolId} />}
          </Field>
          <Field label={texts.schoolOther} hint={texts.schoolOtherHint} error={issues.schoolOther} className={shownFor(ASKED_OF.schoolId)}>
            {(p) => <input {...p} name="schoolOther" defaultValue={values.schoolOther} />}
          </Field>
        </>
      ) : null}
      {parent ? (
        <Field label={texts.partySize} hint={parent.partySizeHint} required error={issues.partySize} className={shownFor(ASKED_OF.partySize)}>
          {(p) => <input {...p} name="partySize" type="number" inputMode="numeric" min={1} max={parent.maxPartySize} defaultValue={values.partySize ?? 1} aria-required />}
        </Field>
      ) : null}
      {pupil ? (
        <>
          <Field label={texts.level} required error={issues.level} className={shownFor(ASKED_OF.level)}>
            {(p) => <Select {...p} name="level" aria-required placeholder={texts.choose} options={pupil.levels} value={values.level} />}
          </Field>
          <Field label={texts.year} required error={issues.year} className={shownFor(ASKED_OF.level)}>
            {(p) => <Select {...p} name="year" aria-required placeholder={texts.choose} options={pupil.years} value={values.year} />}
          </Field>
        </>
      ) : null}
      {asks('role') ? (
        <Field label={texts.role} required error={issues.role} className={shownFor(ASKED_OF.role)}>
          {(p) => <Select {...p} name="role" aria-required placeholder={texts.choose} options={roles} value={values.role} />}
        </Field>
      ) : null}
      <fieldset className="flex flex-col gap-2" aria-describedby={issues.sessionIds ? 'register-sessions-error' : undefined}>
        <legend className="mb-1 font-medium">{texts.sessions}</legend>
        {sessions.map((s) => (
          <label key={s.id} className="flex items-start gap-2 rounded-md border border-slate-300 p-2">
            <input type="checkbox" name="sessionIds" value={s.id} className="mt-1" defaultChecked={failed ? failed.sessionIds.includes(s.id) : sessions.length === 1} aria-invalid={issues.sessionIds ? true : undefined} />
            <span>
              <span className="font-medium">{s.title}</span>
              <br />
              <span className="text-sm">{s.detail}</span>
            </span>
          </label>
        ))}
        {issues.sessionIds ? (
          <p id="register-sessions-error" className="text-sm text-red-700">
            {issues.sessionIds}
          </p>
        ) : null}
      </fieldset>
      {children}
      <div>
        <Button type="submit" disabled={pending}>
          {texts.submit}
        </Button>
      </div>
    </form>
  )
}

type ControlProps = { id: string; className: string; 'aria-describedby'?: string; 'aria-invalid'?: true }

/** Label, hint, control, issue (already translated by the server): the shared field frame; `className` on its frame. */
function Field({ label, hint, required, error, className, children }: { label: string; hint?: string; required?: boolean; error?: string; className?: string; children: (p: ControlProps) => ReactNode }) {
  return (
    <FieldFrame label={label} hint={hint} required={required} error={error} className={className}>
      {({ id, describedBy }) => children({ id, className: control, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
    </FieldFrame>
  )
}

/** A choice; `value`: what a refused submit sent (its default; the placeholder when none). */
function Select({ placeholder, options, value, ...rest }: ControlProps & { name: string; 'aria-required'?: boolean; placeholder: string; options: Option[]; value?: string }) {
  return (
    <select {...rest} defaultValue={value ?? ''}>
      <option value="">{placeholder}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  )
}
