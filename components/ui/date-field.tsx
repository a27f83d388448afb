'use client'
import clsx from 'clsx'
import { useEffect, useId, useImperativeHandle, useRef, useState, type ReactNode, type Ref } from 'react'
import { useTranslations } from 'next-intl'
import { useUiLocale } from '@/components/ui/use-ui-locale'
import { FieldShell, useIssueText } from './field'
import { parseTimeInput } from './date-input'
import { DateTextField, dateInputClass as input, useTextValue } from './date-text-field'

/**
 * Date (and time) fields that follow the UI language, not the browser's: the native <input type="date"> shows
 * mm/dd/yyyy in a Dutch page on an American browser. A text field in the locale's order (nl dd-mm-jjjj,
 * en dd/mm/yyyy) with a calendar button (react-day-picker, keyboard-accessible, localised).
 *
 * Value contract as the native inputs: ISO `yyyy-MM-dd` (DateTimeField: `yyyy-MM-ddTHH:mm`, TimeField: `HH:mm`);
 * '' when empty; text that cannot be read is passed on as typed, so the form's schema rejects it instead of
 * silently treating it as empty, and the field shows its own translated message. With `name` a hidden input
 * carries the value for plain (GET/POST) forms.
 *
 * In a react-hook-form Controller pass `ref={field.ref}`: a refused submit then focuses the field in error
 * (shouldFocusError), as it does for registered inputs; without it focus stayed on the submit button.
 */
type Common = { label: ReactNode; hint?: ReactNode; error?: string; required?: boolean; className?: string; name?: string; disabled?: boolean; onBlur?: () => void }
type ValueProps = { value?: string; defaultValue?: string; onChange?: (value: string) => void }

export function DateField({ label, hint, error, required, className, name, disabled, onBlur, value, defaultValue, onChange, min, max, ref }: Common & ValueProps & { min?: string; max?: string; ref?: Ref<HTMLInputElement> }) {
  const locale = useUiLocale()
  const t = useTranslations('dateField')
  const format = t('format')
  const strings = { format, hint: t('hint', { format }), invalid: t('invalid', { format }), choose: t('choose') }
  return <DateTextField {...{ label, hint, required, className, name, disabled, onBlur, value, defaultValue, onChange, min, max, locale, strings, ref }} error={useIssueText()(error)} />
}

/** 24-hour time as text ("14:30", also "1430" or "9.15"), whatever the browser's clock convention. */
export function TimeField({ label, hint, error, required, className, name, disabled, onBlur, value, defaultValue, onChange, ref }: Common & ValueProps & { ref?: Ref<HTMLInputElement> }) {
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
            ref={ref}
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

/**
 * Which part of a date + time a refused value needs first: the date when it is empty or not a date, else the time
 * when it is empty or not a time, else (the whole was refused, e.g. in the past) the date, the first.
 */
export function partToFix(date: string, time: string): 'date' | 'time' {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && !/^\d{2}:\d{2}$/.test(time) ? 'time' : 'date'
}

/**
 * Date + time as `yyyy-MM-ddTHH:mm` (the datetime-local contract). Both parts empty → ''. `ref` (a Controller's
 * `field.ref`) gets a handle whose focus() goes to the part to fix (partToFix).
 */
export function DateTimeField({ label, hint, error, required, className, name, disabled, onBlur, value, defaultValue, onChange, ref }: Common & ValueProps & { ref?: Ref<{ focus: () => void }> }) {
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
  const dateInput = useRef<HTMLInputElement>(null)
  const timeInput = useRef<HTMLInputElement>(null)
  useImperativeHandle(ref, () => ({ focus: () => (partToFix(date, time) === 'time' ? timeInput : dateInput).current?.focus() }), [date, time])
  return (
    <fieldset className={clsx('flex min-w-0 flex-col gap-1', className)} aria-describedby={error ? `${groupId}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-900">
        {label}
        {required ? <span aria-hidden="true" className="text-red-700"> *</span> : null}
      </legend>
      {hint ? <p className="text-xs text-slate-700">{hint}</p> : null}
      <div className="grid grid-cols-1 gap-2 sm:grid-cols-[2fr_1fr]">
        <DateField ref={dateInput} label={t('date')} required={required} disabled={disabled} value={date} onBlur={onBlur} onChange={(d) => (setDate(d), emit(d, time))} />
        <TimeField ref={timeInput} label={t('time')} required={required} disabled={disabled} value={time} onBlur={onBlur} onChange={(tm) => (setTime(tm), emit(date, tm))} />
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
