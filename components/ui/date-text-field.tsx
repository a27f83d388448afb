'use client'
import 'react-day-picker/style.css'
import { useEffect, useId, useRef, useState, type ReactNode, type Ref } from 'react'
import dynamic from 'next/dynamic'
import { formatDateInput, parseDateInput } from './date-input'
import { FieldFrame } from './field-frame'

// The calendar (react-day-picker + date-fns, ~20 kB gzip) loads when its button is first pressed (fetched early on
// hover/focus), not with the page: a date field is a text field first.
const loadPanel = () => import('./date-picker-panel')
const DatePickerPanel = dynamic(() => loadPanel().then((m) => m.DatePickerPanel), { ssr: false, loading: () => <div aria-busy="true" className="h-72 w-72 max-w-full" /> })

export const dateInputClass = 'min-w-0 w-full rounded-md border border-slate-500 bg-white px-3 py-2 text-sm text-slate-900 aria-[invalid=true]:border-red-700'
const input = dateInputClass

/** The texts of a date field, already translated (components/ui/date-field passes next-intl's; a server page its own). */
export type DateFieldStrings = { format: string; hint: string; invalid: string; choose: string }
type DateTextFieldProps = {
  label: ReactNode
  hint?: ReactNode
  /** Already translated. */
  error?: string
  required?: boolean
  className?: string
  name?: string
  disabled?: boolean
  onBlur?: () => void
  value?: string
  defaultValue?: string
  onChange?: (value: string) => void
  min?: string
  max?: string
  locale: 'nl' | 'en'
  strings: DateFieldStrings
  /** The text input (react-hook-form's Controller `field.ref`: a refused submit focuses the field in error). */
  ref?: Ref<HTMLInputElement>
}

/** Controlled-or-uncontrolled text state over an external ISO value. */
export function useTextValue(value: string | undefined, defaultValue: string | undefined, toText: (v: string) => string, onChange?: (v: string) => void) {
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

/**
 * The date field of ./date-field without next-intl: texts come as props, so a server-rendered page (the public slot
 * search) can use it without shipping next-intl's client and the message catalogue. Same markup as FieldShell.
 */
export function DateTextField({ label, hint, error, required, className, name, disabled, onBlur, value, defaultValue, onChange, min, max, locale, strings, ref }: DateTextFieldProps) {
  const toText = (v: string) => formatDateInput(v, locale)
  const { current, text, setText, emit } = useTextValue(value, defaultValue, toText, onChange)
  const [touched, setTouched] = useState(false)
  const parsed = parseDateInput(text, locale)
  const own = touched && text.trim() !== '' && parsed === null ? strings.invalid : undefined
  const issue = own ?? error
  return (
    <FieldFrame label={label} hint={hint ? <>{hint} {strings.hint}</> : strings.hint} error={issue} required={required} className={className}>
      {({ id, describedBy }) => (
        <div className="flex gap-2">
          <input
            ref={ref}
            id={id}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            placeholder={strings.format}
            aria-describedby={describedBy}
            aria-invalid={issue ? true : undefined}
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
            chooseLabel={strings.choose}
          />
        </div>
      )}
    </FieldFrame>
  )
}

function CalendarButton({ locale, selected, onPick, disabled, min, max, returnFocusTo, chooseLabel }: { locale: 'nl' | 'en'; selected?: string; onPick: (iso: string) => void; disabled?: boolean; min?: string; max?: string; returnFocusTo: string; chooseLabel: string }) {
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
        <span className="sr-only">{chooseLabel}</span>
      </button>
      {open ? (
        <div
          ref={panel}
          id={dialogId}
          role="dialog"
          aria-label={chooseLabel}
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
