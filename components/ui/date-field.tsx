'use client'
import 'react-day-picker/style.css'
import clsx from 'clsx'
import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { useLocale, useTranslations } from 'next-intl'
import dynamic from 'next/dynamic'
import { FieldShell, useIssueText } from './field'
import { formatDateInput, parseDateInput, parseTimeInput } from './date-input'

// The calendar (react-day-picker + date-fns, ~20 kB gzip) loads when its button is first pressed (fetched early on
// hover/focus), not with the page: a date field is a text field first.
const loadPanel = () => import('./date-picker-panel')
const DatePickerPanel = dynamic(() => loadPanel().then((m) => m.DatePickerPanel), { ssr: false, loading: () => <div aria-busy="true" className="h-72 w-72 max-w-full" /> })

/**
 * Date (and time) fields that follow the UI language, not the browser's: the native <input type="date"> shows
 * mm/dd/yyyy in a Dutch page on an American browser. A text field in the locale's order (nl dd-mm-jjjj,
 * en dd/mm/yyyy) with a calendar button (react-day-picker, keyboard-accessible, localised).
 *
 * Value contract as the native inputs: ISO `yyyy-MM-dd` (DateTimeField: `yyyy-MM-ddTHH:mm`, TimeField: `HH:mm`);
 * '' when empty; text that cannot be read is passed on as typed, so the form's schema rejects it instead of
 * silently treating it as empty, and the field shows its own translated message. With `name` a hidden input
 * carries the value for plain (GET/POST) forms.
 */
type Common = { label: ReactNode; hint?: ReactNode; error?: string; required?: boolean; className?: string; name?: string; disabled?: boolean; onBlur?: () => void }
type ValueProps = { value?: string; defaultValue?: string; onChange?: (value: string) => void }

const input = 'min-w-0 w-full rounded-md border border-slate-500 bg-white px-3 py-2 text-sm text-slate-900 aria-[invalid=true]:border-red-700'

/** Controlled-or-uncontrolled text state over an external ISO value. */
function useTextValue(value: string | undefined, defaultValue: string | undefined, toText: (v: string) => string, onChange?: (v: string) => void) {
  const [own, setOwn] = useState(value ?? defaultValue ?? '')
  const current = value ?? own
  const [text, setText] = useState(() => toText(current))
  const last = useRef(current)
  // The value changed from outside (a reset, a default filled in): show it.
  useEffect(() => {
    if (current !== last.current) {
      last.current = current
      setText(toText(current))
    }
  }, [current, toText])
  const emit = (v: string) => {
    last.current = v
    setOwn(v)
    onChange?.(v)
  }
  return { current, text, setText, emit }
}

export function DateField({ label, hint, error, required, className, name, disabled, onBlur, value, defaultValue, onChange, min, max }: Common & ValueProps & { min?: string; max?: string }) {
  const locale = useLocale() === 'en' ? 'en' : 'nl'
  const t = useTranslations('dateField')
  const toText = (v: string) => formatDateInput(v, locale)
  const { current, text, setText, emit } = useTextValue(value, defaultValue, toText, onChange)
  const [touched, setTouched] = useState(false)
  const parsed = parseDateInput(text, locale)
  const own = touched && text.trim() !== '' && parsed === null ? t('invalid', { format: t('format') }) : undefined
  return (
    <FieldShell label={label} hint={hint ? <>{hint} {t('hint', { format: t('format') })}</> : t('hint', { format: t('format') })} error={own ?? error} required={required} className={className}>
      {({ id, describedBy }) => (
        <div className="flex gap-2">
          <input
            id={id}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            placeholder={t('format')}
            aria-describedby={describedBy}
            aria-invalid={own || error ? true : undefined}
            required={required}
            disabled={disabled}
            className={input}
            value={text}
            onChange={(e) => {
              setText(e.target.value)
              const p = parseDateInput(e.target.value, locale)
              emit(e.target.value.trim() === '' ? '' : (p ?? e.target.value))
            }}
            onBlur={() => {
              setTouched(true)
              if (parsed) setText(formatDateInput(parsed, locale))
              onBlur?.()
            }}
          />
          {name ? <input type="hidden" name={name} value={current} /> : null}
          <CalendarButton
            locale={locale}
            disabled={disabled}
            selected={parsed ?? undefined}
            min={min}
            max={max}
            onPick={(iso) => {
              setText(formatDateInput(iso, locale))
              setTouched(true)
              emit(iso)
            }}
            returnFocusTo={id}
          />
        </div>
      )}
    </FieldShell>
  )
}

/** 24-hour time as text ("14:30", also "1430" or "9.15"), whatever the browser's clock convention. */
export function TimeField({ label, hint, error, required, className, name, disabled, onBlur, value, defaultValue, onChange }: Common & ValueProps) {
  const t = useTranslations('dateField')
  const toText = (v: string) => v
  const { current, text, setText, emit } = useTextValue(value, defaultValue, toText, onChange)
  const [touched, setTouched] = useState(false)
  const parsed = parseTimeInput(text)
  const own = touched && text.trim() !== '' && parsed === null ? t('invalidTime') : undefined
  return (
    <FieldShell label={label} hint={hint} error={own ?? error} required={required} className={className}>
      {({ id, describedBy }) => (
        <>
          <input
            id={id}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            placeholder={t('timeFormat')}
            aria-describedby={describedBy}
            aria-invalid={own || error ? true : undefined}
            required={required}
            disabled={disabled}
            className={input}
            value={text}
            onChange={(e) => {
              setText(e.target.value)
              emit(e.target.value.trim() === '' ? '' : (parseTimeInput(e.target.value) ?? e.target.value))
            }}
            onBlur={() => {
              setTouched(true)
              if (parsed) setText(parsed)
              onBlur?.()
            }}
          />
          {name ? <input type="hidden" name={name} value={current} /> : null}
        </>
      )}
    </FieldShell>
  )
}

/** Date + time as `yyyy-MM-ddTHH:mm` (the datetime-local contract). Both parts empty → ''. */
export function DateTimeField({ label, hint, error, required, className, name, disabled, onBlur, value, defaultValue, onChange }: Common & ValueProps) {
  const t = useTranslations('dateField')
  const [own, setOwn] = useState(value ?? defaultValue ?? '')
  const current = value ?? own
  const [date, setDate] = useState(current.slice(0, 10))
  const [time, setTime] = useState(current.slice(11, 16))
  const last = useRef(current)
  useEffect(() => {
    if (current !== last.current) {
      last.current = current
      setDate(current.slice(0, 10))
      setTime(current.slice(11, 16))
    }
  }, [current])
  const emit = (d: string, tm: string) => {
    const v = d === '' && tm === '' ? '' : `${d}T${tm}`
    last.current = v
    setOwn(v)
    onChange?.(v)
  }
  const groupId = useId()
  return (
    <fieldset className={clsx('flex min-w-0 flex-col gap-1', className)} aria-describedby={error ? `${groupId}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-900">
        {label}
        {required ? <span aria-hidden="true" className="text-red-700"> *</span> : null}
      </legend>
      {hint ? <p className="text-xs text-slate-700">{hint}</p> : null}
      <div className="grid grid-cols-1 gap-2 sm:grid-cols-[2fr_1fr]">
        <DateField label={t('date')} required={required} disabled={disabled} value={date} onBlur={onBlur} onChange={(d) => (setDate(d), emit(d, time))} />
        <TimeField label={t('time')} required={required} disabled={disabled} value={time} onBlur={onBlur} onChange={(tm) => (setTime(tm), emit(date, tm))} />
      </div>
      {name ? <input type="hidden" name={name} value={current} /> : null}
      {error ? <FieldError id={`${groupId}-error`} error={error} /> : null}
    </fieldset>
  )
}

function FieldError({ id, error }: { id: string; error: string }) {
  const text = useIssueText()(error)
  return (
    <p id={id} className="text-sm text-red-700">
      {text}
    </p>
  )
}

function CalendarButton({ locale, selected, onPick, disabled, min, max, returnFocusTo }: { locale: 'nl' | 'en'; selected?: string; onPick: (iso: string) => void; disabled?: boolean; min?: string; max?: string; returnFocusTo: string }) {
  const t = useTranslations('dateField')
  const [open, setOpen] = useState(false)
  const button = useRef<HTMLButtonElement>(null)
  const panel = useRef<HTMLDivElement>(null)
  const dialogId = useId()
  useEffect(() => {
    if (!open) return
    const onDown = (e: MouseEvent) => {
      if (!panel.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpen(false)
    }
    document.addEventListener('mousedown', onDown)
    return () => document.removeEventListener('mousedown', onDown)
  }, [open])
  const day = selected ? isoToLocalDate(selected) : undefined
  const close = (focus: 'button' | 'input') => {
    setOpen(false)
    if (focus === 'button') button.current?.focus()
    else document.getElementById(returnFocusTo)?.focus()
  }
  return (
    <div className="relative shrink-0">
      <button
        ref={button}
        type="button"
        disabled={disabled}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? dialogId : undefined}
        onClick={() => setOpen((o) => !o)}
        onPointerEnter={() => void loadPanel()}
        onFocus={() => void loadPanel()}
        className="flex h-full items-center rounded-md border border-slate-500 bg-white px-2 text-slate-900 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 disabled:opacity-50"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="1.6">
          <rect x="3" y="4.5" width="14" height="12.5" rx="1.5" />
          <path d="M3 8.5h14M7 2.5v4M13 2.5v4" />
        </svg>
        <span className="sr-only">{t('choose')}</span>
      </button>
      {open ? (
        <div
          ref={panel}
          id={dialogId}
          role="dialog"
          aria-label={t('choose')}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation()
              close('button')
            }
          }}
          className="absolute right-0 z-30 mt-1 max-w-[calc(100vw-1rem)] rounded-md border border-slate-400 bg-white p-2 shadow-lg [--rdp-accent-color:var(--color-blue-800)] [--rdp-accent-background-color:var(--color-blue-50)] [--rdp-day-height:2.5rem] [--rdp-day-width:2.5rem] [--rdp-day_button-height:2.375rem] [--rdp-day_button-width:2.375rem]"
        >
          <DatePickerPanel
            locale={locale}
            selected={day}
            min={min ? isoToLocalDate(min) : undefined}
            max={max ? isoToLocalDate(max) : undefined}
            onPick={(d) => {
              onPick(localDateToIso(d))
              close('input')
            }}
          />
        </div>
      ) : null}
    </div>
  )
}

function isoToLocalDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number)
  return new Date(y!, m! - 1, d!)
}
function localDateToIso(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}
